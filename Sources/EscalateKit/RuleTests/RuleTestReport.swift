/// The text `escalate test` prints: each failing test with its diff, then `N passed, M failed`.
///
/// ```
/// FAIL rules/tests/escalation.test:3: Red at the project board fires
///     red-needs-senior-forum on WS-1
///   - no red-needs-senior-forum on WS-2
///   + red-needs-senior-forum on WS-2 message "Beta is Red overall but ..."
///
/// 11 passed, 1 failed
/// ```
///
/// Unmarked lines are expectations that held; `-` lines expectations that did not; `+` lines
/// alerts that fail the test, written as `expect` lines.
enum RuleTestReport {
  static func render(_ results: [RuleTestResult]) -> String {
    var output = ""
    for result in results where !result.passed {
      output += "FAIL \(result.path):\(result.test.line): \(result.test.name)\n"
      for line in result.diff?.lines ?? [] {
        switch line {
        case .same(let text): output += "    \(text)\n"
        case .expected(let text): output += "  - \(text)\n"
        case .actual(let text): output += "  + \(text)\n"
        }
      }
      output += "\n"
    }
    return output + summary(results)
  }

  static func summary(_ results: [RuleTestResult]) -> String {
    let passed = results.count { $0.passed }
    return "\(passed) passed, \(results.count - passed) failed\n"
  }
}
