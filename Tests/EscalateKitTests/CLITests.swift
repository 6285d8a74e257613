import EscalateKit
import Foundation
import Testing

/// End-to-end tests of the `escalate` executable: stdout, stderr and exit status, exactly.
@Suite struct CLITests {
  @Test func helpAndVersion() throws {
    let help = try CommandRunner.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stderr.isEmpty)
    Golden.check(help.stdout, against: "cli/help.txt")

    let checkHelp = try CommandRunner.run(["check", "--help"])
    #expect(checkHelp.status == 0)
    Golden.check(checkHelp.stdout, against: "cli/check-help.txt")

    let version = try CommandRunner.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout == "escalate \(escalateVersion)\n")
  }

  /// The first command of the README, run as written, gives the output the seed tests pin down.
  @Test func theReadmesFirstCommandWorksAsWritten() throws {
    let readme = try Repository.read("README.md")
    let command = try #require(readme.split(separator: "\n").first { $0.hasPrefix("swift run escalate ") })
    let arguments = command.dropFirst("swift run escalate ".count).split(separator: " ").map(String.init)
    #expect(arguments.first == "check")
    let result = try CommandRunner.run(arguments)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "seeds/collaboration-2019-09.txt")
  }

  @Test func theIllustrativeExampleChecks() throws {
    let result = try CommandRunner.run(["check", "--as-of", "2019-06-27", "examples/quarterly-2019-q2.csv"])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "cli/example-check.txt")
  }

  struct UsageCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var stderr: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  @Test(arguments: [
    UsageCase(
      arguments: ["chek"],
      stderr: "escalate: error: unknown command 'chek' (did you mean 'check'?)\nRun 'escalate --help' for usage.\n"),
    UsageCase(
      arguments: ["check"], stderr: "escalate: error: no data files given\nRun 'escalate check --help' for usage.\n"),
    UsageCase(
      arguments: ["check", "--formt", "json", "x.csv"],
      stderr:
        "escalate: error: unknown option '--formt' (did you mean '--format'?)\nRun 'escalate check --help' for usage.\n"
    ),
    UsageCase(
      arguments: ["check", "--format", "xml", "x.csv"],
      stderr:
        "escalate: error: unknown format 'xml'; the formats are text, json, jsonl, github, junit, sarif\nRun 'escalate check --help' for usage.\n"
    ),
    UsageCase(
      arguments: ["check", "--as-of", "1/10/2024", "x.csv"],
      stderr:
        "escalate: error: --as-of '1/10/2024' is not a date; write it as YYYY-MM-DD, e.g. 2024-10-01\nRun 'escalate check --help' for usage.\n"
    ),
    UsageCase(
      arguments: ["check", "--rules"],
      stderr: "escalate: error: option '--rules' needs a value\nRun 'escalate check --help' for usage.\n"),
    UsageCase(
      arguments: ["check", "--param", "tolerance=10%", "x.csv"],
      stderr:
        "escalate: error: --param 'tolerance=10%' is not RULE.NAME=VALUE, e.g. forecast-overspend.tolerance=10%\nRun 'escalate check --help' for usage.\n"
    ),
  ])
  func usageErrorsExitWithStatus2(_ usage: UsageCase) throws {
    let result = try CommandRunner.run(usage.arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == usage.stderr)
  }

  @Test func invalidRulesAreLocatedOnStandardError() throws {
    let result = try CommandRunner.run([
      "check", "--rules", "Tests/EscalateKitTests/Fixtures/cli/broken.rules", "examples/quarterly-2019-q2.csv",
    ])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    Golden.check(result.stderr, against: "cli/broken-rules.stderr")
  }

  @Test func invalidDataIsLocatedOnStandardError() throws {
    let result = try CommandRunner.run([
      "check", "--strict", "--as-of", "2024-10-01", "Tests/EscalateKitTests/Fixtures/cli/bad-data.csv",
      "no-such-file.csv",
    ])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    Golden.check(result.stderr, against: "cli/bad-data.stderr")
  }

  @Test func unreadableCellsAreDataQualityAlertsByDefault() throws {
    let broken = try CommandRunner.run([
      "check", "--as-of", "2024-10-01", "--format", "jsonl", "Tests/EscalateKitTests/Fixtures/cli/bad-data.csv",
    ])
    #expect(broken.status == 2, "a record without an id and an unterminated quote are errors in any mode")
    let result = try CommandRunner.run([
      "check", "--as-of", "2024-10-01", "Tests/EscalateKitTests/Fixtures/cli/unreadable-cells.csv",
    ])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "cli/unreadable-cells.txt")
  }

  @Test func validateReportsEveryUnreadableCellWithoutRules() throws {
    let result = try CommandRunner.run([
      "validate", "examples/quarterly-2019-q2.csv", "Tests/EscalateKitTests/Fixtures/cli/unreadable-cells.csv",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "cli/validate.txt")

    let clean = try CommandRunner.run(["validate", "-"], stdin: "id,name,Colour\nWS-1,A,blue\n")
    #expect(clean.status == 0)
    #expect(
      clean.stdout
        == "<stdin>:1:9: warning: column 'Colour' is not in the workstream schema; it is not read "
        + "[unknown-data-column]\n<stdin>: 1 record, every cell readable\n")

    // Blank lines and a byte-order mark before the header move it, and the warning with it.
    let late = try CommandRunner.run(["validate", "-"], stdin: "\u{FEFF}\n \n\"id\",name,Colour\nWS-1,A,blue\n")
    #expect(late.stdout.hasPrefix("<stdin>:3:11: warning: column 'Colour'"))

    let help = try CommandRunner.run(["validate", "--help"])
    #expect(help.status == 0)
    Golden.check(help.stdout, against: "cli/validate-help.txt")
  }

  @Test func parameterOverrideChangesWhatFires() throws {
    let base = ["check", "--as-of", "2019-06-27", "--format", "jsonl", "examples/quarterly-2019-q2.csv"]
    let loose = try CommandRunner.run(base + ["--param", "forecast-overspend.tolerance=20%"])
    let strict = try CommandRunner.run(base + ["--param=forecast-overspend.tolerance=1%"])
    #expect(loose.status == 0 && strict.status == 0)
    let count = { (output: String) in
      output.split(separator: "\n").filter { $0.contains("\"forecast-overspend\"") }.count
    }
    #expect(count(loose.stdout) == 0)
    #expect(count(strict.stdout) == 5)

    let wrong = try CommandRunner.run(base + ["--param", "forecast-overspend.tolerance=10"])
    #expect(wrong.status == 2)
    #expect(
      wrong.stderr == """
        --param forecast-overspend.tolerance:1:1: error: parameter 'forecast-overspend.tolerance' is Percent, but '10' is Number [invalid-parameter-value]
          1 | 10
            | ^~ write it like the default, '5%'

        """)
  }

  @Test func explicitRulesDirectoryMatchesTheBuiltInPack() throws {
    let args = ["--as-of", "2019-06-27", "--format", "json", "examples/quarterly-2019-q2.csv"]
    let builtIn = try CommandRunner.run(["check"] + args)
    let fromDisk = try CommandRunner.run(["check", "--rules", "rules"] + args)
    #expect(builtIn.status == 0)
    #expect(builtIn.stdout == fromDisk.stdout)
  }
}
