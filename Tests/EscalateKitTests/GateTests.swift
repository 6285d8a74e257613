import EscalateKit
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The CI gate: exit codes, baselines, changed records, and the CI output formats.
@Suite struct GateTests {
  static let example = ["--as-of", "2019-06-27", "examples/quarterly-2019-q2.csv"]

  @Test(arguments: [("critical", Int32(1)), ("error", 1), ("info", 1)])
  func failOnExitsOneWhenAnAlertReachesTheSeverity(severity: String, status: Int32) throws {
    let result = try CommandRunner.run(["check", "--fail-on", severity] + Self.example)
    #expect(result.status == status)
    #expect(result.stderr.hasSuffix("fail the check [gate-failed]\n"))
  }

  /// JSON Lines are streamed and the gate counts alerts as they pass; it must count as the
  /// collected formats do.
  @Test(arguments: ["critical", "error", "warning", "info"])
  func theStreamedGateCountsAsTheCollectedOneDoes(severity: String) throws {
    let collected = try CommandRunner.run(["check", "--fail-on", severity, "--format", "json"] + Self.example)
    let streamed = try CommandRunner.run(["check", "--fail-on", severity, "--format", "jsonl"] + Self.example)
    #expect(streamed.status == collected.status)
    #expect(streamed.stderr == collected.stderr)
    #expect(streamed.stderr.contains("fail the check [gate-failed]") || streamed.status == 0)
  }

  @Test func withoutFailOnOrBelowItTheCheckPasses() throws {
    #expect(try CommandRunner.run(["check"] + Self.example).status == 0)
    let header = Schema.workstream.columns.map(\.name)
    let cells = ["id": "W1", "name": "One", "overall": "G", "last_updated": "2019-06-01", "next_board": "2019-07-01"]
    let data = try DataFileTests.temporaryFile(
      header.joined(separator: ",") + "\n" + header.map { cells[$0] ?? "" }.joined(separator: ",") + "\n",
      name: "one.csv")
    let quiet = try CommandRunner.run(["check", "--as-of", "2019-06-27", "--fail-on", "warning", data])
    #expect(quiet.status == 0, "only an info alert (missing-narrative) fires")
    #expect(try CommandRunner.run(["check", "--fail-on", "urgent"] + Self.example).status == 2)
  }

  @Test func aBaselineHidesKnownAlertsAndShrinks() throws {
    let baseline = try CommandRunner.run(["baseline"] + Self.example)
    #expect(baseline.status == 0)
    #expect(baseline.stdout.split(separator: "\n").count == 20, "18 alerts between the brackets")
    let path = try DataFileTests.temporaryFile(baseline.stdout, name: "baseline.json")
    let same = try CommandRunner.run(["check", "--baseline", path, "--fail-on", "info"] + Self.example)
    #expect(same.status == 0)
    #expect(same.stdout.hasSuffix("29 records checked against 12 rules as of 27 Jun 2019: no alerts\n"))

    // One known alert fixed, one new one: the new fails, the fixed one is reported as gone.
    var csv = try String(contentsOfFile: Repository.path("examples/quarterly-2019-q2.csv"), encoding: .utf8)
    csv = csv.replacingOccurrences(of: "COL-013,National Police Air Service (NPAS)", with: "COL-013,NPAS")
    csv = csv.replacingOccurrences(of: "2019-02-28", with: "2019-05-28")
    let changed = try DataFileTests.temporaryFile(csv, name: "changed.csv")
    let result = try CommandRunner.run(
      ["check", "--baseline", path, "--fail-on", "warning", "--as-of", "2019-06-27", "--format", "jsonl", changed])
    #expect(result.status == 0, "the new alert is info only: NPAS's message changed but its fingerprint did not")
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains(
        "warning: baseline entry 'stale-update' on 'COL-012' no longer fires [baseline-entry-gone]"))
  }

  @Test func githubAnnotationsEscapeTheirText() {
    let alert = Alert(
      rule: "r", severity: .critical, forum: nil, recordID: "W,1,\u{301}line=9", name: nil, period: nil,
      message: "100% over\nbudget: yes", source: RecordSource(path: "a:b,c.csv", line: 7), evidence: [], ruleIndex: 0)
    let report = CheckReport(
      alerts: [alert], records: 1, workstreams: 1, rules: [.init(id: "r", severity: .critical, description: "d")],
      reportDate: Day(iso: "2024-10-01")!)
    #expect(
      GitHubRenderer().render(report)
        == "::error file=a%3Ab%2Cc.csv,line=7,title=r (W%2C1%2C\u{301}line=9)::100%25 over%0Abudget: yes\n")
  }

  static func output(_ format: String) throws -> String {
    let result = try CommandRunner.run(["check", "--format", format] + Self.example)
    #expect(result.status == 0)
    return result.stdout
  }

  @Test(arguments: ["github", "junit", "sarif"])
  func ciFormatsMatchTheirGoldenFiles(format: String) throws {
    Golden.check(try Self.output(format), against: "gate/quarterly-2019-q2.\(format)")
  }

  @Test func junitIsWellFormedXML() throws {
    let xml = try Self.output("junit")
    let parser = XMLParser(data: Data(xml.utf8))
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    #expect(xml.contains(#"<testsuites name="escalate" tests="20" failures="18">"#))
  }

  @Test func sarifHasTheRequiredProperties() throws {
    let sarif = try JSONSerialization.jsonObject(with: Data(try Self.output("sarif").utf8)) as! [String: Any]
    #expect(sarif["version"] as? String == "2.1.0")
    let runs = try #require(sarif["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "escalate")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.count == 12)
    for rule in rules {
      #expect(rule["id"] is String)
      #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
      #expect(
        ["error", "warning", "note"].contains((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String))
    }
    let results = try #require(runs[0]["results"] as? [[String: Any]])
    #expect(results.count == 18)
    for result in results {
      #expect((result["message"] as? [String: Any])?["text"] is String)
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
      let location = try #require(
        (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
      #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "examples/quarterly-2019-q2.csv")
      #expect(((location["region"] as? [String: Any])?["startLine"] as? Int ?? 0) >= 2)
    }
  }

  /// The gate as CI runs it: a two-commit repository where the second commit makes a workstream
  /// Red without escalating it; only that line is annotated.
  @Test func changedSinceAnnotatesOnlyTheChangedLine() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("escalate-git-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    func git(_ arguments: String...) throws {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments =
        ["git", "-C", directory.path, "-c", "user.name=CI", "-c", "user.email=ci@example.org"] + arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }
    let file = directory.appendingPathComponent("returns.csv")
    let header = Schema.workstream.columns.map(\.name).joined(separator: ",") + "\n"
    func row(_ id: String, _ overall: String, _ escalated: String) -> String {
      let cells: [String: String] = [
        "id": id, "name": id, "period": "2024-Q3", "overall": overall, "escalated_to": escalated,
        "last_updated": "2024-09-01", "next_board": "2024-11-01", "narrative": "ok",
      ]
      return Schema.workstream.columns.map { cells[$0.name] ?? "" }.joined(separator: ",") + "\n"
    }
    try (header + row("W1", "R", "") + row("W2", "A", "")).write(to: file, atomically: true, encoding: .utf8)
    try git("init", "-q")
    try git("add", "returns.csv")
    try git("commit", "-q", "-m", "first")
    try (header + row("W1", "R", "") + row("W2", "R", "Project Board")).write(
      to: file, atomically: true, encoding: .utf8)
    try git("commit", "-q", "-am", "second")

    let result = try CommandRunner.run([
      "check", "--as-of", "2024-10-01", "--changed-since", "HEAD~1", "--fail-on", "critical", "--format", "github",
      file.path,
    ])
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("::error file=\(file.path),line=3,title=red-needs-senior-forum (W2)::") == true)

    let unknown = try CommandRunner.run(["check", "--changed-since", "no-such-ref", file.path])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("cannot read '\(file.path)' at revision 'no-such-ref'"))
  }
}
