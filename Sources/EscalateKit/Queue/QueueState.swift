/// The open alerts of the last run, kept between runs so each alert can be told `new`,
/// `continuing` or `resolved`.
public struct QueueState: Sendable, Equatable {
  public var alerts: [StoredAlert]

  /// Creates a state.
  public init(alerts: [StoredAlert]) {
    self.alerts = alerts
  }
}

/// One alert as the state file keeps it.
public struct StoredAlert: Sendable, Equatable {
  public var fingerprint: String
  public var rule: String
  public var id: String
  public var forum: String
  public var severity: Severity
  public var message: String
  /// The report date of the first run that raised it.
  public var firstSeen: Day
  /// The report date of the last run that raised it.
  public var lastSeen: Day
}
