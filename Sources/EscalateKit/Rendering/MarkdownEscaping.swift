/// Data as a Markdown table cell: pipes escaped, line breaks and markup characters neutralised,
/// so a cell can neither end the table nor become a link, an image or a heading.
///
/// Works on scalars, not characters: `|` followed by a combining mark is one `Character`, which a
/// character match would pass over, but a Markdown renderer still splits the row at the `|`.
func markdownCell(_ text: String) -> String {
  var result = ""
  var previous: Unicode.Scalar?
  for scalar in text.unicodeScalars {
    defer { previous = scalar }
    switch scalar {
    case "|": result += "\\|"
    case "\n" where previous == "\r": continue
    case "\n", "\r": result += " "
    case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "!": result += "\\\(scalar)"
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}
