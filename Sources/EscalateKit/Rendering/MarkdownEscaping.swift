/// Data as a Markdown table cell: pipes escaped, line breaks and markup characters neutralised,
/// so a cell can neither end the table nor become a link, an image or a heading.
func markdownCell(_ text: String) -> String {
  var result = ""
  for character in text {
    switch character {
    case "|": result += "\\|"
    case "\n", "\r\n", "\r": result += " "
    case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "!": result += "\\\(character)"
    default: result.append(character)
    }
  }
  return result
}
