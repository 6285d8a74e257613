/// What the governance office acts on before a board: for each forum, the workstreams it must
/// see, most severe first, each with every reason.
public struct EscalationQueue: Sendable {
  /// The forums with entries, highest level first.
  public var forums: [ForumQueue]
  /// Alerts a current waiver keeps out of the queue, with the waiver.
  public var waived: [WaivedAlert]
  /// Alerts of the last run (from the state file) that no longer fire.
  public var resolved: [StoredAlert]
  /// The date the queue is for (`--as-of`), against which waivers expire; new alerts are first seen on it.
  public var reportDate: Day

  /// The entries of every forum, in queue order.
  public var entries: [QueueEntry] { forums.flatMap(\.entries) }
}

/// One forum's part of the queue.
public struct ForumQueue: Sendable {
  /// The forum as the pack declares it, or as the rule writes it when the pack declares none.
  public var forum: String
  /// The forum's level on the ladder, which orders the queue; 0 when the pack declares no forums.
  public var level: Int
  /// The workstreams it must see: most severe first, then longest-standing, then by id.
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
  /// The forum that must see the workstream.
  public var forum: String
  /// The workstream's id; for a portfolio rule, the group's value.
  public var id: String
  /// The workstream's name; for a portfolio rule, the group, such as "section Finance".
  public var name: String?
  /// The period of the record the alerts were raised on.
  public var period: String?
  /// The section, owner, next board and current escalation the queue shows.
  public var context: Alert.Context
  /// The highest severity among the alerts that are not suppressed.
  public var severity: Severity
  /// The period since which the longest-standing reason has held.
  public var since: String?
  /// How many periods the longest-standing reason has held.
  public var heldPeriods: Int
  /// Whether the workstream's `escalated_to` already reaches this forum's level.
  public var alreadyEscalated: Bool
  /// Continuing when this forum had the workstream in the last run.
  public var lifecycle: Lifecycle
  /// The reasons, most severe first.
  public var alerts: [QueuedAlert]
}

/// An alert as a reason in the queue.
public struct QueuedAlert: Sendable {
  /// The alert as the check raised it.
  public var alert: Alert
  /// The fingerprint that identifies it across runs.
  public var fingerprint: String
  /// Continuing when the state file has its fingerprint.
  public var lifecycle: Lifecycle
  /// When it was first seen, from the state file; the report date for a new alert.
  public var firstSeen: Day
  /// The rule of another alert on the workstream that outranks this one, if one does.
  public var suppressedBy: String?
}

/// An alert kept out of the queue by a waiver.
public struct WaivedAlert: Sendable {
  /// The alert, fingerprinted like a queued one, so the state file keeps its first-seen date.
  public var alert: QueuedAlert
  /// The waiver that covers it, shown with its reason, approver and date.
  public var waiver: Waiver
}
