/// An accepted alert: a rule, a workstream or both, waived for a reason, by someone, until a
/// date. On the day after `until` the waiver has expired and the alert returns.
public struct Waiver: Sendable, Equatable {
  /// The rule waived; nil for every rule on the workstream.
  public var rule: String?
  /// The workstream waived; nil for every workstream.
  public var workstream: String?
  /// Why the alert is accepted.
  public var reason: String
  /// Who accepted it, from the `approved by` clause.
  public var approvedBy: String
  /// The last day the waiver applies.
  public var until: Day
  /// Where the waiver is written.
  public var location: RecordSource

  /// Whether the waiver applies on `day`: up to and including `until`.
  public func isActive(on day: Day) -> Bool { day <= until }

  /// Whether the waiver covers an alert of `rule` on `workstream`.
  public func covers(rule: String, workstream: String) -> Bool {
    (self.rule == nil || self.rule == rule) && (self.workstream == nil || self.workstream == workstream)
  }

  /// "rag-worsened for HEXAGON", "every rule for HEXAGON", "rag-worsened for every workstream".
  public var scope: String {
    "\(rule ?? "every rule") for \(workstream ?? "every workstream")"
  }
}
