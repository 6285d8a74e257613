import EscalateKit
import Foundation
import Testing

/// Periods, workstream histories and the history functions, end to end through `check`.
@Suite struct HistoryTests {
  @Test(arguments: [
    ("2020-Q3", "2020-07-01+3m"), ("Q3 2020", "2020-07-01+3m"), ("q3 2020", "2020-07-01+3m"),
    ("Q3 2020/21", "2020-10-01+3m"), ("2020/21 Q3", "2020-10-01+3m"), ("Q4 2020/21", "2021-01-01+3m"),
    ("Q1 2019/20", "2019-04-01+3m"), ("2019/20", "2019-04-01+12m"), ("19/20", "2019-04-01+12m"),
    ("FY2020/21", "2020-04-01+12m"), ("FY 2020/21", "2020-04-01+12m"), ("1999/00", "1999-04-01+12m"),
    ("2024-10", "2024-10-01+1m"), ("Oct 2024", "2024-10-01+1m"), ("October 2024", "2024-10-01+1m"),
    ("2024", "2024-01-01+12m"), ("Mth 10 - 2019/20", "2020-01-01+1m"), ("Month 1 2019/20", "2019-04-01+1m"),
    ("mth 9 - 2019/20", "2019-12-01+1m"),
  ])
  func periodsAreRead(text: String, expected: String) {
    #expect(Period(text: text[...])?.description == expected)
  }

  @Test(arguments: [
    "Summer", "Mth 13 - 2019/20", "2019/21", "2020-Q5", "Q0 2020", "2024-13", "FY20", "Q3", "2020 Q3 extra", "",
  ])
  func impossiblePeriodsAreNotRead(text: String) {
    #expect(Period(text: text[...]) == nil)
  }

  @Test func periodsOrderByStartThenLength() {
    let sorted = ["2020/21", "Q3 2020/21", "2020-Q1", "Q1 2020/21", "2020-10"].map { Period(text: $0[...])! }.sorted()
    #expect(
      sorted.map(\.description) == [
        "2020-01-01+3m", "2020-04-01+3m", "2020-04-01+12m", "2020-10-01+1m", "2020-10-01+3m",
      ])
  }

  static let header = "id,name,period,overall,prev_overall,time,cost,savings,benefits\n"

  static func check(_ csv: String, rules: String, allPeriods: Bool = false) throws -> CommandResult {
    let path = try DataFileTests.temporaryFile(csv)
    let rulesPath = try DataFileTests.temporaryFile(rules, name: "history.rules")
    var data = DataOptions()
    data.allPeriods = allPeriods
    return CheckCommand.run(
      CheckOptions(
        rulesPath: rulesPath, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [path], data: data))
  }

  static func rule(_ condition: String, message: String = "{id} {period}") -> String {
    "rule h {\n  severity warning\n  when \(condition)\n  message \"\(message)\"\n}\n"
  }

  /// The messages of the alerts, in output order.
  static func messages(_ result: CommandResult) throws -> [String] {
    try result.output.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      return object["message"] as! String
    }
  }

  /// Three periods of one workstream given out of order, and a second workstream.
  static let history =
    header + """
      WS-1,One,2024/25 Q2,R,,R,A,,
      WS-1,One,2024/25 Q1,A,,G,A,,
      WS-2,Two,2024-Q3,G,A,G,G,,
      WS-1,One,2023/24 Q4,A,,G,G,,

      """

  @Test func onlyTheLatestPeriodRaisesAlertsByDefault() throws {
    let result = try Self.check(Self.history, rules: Self.rule("overall is present"))
    #expect(result.exitCode == 0)
    #expect(try Self.messages(result) == ["WS-1 2024/25 Q2", "WS-2 2024-Q3"])
    let all = try Self.check(Self.history, rules: Self.rule("overall is present"), allPeriods: true)
    #expect(try Self.messages(all) == ["WS-1 2024/25 Q2", "WS-1 2024/25 Q1", "WS-2 2024-Q3", "WS-1 2023/24 Q4"])
  }

  @Test(arguments: [
    ("previous(overall) == Amber", ["WS-1 2024/25 Q2", "WS-2 2024-Q3"]),
    ("worsened(overall)", ["WS-1 2024/25 Q2"]),
    ("improved(overall)", ["WS-2 2024-Q3"]),
    ("changed(time)", ["WS-1 2024/25 Q2"]),
    ("changed(cost)", []),
    ("previous(previous(overall)) == Amber", ["WS-1 2024/25 Q2"]),
    ("previous(time) is missing", ["WS-2 2024-Q3"]),
    ("periods(cost == Amber) >= 2", ["WS-1 2024/25 Q2"]),
    ("periods(overall == Amber) == 0", ["WS-1 2024/25 Q2", "WS-2 2024-Q3"]),
    ("any(changed(dimensions))", ["WS-1 2024/25 Q2"]),
  ])
  func historyFunctions(condition: String, expected: [String]) throws {
    let result = try Self.check(Self.history, rules: Self.rule(condition))
    #expect(result.exitCode == 0)
    #expect(result.diagnostics.isEmpty)
    #expect(try Self.messages(result) == expected)
  }

  /// A column against its previous value, on every period: the earlier record where there is
  /// one, else the fallback column (WS-2's prev_overall), else nothing, which never fires.
  @Test(arguments: [
    ("worsened(overall)", ["WS-1 2024/25 Q2"]),
    ("improved(overall)", ["WS-2 2024-Q3"]),
    ("changed(overall)", ["WS-1 2024/25 Q2", "WS-2 2024-Q3"]),
    ("any(changed(dimensions))", ["WS-1 2024/25 Q2", "WS-1 2024/25 Q1"]),
  ])
  func columnsAgainstTheirPreviousValueOnEveryPeriod(condition: String, expected: [String]) throws {
    let result = try Self.check(Self.history, rules: Self.rule(condition), allPeriods: true)
    #expect(result.diagnostics.isEmpty)
    #expect(try Self.messages(result) == expected)
  }

  @Test func periodsCountsConsecutivePeriodsThroughEveryPeriod() throws {
    let result = try Self.check(
      Self.history, rules: Self.rule("true", message: "{id} {periods(overall == Amber)}"), allPeriods: true)
    #expect(try Self.messages(result) == ["WS-1 0", "WS-1 2", "WS-2 0", "WS-1 1"])
  }

  @Test func previousOverallFallsBackToPrevOverallOnlyOnTheFirstRecord() throws {
    let result = try Self.check(
      Self.history, rules: Self.rule("true", message: "{id} {previous(overall)}"), allPeriods: true)
    #expect(try Self.messages(result) == ["WS-1 Amber", "WS-1 Amber", "WS-2 Amber", "WS-1 missing"])
  }

  @Test func evidenceShowsThePreviousValue() throws {
    let result = try Self.check(Self.history, rules: Self.rule("worsened(overall)"))
    #expect(result.output.contains(#""evidence":{"overall":"Red","previous(overall)":"Amber"}"#))
  }

  @Test func twoRecordsForOnePeriodAreAnError() throws {
    let result = try Self.check(
      Self.header + "WS-1,One,2024-Q3,R,,,,,\nWS-1,One,2024-Q3,A,,,,,\n", rules: Self.rule("true"))
    #expect(result.exitCode == 2)
    #expect(result.diagnostics.map(\.id) == [.duplicateRecord])
    #expect(result.diagnostics.first?.message == "workstream 'WS-1' has a second record for period '2024-Q3'")
    #expect(result.diagnostics.first?.locationText?.hasSuffix("data.csv:3:1") == true)
  }

  @Test func recordsWithoutPeriodsCannotFormAHistory() throws {
    let result = try Self.check(Self.header + "WS-1,One,,R,,,,,\nWS-1,One,2024-Q3,A,,,,,\n", rules: Self.rule("true"))
    #expect(result.exitCode == 2)
    #expect(
      result.diagnostics.map(\.message) == [
        "workstream 'WS-1' has 2 records and this one has no period, so they cannot be ordered"
      ])
  }

  @Test func anUnreadablePeriodIsReportedAndItsRecordCheckedAlone() throws {
    let result = try Self.check(
      Self.header + "WS-1,One,Summer,R,A,,,,\nWS-1,One,2024-Q3,A,,,,,\n",
      rules: Self.rule("true", message: "{id} {period}"))
    #expect(result.exitCode == 0)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(
      lines[1].contains(
        #""message":"cannot read 'Summer' in column 'period' as a period; the rules treat it as missing""#))
  }

  @Test func historyFunctionsAreNotConstants() {
    let (_, diagnostics) = RulePack(files: [SourceFile(path: "c.rules", text: "const x = previous(1)\n")]).check()
    #expect(diagnostics.map(\.message).contains("a constant or parameter cannot use previous(...)"))
  }
}
