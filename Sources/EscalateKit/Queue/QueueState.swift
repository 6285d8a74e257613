/// The open alerts of the last run, kept between runs so each alert can be told `new`,
/// `continuing` or `resolved`.
public struct QueueState: Sendable, Equatable {
  /// The run's alerts, waived ones included, sorted by fingerprint.
  public var alerts: [StoredAlert]

  /// Creates a state.
  public init(alerts: [StoredAlert]) {
    self.alerts = alerts
  }
}

/// One alert as the state file keeps it.
public struct StoredAlert: Sendable, Equatable {
  /// The alert's ``Alert/fingerprint``, which matches it across runs.
  public var fingerprint: String
  /// The id of the rule that fired.
  public var rule: String
  /// The id of the workstream it fired on.
  public var id: String
  /// The forum it was routed to.
  public var forum: String
  /// The severity of the rule that fired.
  public var severity: Severity
  /// The alert's message as last raised, shown once it is resolved.
  public var message: String
  /// The report date of the first run that raised it.
  public var firstSeen: Day
  /// The report date of the last run that raised it.
  public var lastSeen: Day
}
