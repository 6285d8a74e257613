/// One finding: a rule fired on a record.
public struct Alert: Sendable {
  /// The id of the rule that fired.
  public var rule: String
  public var severity: Severity
  /// The forum or forum group the rule escalates to, if any.
  public var forum: String?
  /// The record's `id`.
  public var recordID: String
  /// The record's name and period, when it has them.
  public var name: String?
  public var period: String?
  public var message: String
  public var source: RecordSource
  /// The columns the rule's condition read and the previous-period values it compared with,
  /// with the values it saw.
  public var evidence: [Evidence]
  /// The rule's position in the pack, which orders alerts of equal severity.
  public var ruleIndex: Int
  /// What tells apart several alerts of one rule on one record: the column of an
  /// `unreadable-value` alert; nil for a pack rule, which fires at most once per record.
  public var discriminator: String?
  /// How many consecutive periods, counting this one, the rule's condition has held.
  public var heldPeriods = 1
  /// The period the condition began to hold, when the record has a period.
  public var since: String?
  /// What the escalation queue shows about the workstream besides its id, name and period.
  public var context = Context()

  /// Creates an alert.
  public init(
    rule: String, severity: Severity, forum: String?, recordID: String, name: String?, period: String?,
    message: String, source: RecordSource, evidence: [Evidence], ruleIndex: Int
  ) {
    self.rule = rule
    self.severity = severity
    self.forum = forum
    self.recordID = recordID
    self.name = name
    self.period = period
    self.message = message
    self.source = source
    self.evidence = evidence
    self.ruleIndex = ruleIndex
  }

  /// The workstream's section, owner, next board and current escalation, where the data has them.
  public struct Context: Sendable {
    public var section: String?
    public var owner: String?
    public var nextBoard: Day?
    public var escalatedTo: String?
  }

  /// One value as a rule saw it.
  public struct Evidence: Sendable {
    /// A column name, or a history expression such as `previous(overall)`.
    public var label: String
    public var type: ValueType
    public var value: Value
  }
}

/// Counts of alerts per severity, and of the records read.
public struct AlertSummary: Sendable, Equatable {
  public var counts: [Severity: Int] = [:]
  public var records = 0
  public var rules = 0

  /// Counts `alerts`.
  public init(alerts: [Alert], records: Int, rules: Int) {
    for alert in alerts { counts[alert.severity, default: 0] += 1 }
    self.records = records
    self.rules = rules
  }

  public var total: Int { counts.values.reduce(0, +) }
}
