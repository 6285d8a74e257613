import Foundation
import Testing

/// The queue of the two transcribed quarterly returns, in each format, against golden files;
/// and two runs through a state file, as a governance office would run it board after board.
@Suite struct QueueGoldenTests {
  static let data = ["examples/collaboration-2019-06.csv", "examples/collaboration-2019-09.csv"]
  static let waivers = "Tests/EscalateKitTests/Fixtures/queue/waivers.rules"

  @Test(arguments: ["text", "json", "markdown"])
  func theSeedQueueMatchesItsGoldenFile(format: String) throws {
    let result = try CommandRunner.run(
      ["queue", "--as-of", "2019-09-26", "--waivers", Self.waivers, "--format", format] + Self.data)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "queue/collaboration-2019-09.\(format == "markdown" ? "md" : format)")
  }

  /// Op Hexagon's savings, worse in September, go to JCOG, where the report says the business
  /// case went; the Reds of the illustrative return go to SCCB with their worsening suppressed.
  @Test func workGoesWhereTheReportsSentIt() throws {
    let seeds = try CommandRunner.run(["queue", "--as-of", "2019-09-26", "--forum", "JCOG"] + Self.data)
    #expect(seeds.stdout.contains("JCOG (level 3)\n  HEXAGON  Op Hexagon  2019/20 Q2  [warning, new]"))
    #expect(seeds.stdout.contains("already escalated here"))
    let illustrative = try CommandRunner.run(
      ["queue", "--as-of", "2019-06-27", "--forum", "SCCB", "examples/quarterly-2019-q2.csv"])
    #expect(illustrative.stdout.contains("(new, suppressed by red-needs-senior-forum)"))
  }

  @Test func twoBoardsThroughAStateFile() throws {
    let state = FileManager.default.temporaryDirectory.appendingPathComponent(
      "escalate-state-\(UUID().uuidString).json"
    ).path
    defer { try? FileManager.default.removeItem(atPath: state) }
    let june = try CommandRunner.run(
      ["queue", "--as-of", "2019-06-27", "--state", state, "examples/collaboration-2019-06.csv"])
    #expect(june.status == 0)
    Golden.check(try String(contentsOfFile: state, encoding: .utf8), against: "queue/state-after-june.json")
    let september = try CommandRunner.run(
      ["queue", "--as-of", "2019-09-26", "--state", state, "--waivers", Self.waivers] + Self.data)
    #expect(september.status == 0)
    Golden.check(september.stdout, against: "queue/september-after-june.txt")
  }

  @Test func helpAndUsage() throws {
    let help = try CommandRunner.run(["queue", "--help"])
    #expect(help.status == 0)
    Golden.check(help.stdout, against: "cli/queue-help.txt")
    let bad = try CommandRunner.run(["queue", "--format", "html", "x.csv"])
    #expect(bad.status == 2)
    #expect(
      bad.stderr
        == "escalate: error: unknown format 'html'; the formats are text, json, markdown\n"
        + "Run 'escalate queue --help' for usage.\n")
  }
}
