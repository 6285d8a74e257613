/// The board pack: every workstream with its ratings, trend and alerts, the escalation queue, and
/// counts by severity and by section.
public struct BoardReport: Sendable {
  /// The date the pack reports as of.
  public var reportDate: Day
  /// Every workstream at its latest period, in input order.
  public var workstreams: [Row]
  /// The escalation queue built from the same run's alerts.
  public var queue: EscalationQueue
  /// Alerts per severity, most severe first, counting every alert of the run.
  public var severityCounts: [(severity: Severity, count: Int)]
  /// Per section, in name order: workstreams, how many are Red and Amber overall, and alerts.
  public var sections: [Section]

  /// One workstream of the dashboard.
  public struct Row: Sendable {
    /// The workstream's id.
    public var id: String
    /// The workstream's name, when the data has one.
    public var name: String?
    /// The section it belongs to, when the data has one.
    public var section: String?
    /// The period of the latest record, when the data has one.
    public var period: String?
    /// The overall rating; nil when the cell is missing or not a rating.
    public var overall: RAG?
    /// The overall rating a period earlier, or from `prev_overall` when the data holds no
    /// earlier period.
    public var previous: RAG?
    /// How `overall` moved from `previous`.
    public var trend: Trend
    /// The dimension ratings by column name, in schema order (time, cost, savings, benefits).
    public var dimensions: [(name: String, rating: RAG?)]
    /// The alerts on the latest record, most severe first.
    public var alerts: [Alert]
  }

  /// How the overall rating moved since the previous period.
  public enum Trend: String, Sendable {
    case improved, worse, same, new
    /// One side is Grey, N/A or missing, so there is no direction to tell.
    case unrated = "not rated"
  }

  /// One section's line of the summary.
  public struct Section: Sendable {
    /// The section's name; `(no section)` gathers the workstreams without one.
    public var name: String
    /// How many workstreams it has.
    public var workstreams: Int
    /// How many of them are Red overall; Amber/Red counts as neither Red nor Amber.
    public var red: Int
    /// How many of them are Amber overall.
    public var amber: Int
    /// How many alerts their latest records have.
    public var alerts: Int
  }

  /// The report of a run: its workstreams' latest records and alerts, and the queue built from them.
  public init(schema: Schema, latest: [Cursor], alerts: [Alert], queue: EscalationQueue, reportDate: Day) {
    self.reportDate = reportDate
    self.queue = queue
    let overallColumn = schema.column(named: "overall")
    let dimensions = schema.group(named: "dimensions")?.members ?? []
    var byRecord: [RecordSource: [Alert]] = [:]
    for alert in alerts { byRecord[alert.source, default: []].append(alert) }
    workstreams = latest.map { cursor in
      let record = cursor.record
      func rating(_ column: Int?) -> RAG? {
        guard let column, case .rag(let rag) = record.values[column] else { return nil }
        return rag
      }
      let overall = rating(overallColumn)
      var previous: RAG?
      var hasPrevious = cursor.earlier != nil
      if let earlier = cursor.earlier, let column = overallColumn, case .rag(let rag) = earlier.record.values[column] {
        previous = rag
      } else if cursor.earlier == nil, let column = overallColumn, let fallback = schema.previousColumns[column],
        case .rag(let rag) = record.values[fallback]
      {
        previous = rag
        hasPrevious = true
      }
      return Row(
        id: record.text(schema.idColumn) ?? "", name: record.text(schema.nameColumn),
        section: record.text(schema.sectionColumn), period: record.text(schema.periodColumn), overall: overall,
        previous: previous, trend: Self.trend(overall, previous, hasPrevious: hasPrevious),
        dimensions: dimensions.map { (schema.columns[$0].name, rating($0)) },
        alerts: (byRecord[record.source] ?? []).sorted { $0.severity > $1.severity })
    }
    severityCounts = Severity.allCases.reversed().map { severity in (severity, alerts.count { $0.severity == severity })
    }
    var sections: [String: Section] = [:]
    for row in workstreams {
      let name = row.section ?? "(no section)"
      var section = sections[name] ?? Section(name: name, workstreams: 0, red: 0, amber: 0, alerts: 0)
      section.workstreams += 1
      if row.overall == .red { section.red += 1 }
      if row.overall == .amber { section.amber += 1 }
      section.alerts += row.alerts.count
      sections[name] = section
    }
    self.sections = sections.values.sorted { $0.name < $1.name }
  }

  static func trend(_ now: RAG?, _ before: RAG?, hasPrevious: Bool) -> Trend {
    guard hasPrevious else { return .new }
    guard let now, let before, now.rank != nil, before.rank != nil else { return .unrated }
    if now.isWorse(than: before) { return .worse }
    if before.isWorse(than: now) { return .improved }
    return .same
  }
}
