import Foundation
import Testing

@testable import EscalateKit

/// A text column that the rules only test for being missing, and that no alert can show, is read
/// by a streamed check as missing or present, without its string; which columns qualify decides
/// whether any output could change.
@Suite struct PresenceOnlyTests {
  static let narrative = Schema.workstream.column(named: "narrative")!

  static let cases: [(rules: [(when: String, message: String)], presenceOnly: Bool)] = [
    ([("narrative is missing", "fired")], true),
    ([("narrative is missing and overall == Red", "fired")], true),
    ([("overall == Red and (narrative is missing and budget > £1)", "fired")], true),
    ([("narrative is missing", "fired"), ("overall == Red", "{name}")], true),
    // An alert that fires while the narrative is present shows it in its evidence.
    ([("narrative is missing or overall == Red", "fired")], false),
    ([("narrative is present", "fired")], false),
    ([("not (narrative is missing)", "fired")], false),
    ([("narrative is missing", "fired"), ("narrative is present and overall == Red", "fired")], false),
    // Its value is read, or shown.
    ([("narrative == \"TBC\"", "fired")], false),
    ([("narrative is missing", "{narrative}")], false),
    ([("narrative is missing", "fired"), ("overall == Red", "{narrative or \"none\"}")], false),
    ([("previous(narrative) is missing", "fired")], false),
    // Not read at all.
    ([("overall == Red", "fired")], false),
  ]

  @Test(arguments: cases.indices)
  func whichColumnsArePresenceOnly(case index: Int) throws {
    let (rules, expected) = Self.cases[index]
    let source = rules.enumerated().map { offset, rule in
      "rule r\(offset) {\n  severity info\n  when \(rule.when)\n  message \"\(rule.message)\"\n}\n"
    }.joined()
    let ruleSet = try EvalHarness.ruleSet(source)
    #expect(ruleSet.presenceOnlyColumns.contains(Self.narrative) == expected, "\(rules)")
  }

  @Test func theDefaultPackReadsOnlyTheNarrativesPresence() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    #expect(ruleSet.presenceOnlyColumns == [Self.narrative])
  }

  /// Narratives that are empty, blank, quoted blank, or hold only a quote: the streamed check,
  /// which reads only their presence, gives the alerts of the in-memory run, which reads them.
  @Test func aStreamedCheckGivesTheAlertsOfOneThatReadsTheText() throws {
    let narratives = ["", " ", "\t", "\" \t \"", "\"\"", "\"\"\"\"", "x", " x ", "\"Café, late\"", "\"two\nlines\""]
    var lines = [StreamingTests.header]
    for index in 0..<4_000 {
      let narrative = narratives[index % narratives.count]
      lines.append(
        "WS-\(index),Name \(index),Finance,2024-Q3,R,G,G,G,G,A,,1,1,1,,,,,2024-09-01,2024-10-05,Owner,\(narrative)")
    }
    let path = try StreamingTests.write(lines.joined(separator: "\r\n") + "\r\n", name: "narratives.csv")
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let check = Check(rules: Compiler.compile(ruleSet, reportDate: StreamingTests.reportDate))
    let outcome = check.run(paths: [path])
    #expect(!outcome.diagnostics.hasErrors)
    #expect(outcome.alerts.count { $0.rule == "missing-narrative" } == 2_000)
    var streamed: [UInt8] = []
    let stream = check.stream(
      paths: [path], into: JSONWriter(), render: { JSONLinesRenderer.write($1, to: &$0) },
      emit: { streamed += $0.bytes })
    #expect(stream?.diagnostics.isEmpty == true)
    let expected = JSONLinesRenderer().render(
      CheckReport(
        alerts: outcome.alerts, records: outcome.records, workstreams: 0, rules: [],
        reportDate: StreamingTests.reportDate))
    #expect(String(decoding: streamed, as: UTF8.self) == expected)
  }
}
