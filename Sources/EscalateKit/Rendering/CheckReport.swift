/// Everything a renderer needs to show the result of a check.
public struct CheckReport: Sendable {
  /// Alerts in input order.
  public var alerts: [Alert]
  public var records: Int
  /// How many workstreams the records belong to: fewer than the records when a file holds
  /// several periods.
  public var workstreams: Int
  public var rules: Int
  public var reportDate: Day

  /// Creates a report.
  public init(alerts: [Alert], records: Int, workstreams: Int, rules: Int, reportDate: Day) {
    self.alerts = alerts
    self.records = records
    self.workstreams = workstreams
    self.rules = rules
    self.reportDate = reportDate
  }

  /// Alert counts per severity.
  public var summary: AlertSummary { AlertSummary(alerts: alerts, records: records, rules: rules) }
}

/// An output format of `escalate check`.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text, json, jsonl

  /// The renderer for this format.
  public var renderer: any AlertRenderer {
    switch self {
    case .text: TextRenderer()
    case .json: JSONRenderer()
    case .jsonl: JSONLinesRenderer()
    }
  }
}

/// Turns a check's result into one output format.
public protocol AlertRenderer: Sendable {
  /// The whole output; the same report always renders to the same bytes.
  func render(_ report: CheckReport) -> String
}
