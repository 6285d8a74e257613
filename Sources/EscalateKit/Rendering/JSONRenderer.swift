/// `--format json`: one document with the report date, counts and every alert in input order.
public struct JSONRenderer: AlertRenderer {
  /// Creates the renderer.
  public init() {}

  /// The report date, the counts of records, workstreams and rules, the alerts by severity,
  /// then every alert.
  public func render(_ report: CheckReport) -> String {
    let summary = report.summary
    var writer = JSONWriter()
    writer.raw("{\n  \"report_date\": ")
    writer.string(report.reportDate.isoText)
    writer.raw(",\n  \"records\": \(report.records),\n  \"workstreams\": \(report.workstreams),")
    writer.raw("\n  \"rules\": \(report.rules),\n  \"summary\": ")
    writer.object(
      Severity.allCases.reversed().map { severity in (severity.rawValue, { $0.raw("\(summary.counts[severity] ?? 0)") })
      }
        + [("total", { $0.raw("\(summary.total)") })])
    writer.raw(",\n  \"alerts\": [")
    for (index, alert) in report.alerts.enumerated() {
      writer.raw(index == 0 ? "\n    " : ",\n    ")
      writer.alert(alert)
    }
    writer.raw(report.alerts.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    return writer.text
  }
}
