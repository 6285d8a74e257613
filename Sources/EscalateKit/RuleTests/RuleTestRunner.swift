/// What running one test found.
struct RuleTestResult: Sendable {
  var test: RuleTest
  var path: String
  /// Nil when the test could not run: its data had errors.
  var diff: AlertDiff?
  /// The data's diagnostics: errors (the test is invalid) or warnings.
  var diagnostics: [Diagnostic]

  var passed: Bool { diff?.passed ?? false }
}

/// Runs tests against one pack: each test's records are checked by the pack, with the test's
/// overrides and report date, exactly as `escalate check` would check a data file, and the
/// alerts are compared with the test's expectations (``AlertDiff``).
struct RuleTestRunner {
  let pack: RulePack
  /// The pack checked without overrides.
  let ruleSet: RuleSet
  let writer: TestDataWriter
  /// The pack checked with each set of overrides met so far.
  private var withOverrides: [String: RuleSet] = [:]
  private var serial = 0

  init(pack: RulePack, ruleSet: RuleSet, scratch: String) {
    self.pack = pack
    self.ruleSet = ruleSet
    self.writer = TestDataWriter(
      scratch: scratch, schema: ruleSet.schema, groupColumns: ruleSet.rules.compactMap(\.groupBy))
  }

  /// Runs `test` of `file`, which ``RuleTestParser`` and ``RuleTestChecker`` found valid.
  mutating func run(_ test: RuleTest, of file: RuleTestFile) -> RuleTestResult {
    serial += 1
    var result = RuleTestResult(test: test, path: file.source.path, diff: nil, diagnostics: [])
    guard let records = test.records, let reportDate = test.reportDate, let rules = rules(for: test) else {
      return result
    }
    let data = writer.prepare(records, of: file, serial: serial)
    result.diagnostics = data.diagnostics
    guard !data.diagnostics.hasErrors else { return result }
    // An expectation about a record the test does not have would hold, or fail, for nothing.
    for expectation in test.expectations where !data.ids.contains(expectation.recordID) {
      result.diagnostics.append(
        Diagnostic(
          .unknownName, "no record of this test has the id '\(expectation.recordID)'", at: expectation.idRange,
          hint: Suggestion.hint(for: expectation.recordID, in: data.ids.sorted())))
    }
    guard !result.diagnostics.hasErrors else { return result }
    let outcome = Check(rules: Compiler.compile(rules, reportDate: reportDate)).run(paths: data.paths)
    result.diagnostics += outcome.diagnostics.map(data.locations.map)
    guard !result.diagnostics.hasErrors else { return result }
    var alerts = outcome.alerts
    for index in alerts.indices { alerts[index].source = data.locations.map(alerts[index].source) }
    result.diff = AlertDiff(
      expectations: test.expectations, expectsNothingElse: test.expectsNothingElse, alerts: alerts)
    return result
  }

  /// The pack with the test's overrides; the checker has made sure they apply.
  private mutating func rules(for test: RuleTest) -> RuleSet? {
    let overrides = test.overrides.map(\.override)
    guard !overrides.isEmpty else { return ruleSet }
    let key = overrides.map { "\($0.rule).\($0.name)=\($0.value)" }.joined(separator: "\n")
    if let cached = withOverrides[key] { return cached }
    let checked = pack.check(overrides: overrides).ruleSet
    withOverrides[key] = checked
    return checked
  }
}
