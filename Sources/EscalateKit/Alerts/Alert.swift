/// One finding: a rule fired on a record.
public struct Alert: Sendable {
  /// The id of the rule that fired.
  public var rule: String
  /// The severity of the rule that fired.
  public var severity: Severity
  /// The forum or forum group the rule escalates to, if any.
  public var forum: String?
  /// The record's `id`.
  public var recordID: String
  /// The record's name, when it has one.
  public var name: String?
  /// The record's period, when it has one; nil for a portfolio rule's alert.
  public var period: String?
  /// The rule's message with its holes filled in, values formatted by type.
  public var message: String
  /// The line the record starts on; for `waiver-expired`, where the waiver is written.
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
    /// The record's `section`.
    public var section: String?
    /// The record's `owner`.
    public var owner: String?
    /// The owner's email address, where the data has one.
    public var ownerEmail: String?
    /// The record's `next_board`, when it reads as a date.
    public var nextBoard: Day?
    /// The record's `escalated_to`, which routing compares with the rule's forum.
    public var escalatedTo: String?
  }

  /// One value as a rule saw it.
  public struct Evidence: Sendable {
    /// A column name, or a history expression such as `previous(overall)`.
    public var label: String
    /// The value's type, which decides how it is shown (`£1,977,000`, `1 Oct 2024`).
    public var type: ValueType
    /// What the rule saw; missing for an empty or unreadable cell.
    public var value: Value
  }
}

/// Counts of alerts per severity, and of the records read.
public struct AlertSummary: Sendable, Equatable {
  /// How many alerts there are of each severity; a severity with none has no entry.
  public var counts: [Severity: Int] = [:]
  /// How many records were read.
  public var records = 0
  /// How many rules were checked.
  public var rules = 0

  /// Counts `alerts`.
  public init(alerts: [Alert], records: Int, rules: Int) {
    for alert in alerts { counts[alert.severity, default: 0] += 1 }
    self.records = records
    self.rules = rules
  }

  /// How many alerts there are in all.
  public var total: Int { counts.values.reduce(0, +) }
}
