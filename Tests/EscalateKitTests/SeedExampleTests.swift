import Foundation
import Testing

/// The real example returns of `examples/` (two quarters of Essex Police collaboration updates),
/// checked end to end with the built executable against the answer key in
/// `examples/EXPECTATIONS.md`. Change that page, these tests and the golden file together.
@Suite struct SeedExampleTests {
  static let june = "examples/collaboration-2019-06.csv"
  static let september = "examples/collaboration-2019-09.csv"
  static let juneBoard = "2019-06-27"
  static let septemberBoard = "2019-09-26"

  /// One alert of `--format jsonl`, with the fields these tests read.
  struct Alert {
    var rule: String
    var severity: String
    var id: String
    var period: String
    var message: String
    var forum: String?
    var file: String
    var line: Int
    var evidence: [String: Any]

    var pair: Pair { Pair(id, rule) }
  }

  /// An `(id, rule)` pair, the unit of the answer key.
  struct Pair: Hashable, CustomStringConvertible {
    var id: String
    var rule: String
    init(_ id: String, _ rule: String) {
      self.id = id
      self.rule = rule
    }
    var description: String { "(\(id), \(rule))" }
  }

  /// Runs `escalate check --format jsonl` and parses every line of its output.
  static func check(
    asOf date: String, _ files: [String], options: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [Alert] {
    let result = try CommandRunner.run(
      ["check", "--as-of", date, "--format", "jsonl"] + options + files, sourceLocation: sourceLocation)
    #expect(result.status == 0, sourceLocation: sourceLocation)
    #expect(result.stderr.isEmpty, sourceLocation: sourceLocation)
    return try result.stdout.split(separator: "\n").map { line in
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], sourceLocation: sourceLocation)
      let source = try #require(object["source"] as? [String: Any], sourceLocation: sourceLocation)
      return Alert(
        rule: try #require(object["rule"] as? String, sourceLocation: sourceLocation),
        severity: try #require(object["severity"] as? String, sourceLocation: sourceLocation),
        id: try #require(object["id"] as? String, sourceLocation: sourceLocation),
        period: try #require(object["period"] as? String, sourceLocation: sourceLocation),
        message: try #require(object["message"] as? String, sourceLocation: sourceLocation),
        forum: object["forum"] as? String,
        file: try #require(source["file"] as? String, sourceLocation: sourceLocation),
        line: try #require(source["line"] as? Int, sourceLocation: sourceLocation),
        evidence: try #require(object["evidence"] as? [String: Any], sourceLocation: sourceLocation))
    }
  }

  static func juneAlone() throws -> [Alert] { try check(asOf: juneBoard, [june]) }
  static func bothFiles() throws -> [Alert] { try check(asOf: septemberBoard, [june, september]) }
  static func bothFilesAllPeriods() throws -> [Alert] {
    try check(asOf: septemberBoard, [june, september], options: ["--all-periods"])
  }

  // MARK: The answer key

  /// The unreadable cells of the June file: id, column and text.
  static let juneUnreadable: Set<[String]> = [
    ["HEXAGON", "savings_target", "19/20 - £250k - target"],
    ["HEXAGON", "savings_achieved", "18/19 - £100k achieved."],
    ["HO-DPP", "budget", "£ 136K  NAS £50k HOB"],
    ["SOH", "benefits", "TBD"],
    ["SOH", "budget", "£0.18M PA"],
    ["ECFRS", "budget", "£ 1,320k (2 yrs)"],
    ["ECFRS", "benefits_target", "£14.9m – cashable and non-cashable"],
  ]

  /// The unreadable cells of the September file.
  static let septemberUnreadable: Set<[String]> = [
    ["HEXAGON", "savings_target", "19/20 - £250k – now being re-considered for 20/21"],
    ["HEXAGON", "savings_achieved", "18/19 - £100k achieved."],
    ["HO-DPP", "budget", "£ 136K  NAS £50k HOB"],
    ["SOH", "budget", "£0.18M PA"],
    ["ECFRS", "savings", "AA"],
    ["ECFRS", "budget", "£ 1,320k (2 yrs)"],
    ["ECFRS", "benefits_target", "£14.9m – cashable and non-cashable"],
  ]

  /// June alone as of 27 Jun 2019: 9 alerts.
  static let juneExpected: Set<Pair> = [
    Pair("SCD", "missing-rating"),
    Pair("HEXAGON", "missing-rating"), Pair("HEXAGON", "unreadable-value"),
    Pair("HO-DPP", "unreadable-value"),
    Pair("SOH", "unreadable-value"),
    Pair("ECFRS", "unreadable-value"),
  ]

  /// Both files as of 26 Sep 2019, each workstream at its latest period: 15 alerts.
  static let bothExpected: Set<Pair> = [
    Pair("SCD", "missing-rating"),
    Pair("HEXAGON", "missing-rating"), Pair("HEXAGON", "dimension-worsened"), Pair("HEXAGON", "unreadable-value"),
    Pair("ARU-DA-VICTIMS", "stale-update"), Pair("ARU-PUBLIC-CONFIDENCE", "stale-update"),
    Pair("7F-PEQF", "rag-worsened"), Pair("7F-ARMED-POLICING", "rag-worsened"), Pair("7F-VETTING", "rag-worsened"),
    Pair("HO-DPP", "unreadable-value"),
    Pair("SOH", "unreadable-value"),
    Pair("ECFRS", "unreadable-value"),
  ]

  /// The ids of the June file, each of which is stale as of 26 Sep 2019 under `--all-periods`.
  static let juneIDs = [
    "SCD", "HEXAGON", "7F-PEQF", "7F-PROCUREMENT", "7F-ARMED-POLICING", "7F-FORENSICS", "7F-VETTING", "HO-DPP",
    "SOH", "ECFRS", "HUBS", "ECDA", "BT-HOTHOUSE", "ARU-DA-VICTIMS", "ARU-PUBLIC-CONFIDENCE", "ARU-ENGAGEMENT",
    "CYBER-SPECIALS", "DURHAM",
  ]

  /// Rules that must fire on neither file, in any run.
  static let neverFiring = [
    "red-needs-senior-forum", "red-dimension-under-green", "ambers-under-green", "grey-overdue",
    "benefits-below-target", "forecast-overspend", "savings-shortfall", "missing-narrative",
  ]

  static func unreadableCells(_ alerts: [Alert]) throws -> Set<[String]> {
    Set(
      try alerts.filter { $0.rule == "unreadable-value" }.map { alert in
        let item = try #require(alert.evidence.first, "unreadable-value evidence names its column")
        #expect(alert.evidence.count == 1)
        return [alert.id, item.key, try #require(item.value as? String)]
      })
  }

  // MARK: The three runs, as sets

  @Test func juneAloneRaisesExactlyTheDocumentedAlerts() throws {
    let alerts = try Self.juneAlone()
    #expect(Set(alerts.map(\.pair)) == Self.juneExpected)
    #expect(alerts.count == 9)
    #expect(
      alerts.filter { $0.severity == "error" }.map(\.pair) == [
        Pair("SCD", "missing-rating"), Pair("HEXAGON", "missing-rating"),
      ])
    #expect(try Self.unreadableCells(alerts) == Self.juneUnreadable)
    #expect(alerts.allSatisfy { $0.file == Self.june && $0.period == "2019/20 Q1" })
    #expect(!alerts.contains { $0.rule == "stale-update" }, "every June row was written 13 days before the board")
  }

  @Test func bothFilesRaiseExactlyTheDocumentedAlerts() throws {
    let alerts = try Self.bothFiles()
    #expect(Set(alerts.map(\.pair)) == Self.bothExpected)
    #expect(alerts.count == 15)
    #expect(try Self.unreadableCells(alerts) == Self.septemberUnreadable)
    // Only the two ARU projects dropped in September are checked at their June record.
    let fromJune = alerts.filter { $0.file == Self.june }
    #expect(
      Set(fromJune.map(\.pair)) == [
        Pair("ARU-DA-VICTIMS", "stale-update"), Pair("ARU-PUBLIC-CONFIDENCE", "stale-update"),
      ])
    #expect(fromJune.allSatisfy { $0.period == "2019/20 Q1" })
    #expect(alerts.filter { $0.file == Self.september }.allSatisfy { $0.period == "2019/20 Q2" })
    // A new workstream, an improvement and unchanged Ambers raise nothing.
    for quiet in ["7F-DRIVER-MGMT", "7F-PROCUREMENT", "7F-FORENSICS", "HUBS", "ECDA", "BT-HOTHOUSE"] {
      #expect(!alerts.contains { $0.id == quiet }, "\(quiet) should raise nothing")
    }
    for quiet in ["ARU-ENGAGEMENT", "CYBER-SPECIALS", "DURHAM"] {
      #expect(!alerts.contains { $0.id == quiet }, "\(quiet) should raise nothing")
    }
    #expect(!alerts.contains { $0.id == "SOH" && $0.rule != "unreadable-value" }, "SOH improved Amber to Green")
  }

  @Test func theOrderOfTheFilesDoesNotMatter() throws {
    let forward = try Self.bothFiles()
    let backward = try Self.check(asOf: Self.septemberBoard, [Self.september, Self.june])
    func keys(_ alerts: [Alert]) -> [String] {
      alerts.map { "\($0.file):\($0.line) \($0.rule) \($0.message)" }.sorted()
    }
    #expect(keys(forward) == keys(backward))
  }

  @Test func septemberAloneHasNoHistory() throws {
    let alerts = try Self.check(asOf: Self.septemberBoard, [Self.september])
    #expect(
      Set(alerts.map(\.pair)) == [
        Pair("SCD", "missing-rating"), Pair("HEXAGON", "missing-rating"), Pair("HEXAGON", "unreadable-value"),
        Pair("HO-DPP", "unreadable-value"), Pair("SOH", "unreadable-value"), Pair("ECFRS", "unreadable-value"),
      ])
    #expect(alerts.count == 9)
    #expect(try Self.unreadableCells(alerts) == Self.septemberUnreadable)
  }

  @Test func allPeriodsRaisesEveryPeriodsAlerts() throws {
    let alerts = try Self.bothFilesAllPeriods()
    #expect(alerts.count == 40)
    let juneAlerts = alerts.filter { $0.period == "2019/20 Q1" }
    let septemberAlerts = alerts.filter { $0.period == "2019/20 Q2" }
    #expect(juneAlerts.count + septemberAlerts.count == alerts.count)
    #expect(juneAlerts.allSatisfy { $0.file == Self.june })
    #expect(septemberAlerts.allSatisfy { $0.file == Self.september })

    // June's records: June's own alerts, plus stale-update on every one of them, because each is
    // judged against the one report date, 26 Sep 2019.
    let juneStale = Set(Self.juneIDs.map { Pair($0, "stale-update") })
    #expect(Set(juneAlerts.map(\.pair)) == Self.juneExpected.union(juneStale))
    #expect(juneAlerts.count == 9 + 18)
    #expect(try Self.unreadableCells(juneAlerts) == Self.juneUnreadable)

    // September's records: the default run's alerts, less the two ARU projects it does not contain.
    let aru: Set<Pair> = [Pair("ARU-DA-VICTIMS", "stale-update"), Pair("ARU-PUBLIC-CONFIDENCE", "stale-update")]
    #expect(Set(septemberAlerts.map(\.pair)) == Self.bothExpected.subtracting(aru))
    #expect(septemberAlerts.count == 13)
    #expect(try Self.unreadableCells(septemberAlerts) == Self.septemberUnreadable)

    // The set of (id, rule) pairs over both periods.
    #expect(Set(alerts.map(\.pair)) == Self.juneExpected.union(juneStale).union(Self.bothExpected))
  }

  @Test func nothingOnTheMustNotListFires() throws {
    for (run, alerts) in [
      ("June alone", try Self.juneAlone()), ("both files", try Self.bothFiles()),
      ("both files, all periods", try Self.bothFilesAllPeriods()),
    ] {
      for rule in Self.neverFiring {
        #expect(!alerts.contains { $0.rule == rule }, "\(rule) fired on \(run)")
      }
      // No Red overall anywhere, so nothing goes to a senior forum.
      #expect(!alerts.contains { $0.forum == "senior forum" }, "\(run)")
    }
  }

  // MARK: The headline findings, word for word

  @Test func opHexagon() throws {
    let alerts = try Self.bothFiles().filter { $0.id == "HEXAGON" }
    #expect(alerts.allSatisfy { $0.file == Self.september && $0.line == 3 && $0.period == "2019/20 Q2" })
    #expect(
      alerts.map(\.message) == [
        "Op Hexagon has no overall rating",
        "Op Hexagon: a dimension has worsened since the last period (time Amber to Amber, cost Green to Green, "
          + "savings Amber to Red, benefits Green to Green)",
        "cannot read '19/20 - £250k – now being re-considered for 20/21' in column 'savings_target' as an amount "
          + "of money; the rules treat it as missing",
        "cannot read '18/19 - £100k achieved.' in column 'savings_achieved' as an amount of money; "
          + "the rules treat it as missing",
      ])
    #expect(alerts.map(\.rule) == ["missing-rating", "dimension-worsened", "unreadable-value", "unreadable-value"])
    let worsened = try #require(alerts.first { $0.rule == "dimension-worsened" })
    #expect(worsened.severity == "warning")
    #expect(worsened.evidence["savings"] as? String == "Red")
    let missing = try #require(alerts.first { $0.rule == "missing-rating" })
    #expect(missing.severity == "error")
    #expect(missing.evidence["overall"] is NSNull)

    // In June, the savings cells read differently and are reported from the June file.
    let june = try Self.juneAlone().filter { $0.id == "HEXAGON" }
    #expect(
      june.map(\.message) == [
        "Op Hexagon has no overall rating",
        "cannot read '19/20 - £250k - target' in column 'savings_target' as an amount of money; "
          + "the rules treat it as missing",
        "cannot read '18/19 - £100k achieved.' in column 'savings_achieved' as an amount of money; "
          + "the rules treat it as missing",
      ])
    #expect(june.allSatisfy { $0.file == Self.june && $0.line == 3 })
  }

  @Test(arguments: [
    ("7F-PEQF", "PEQF", 4), ("7F-ARMED-POLICING", "Armed Policing (Training & Governance)", 6),
    ("7F-VETTING", "Vetting", 8),
  ])
  func sevenForceItemsWorsenedFromGreenToAmber(id: String, name: String, line: Int) throws {
    let alerts = try Self.bothFiles().filter { $0.id == id }
    try #require(alerts.count == 1)
    let alert = alerts[0]
    #expect(alert.rule == "rag-worsened")
    #expect(alert.severity == "warning")
    #expect(alert.message == "\(name) has worsened from Green to Amber since the last period")
    #expect(alert.forum == "project board")
    #expect(alert.file == Self.september && alert.line == line && alert.period == "2019/20 Q2")
    #expect(alert.evidence["overall"] as? String == "Amber")
    #expect(alert.evidence["previous(overall)"] as? String == "Green")
  }

  @Test(arguments: [
    ("ARU-DA-VICTIMS", "Anglia Ruskin University (ARU) – Domestic Abuse Victims Project", 15),
    (
      "ARU-PUBLIC-CONFIDENCE",
      "Anglia Ruskin University (ARU) – Restoring Public Confidence through the delivery of improved "
        + "Community Policing",
      16
    ),
  ])
  func aruProjectsDroppedInSeptemberAreStale(id: String, name: String, line: Int) throws {
    let alerts = try Self.bothFiles().filter { $0.id == id }
    try #require(alerts.count == 1)
    let alert = alerts[0]
    #expect(alert.rule == "stale-update")
    #expect(alert.message == "\(name) was last updated on 14 Jun 2019, more than 90 days before 26 Sep 2019")
    #expect(alert.file == Self.june && alert.line == line && alert.period == "2019/20 Q1")
    #expect(alert.evidence["last_updated"] as? String == "2019-06-14")
  }

  @Test func twoAmountsInOneCostCellAreReportedWithFileAndLine() throws {
    let message =
      "cannot read '£ 136K  NAS £50k HOB' in column 'budget' as an amount of money; the rules treat it as missing"
    for (alerts, file, line) in [(try Self.juneAlone(), Self.june, 9), (try Self.bothFiles(), Self.september, 10)] {
      let dpp = alerts.filter { $0.id == "HO-DPP" }
      try #require(dpp.count == 1)
      #expect(dpp[0].rule == "unreadable-value")
      #expect(dpp[0].severity == "warning")
      #expect(dpp[0].message == message)
      #expect(dpp[0].file == file && dpp[0].line == line)
      #expect(dpp[0].evidence["budget"] as? String == "£ 136K  NAS £50k HOB")
    }
  }

  @Test func validateListsEveryPeriodsUnreadableCellsWithLineAndColumn() throws {
    let result = try CommandRunner.run(["validate", Self.june, Self.september])
    #expect(result.status == 2)
    let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(errors.count == 14)
    #expect(
      errors.contains(
        "examples/collaboration-2019-06.csv:9:130: error: cannot read '£ 136K  NAS £50k HOB' in column 'budget' "
          + "as an amount of money [unreadable-value]"))
    #expect(
      errors.contains(
        "examples/collaboration-2019-09.csv:10:138: error: cannot read '£ 136K  NAS £50k HOB' in column 'budget' "
          + "as an amount of money [unreadable-value]"))
    #expect(
      errors.contains(
        "examples/collaboration-2019-09.csv:12:91: error: cannot read 'AA' in column 'savings' as a RAG rating "
          + "[unreadable-value]"))
    // `£ 100k` and `£1.62m` are read, not reported.
    #expect(!result.stdout.contains("£ 100k"))
    #expect(!result.stdout.contains("£1.62m"))
    #expect(
      result.stdout.hasSuffix(
        "examples/collaboration-2019-06.csv: 18 records, 7 unreadable cells in benefits, benefits_target, budget, "
          + "savings_achieved, savings_target\n"
          + "examples/collaboration-2019-09.csv: 17 records, 7 unreadable cells in benefits_target, budget, savings, "
          + "savings_achieved, savings_target\n"))
  }

  // MARK: Golden text output

  @Test func theTwoQuarterCheckAsTextMatchesItsGoldenFile() throws {
    let result = try CommandRunner.run(["check", "--as-of", Self.septemberBoard, Self.june, Self.september])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "seeds/collaboration-2019-09.txt")
  }
}
