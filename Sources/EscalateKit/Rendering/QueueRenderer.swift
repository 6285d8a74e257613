/// Turns an escalation queue into one output format.
public protocol QueueRenderer: Sendable {
  /// The whole output; the same queue always renders to the same bytes.
  func render(_ queue: EscalationQueue) -> String
}

extension EscalationQueue {
  /// "3 workstreams (2 new)" for each forum, in queue order.
  var forumSummaries: [(forum: String, text: String)] {
    forums.map { forum in
      let count = forum.entries.count
      let new = forum.entries.count { $0.lifecycle == .new }
      return (forum.forum, "\(count) workstream\(count == 1 ? "" : "s") (\(new) new)")
    }
  }
}

extension QueueEntry {
  /// The entry's facts for people: since when, the next board, whether already escalated.
  var facts: [String] {
    var facts: [String] = []
    if let since { facts.append("since \(since)") }
    if let board = context.nextBoard { facts.append("next board \(board.longText)") }
    if alreadyEscalated { facts.append("already escalated here") }
    if let section = context.section { facts.append("section \(section)") }
    if let owner = context.owner { facts.append("owner \(owner)") }
    return facts
  }
}
