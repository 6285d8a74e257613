import Testing

@testable import EscalateKit

/// The default pack (`rules/*.rules`, embedded) against the edge cases of the benchmark's `rules.md`.
@Suite struct DefaultPackRuleTests {
  /// A record for the default pack: the benchmark rule it exercises, what it changes from a record that raises no
  /// alert, and every rule that must fire on it.
  struct Case: Sendable, CustomTestStringConvertible {
    var benchmark: String
    var label: String
    var changes: [String: String]
    var fired: [String]
    /// Changes to the clean record for an earlier period of the same workstream, if it has one.
    var previous: [String: String]?

    init(
      _ benchmark: String, _ label: String, _ changes: [String: String], previous: [String: String]? = nil,
      fires fired: [String]
    ) {
      self.benchmark = benchmark
      self.label = label
      self.changes = changes
      self.previous = previous
      self.fired = fired
    }

    var testDescription: String {
      "\(benchmark): \(label) → \(fired.isEmpty ? "no alert" : fired.joined(separator: ", "))"
    }
  }

  /// A return that raises no alert: every other record changes only what its case is about.
  static let clean: [String: String] = [
    "id": "WS-0000042", "name": "Alpha", "section": "Digital", "period": "2024-Q3",
    "overall": "G", "time": "G", "cost": "G", "savings": "G", "benefits": "G", "prev_overall": "G",
    "escalated_to": "", "budget": "1000000", "spend_to_date": "400000", "forecast": "1000000",
    "savings_target": "300000", "savings_achieved": "300000", "benefits_target": "2000000",
    "benefits_profiled": "2000000", "last_updated": "2024-09-15", "next_board": "2024-11-05", "owner": "Ann",
    "narrative": "On track.",
  ]

  /// The rules in pack order: files by name, rules as written.
  static let ruleIDs = [
    "stale-update", "grey-overdue", "missing-narrative", "missing-rating",
    "red-needs-senior-forum", "rag-worsened", "dimension-worsened", "red-dimension-under-green", "ambers-under-green",
    "benefits-below-target", "forecast-overspend", "savings-shortfall",
  ]

  static func outcome(_ changes: [String: String], previous: [String: String]? = nil) throws -> Check.Outcome {
    let compiled = try EvalHarness.compile(.builtIn)
    guard let previous else { return try EvalHarness.evaluate(compiled, [clean.merging(changes) { $1 }]) }
    // Two periods of one workstream; only the later raises alerts, as in a run.
    let earlier = try EvalHarness.record(
      clean.merging(["period": "2024-Q2"]) { $1 }.merging(previous) { $1 }, for: compiled.ruleSet, line: 2)
    let later = try EvalHarness.record(clean.merging(changes) { $1 }, for: compiled.ruleSet, line: 3)
    var outcome = Check.Outcome(alerts: [], records: 2, diagnostics: [])
    outcome.diagnostics = Check(rules: compiled).evaluate(
      Cursor(history: [earlier, later], index: 1), into: &outcome.alerts)
    return outcome
  }

  @Test func packHasTheTwelveRulesInOrder() throws {
    let compiled = try EvalHarness.compile(.builtIn)
    #expect(compiled.rules.map(\.rule.id) == Self.ruleIDs)
    #expect(
      compiled.rules.map(\.rule.severity) == [
        .warning, .warning, .info, .error, .critical, .warning, .warning, .error, .warning, .warning, .warning,
        .warning,
      ])
    #expect(compiled.reportDate == EvalHarness.reportDate)
  }

  @Test func cleanRecordRaisesNothing() throws {
    let outcome = try Self.outcome([:])
    #expect(outcome.alerts.isEmpty)
    #expect(outcome.diagnostics.isEmpty)
  }

  static let cases: [Case] = [
    // R1: Red must be in front of a senior forum; an empty escalated_to is not one.
    Case(
      "R1", "Red, escalated to nobody", ["overall": "R", "prev_overall": "R"], fires: ["red-needs-senior-forum"]),
    Case(
      "R1", "Red, escalated to Project Board",
      ["overall": "R", "prev_overall": "R", "escalated_to": "Project Board"], fires: ["red-needs-senior-forum"]),
    Case("R1", "Red at COG", ["overall": "R", "prev_overall": "R", "escalated_to": "COG"], fires: []),
    Case("R1", "Red at SCCB", ["overall": "R", "prev_overall": "R", "escalated_to": "SCCB"], fires: []),
    Case("R1", "Red at JCOG", ["overall": "R", "prev_overall": "R", "escalated_to": "JCOG"], fires: []),
    Case("R1", "Red at OEPC", ["overall": "R", "prev_overall": "R", "escalated_to": "OEPC"], fires: []),
    Case(
      "R1", "Red at cog (case matters)", ["overall": "R", "prev_overall": "R", "escalated_to": "cog"],
      fires: ["red-needs-senior-forum"]),
    Case("R1", "Amber, escalated to nobody", ["overall": "A", "prev_overall": "A"], fires: []),
    Case("R1", "Grey, escalated to nobody", ["overall": "Grey", "prev_overall": "Grey"], fires: []),
    Case("R1", "N/A, escalated to nobody", ["overall": "N/A", "prev_overall": "N/A"], fires: []),
    Case(
      "R1", "Red from Green, escalated to nobody", ["overall": "R"],
      fires: ["red-needs-senior-forum", "rag-worsened"]),
    // R2: profiled benefits below target; equal or either empty does not fire.
    Case(
      "R2", "one pound below", ["benefits_profiled": "1999999"], fires: ["benefits-below-target"]),
    Case("R2", "equal", ["benefits_profiled": "2000000"], fires: []),
    Case("R2", "above", ["benefits_profiled": "2000001"], fires: []),
    Case("R2", "profiled empty", ["benefits_profiled": ""], fires: []),
    Case("R2", "target empty", ["benefits_target": "", "benefits_profiled": "1"], fires: []),
    Case("R2", "both empty", ["benefits_target": "", "benefits_profiled": ""], fires: []),
    Case(
      "R2", "profiled 0 is present", ["benefits_target": "1", "benefits_profiled": "0"],
      fires: ["benefits-below-target"]),
    Case("R2", "both 0", ["benefits_target": "0", "benefits_profiled": "0"], fires: []),
    // R3: forecast more than 5% over budget, exactly.
    Case("R3", "exactly 5% over", ["forecast": "1050000"], fires: []),
    Case("R3", "5% over and a pound", ["forecast": "1050001"], fires: ["forecast-overspend"]),
    Case("R3", "under budget", ["forecast": "999999"], fires: []),
    Case(
      "R3", "budget × 1.05 has pence, below", ["budget": "999999", "forecast": "1049998"], fires: []),
    Case(
      "R3", "budget × 1.05 has pence, above", ["budget": "999999", "forecast": "1049999"],
      fires: ["forecast-overspend"]),
    Case("R3", "forecast empty", ["forecast": ""], fires: []),
    Case("R3", "budget empty", ["budget": "", "forecast": "5000000"], fires: []),
    Case("R3", "zero budget", ["budget": "0", "forecast": "1"], fires: ["forecast-overspend"]),
    Case("R3", "zero budget and forecast", ["budget": "0", "forecast": "0"], fires: []),
    // R4: savings below target and the savings dimension not Green.
    Case(
      "R4", "short, savings Amber", ["savings_achieved": "299999", "savings": "A"], fires: ["savings-shortfall"]),
    Case(
      "R4", "short, savings Red",
      ["savings_achieved": "299999", "savings": "R", "overall": "A", "prev_overall": "A"],
      fires: ["savings-shortfall"]),
    Case(
      "R4", "short, savings Grey", ["savings_achieved": "299999", "savings": "Grey"], fires: ["savings-shortfall"]),
    Case(
      "R4", "short, savings N/A", ["savings_achieved": "299999", "savings": "N/A"], fires: ["savings-shortfall"]),
    Case("R4", "short, savings Green", ["savings_achieved": "299999", "savings": "G"], fires: []),
    Case("R4", "equal, savings Amber", ["savings": "A"], fires: []),
    Case("R4", "achieved empty", ["savings_achieved": "", "savings": "A"], fires: []),
    Case("R4", "target empty", ["savings_target": "", "savings": "A"], fires: []),
    Case(
      "R4", "achieved 0 is present", ["savings_achieved": "0", "savings": "A"], fires: ["savings-shortfall"]),
    // R5: overall got worse; Grey, N/A and empty are not compared.
    Case("R5", "Green to Amber", ["prev_overall": "G", "overall": "A"], fires: ["rag-worsened"]),
    Case(
      "R5", "Amber to Red", ["prev_overall": "A", "overall": "R", "escalated_to": "COG"], fires: ["rag-worsened"]),
    Case(
      "R5", "Green to Red", ["prev_overall": "G", "overall": "R", "escalated_to": "COG"], fires: ["rag-worsened"]),
    Case("R5", "Amber to Amber", ["prev_overall": "A", "overall": "A"], fires: []),
    Case("R5", "Amber to Green", ["prev_overall": "A", "overall": "G"], fires: []),
    Case("R5", "Red to Amber", ["prev_overall": "R", "overall": "A"], fires: []),
    Case(
      "R5", "Grey to Red", ["prev_overall": "Grey", "overall": "R", "escalated_to": "COG"], fires: []),
    Case("R5", "N/A to Amber", ["prev_overall": "N/A", "overall": "A"], fires: []),
    Case("R5", "no previous rating, Amber", ["prev_overall": "", "overall": "A"], fires: []),
    Case(
      "R5", "no previous rating, Red", ["prev_overall": "", "overall": "R", "escalated_to": "COG"], fires: []),
    Case("R5", "Green to Grey", ["prev_overall": "G", "overall": "Grey"], fires: []),
    Case("R5", "Green to N/A", ["prev_overall": "G", "overall": "N/A"], fires: []),
    // R6: Green overall with a Red dimension.
    Case("R6", "time Red", ["time": "R"], fires: ["red-dimension-under-green"]),
    Case("R6", "cost Red", ["cost": "R"], fires: ["red-dimension-under-green"]),
    Case("R6", "savings Red", ["savings": "R"], fires: ["red-dimension-under-green"]),
    Case("R6", "benefits Red", ["benefits": "R"], fires: ["red-dimension-under-green"]),
    Case(
      "R6", "all four Red", ["time": "R", "cost": "R", "savings": "R", "benefits": "R"],
      fires: ["red-dimension-under-green"]),
    Case("R6", "Amber overall, time Red", ["overall": "A", "prev_overall": "A", "time": "R"], fires: []),
    Case(
      "R6", "Grey and N/A dimensions", ["time": "Grey", "cost": "N/A", "savings": "Grey", "benefits": "N/A"],
      fires: []),
    Case(
      "R6", "Red and three Ambers", ["time": "R", "cost": "A", "savings": "A", "benefits": "A"],
      fires: ["red-dimension-under-green", "ambers-under-green"]),
    // R7: last updated strictly before report_date - 90 days = 2024-07-03.
    Case("R7", "2024-07-02", ["last_updated": "2024-07-02"], fires: ["stale-update"]),
    Case("R7", "2024-07-03", ["last_updated": "2024-07-03"], fires: []),
    Case("R7", "2024-07-04", ["last_updated": "2024-07-04"], fires: []),
    Case("R7", "2023-12-31", ["last_updated": "2023-12-31"], fires: ["stale-update"]),
    Case("R7", "report date", ["last_updated": "2024-10-01"], fires: []),
    Case("R7", "after the report date", ["last_updated": "2024-10-02"], fires: []),
    // R8: Grey and the next board has passed.
    Case(
      "R8", "Grey, board the day before", ["overall": "Grey", "prev_overall": "Grey", "next_board": "2024-09-30"],
      fires: ["grey-overdue"]),
    Case(
      "R8", "Grey, board on the report date",
      ["overall": "Grey", "prev_overall": "Grey", "next_board": "2024-10-01"], fires: []),
    Case(
      "R8", "Grey, board the day after", ["overall": "Grey", "prev_overall": "Grey", "next_board": "2024-10-02"],
      fires: []),
    Case(
      "R8", "Grey from Green, board passed", ["overall": "Grey", "next_board": "2024-01-01"],
      fires: ["grey-overdue"]),
    Case("R8", "Green, board passed", ["next_board": "2024-09-30"], fires: []),
    Case(
      "R8", "N/A, board passed", ["overall": "N/A", "prev_overall": "N/A", "next_board": "2024-09-30"], fires: []),
    // R9: Green overall with three or four Amber dimensions.
    Case(
      "R9", "three Ambers", ["time": "A", "cost": "A", "savings": "A"], fires: ["ambers-under-green"]),
    Case(
      "R9", "three Ambers, benefits first", ["benefits": "A", "cost": "A", "savings": "A"],
      fires: ["ambers-under-green"]),
    Case(
      "R9", "four Ambers", ["time": "A", "cost": "A", "savings": "A", "benefits": "A"],
      fires: ["ambers-under-green"]),
    Case("R9", "two Ambers", ["time": "A", "cost": "A"], fires: []),
    Case(
      "R9", "two Ambers, Grey and N/A", ["time": "A", "cost": "A", "savings": "Grey", "benefits": "N/A"], fires: []),
    Case(
      "R9", "Amber overall, four Ambers",
      ["overall": "A", "prev_overall": "A", "time": "A", "cost": "A", "savings": "A", "benefits": "A"], fires: []),
    // R10: the narrative is empty.
    Case("R10", "empty narrative", ["narrative": ""], fires: ["missing-narrative"]),
    Case("R10", "one space is blank", ["narrative": " "], fires: ["missing-narrative"]),
    Case("R10", "text", ["narrative": "x"], fires: []),
    // Not in the benchmark: a return without an overall rating.
    Case("missing-rating", "overall empty", ["overall": ""], fires: ["missing-rating"]),
    Case(
      "missing-rating", "overall empty, Red dimension, stale previous",
      ["overall": "", "time": "R", "prev_overall": ""],
      fires: ["missing-rating"]),
    Case("missing-rating", "overall N/A", ["overall": "N/A", "prev_overall": "N/A"], fires: []),
    Case("missing-rating", "overall Grey", ["overall": "Grey", "prev_overall": "Grey"], fires: []),
    // Not in the benchmark: history across two periods of one workstream.
    Case(
      "history", "savings Amber to Red", ["overall": "A", "savings": "R"], previous: ["overall": "A", "savings": "A"],
      fires: ["dimension-worsened"]),
    Case("history", "time Green to Amber", ["time": "A"], previous: ["time": "G"], fires: ["dimension-worsened"]),
    Case("history", "benefits Red to Amber (better)", ["benefits": "A"], previous: ["benefits": "R"], fires: []),
    Case(
      "history", "cost Grey to Red (not rated before)", ["overall": "A", "cost": "R"],
      previous: ["overall": "A", "cost": "Grey"], fires: []),
    Case("history", "no earlier period", ["overall": "A", "prev_overall": "A", "savings": "R"], fires: []),
    Case(
      "history", "overall from the earlier record, not prev_overall", ["overall": "A", "prev_overall": "A"],
      previous: ["overall": "G"], fires: ["rag-worsened"]),
    // Several rules at once; each fires at most once.
    Case(
      "all", "everything wrong",
      [
        "overall": "G", "time": "R", "cost": "A", "savings": "A", "benefits": "A", "prev_overall": "G",
        "forecast": "2000000", "savings_achieved": "0", "benefits_profiled": "0", "last_updated": "2020-01-01",
        "narrative": "",
      ],
      fires: [
        "stale-update", "missing-narrative", "red-dimension-under-green", "ambers-under-green",
        "benefits-below-target", "forecast-overspend", "savings-shortfall",
      ]),
  ]

  @Test(arguments: cases)
  func benchmarkEdgeCase(_ c: Case) throws {
    let outcome = try Self.outcome(c.changes, previous: c.previous)
    // Alerts come in pack order, so the expected list is written in that order.
    #expect(outcome.alerts.map(\.rule) == Self.ruleIDs.filter(c.fired.contains))
    #expect(outcome.diagnostics.isEmpty)
  }

  @Test func everyRuleHasAFiringCase() {
    let covered = Set(Self.cases.flatMap(\.fired))
    #expect(covered == Set(Self.ruleIDs))
    let benchmarks = Set(Self.cases.map(\.benchmark))
    #expect(benchmarks.isSuperset(of: (1...10).map { "R\($0)" }))
  }

  // MARK: Messages, evidence and the rest of each alert

  struct AlertCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var changes: [String: String]
    var previous: [String: String]? = nil
    var severity: Severity
    var forum: String?
    var message: String
    var evidence: [(column: String, type: ValueType, value: Value)]

    var testDescription: String { rule }
  }

  static let alertCases: [AlertCase] = [
    AlertCase(
      rule: "stale-update", changes: ["last_updated": "2024-07-02"], severity: .warning, forum: nil,
      message: "Alpha was last updated on 2 Jul 2024, more than 90 days before 1 Oct 2024",
      evidence: [("last_updated", .date, .date(EvalHarness.day("2024-07-02")))]),
    AlertCase(
      rule: "grey-overdue", changes: ["overall": "Grey", "prev_overall": "Grey", "next_board": "2024-09-30"],
      severity: .warning, forum: nil, message: "Alpha is still Grey although its board on 30 Sep 2024 has passed",
      evidence: [("overall", .rag, .rag(.grey)), ("next_board", .date, .date(EvalHarness.day("2024-09-30")))]),
    AlertCase(
      rule: "missing-narrative", changes: ["narrative": ""], severity: .info, forum: nil,
      message: "Alpha has no narrative", evidence: [("narrative", .text, .missing)]),
    AlertCase(
      rule: "missing-rating", changes: ["overall": ""], severity: .error, forum: nil,
      message: "Alpha has no overall rating", evidence: [("overall", .rag, .missing)]),
    AlertCase(
      rule: "red-needs-senior-forum", changes: ["overall": "R", "prev_overall": "R"], severity: .critical,
      forum: "senior forum",
      message: "Alpha is Red overall but has not been escalated to a senior forum (escalated to: nobody)",
      evidence: [("overall", .rag, .rag(.red)), ("escalated_to", .text, .missing)]),
    AlertCase(
      rule: "red-needs-senior-forum",
      changes: ["overall": "R", "prev_overall": "R", "escalated_to": "Project Board"], severity: .critical,
      forum: "senior forum",
      message: "Alpha is Red overall but has not been escalated to a senior forum (escalated to: Project Board)",
      evidence: [("overall", .rag, .rag(.red)), ("escalated_to", .text, .text("Project Board"))]),
    AlertCase(
      rule: "rag-worsened", changes: ["overall": "A"], severity: .warning, forum: "project board",
      message: "Alpha has worsened from Green to Amber since the last period",
      evidence: [("overall", .rag, .rag(.amber)), ("previous(overall)", .rag, .rag(.green))]),
    AlertCase(
      rule: "red-dimension-under-green", changes: ["time": "R", "savings": "Grey", "benefits": "N/A"],
      severity: .error, forum: nil,
      message: "Alpha is Green overall although at least one dimension is Red "
        + "(time Red, cost Green, savings Grey, benefits N/A)",
      evidence: [
        ("overall", .rag, .rag(.green)), ("time", .rag, .rag(.red)), ("cost", .rag, .rag(.green)),
        ("savings", .rag, .rag(.grey)), ("benefits", .rag, .rag(.notApplicable)),
      ]),
    AlertCase(
      rule: "ambers-under-green", changes: ["time": "A", "cost": "A", "savings": "A"], severity: .warning,
      forum: nil, message: "Alpha is Green overall but 3 of its four dimensions are Amber",
      evidence: [
        ("overall", .rag, .rag(.green)), ("time", .rag, .rag(.amber)), ("cost", .rag, .rag(.amber)),
        ("savings", .rag, .rag(.amber)), ("benefits", .rag, .rag(.green)),
      ]),
    AlertCase(
      rule: "benefits-below-target", changes: ["benefits_profiled": "1500000"], severity: .warning, forum: nil,
      message: "Alpha: profiled benefits £1,500,000 are below the target of £2,000,000",
      evidence: [
        ("benefits_profiled", .money, .number(ExactDecimal(1_500_000))),
        ("benefits_target", .money, .number(ExactDecimal(2_000_000))),
      ]),
    AlertCase(
      rule: "dimension-worsened", changes: ["savings": "A"], previous: ["savings": "G"], severity: .warning,
      forum: "project board",
      message: "Alpha: a dimension has worsened since the last period (time Green to Green, cost Green to Green, "
        + "savings Green to Amber, benefits Green to Green)",
      evidence: [
        ("time", .rag, .rag(.green)), ("cost", .rag, .rag(.green)), ("savings", .rag, .rag(.amber)),
        ("benefits", .rag, .rag(.green)), ("previous(time)", .rag, .rag(.green)),
        ("previous(cost)", .rag, .rag(.green)),
        ("previous(savings)", .rag, .rag(.green)), ("previous(benefits)", .rag, .rag(.green)),
      ]),
    AlertCase(
      rule: "forecast-overspend", changes: ["forecast": "1050001"], severity: .warning, forum: nil,
      message: "Alpha: forecast £1,050,001 is over budget £1,000,000 by more than 5%",
      evidence: [
        ("forecast", .money, .number(ExactDecimal(1_050_001))), ("budget", .money, .number(ExactDecimal(1_000_000))),
      ]),
    AlertCase(
      rule: "savings-shortfall", changes: ["savings_achieved": "250000", "savings": "A"], severity: .warning,
      forum: nil, message: "Alpha: savings achieved £250,000 are below the target of £300,000 (savings rated Amber)",
      evidence: [
        ("savings_achieved", .money, .number(ExactDecimal(250_000))),
        ("savings_target", .money, .number(ExactDecimal(300_000))), ("savings", .rag, .rag(.amber)),
      ]),
  ]

  @Test(arguments: alertCases)
  func alertOfEachRule(_ c: AlertCase) throws {
    let outcome = try Self.outcome(c.changes, previous: c.previous)
    #expect(outcome.alerts.map(\.rule) == [c.rule])
    let alert = try #require(outcome.alerts.first)
    #expect(alert.message == c.message)
    #expect(alert.severity == c.severity)
    #expect(alert.forum == c.forum)
    #expect(alert.recordID == "WS-0000042")
    #expect(alert.name == "Alpha")
    #expect(alert.period == "2024-Q3")
    #expect(alert.source == RecordSource(path: EvalHarness.dataPath, line: c.previous == nil ? 2 : 3))
    #expect(alert.ruleIndex == Self.ruleIDs.firstIndex(of: c.rule))
    #expect(alert.evidence.map(\.label) == c.evidence.map(\.column))
    #expect(alert.evidence.map(\.type) == c.evidence.map(\.type))
    #expect(alert.evidence.map(\.value) == c.evidence.map(\.value))
  }

  @Test func alertsCoverEveryRule() {
    #expect(Set(Self.alertCases.map(\.rule)) == Set(Self.ruleIDs))
  }

  @Test func messageFallsBackToTheIDWithoutAName() throws {
    let outcome = try Self.outcome(["name": "", "narrative": ""])
    #expect(outcome.alerts.map(\.message) == ["WS-0000042 has no narrative"])
    #expect(outcome.alerts.first?.name == nil)
  }

  @Test func ambersUnderGreenCountsInItsMessage() throws {
    let outcome = try Self.outcome(["time": "A", "cost": "A", "savings": "A", "benefits": "A"])
    #expect(outcome.alerts.map(\.message) == ["Alpha is Green overall but 4 of its four dimensions are Amber"])
  }

  @Test func reportDateMovesTheDateRules() throws {
    let compiled = try EvalHarness.compile(.builtIn, reportDate: EvalHarness.day("2024-07-04"))
    let records = [
      Self.clean.merging(["last_updated": "2024-04-04"]) { $1 },
      Self.clean.merging(["last_updated": "2024-04-05", "overall": "Grey", "next_board": "2024-07-03"]) { $1 },
    ]
    let outcome = try EvalHarness.evaluate(compiled, records)
    #expect(outcome.alerts.map(\.rule) == ["stale-update", "grey-overdue"])
    #expect(outcome.alerts.map(\.source.line) == [2, 3])
    #expect(
      outcome.alerts.first?.message == "Alpha was last updated on 4 Apr 2024, more than 90 days before 4 Jul 2024")
  }

  @Test func parameterOverridesChangeTheThresholds() throws {
    let overrides = [
      ParameterOverride(rule: "forecast-overspend", name: "tolerance", value: "10%"),
      ParameterOverride(rule: "ambers-under-green", name: "threshold", value: "2"),
      ParameterOverride(rule: "stale-update", name: "max_age", value: "30 days"),
    ]
    let (ruleSet, diagnostics) = RulePack.builtIn.check(overrides: overrides)
    #expect(diagnostics.isEmpty)
    let compiled = Compiler.compile(try #require(ruleSet), reportDate: EvalHarness.reportDate)
    let records = [
      Self.clean.merging(["forecast": "1100000", "time": "A", "cost": "A", "last_updated": "2024-09-01"]) { $1 },
      Self.clean.merging(["forecast": "1100001", "last_updated": "2024-08-31"]) { $1 },
    ]
    let outcome = try EvalHarness.evaluate(compiled, records)
    #expect(outcome.alerts.map(\.rule) == ["ambers-under-green", "stale-update", "forecast-overspend"])
    #expect(outcome.alerts.map(\.source.line) == [2, 3, 3])
    #expect(
      outcome.alerts.map(\.message).last == "Alpha: forecast £1,100,001 is over budget £1,000,000 by more than 10%")
  }
}
