/// Puts a file's comments back among its formatted lines and joins them, with the blank lines of
/// the canonical layout.
///
/// A comment on a line of its own stays above the declaration or clause that follows it, at that
/// line's indentation (inside a block, above its `}`, at the block's); a comment after code stays
/// at the end of its line. A comment inside something the formatter joins onto one line, such as
/// a list written over several lines, moves above that line, so no comment is ever lost or
/// reordered.
///
/// Blank lines: exactly one around every rule, schema and waiver; between constants and forums
/// and inside blocks, one where the source had at least one, so groups the author made stay;
/// never after `{`, before `}` or at the start or end of the file.
struct CommentPlacer {
  let file: SourceFile
  let tokens: TokenIndex

  /// The comments that go with one line.
  private struct Placement {
    /// Full-line comments before it.
    var leading: [Comment] = []
    /// Comments from inside its tokens, printed above it after `leading`.
    var inner: [Comment] = []
    /// The comment at its end.
    var trailing: Comment?
  }

  /// The text of the file: `lines` with `comments` placed, each line ending in a newline.
  func text(_ lines: [FormattedLine], comments: [Comment]) -> String {
    var placements = [Placement](repeating: Placement(), count: lines.count)
    var endOfFile: [Comment] = []
    var index = 0
    for comment in comments {
      // The line the comment is in or after: the last that starts before it.
      while index + 1 < lines.count, lines[index + 1].sourceStart <= comment.range.lowerBound { index += 1 }
      guard !lines.isEmpty, lines[index].sourceStart <= comment.range.lowerBound else {
        if lines.isEmpty { endOfFile.append(comment) } else { placements[0].leading.append(comment) }
        continue
      }
      let next = index + 1 < lines.count ? lines[index + 1].sourceStart : file.bytes.count + 1
      let contentEnd = tokens.endOfLastToken(before: next) ?? 0
      if comment.range.lowerBound < contentEnd {
        placements[index].inner.append(comment)
      } else if !comment.startsLine {
        placements[index].trailing = comment
      } else if index + 1 < lines.count {
        placements[index + 1].leading.append(comment)
      } else {
        endOfFile.append(comment)
      }
    }

    var output: [String] = []
    func blank() {
      if let last = output.last, !last.isEmpty { output.append("") }
    }
    for (index, line) in lines.enumerated() {
      let placement = placements[index]
      let previous = index > 0 ? lines[index - 1].role : nil
      let first = placement.leading.first?.range.lowerBound ?? line.sourceStart
      switch line.role {
      case .declaration(let block):
        if block || previous == .closing || blankBefore(first) { blank() }
      case .inner, .closing:
        let afterHeader = previous == .declaration(block: true)
        if !afterHeader, blankBefore(first), line.role == .inner || !placement.leading.isEmpty { blank() }
      }
      let indent = String(repeating: "  ", count: line.depth)
      // Comments before a `}` are the block's last lines, so they take its indentation.
      let commentIndent = line.role == .closing ? indent + "  " : indent
      for (offset, comment) in placement.leading.enumerated() {
        if offset > 0, blankBefore(comment.range.lowerBound) { blank() }
        output.append(commentIndent + file.text(of: comment))
      }
      if !placement.leading.isEmpty, placement.inner.isEmpty, line.role != .closing, blankBefore(line.sourceStart) {
        blank()
      }
      output += placement.inner.map { indent + file.text(of: $0) }
      output.append(indent + line.text + (placement.trailing.map { "  " + file.text(of: $0) } ?? ""))
    }
    for comment in endOfFile {
      if blankBefore(comment.range.lowerBound) { blank() }
      output.append(file.text(of: comment))
    }
    return output.isEmpty ? "" : output.joined(separator: "\n") + "\n"
  }

  /// Whether a blank line separates `offset` from the code or comment before it.
  private func blankBefore(_ offset: Int) -> Bool {
    var lineBreaks = 0
    var position = offset - 1
    while position >= 0, [9, 10, 13, 32].contains(file.bytes[position]) {
      if file.bytes[position] == 10 { lineBreaks += 1 }
      position -= 1
    }
    return lineBreaks >= 2 && position >= 0
  }
}

extension SourceFile {
  /// A comment as written, without the blanks (or the `\r` of a CRLF file) at its end.
  func text(of comment: Comment) -> String {
    var end = comment.range.upperBound
    while end > comment.range.lowerBound, [9, 13, 32].contains(bytes[end - 1]) { end -= 1 }
    return text(comment.range.lowerBound..<end)
  }
}
