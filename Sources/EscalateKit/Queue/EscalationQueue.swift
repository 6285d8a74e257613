/// What the governance office acts on before a board: for each forum, the workstreams it must
/// see, most severe first, each with every reason.
public struct EscalationQueue: Sendable {
  /// The forums with entries, highest level first.
  public var forums: [ForumQueue]
  /// Alerts a current waiver keeps out of the queue, with the waiver.
  public var waived: [WaivedAlert]
  /// Alerts of the last run (from the state file) that no longer fire.
  public var resolved: [StoredAlert]
  public var reportDate: Day

  /// The entries of every forum, in queue order.
  public var entries: [QueueEntry] { forums.flatMap(\.entries) }
}

/// One forum's part of the queue.
public struct ForumQueue: Sendable {
  public var forum: String
  public var level: Int
  public var entries: [QueueEntry]
}

/// Whether something was in the last run's queue.
public enum Lifecycle: String, Sendable {
  /// Not in the last run (or there was no last run).
  case new
  /// In the last run too.
  case continuing
}

/// A workstream a forum must see, with every reason.
public struct QueueEntry: Sendable {
  public var forum: String
  public var id: String
  public var name: String?
  public var period: String?
  public var context: Alert.Context
  /// The highest severity among the alerts that are not suppressed.
  public var severity: Severity
  /// The period since which the longest-standing reason has held.
  public var since: String?
  /// How many periods the longest-standing reason has held.
  public var heldPeriods: Int
  /// Whether the workstream's `escalated_to` already reaches this forum's level.
  public var alreadyEscalated: Bool
  public var lifecycle: Lifecycle
  /// The reasons, most severe first.
  public var alerts: [QueuedAlert]
}

/// An alert as a reason in the queue.
public struct QueuedAlert: Sendable {
  public var alert: Alert
  /// The fingerprint that identifies it across runs.
  public var fingerprint: String
  public var lifecycle: Lifecycle
  /// When it was first seen, from the state file; the report date for a new alert.
  public var firstSeen: Day
  /// The rule of another alert on the workstream that outranks this one, if one does.
  public var suppressedBy: String?
}

/// An alert kept out of the queue by a waiver.
public struct WaivedAlert: Sendable {
  public var alert: QueuedAlert
  public var waiver: Waiver
}
