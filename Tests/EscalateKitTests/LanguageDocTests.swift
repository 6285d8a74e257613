import EscalateKit
import Testing

/// Runs every example in `docs/language.md`, so the specification cannot drift from the engine.
///
/// - ```` ```check ```` blocks: lines of `expression | cells | result`, evaluated on a record
///   with report date 1 Oct 2024 and compared with the value as a message shows it;
/// - ```` ```escalate ```` blocks: rule files that must check without a diagnostic;
/// - ```` ```escalate-error ```` blocks: a rule file, `---`, then the exact diagnostics.
@Suite struct LanguageDocTests {
  struct Block: Sendable, CustomTestStringConvertible {
    var kind: String
    var line: Int
    var text: String
    var testDescription: String { "\(kind) block at docs/language.md:\(line)" }
  }

  static let blocks: [Block] = {
    guard let doc = try? Repository.read("docs/language.md") else { return [] }
    var blocks: [Block] = []
    var current: Block?
    for (number, line) in doc.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if var block = current {
        if line == "```" {
          blocks.append(block)
          current = nil
        } else {
          block.text += line + "\n"
          current = block
        }
      } else if line.hasPrefix("```"), ["check", "escalate", "escalate-error"].contains(String(line.dropFirst(3))) {
        current = Block(kind: String(line.dropFirst(3)), line: number + 1, text: "")
      }
    }
    return blocks
  }()

  @Test func theDocumentHasExamplesOfEveryKind() {
    #expect(Set(Self.blocks.map(\.kind)) == ["check", "escalate", "escalate-error"])
    #expect(Self.blocks.count >= 9)
  }

  @Test(arguments: blocks)
  func exampleHolds(_ block: Block) throws {
    switch block.kind {
    case "check":
      for line in block.text.split(separator: "\n") {
        let columns = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0[...].trimmed) }
        try #require(columns.count == 3, "expected 'expression | cells | result' in: \(line)")
        #expect(try Self.evaluate(columns[0], cells: columns[1]) == columns[2], "\(columns[0]) on \(columns[1])")
      }
    case "escalate":
      let (ruleSet, diagnostics) = RulePack(files: [SourceFile(path: "example.rules", text: block.text)]).check()
      #expect(ruleSet != nil)
      #expect(DiagnosticRenderer().render(diagnostics) == "")
    default:
      let parts = block.text.components(separatedBy: "---\n")
      try #require(parts.count == 2, "an escalate-error block needs '---' between the rules and the diagnostics")
      let (_, diagnostics) = RulePack(files: [SourceFile(path: "example.rules", text: parts[0])]).check()
      #expect(DiagnosticRenderer().render(diagnostics) == parts[1])
    }
  }

  /// Evaluates `expression` through a one-rule pack whose message is `{expression}`.
  static func evaluate(_ expression: String, cells: String) throws -> String {
    let source = "rule doc {\n  severity info\n  when true\n  message \"{\(expression)}\"\n}\n"
    let (ruleSet, diagnostics) = RulePack(files: [SourceFile(path: "doc.rules", text: source)]).check()
    guard let ruleSet else { return "error: " + DiagnosticRenderer().render(diagnostics) }
    let compiled = Compiler.compile(ruleSet, reportDate: Day(iso: "2024-10-01")!)
    let schema = Schema.workstream
    var fields = [String](repeating: "", count: schema.columns.count)
    for pair in cells == "-" ? [] : cells.split(separator: ";") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      let column = try #require(schema.column(named: String(parts[0][...].trimmed)), "no column in '\(pair)'")
      fields[column] = parts.count > 1 ? String(parts[1]) : ""
    }
    fields[schema.idColumn] = "DOC-1"
    var decoder = try #require(
      RecordDecoder.make(
        path: "doc.csv", header: schema.columns.map(\.name), schema: schema,
        columns: Array(schema.columns.indices)
      ).decoder)
    let decoded = decoder.decode(fields, line: 2) { _ in (2, 1) }
    guard decoded.unreadable.isEmpty else { return "error: " + decoded.unreadable.map(\.message).joined() }
    return try compiled.rules[0].message(for: Cursor(decoded.record))
  }
}

extension Substring {
  fileprivate var trimmed: Substring {
    var s = self
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return s
  }
}
