/// `--format junit`: JUnit XML, which CI servers show as test results. Each rule is a test
/// suite; each record it fired on is a failing test case, and a rule that fired nowhere has one
/// passing case.
public struct JUnitRenderer: AlertRenderer {
  /// Creates the renderer.
  public init() {}

  /// A test suite per reported rule, with a failing case per alert or else one passing case.
  public func render(_ report: CheckReport) -> String {
    let rules = report.reportedRules
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    let total = report.alerts.count + rules.filter { rule in !report.alerts.contains { $0.rule == rule.id } }.count
    text += "<testsuites name=\"escalate\" tests=\"\(total)\" failures=\"\(report.alerts.count)\">\n"
    for rule in rules {
      let alerts = report.alerts.filter { $0.rule == rule.id }
      text +=
        "  <testsuite name=\"\(rule.id.markupEscaped)\" tests=\"\(max(alerts.count, 1))\" "
        + "failures=\"\(alerts.count)\">\n"
      if alerts.isEmpty {
        text += "    <testcase classname=\"\(rule.id.markupEscaped)\" name=\"no alerts\"/>\n"
      }
      for alert in alerts {
        let name = "\(alert.recordID) (\(alert.source.path):\(alert.source.line))"
        text += "    <testcase classname=\"\(rule.id.markupEscaped)\" name=\"\(name.markupEscaped)\">\n"
        text +=
          "      <failure type=\"\(alert.severity.rawValue)\" message=\"\(alert.message.markupEscaped)\">"
          + "\(failureText(alert).markupEscaped)</failure>\n"
        text += "    </testcase>\n"
      }
      text += "  </testsuite>\n"
    }
    return text + "</testsuites>\n"
  }

  private func failureText(_ alert: Alert) -> String {
    var lines = ["\(alert.source.path):\(alert.source.line): \(alert.severity.rawValue): \(alert.message)"]
    for item in alert.evidence {
      lines.append("  \(item.label) = \(item.value.formatted(as: item.type))")
    }
    return lines.joined(separator: "\n")
  }
}
