import Foundation
import Testing

@testable import EscalateKit

/// Routing, the ladder, waivers, suppression and the state file of `escalate queue`.
@Suite struct QueueTests {
  static let forums = """
    forum "Governance Office" level 0 default
    forum "Project Board" level 1
    forum SCCB level 2 senior
    forum COG level 3 senior
    forum JCOG level 3 senior

    """

  static let rules =
    forums + """
      rule red {
        severity critical
        when overall == Red and escalated_to not in ["SCCB", "COG", "JCOG"]
        escalate to senior forum; after 2 periods to COG
        suppresses worse
        message "{id} is Red"
      }
      rule worse {
        severity warning
        when worsened(overall)
        escalate to project board
        message "{id} got worse"
      }
      rule quiet {
        severity info
        when narrative is missing
        message "{id} has no narrative"
      }

      """

  static let header = "id,name,period,overall,prev_overall,escalated_to,narrative\n"

  static func queue(
    _ csv: String, asOf: String = "2024-10-01", waivers: String? = nil, state: String? = nil,
    format: QueueFormat = .json,
    rules: String = rules
  ) throws -> CommandResult {
    let data = try DataFileTests.temporaryFile(csv, name: "returns.csv")
    let pack = try DataFileTests.temporaryFile(rules, name: "pack.rules")
    let waiverPath = try waivers.map { try DataFileTests.temporaryFile($0, name: "waivers.rules") }
    return QueueCommand.run(
      QueueOptions(
        check: CheckOptions(rulesPath: pack, reportDate: Day(iso: asOf)!, dataPaths: [data]), statePath: state,
        waiversPath: waiverPath, format: format))
  }

  /// (forum, id, [rule...]) per entry, in queue order, from the JSON output.
  static func entries(_ result: CommandResult) throws -> [String] {
    let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
    #expect(document["schema"] as? String == "escalate.queue/1")
    var lines: [String] = []
    for forum in document["forums"] as! [[String: Any]] {
      for entry in forum["entries"] as! [[String: Any]] {
        let alerts = (entry["alerts"] as! [[String: Any]]).map { alert in
          "\(alert["rule"]!)\((alert["suppressed_by"] as? String).map { "<\($0)" } ?? "")/\(alert["status"]!)"
        }
        lines.append(
          "\(forum["forum"]!) \(entry["id"]!) \(entry["severity"]!) \(entry["status"]!) "
            + "\((entry["already_escalated"] as! Bool) ? "escalated " : "")[\(alerts.joined(separator: " "))]")
      }
    }
    return lines
  }

  @Test func alertsAreRoutedByTheLadderAndWhereTheWorkIsAlready() throws {
    let result = try Self.queue(
      Self.header + """
        W1,One,2024-Q3,R,A,,x
        W2,Two,2024-Q3,R,R,Project Board,x
        W3,Three,2024-Q3,A,G,COG,x
        W4,Four,2024-Q3,A,G,,
        W5,Five,2024-Q3,G,G,JCOG,x

        """)
    #expect(result.exitCode == 0)
    #expect(result.diagnostics.isEmpty)
    #expect(
      try Self.entries(result) == [
        "COG W3 warning new escalated [worse/new]",
        "SCCB W1 critical new [red/new worse<red/new]",
        "SCCB W2 critical new [red/new]",
        "Project Board W4 warning new [worse/new]",
        "Governance Office W4 info new [quiet/new]",
      ])
  }

  @Test func redForTwoPeriodsClimbsTheLadder() throws {
    let csv = Self.header + "W1,One,2024-Q2,R,,,x\nW1,One,2024-Q3,R,,,x\nW2,Two,2024-Q3,R,,,x\n"
    #expect(try Self.entries(Self.queue(csv)) == ["COG W1 critical new [red/new]", "SCCB W2 critical new [red/new]"])
    let json = try Self.queue(csv).output
    #expect(json.contains(#""since":"2024-Q2","held_periods":2"#))
  }

  @Test func fingerprintsDoNotDependOnRowOrderOrMessages() throws {
    let rows = ["W1,One,2024-Q3,R,A,,x", "W4,Four,2024-Q3,A,G,,", "W2,Two,2024-Q3,R,R,Project Board,x"]
    let statePaths = try (0..<2).map { try DataFileTests.temporaryFile("", name: "state-\($0).json") }
    for path in statePaths { try FileManager.default.removeItem(atPath: path) }
    _ = try Self.queue(Self.header + rows.joined(separator: "\n") + "\n", state: statePaths[0])
    _ = try Self.queue(Self.header + rows.reversed().joined(separator: "\n") + "\n", state: statePaths[1])
    let first = try String(contentsOfFile: statePaths[0], encoding: .utf8)
    let second = try String(contentsOfFile: statePaths[1], encoding: .utf8)
    #expect(first == second)
    #expect(
      Fingerprint.of(rule: "red", id: "W1", forum: "SCCB") == Fingerprint.of(rule: "red", id: "W1", forum: "SCCB"))
    #expect(Fingerprint.of(rule: "red", id: "W1", forum: "SCCB") != Fingerprint.of(rule: "red", id: "W1", forum: "COG"))
    #expect(Fingerprint.of(rule: "red", id: "W1", forum: "SCCB").count == 16)
  }

  @Test func aSecondRunMarksNewContinuingAndResolved() throws {
    let state = try DataFileTests.temporaryFile("", name: "state.json")
    try FileManager.default.removeItem(atPath: state)
    let first = try Self.queue(
      Self.header + "W1,One,2024-Q3,R,A,,x\nW4,Four,2024-Q3,A,G,,\n", asOf: "2024-10-01", state: state)
    #expect(first.exitCode == 0)
    let stateText = try String(contentsOfFile: state, encoding: .utf8)
    #expect(stateText.hasPrefix("[\n  {\"fingerprint\":"))
    #expect(stateText.split(separator: "\n").count == 6, "one line per alert, between the brackets")
    let second = try Self.queue(
      Self.header + "W1,One,2024-Q4,R,R,,x\nW4,Four,2024-Q4,A,A,,done\nW5,Five,2024-Q4,R,R,,x\n", asOf: "2025-01-05",
      state: state)
    #expect(
      try Self.entries(second) == [
        "SCCB W1 critical continuing [red/continuing]", "SCCB W5 critical new [red/new]",
      ])
    let document = try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as! [String: Any]
    let resolved = (document["resolved"] as! [[String: Any]]).map { "\($0["id"]!) \($0["rule"]!)" }
    #expect(Set(resolved) == ["W1 worse", "W4 worse", "W4 quiet"])
    #expect(second.output.contains(#""status":"continuing","first_seen":"2024-10-01""#))
  }

  static let waiver = """
    waive red for W1 {
      reason "recovery plan agreed at SCCB"
      approved by "Deputy Chief Constable"
      until 2024-10-01
    }

    """

  @Test(arguments: [("2024-10-01", true), ("2024-10-02", false)])
  func aWaiverHoldsThroughItsLastDay(asOf: String, waived: Bool) throws {
    let result = try Self.queue(Self.header + "W1,One,2024-Q3,R,R,,x\n", asOf: asOf, waivers: Self.waiver)
    #expect(result.exitCode == 0)
    let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [String: Any]
    #expect((document["waived"] as! [Any]).count == (waived ? 1 : 0))
    if waived {
      #expect(try Self.entries(result) == [])
    } else {
      #expect(
        try Self.entries(result) == [
          "SCCB W1 critical new [red/new]", "Governance Office W1 info new [waiver-expired/new]",
        ])
      #expect(
        result.output.contains(
          "the waiver of red for W1 (recovery plan agreed at SCCB, approved by Deputy Chief Constable) expired on 1 Oct 2024"
        ))
    }
  }

  @Test func wavierBlocksInThePackWorkToo() throws {
    let result = try Self.queue(Self.header + "W1,One,2024-Q3,R,R,,x\n", rules: Self.rules + Self.waiver)
    #expect(try Self.entries(result) == [])
  }

  @Test(arguments: [
    (
      "waive red for W1 {\n  reason \"r\"\n}\n",
      ["waivers.rules:1:1 [missing-clause] waiver lacks who approved it ('approved by') and an expiry date ('until')"]
    ),
    (
      "waive reed for W1 {\n  reason \"r\"\n  approved by \"a\"\n  until 2024-12-31\n}\n",
      ["waivers.rules:1:7 [unknown-rule] waiver names unknown rule 'reed'"]
    ),
    (
      "waive * for W1 {\n  reason \"r\"\n  approved by \"a\"\n  until 31/12/2024\n}\n",
      [
        "waivers.rules:4:9 [unexpected-token] expected the last day of the waiver, e.g. 2024-12-31 but found '31'",
        "waivers.rules:1:1 [missing-clause] waiver lacks an expiry date ('until')",
      ]
    ),
    (
      "rule extra {\n severity info\n when true\n message \"m\"\n}\n",
      ["waivers.rules:1:1 [unexpected-token] a waivers file holds only 'waive' blocks"]
    ),
  ])
  func badWaiverFilesAreLocatedErrors(text: String, expected: [String]) throws {
    let result = try Self.queue(Self.header + "W1,One,2024-Q3,R,R,,x\n", waivers: text)
    #expect(result.exitCode == 2)
    #expect(result.output.isEmpty)
    let described = result.diagnostics.map { diagnostic in
      let location = (diagnostic.locationText ?? "-").split(separator: "/").last.map(String.init) ?? "-"
      return "\(location) [\(diagnostic.id.rawValue)] \(diagnostic.message)"
    }
    #expect(Set(described) == Set(expected))
  }

  @Test func unknownForumsAreReportedInRulesAndData() throws {
    let badRule = Self.forums + "rule r {\n severity info\n when true\n escalate to Senior Board\n message \"m\"\n}\n"
    let (_, diagnostics) = RulePack(files: [SourceFile(path: "p.rules", text: badRule)]).check()
    #expect(diagnostics.map { "\($0.locationText!) \($0.message)" } == ["p.rules:9:14 unknown forum 'Senior Board'"])

    let result = try Self.queue(Self.header + "W1,One,2024-Q3,G,G,Coag,x\n", format: .text)
    #expect(result.exitCode == 0)
    #expect(
      result.output.contains("unknown-forum  escalated_to 'Coag' is not one of the pack's forums (did you mean 'COG'?)")
    )
  }

  @Test func theForumOptionShowsOneForum() throws {
    let data = try DataFileTests.temporaryFile(
      Self.header + "W1,One,2024-Q3,R,A,,x\nW4,Four,2024-Q3,A,G,,\n", name: "r.csv")
    let pack = try DataFileTests.temporaryFile(Self.rules, name: "pack.rules")
    let check = CheckOptions(rulesPath: pack, reportDate: Day(iso: "2024-10-01")!, dataPaths: [data])
    let result = QueueCommand.run(QueueOptions(check: check, forum: "project board"))
    #expect(result.output.contains("Project Board (level 1)"))
    #expect(!result.output.contains("SCCB"))
    let unknown = QueueCommand.run(QueueOptions(check: check, forum: "Board of Trade"))
    #expect(unknown.exitCode == 2)
    #expect(unknown.diagnostics.map(\.message) == ["--forum names unknown forum 'Board of Trade'"])
  }
}
