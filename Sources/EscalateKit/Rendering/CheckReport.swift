/// Everything a renderer needs to show the result of a check.
public struct CheckReport: Sendable {
  /// Alerts in input order.
  public var alerts: [Alert]
  /// How many records were checked.
  public var records: Int
  /// How many workstreams the records belong to: fewer than the records when a file holds
  /// several periods.
  public var workstreams: Int
  /// The rules that were checked, in pack order, for formats that describe them (SARIF, JUnit).
  public var ruleInfo: [RuleInfo]
  /// The date the rules were checked as of.
  public var reportDate: Day

  /// How many rules were checked.
  public var rules: Int { ruleInfo.count }

  /// A rule as a report describes it.
  public struct RuleInfo: Sendable {
    /// The id its alerts carry.
    public var id: String
    /// The rule's severity, which SARIF gives as its default level.
    public var severity: Severity
    /// The rule's `description`; empty when it has none.
    public var description: String

    /// Creates a description.
    public init(id: String, severity: Severity, description: String) {
      self.id = id
      self.severity = severity
      self.description = description
    }
  }

  /// Creates a report.
  public init(alerts: [Alert], records: Int, workstreams: Int, rules: [RuleInfo], reportDate: Day) {
    self.alerts = alerts
    self.records = records
    self.workstreams = workstreams
    self.ruleInfo = rules
    self.reportDate = reportDate
  }

  /// The checked rules and the engine's own alerts that occur in the report, each once.
  public var reportedRules: [RuleInfo] {
    var rules = ruleInfo
    let engine: [String: RuleInfo] = [
      RuleSet.unreadableValueRule: RuleInfo(
        id: RuleSet.unreadableValueRule, severity: .warning,
        description: "A cell could not be read as its column's type; the rules treated it as missing."),
      RuleSet.unknownForumRule: RuleInfo(
        id: RuleSet.unknownForumRule, severity: .warning,
        description: "A workstream's escalated_to names none of the pack's forums."),
    ]
    for alert in alerts where !rules.contains(where: { $0.id == alert.rule }) {
      if let info = engine[alert.rule] { rules.append(info) }
    }
    return rules
  }

  /// Alert counts per severity.
  public var summary: AlertSummary { AlertSummary(alerts: alerts, records: records, rules: rules) }
}

/// An output format of `escalate check`.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text, json, jsonl, github, junit, sarif

  /// The renderer for this format.
  public var renderer: any AlertRenderer {
    switch self {
    case .text: TextRenderer()
    case .json: JSONRenderer()
    case .jsonl: JSONLinesRenderer()
    case .github: GitHubRenderer()
    case .junit: JUnitRenderer()
    case .sarif: SARIFRenderer()
    }
  }
}

/// Turns a check's result into one output format.
public protocol AlertRenderer: Sendable {
  /// The whole output; the same report always renders to the same bytes.
  func render(_ report: CheckReport) -> String
}
