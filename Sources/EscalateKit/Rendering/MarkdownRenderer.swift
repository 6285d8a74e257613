/// `escalate queue --format markdown`: a heading and a table per forum, ready to paste into a
/// board paper.
public struct MarkdownRenderer: QueueRenderer {
  /// Creates the renderer.
  public init() {}

  /// A summary table, a table per forum, then tables of the waived and resolved alerts, if any.
  public func render(_ queue: EscalationQueue) -> String {
    var text = "# Escalation queue, \(queue.reportDate.longText)\n\n"
    if queue.forums.isEmpty {
      text += "Nothing to escalate.\n"
    } else {
      text += "| Forum | Workstreams |\n|---|---|\n"
      for (forum, summary) in queue.forumSummaries { text += "| \(markdownCell(forum)) | \(summary) |\n" }
    }
    for forum in queue.forums {
      text += "\n## \(markdownCell(forum.forum))\n\n"
      text += "| Workstream | Severity | Status | Since | Next board | Already escalated | Reasons |\n"
      text += "|---|---|---|---|---|---|---|\n"
      for entry in forum.entries {
        let workstream = [entry.id, entry.name].compactMap { $0 }.map(markdownCell).joined(separator: " ")
        let reasons = entry.alerts.map { queued in
          var reason = "**\(markdownCell(queued.alert.rule))**: \(markdownCell(queued.alert.message))"
          if let rule = queued.suppressedBy { reason += " _(suppressed by \(markdownCell(rule)))_" }
          return reason
        }.joined(separator: "<br>")
        let columns = [
          workstream, entry.severity.rawValue, entry.lifecycle.rawValue, markdownCell(entry.since ?? ""),
          entry.context.nextBoard?.longText ?? "", entry.alreadyEscalated ? "yes" : "no", reasons,
        ]
        text += "| " + columns.joined(separator: " | ") + " |\n"
      }
    }
    if !queue.waived.isEmpty {
      text += "\n## Waived\n\n| Workstream | Rule | Until | Approved by | Reason |\n|---|---|---|---|---|\n"
      for waived in queue.waived {
        let waiver = waived.waiver
        text +=
          "| \(markdownCell(waived.alert.alert.recordID)) | \(markdownCell(waived.alert.alert.rule)) | \(waiver.until.longText) | "
          + "\(markdownCell(waiver.approvedBy)) | \(markdownCell(waiver.reason)) |\n"
      }
    }
    if !queue.resolved.isEmpty {
      text += "\n## Resolved since the last run\n\n| Workstream | Rule | Forum | First seen |\n|---|---|---|---|\n"
      for old in queue.resolved {
        text +=
          "| \(markdownCell(old.id)) | \(markdownCell(old.rule)) | \(markdownCell(old.forum)) | \(old.firstSeen.longText) |\n"
      }
    }
    return text
  }
}
