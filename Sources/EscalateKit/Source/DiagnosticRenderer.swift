/// Renders diagnostics the way the Swift compiler does: a `file:line:column: error:` line, then
/// the source line with a gutter and a caret under the offending text, with the hint beside it.
///
/// ```
/// rules/finance.rules:3:8: error: unknown column 'forcast' [unknown-column]
///   3 |   when forcast > budget * (1 + tolerance)
///     |        ^~~~~~~ did you mean 'forecast'?
/// ```
public struct DiagnosticRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The text of one diagnostic, ending in a newline.
  public func render(_ diagnostic: Diagnostic) -> String {
    var head = ""
    if let location = diagnostic.locationText { head += location + ": " }
    head += "\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id.rawValue)]\n"
    guard case .source(let range) = diagnostic.location else {
      return head + (diagnostic.hint.map { "  hint: \($0)\n" } ?? "")
    }
    let (line, column) = range.start
    // Tabs would shift the caret by a terminal-dependent amount, so they are shown as spaces.
    let text = range.file.lineText(line).map { $0 == "\t" ? " " : $0 }
    let gutter = String(line)
    let pad = String(repeating: " ", count: gutter.count)
    let lineLength = text.count
    let end = range.file.location(of: range.bytes.upperBound)
    let endColumn = end.line == line ? end.column : lineLength + 1
    let width = max(1, endColumn - column)
    var marker = String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: width - 1)
    if let hint = diagnostic.hint { marker += " " + hint }
    return head + "  \(gutter) | \(String(text))\n  \(pad) | \(marker)\n"
  }

  /// The text of several diagnostics, sorted by location.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.sortedByLocation().map(render).joined()
  }
}
