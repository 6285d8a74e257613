import Foundation
import Testing

@testable import EscalateKit

/// `escalate test`: the test-file parser, the runner's comparison of expected and actual alerts,
/// and the rule tests shipped in `rules/tests` and `rules/reserve/tests`.
@Suite struct RuleTestRunnerTests {
  // MARK: - Parsing

  static func parse(_ text: String) -> (file: RuleTestFile, diagnostics: [Diagnostic]) {
    RuleTestParser.parse(SourceFile(path: "t.test", text: text))
  }

  /// A diagnostic as `line:column: message [id]`.
  static func describe(_ diagnostic: Diagnostic) -> String {
    let location = diagnostic.locationText.map { String($0.dropFirst("t.test:".count)) } ?? "-"
    return "\(location): \(diagnostic.message) [\(diagnostic.id.rawValue)]"
  }

  /// The clauses every valid test needs, after its `test` line.
  static let body = "as of 2024-10-01\nrecords\n  id,overall\n  WS-1,R\nexpect missing-rating on WS-1\n"

  struct SyntaxCase: Sendable, CustomTestStringConvertible {
    var label: String
    var source: String
    var errors: [String]
    var testDescription: String { label }
  }

  static let syntaxCases: [SyntaxCase] = [
    SyntaxCase(
      label: "a clause before the first test", source: "as of 2024-10-01\n",
      errors: ["1:1: 'as of' before the first test [unexpected-token]"]),
    SyntaxCase(
      label: "an unknown clause", source: "test \"a\"\n" + body + "expecting rag-worsened on WS-1\n",
      errors: ["7:1: unknown clause 'expecting' [unexpected-token]"]),
    SyntaxCase(
      label: "a test name without quotes", source: "test red fires\n" + body,
      errors: ["1:6: expected the test's name in double quotes after 'test' [unexpected-token]"]),
    SyntaxCase(
      label: "a test without a name", source: "test\n" + body,
      errors: ["1:5: expected the test's name in double quotes after 'test' [unexpected-token]"]),
    SyntaxCase(
      label: "words after the name", source: "test \"a\" now\n" + body,
      errors: ["1:10: unexpected 'now' after the test's name [unexpected-token]"]),
    SyntaxCase(
      label: "a duplicate test name", source: "test \"a\"\n" + body + "test \"a\"\n" + body,
      errors: ["7:1: duplicate test name \"a\" [duplicate-name]"]),
    SyntaxCase(
      label: "a test with no clauses", source: "test \"a\"\n",
      errors: [
        "1:1: test \"a\" has no 'as of' date [missing-clause]", "1:1: test \"a\" has no records [missing-clause]",
        "1:1: test \"a\" has no expectations [missing-clause]",
      ]),
    SyntaxCase(
      label: "'as' without 'of'", source: "test \"a\"\nas 2024-10-01\n" + body,
      errors: ["2:4: expected 'of' after 'as' [unexpected-token]"]),
    SyntaxCase(
      label: "'as of' without a date", source: "test \"a\"\nas of\nrecords from x.csv\nexpect rag-worsened on A\n",
      errors: ["2:6: expected a date after 'as of' [unexpected-token]"]),
    SyntaxCase(
      label: "a date that does not exist", source: "test \"a\"\nas of 2024-02-30\nrecords from x.csv\nexpect x on A\n",
      errors: ["2:7: '2024-02-30' is not a date [invalid-date]"]),
    SyntaxCase(
      label: "a date in words", source: "test \"a\"\nas of 1 Oct 2024\nrecords from x.csv\nexpect x on A\n",
      errors: ["2:7: '1 Oct 2024' is not a date [invalid-date]"]),
    SyntaxCase(
      label: "a second 'as of'", source: "test \"a\"\n" + body + "as of 2024-10-02\n",
      errors: ["7:1: a test has one 'as of' date [duplicate-clause]"]),
    SyntaxCase(
      label: "'with' without '='", source: "test \"a\"\n" + body + "with forecast-overspend.tolerance 10%\n",
      errors: ["7:6: expected RULE.NAME = VALUE after 'with' [unexpected-token]"]),
    SyntaxCase(
      label: "'with' without a rule", source: "test \"a\"\n" + body + "with tolerance = 10%\n",
      errors: ["7:6: expected RULE.NAME = VALUE after 'with' [unexpected-token]"]),
    SyntaxCase(
      label: "'with' without a value", source: "test \"a\"\n" + body + "with forecast-overspend.tolerance =  # none\n",
      errors: ["7:36: expected a value after '=' [unexpected-token]"]),
    SyntaxCase(
      label: "a parameter set twice", source: "test \"a\"\n" + body + "with r.p = 1\nwith r.p=2\n",
      errors: ["8:6: parameter 'r.p' is set twice in this test [duplicate-clause]"]),
    SyntaxCase(
      label: "words after 'records'", source: "test \"a\"\nas of 2024-10-01\nrecords in x.csv\nexpect x on A\n",
      errors: ["3:9: expected 'from' or the end of the line after 'records' [unexpected-token]"]),
    SyntaxCase(
      label: "'records from' without a file", source: "test \"a\"\nas of 2024-10-01\nrecords from\nexpect x on A\n",
      errors: ["3:13: expected a file after 'records from' [unexpected-token]"]),
    SyntaxCase(
      label: "a second 'records'", source: "test \"a\"\n" + body + "records from x.csv\n",
      errors: ["7:1: a test has one 'records' clause [duplicate-clause]"]),
    SyntaxCase(
      label: "'records' with nothing under it", source: "test \"a\"\nas of 2024-10-01\nrecords\nexpect x on A\n",
      errors: ["3:1: 'records' has no CSV lines under it [missing-clause]"]),
    SyntaxCase(
      label: "an indented line outside a block", source: "test \"a\"\n" + body + "  expect x on B\n",
      errors: ["7:1: indented line outside a 'records' block [unexpected-token]"]),
    SyntaxCase(
      label: "a row indented less than its header",
      source: "test \"a\"\nas of 2024-10-01\nrecords\n    id\n  A\nexpect x on A\n",
      errors: ["5:1: this line is not indented like the first line of its 'records' block [unexpected-token]"]),
    SyntaxCase(
      label: "a row indented more than its header",
      source: "test \"a\"\nas of 2024-10-01\nrecords\n  id\n   A\nexpect x on A\n",
      errors: ["5:1: this line is not indented like the first line of its 'records' block [unexpected-token]"]),
    SyntaxCase(
      label: "'expect' alone", source: "test \"a\"\n" + body + "expect\n",
      errors: ["7:7: expected a rule id after 'expect' [unexpected-token]"]),
    SyntaxCase(
      label: "a quoted rule id", source: "test \"a\"\n" + body + "expect \"rag-worsened\" on A\n",
      errors: ["7:8: expected a rule id after 'expect' [unexpected-token]"]),
    SyntaxCase(
      label: "'expect' without 'on'", source: "test \"a\"\n" + body + "expect rag-worsened WS-1\n",
      errors: ["7:21: expected 'on' after the rule id [unexpected-token]"]),
    SyntaxCase(
      label: "'expect' without an id", source: "test \"a\"\n" + body + "expect no rag-worsened on\n",
      errors: ["7:26: expected the record's id after 'on' [unexpected-token]"]),
    SyntaxCase(
      label: "an id with a space, unquoted", source: "test \"a\"\n" + body + "expect rag-worsened on WS 1\n",
      errors: ["7:27: expected 'message' or the end of the line after the record's id [unexpected-token]"]),
    SyntaxCase(
      label: "'expect no' with a message",
      source: "test \"a\"\n" + body + "expect no rag-worsened on A message \"x\"\n",
      errors: ["7:29: 'expect no' takes no message [unexpected-token]"]),
    SyntaxCase(
      label: "a message without quotes", source: "test \"a\"\n" + body + "expect rag-worsened on A message worse\n",
      errors: ["7:34: expected the alert's message in double quotes after 'message' [unexpected-token]"]),
    SyntaxCase(
      label: "words after the message", source: "test \"a\"\n" + body + "expect rag-worsened on A message \"x\" y\n",
      errors: ["7:38: unexpected 'y' after the message [unexpected-token]"]),
    SyntaxCase(
      label: "an alert expected and not expected",
      source: "test \"a\"\n" + body + "expect rag-worsened on A\nexpect no rag-worsened on A\n",
      errors: ["8:8: the test expects both an alert and no alert of 'rag-worsened' on 'A' [duplicate-clause]"]),
    SyntaxCase(
      label: "'expect nothing else' twice",
      source: "test \"a\"\n" + body + "expect nothing else\nexpect nothing else\n",
      errors: ["8:1: a test says 'expect nothing else' once [duplicate-clause]"]),
    SyntaxCase(
      label: "an unterminated string", source: "test \"a\"\n" + body + "expect rag-worsened on A message \"x\n",
      errors: ["7:34: unterminated string [unterminated-string]"]),
    SyntaxCase(
      label: "an unknown escape", source: "test \"a\"\n" + body + "expect rag-worsened on A message \"a\\qb\"\n",
      errors: ["7:36: unknown escape '\\q' [invalid-escape]"]),
    SyntaxCase(
      label: "an unterminated test name", source: "test \"a\n" + body,
      errors: ["1:6: unterminated string [unterminated-string]"]),
  ]

  @Test(arguments: syntaxCases) func syntaxErrorsAreLocated(_ example: SyntaxCase) {
    #expect(Self.parse(example.source).diagnostics.map(Self.describe) == example.errors)
  }

  @Test func aSyntaxErrorIsRenderedWithItsLineAndHint() {
    let diagnostics = Self.parse("test \"a\"\n" + Self.body + "expect rag-worsened WS-1\n").diagnostics
    #expect(
      DiagnosticRenderer().render(diagnostics) == """
        t.test:7:21: error: expected 'on' after the rule id [unexpected-token]
          7 | expect rag-worsened WS-1
            |                     ^~~~ e.g. expect rag-worsened on WS-1

        """)
  }

  @Test func aValidFileParsesIntoItsTests() throws {
    let text = """
      # A comment line.
      test "Red fires"  # and a comment after a clause
      as of 2024-10-01
      with forecast-overspend.tolerance = 10%   # a comment after a value
      with missing-narrative.flag = "#not a comment"
      records
          id,name,overall

          WS-1,"Pay, roll",R
      expect red-needs-senior-forum on WS-1 message "Say \\"hi\\" {name}\\n"
      expect no rag-worsened on "WS 2"
      expect nothing else

      test "From files"
      as of 2024-10-02
      records from a.csv "b c.json"
      expect on on no
      expect no no on on

      """.replacingOccurrences(of: "\n", with: "\r\n")
    let (file, diagnostics) = Self.parse(text)
    #expect(diagnostics.isEmpty)
    try #require(file.tests.count == 2)
    let first = file.tests[0]
    #expect(first.name == "Red fires")
    #expect(first.line == 2)
    #expect(first.reportDate == Day(iso: "2024-10-01"))
    #expect(
      first.overrides.map(\.override) == [
        ParameterOverride(rule: "forecast-overspend", name: "tolerance", value: "10%"),
        ParameterOverride(rule: "missing-narrative", name: "flag", value: "\"#not a comment\""),
      ])
    guard case .inline(let block) = first.records else {
      Issue.record("expected inline records")
      return
    }
    #expect(block.text == "id,name,overall\n\nWS-1,\"Pay, roll\",R\n")
    #expect(block.firstLine == 7)
    #expect(block.indent == 4)
    #expect(first.expectations.map(\.kind) == [.fires(message: "Say \"hi\" {name}\n"), .doesNotFire])
    #expect(first.expectations.map(\.recordID) == ["WS-1", "WS 2"])
    #expect(first.expectsNothingElse)
    let second = file.tests[1]
    guard case .files(let files) = second.records else {
      Issue.record("expected records files")
      return
    }
    #expect(files.map(\.path) == ["a.csv", "b c.json"])
    // A rule may be called 'on' or 'no': position tells the words apart.
    #expect(second.expectations.map(\.rule) == ["on", "no"])
    #expect(second.expectations.map(\.recordID) == ["no", "on"])
    #expect(second.expectations.map(\.kind) == [.fires(message: nil), .doesNotFire])
    #expect(!second.expectsNothingElse)
  }

  // MARK: - Filling in columns

  @Test func missingColumnsAreAddedAtTheEndOfEveryRecord() throws {
    // 'Bid total' is the reserve schema's alias of 'approved'; a quoted field may hold line breaks.
    let csv = "\n  \nid,Bid total,benefits_delivered\r\n\"A 1\",5,\"two\r\nlines, \"\"quoted\"\"\"\r\n\r\nB,6,x"
    let schema = try #require(RulePack.load(path: Repository.path("rules/reserve")).pack?.check().ruleSet).schema
    let filled = try #require(CSVColumnFiller.fill(Array(csv.utf8), schema: schema))
    let added = schema.columns.map(\.name).filter { !["id", "approved", "benefits_delivered"].contains($0) }
    #expect(filled.added == added)
    let commas = String(repeating: ",", count: added.count)
    #expect(
      String(decoding: filled.bytes, as: UTF8.self)
        == "\n  \nid,Bid total,benefits_delivered,\(added.joined(separator: ","))\r\n\"A 1\",5,\"two\r\nlines, "
        + "\"\"quoted\"\"\"\(commas)\r\n\r\nB,6,x\(commas)")
  }

  @Test func aFileWithEveryColumnIsLeftAlone() throws {
    let schema = try #require(RulePack.builtIn.check().ruleSet).schema
    let csv = Array((schema.columns.map(\.name).joined(separator: ",") + "\n").utf8)
    let filled = try #require(CSVColumnFiller.fill(csv, schema: schema))
    #expect(filled.added.isEmpty)
    #expect(filled.bytes == csv)
  }

  // MARK: - Comparing alerts

  static func alert(_ rule: String, _ id: String, _ message: String = "m") -> Alert {
    Alert(
      rule: rule, severity: .warning, forum: nil, recordID: id, name: nil, period: nil, message: message,
      source: RecordSource(path: "d.csv", line: 2), evidence: [], ruleIndex: 0)
  }

  static func expectations(_ lines: String) -> [AlertExpectation] {
    parse("test \"a\"\nas of 2024-10-01\nrecords from x.csv\n" + lines).file.tests[0].expectations
  }

  @Test func everyAlertOfANamedRuleMustBeExpected() {
    let diff = AlertDiff(
      expectations: Self.expectations("expect r on A\nexpect no r on C\n"), expectsNothingElse: false,
      alerts: [Self.alert("r", "A"), Self.alert("r", "B", "extra"), Self.alert("other", "A")])
    #expect(!diff.passed)
    #expect(diff.lines == [.same("r on A"), .same("no r on C"), .actual("r on B message \"extra\"")])
  }

  @Test func aMessageMismatchShowsBothMessages() {
    let diff = AlertDiff(
      expectations: Self.expectations("expect r on \"A 1\" message \"want\"\n"), expectsNothingElse: false,
      alerts: [Self.alert("r", "A 1", "got \"this\"")])
    #expect(
      diff.lines == [.expected("r on \"A 1\" message \"want\""), .actual("r on \"A 1\" message \"got \\\"this\\\"\"")])
  }

  @Test func nothingElseCountsEveryRule() {
    let expectations = Self.expectations("expect r on A\n")
    let alerts = [Self.alert("r", "A"), Self.alert("other", "A")]
    #expect(AlertDiff(expectations: expectations, expectsNothingElse: false, alerts: alerts).passed)
    let diff = AlertDiff(expectations: expectations, expectsNothingElse: true, alerts: alerts)
    #expect(diff.lines == [.same("r on A"), .actual("other on A message \"m\"")])
  }

  @Test func twoAlertsOfOneRuleOnARecordNeedTwoExpectations() {
    let alerts = [Self.alert("unreadable-value", "A", "x"), Self.alert("unreadable-value", "A", "y")]
    let one = AlertDiff(
      expectations: Self.expectations("expect unreadable-value on A\n"), expectsNothingElse: false, alerts: alerts)
    #expect(one.lines == [.same("unreadable-value on A"), .actual("unreadable-value on A message \"y\"")])
    let two = AlertDiff(
      expectations: Self.expectations("expect unreadable-value on A\nexpect unreadable-value on A message \"x\"\n"),
      expectsNothingElse: false, alerts: alerts)
    #expect(two.passed)
  }

  // MARK: - Running test files

  /// Runs `escalate test` on fixtures, with the repository's path taken out of what it prints.
  static func run(rules: String? = nil, _ paths: [String]) -> (output: String, errors: String, status: Int32) {
    let result = TestCommand.run(rulesPath: rules.map(Repository.path), testPaths: paths.map(Repository.path))
    let root = Repository.root.path + "/"
    return (
      result.output.replacingOccurrences(of: root, with: ""),
      DiagnosticRenderer().render(result.diagnostics).replacingOccurrences(of: root, with: ""), result.exitCode
    )
  }

  static let fixtures = "Tests/EscalateKitTests/Fixtures/ruletests/"

  @Test func aPassingFilePrintsOnlyTheSummary() {
    let result = Self.run([Self.fixtures + "passing.test"])
    #expect(result.errors == "")
    #expect(result.output == "3 passed, 0 failed\n")
    #expect(result.status == 0)
  }

  @Test func aFailingFilePrintsEachFailureAsADiff() {
    let result = Self.run([Self.fixtures + "failing.test"])
    #expect(result.errors == "")
    #expect(result.status == 1)
    #expect(
      result.output == """
        FAIL Tests/EscalateKitTests/Fixtures/ruletests/failing.test:10: \
        A wrong message, a missing alert and an alert that should not be
          - red-needs-senior-forum on WS-1 message "Payroll is Red"
          + red-needs-senior-forum on WS-1 message \
        "Payroll is Red overall but has not been escalated to a senior forum (escalated to: nobody)"
          - red-needs-senior-forum on WS-2
          - no red-needs-senior-forum on WS-3
          + red-needs-senior-forum on WS-3 message \
        "Fleet is Red overall but has not been escalated to a senior forum (escalated to: Project Board)"

        FAIL Tests/EscalateKitTests/Fixtures/ruletests/failing.test:21: A rule firing on a record the test does not list
            stale-update on U-1
          + stale-update on U-2 message "Estates was last updated on 1 Jul 2024, more than 90 days before 1 Oct 2024"

        FAIL Tests/EscalateKitTests/Fixtures/ruletests/failing.test:29: Nothing else means no other rule's alerts either
          + missing-narrative on WS-1 message "Payroll has no narrative"

        1 passed, 3 failed

        """)
  }

  @Test func badRecordsArePointedOutInTheTestFile() {
    let result = Self.run([Self.fixtures + "invalid-data.test"])
    #expect(result.status == 2)
    #expect(result.output == "")
    let path = Self.fixtures + "invalid-data.test"
    #expect(
      result.errors == """
        \(path):4:11: error: column 'overal' is not in the workstream schema; it is not read [unknown-data-column]
          4 |   id,name,overal
            |           ^ did you mean 'overall'?
        \(path):12:3: error: row has 4 fields but the header has 3 [malformed-csv]
          12 |   WS-1,Payroll,R,
             |   ^
        \(path):20:3: error: workstream 'WS-2' has a second record for period '2024-Q3' [duplicate-record]
          20 |   WS-2,Estates,2024-Q3,A
             |   ^ the first is at \(path):19

        """)
  }

  @Test func rulesParametersAndFilesAreCheckedAgainstThePack() {
    let result = Self.run([Self.fixtures + "invalid-refs.test"])
    #expect(result.status == 2)
    #expect(result.output == "")
    let path = Self.fixtures + "invalid-refs.test"
    #expect(
      result.errors == """
        \(path):3:37: error: parameter 'forecast-overspend.tolerance' is Percent, but '10' is Number \
        [invalid-parameter-value]
          3 | with forecast-overspend.tolerance = 10
            |                                     ^~ write it like the default, '5%'
        \(path):4:25: error: rule 'forecast-overspend' has no parameter 'margin' [unknown-parameter]
          4 | with forecast-overspend.margin = 5%
            |                         ^~~~~~ its parameters are tolerance
        \(path):5:6: error: unknown rule 'forecast-overspnd' [unknown-rule]
          5 | with forecast-overspnd.tolerance = 10%
            |      ^~~~~~~~~~~~~~~~~ did you mean 'forecast-overspend'?
        \(path):6:14: error: cannot read records file '\(Self.fixtures)missing.csv': no such file [unreadable-file]
          6 | records from missing.csv
            |              ^~~~~~~~~~~
        \(path):7:8: error: unknown rule 'red-needs-senior-forun' [unknown-rule]
          7 | expect red-needs-senior-forun on WS-1
            |        ^~~~~~~~~~~~~~~~~~~~~~ did you mean 'red-needs-senior-forum'?

        """)
  }

  @Test func anExpectationAboutARecordTheTestLacksIsAnError() {
    let result = Self.run([Self.fixtures + "unknown-id.test"])
    #expect(result.status == 2)
    #expect(
      result.errors == """
        \(Self.fixtures)unknown-id.test:7:29: error: no record of this test has the id 'WS-11' [unknown-name]
          7 | expect no missing-rating on WS-11
            |                             ^~~~~ did you mean 'WS-1'?

        """)
  }

  @Test func aPortfolioAlertIsNamedByItsGroup() {
    let result = Self.run(rules: Self.fixtures + "portfolio", [])
    #expect(result.errors == "")
    #expect(result.output == "1 passed, 0 failed\n")
  }

  @Test func anInvalidPackIsReportedBeforeAnyTest() {
    let result = Self.run(rules: "rules/no-such-pack", [Self.fixtures + "passing.test"])
    #expect(result.status == 2)
    #expect(
      result.errors == "error: cannot read rules 'rules/no-such-pack': no such file or directory [unreadable-file]\n")
  }

  @Test func aMissingTestPathIsAnError() {
    let result = Self.run([Self.fixtures + "no-such.test"])
    #expect(result.status == 2)
    #expect(result.errors.hasSuffix("no-such.test': no such file or directory [unreadable-file]\n"))
  }

  /// A CI gate that names test files must not pass when they hold no test.
  @Test func namedPlacesWithoutTestsAreAnError() {
    let result = Self.run(["Tests/EscalateKitTests/Fixtures/json"])
    #expect(result.status == 2)
    #expect(result.output.isEmpty)
    #expect(result.errors.contains("error: no tests in Tests/EscalateKitTests/Fixtures/json [no-tests]"))

    let pack = Self.run(["rules"])
    #expect(pack.status == 2)
    #expect(pack.errors.contains("error: no tests in rules [no-tests]"))
    #expect(pack.errors.contains("did you mean escalate test rules/tests?"))
  }

  @Test func theDefaultTestsAreThePacksTestsDirectory() {
    #expect(TestCommand.defaultTests(rulesPath: nil) == "rules/tests")
    #expect(
      TestCommand.defaultTests(rulesPath: Repository.path("rules/reserve/")) == Repository.path("rules/reserve/tests"))
    #expect(
      TestCommand.defaultTests(rulesPath: Repository.path("rules/finance.rules")) == Repository.path("rules/tests"))
    #expect(TestCommand.defaultTests(rulesPath: "finance.rules") == "tests")
  }

  // MARK: - The shipped tests

  @Test func theDefaultPacksTestsPass() {
    let result = Self.run(["rules/tests"])
    #expect(result.errors == "")
    #expect(result.output == "28 passed, 0 failed\n")
    #expect(result.status == 0)
  }

  @Test func theReservePacksTestsPassFromThePackDirectory() {
    let result = Self.run(rules: "rules/reserve", [])
    #expect(result.errors == "")
    #expect(result.output == "4 passed, 0 failed\n")
    #expect(result.status == 0)
  }

  /// Every rule of the default pack is named by some test, both firing and not firing.
  @Test func everyDefaultRuleIsTested() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    var fires = Set<String>()
    var silent = Set<String>()
    for name in try FileManager.default.contentsOfDirectory(atPath: Repository.path("rules/tests")) {
      let text = try Repository.read("rules/tests/" + name)
      for test in RuleTestParser.parse(SourceFile(path: name, text: text)).file.tests {
        for expectation in test.expectations {
          if expectation.kind == .doesNotFire {
            silent.insert(expectation.rule)
          } else {
            fires.insert(expectation.rule)
          }
        }
      }
    }
    for rule in ruleSet.rules.map(\.id) {
      #expect(fires.contains(rule), "no test expects \(rule) to fire")
      #expect(silent.contains(rule), "no test expects \(rule) not to fire")
    }
  }
}
