/// `escalate queue --format text`: a summary, then a block per forum, highest level first;
/// readable in a terminal and in a plain-text email.
public struct QueueTextRenderer: QueueRenderer {
  /// Creates the renderer.
  public init() {}

  /// A summary, each forum's entries, then the waived and resolved alerts; escaped for a
  /// terminal.
  public func render(_ queue: EscalationQueue) -> String {
    var text = "Escalation queue, \(queue.reportDate.longText)\n"
    let width = queue.forums.map(\.forum.count).max() ?? 0
    for (forum, summary) in queue.forumSummaries { text += "  \(forum.padding(to: width))  \(summary)\n" }
    if queue.forums.isEmpty { text += "  nothing to escalate\n" }
    text += "  waived: \(queue.waived.count), resolved since the last run: \(queue.resolved.count)\n"
    let ruleWidth = (queue.entries.flatMap(\.alerts) + queue.waived.map(\.alert)).map(\.alert.rule.count).max() ?? 0
    for forum in queue.forums {
      text += "\n\(forum.forum) (level \(forum.level))\n"
      for entry in forum.entries {
        let heading = [entry.id, entry.name, entry.period].compactMap { $0 }.joined(separator: "  ")
        text += "  \(heading)  [\(entry.severity.rawValue), \(entry.lifecycle.rawValue)]\n"
        if !entry.facts.isEmpty { text += "    \(entry.facts.joined(separator: "; "))\n" }
        for queued in entry.alerts { text += line(queued, ruleWidth: ruleWidth) }
      }
    }
    if !queue.waived.isEmpty {
      text += "\nWaived\n"
      for waived in queue.waived {
        let waiver = waived.waiver
        text +=
          "  \(waived.alert.alert.recordID)  \(waived.alert.alert.rule): waived until \(waiver.until.longText) "
          + "by \(waiver.approvedBy): \(waiver.reason)\n"
      }
    }
    if !queue.resolved.isEmpty {
      text += "\nResolved since the last run\n"
      for old in queue.resolved {
        text += "  \(old.id)  \(old.rule) (\(old.forum), first seen \(old.firstSeen.longText)): \(old.message)\n"
      }
    }
    return TerminalEscaping.escape(text)
  }

  private func line(_ queued: QueuedAlert, ruleWidth: Int) -> String {
    let alert = queued.alert
    var notes = [queued.lifecycle == .new ? "new" : "since \(queued.firstSeen.longText)"]
    if let rule = queued.suppressedBy { notes.append("suppressed by \(rule)") }
    let message = alert.message.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(
      separator: " ")
    return "    \(alert.severity.rawValue.padding(to: 8))  \(alert.rule.padding(to: ruleWidth))  \(message) "
      + "(\(notes.joined(separator: ", ")))\n"
  }
}
