/// Renders diagnostics the way the Swift compiler does: a `file:line:column: error:` line, then
/// the source line with a gutter and a caret under the offending text, with the hint beside it.
///
/// ```
/// rules/finance.rules:3:8: error: unknown column 'forcast' [unknown-column]
///   3 |   when forcast > budget * (1 + tolerance)
///     |        ^~~~~~~ did you mean 'forecast'?
/// ```
public struct DiagnosticRenderer: Sendable {
  /// The most characters of a source line shown; longer lines are cut around the caret.
  static let maximumLineWidth = 120

  /// Creates a renderer.
  public init() {}

  /// The text of one diagnostic, ending in a newline.
  public func render(_ diagnostic: Diagnostic) -> String {
    var head = ""
    if let location = diagnostic.locationText { head += location + ": " }
    head += "\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id.rawValue)]\n"
    head = TerminalEscaping.escape(head)
    let hint = diagnostic.hint.map(TerminalEscaping.escape)
    guard case .source(let range) = diagnostic.location else {
      return head + (hint.map { "  hint: \($0)\n" } ?? "")
    }
    let (line, fullColumn) = range.start
    // Tabs would shift the caret by a terminal-dependent amount, so they are shown as spaces;
    // control characters are never written to a terminal raw.
    var text = range.file.lineText(line).map { character -> Character in
      if character == "\t" { return " " }
      return character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) ? character : "\u{FFFD}"
    }
    let gutter = String(line)
    let pad = String(repeating: " ", count: gutter.count)
    let end = range.file.location(of: range.bytes.upperBound)
    let endColumn = end.line == line ? end.column : text.count + 1
    // A very long line is shown as a window around the caret, so output stays proportional.
    var column = fullColumn
    if text.count > Self.maximumLineWidth {
      let first = max(0, min(column - 1 - Self.maximumLineWidth / 2, text.count - Self.maximumLineWidth))
      let window = text.dropFirst(first).prefix(Self.maximumLineWidth)
      let tail = first + window.count < text.count ? "…" : ""
      text = (first > 0 ? ["…"] : []) + Array(window) + Array(tail)
      column = column - first + (first > 0 ? 1 : 0)
    }
    let width = max(1, min(endColumn - fullColumn, text.count - column + 1))
    var marker = String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: width - 1)
    if let hint { marker += " " + hint }
    return head + "  \(gutter) | \(String(text))\n  \(pad) | \(marker)\n"
  }

  /// The text of several diagnostics, sorted by location.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.sortedByLocation().map(render).joined()
  }
}
