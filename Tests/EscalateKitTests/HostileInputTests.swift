import EscalateKit
import Foundation
import Testing

/// Inputs that once crashed escalate or flooded its output, and the located, bounded errors they
/// give now.
@Suite struct HostileInputTests {
  static func diagnostics(_ source: String) -> [Diagnostic] {
    RulePack(files: [SourceFile(path: "h.rules", text: source)]).check().diagnostics
  }

  static func rule(when condition: String) -> String {
    "rule a {\n severity info\n when \(condition)\n message \"x\"\n}\n"
  }

  @Test(arguments: [" or ", " and ", " + "])
  func aLongChainIsCappedNotACrash(link: String) {
    let terms = Array(repeating: link == " + " ? "1" : "true", count: 20_000).joined(separator: link)
    let found = Self.diagnostics(Self.rule(when: link == " + " ? "\(terms) > 0" : terms))
    #expect(found.map(\.id) == [.tooDeeplyNested])
    #expect(found.first?.locationText?.hasPrefix("h.rules:3:") == true)
  }

  /// The rule-file half of issue 9's catalogue: each either checks cleanly or is one located error.
  @Test(
    arguments: [
      HostileRule(
        "10,000 parentheses",
        rule(when: String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000)),
        [DiagnosticID.tooDeeplyNested]
      ),
      HostileRule(
        "a 1 MB string literal", rule(when: "name == \"" + String(repeating: "x", count: 1 << 20) + "\""), []),
      HostileRule(
        "a rule id of 10,000 characters",
        "rule " + String(repeating: "a", count: 10_000) + " {\n severity info\n when true\n message \"x\"\n}\n", []
      ),
      HostileRule(
        "an unknown escape", "rule a {\n severity info\n when true\n message \"x\\q\"\n}\n", [.invalidEscape]),
      HostileRule("a cycle between consts", "const a = b\nconst b = a\n" + rule(when: "a"), [.constCycle]),
      // The language has no include, so no path can lead out of the pack: the line is a syntax error.
      HostileRule(
        "an include escaping the pack", "include \"../../etc/passwd\"\n" + rule(when: "true"), [.unexpectedToken]),
    ])
  func hostileRuleFilesAreBounded(_ hostile: HostileRule) {
    #expect(Self.diagnostics(hostile.source).map(\.id) == hostile.expected)
  }

  @Test func aChainOfAHundredTermsIsFine() {
    #expect(Self.diagnostics(Self.rule(when: Array(repeating: "true", count: 100).joined(separator: " or "))).isEmpty)
  }

  @Test func junkIsAFewErrorsAndAShortLine() {
    let junk = String(repeating: "@@ ", count: 20_000)
    let found = Self.diagnostics(Self.rule(when: junk))
    #expect(found.count == Parser.maximumErrors + 1)
    #expect(found.count { $0.id == .tooManyErrors } == 1)
    let rendered = DiagnosticRenderer().render(Array(found.filter { $0.id == .unexpectedCharacter }.prefix(1)))
    #expect(rendered.count < 400, "the 60,000-character line is shown as a window")
    #expect(rendered.contains("…"))
  }

  @Test(arguments: [
    (
      "rule a {\n severity info\n when true\n suppresses a\n message \"m\"\n}\n",
      ["h.rules:4:13 rule 'a' suppresses itself"]
    ),
    (
      "rule a {\n severity info\n when true\n suppresses b\n message \"m\"\n}\n"
        + "rule b {\n severity info\n when true\n suppresses a\n message \"m\"\n}\n",
      [
        "h.rules:4:13 rule 'a' suppresses 'b', which in turn suppresses it",
        "h.rules:10:13 rule 'b' suppresses 'a', which in turn suppresses it",
      ]
    ),
  ])
  func suppressionCannotGoInACircle(source: String, expected: [String]) {
    #expect(Self.diagnostics(source).map { "\($0.locationText!) \($0.message)" } == expected)
    #expect(Self.diagnostics(source).allSatisfy { $0.id == .suppressionCycle })
  }

  @Test func schemaColumnsMatchHeadersWhateverTheirCase() throws {
    let pack = try DataFileTests.temporaryFile(
      "schema s {\n  column ID Text key\n  column Amount Money\n}\n"
        + "rule r {\n severity info\n when Amount > £5\n message \"{ID}\"\n}\n", name: "s.rules")
    let data = try DataFileTests.temporaryFile("id,AMOUNT\nX-1,£10\n", name: "s.csv")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: pack, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [data]))
    #expect(result.exitCode == 0)
    #expect(result.output.contains(#""message":"X-1""#))
  }

  @Test func twoHeadersForOneColumnAreAnError() throws {
    let data = try DataFileTests.temporaryFile("id,Escalated To,escalated-to\nW1,COG,SCCB\n", name: "d.csv")
    let result = ValidateCommand.run(paths: [data])
    #expect(result.exitCode == 2)
    #expect(
      result.output.contains(
        "error: the header has 'Escalated To' and 'escalated-to', which both mean column 'escalated_to' [duplicate-column]"
      ))
  }

  @Test func anUnreadablePeriodIsLocatedByValidateAndStrict() throws {
    let data = try DataFileTests.temporaryFile("id,name,period\nW1,One,Summer\n", name: "p.csv")
    let result = ValidateCommand.run(paths: [data])
    #expect(result.exitCode == 2)
    #expect(
      result.output.contains("p.csv:2:8: error: cannot read 'Summer' in column 'period' as a period [unreadable-value]")
    )
  }

  @Test(arguments: [
    (["check", "--strict=1", "x.csv"], "escalate: error: option '--strict' takes no value"),
    (
      ["check", "--as-of=", "x.csv"],
      "escalate: error: --as-of '' is not a date; write it as YYYY-MM-DD, e.g. 2024-10-01"
    ),
  ])
  func optionsWithEqualsAreReadAsWritten(arguments: [String], error: String) throws {
    let result = try CommandRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix(error + "\n"))
  }
}

/// A hostile rule file, named by what it is so that test logs do not print megabytes of source.
struct HostileRule: CustomTestStringConvertible, Sendable {
  var testDescription: String
  var source: String
  var expected: [DiagnosticID]

  init(_ what: String, _ source: String, _ expected: [DiagnosticID]) {
    (testDescription, self.source, self.expected) = (what, source, expected)
  }
}
