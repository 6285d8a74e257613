import Testing

/// `escalate rules` and `escalate explain`, end to end.
@Suite struct ExplainTests {
  @Test func rulesListsThePack() throws {
    let result = try CommandRunner.run(["rules"])
    #expect(result.status == 0)
    Golden.check(result.stdout, against: "explain/rules.txt")
    let reserve = try CommandRunner.run(["rules", "--rules", "rules/reserve"])
    #expect(reserve.stdout.split(separator: "\n").count == 8)
  }

  @Test(arguments: [
    ("red-needs-senior-forum", "COL-010", "fires"), ("stale-update", "COL-001", "quiet"),
    ("forecast-overspend", "COL-016", "quiet"),
  ])
  func explainShowsEveryPartOfTheCondition(rule: String, id: String, outcome: String) throws {
    let result = try CommandRunner.run(
      ["explain", rule, "--id", id, "--as-of", "2019-06-27", "examples/quarterly-2019-q2.csv"])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "explain/\(rule)-\(id).txt")
  }

  @Test func explainWithoutDataDescribesTheRule() throws {
    let result = try CommandRunner.run(["explain", "forecast-overspend"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("  param        tolerance = 5%\n"))
    #expect(result.stdout.contains("  when         forecast > budget * (1 + tolerance)\n"))
    #expect(result.stdout.contains("\nexample (rules/tests/finance.test:"))
    #expect(result.stdout.hasSuffix("  fires on F-2, F-3; not on F-1, F-4\n"))
  }

  @Test(arguments: [
    (
      ["explain", "red-need-senior-forum"],
      "error: the pack has no rule 'red-need-senior-forum' [unknown-rule]\n  hint: did you mean 'red-needs-senior-forum'?\n"
    ),
    (
      ["explain", "stale-update", "--id", "NOPE", "--as-of", "2019-06-27", "examples/quarterly-2019-q2.csv"],
      "error: no record has id 'NOPE' [unknown-name]\n"
    ),
  ])
  func unknownRulesAndWorkstreamsAreErrors(arguments: [String], stderr: String) throws {
    let result = try CommandRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.stderr == stderr)
  }

  @Test func theShippedRuleTestsPassFromTheCommandLine() throws {
    let result = try CommandRunner.run(["test"])
    #expect(result.status == 0)
    #expect(result.stdout.hasSuffix("28 passed, 0 failed\n"))
    let failing = try CommandRunner.run([
      "test", "--rules", "rules/reserve", "Tests/EscalateKitTests/Fixtures/ruletests",
    ])
    #expect(failing.status != 0)
  }

  @Test func theShippedRuleFilesAreCanonicallyFormatted() throws {
    let result = try CommandRunner.run(["fmt", "--check", "rules"])
    #expect(result.status == 0, "run 'escalate fmt rules' and review the diff: \(result.stdout)")
    #expect(result.stdout.isEmpty)
    let usage = try CommandRunner.run(["fmt"])
    #expect(usage.status == 2)
    #expect(
      usage.stderr == "escalate: error: no rule files or directories given\nRun 'escalate fmt --help' for usage.\n")
  }
}
