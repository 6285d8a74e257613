/// `escalate queue --format markdown`: a heading and a table per forum, ready to paste into a
/// board paper.
public struct MarkdownRenderer: QueueRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ queue: EscalationQueue) -> String {
    var text = "# Escalation queue, \(queue.reportDate.longText)\n\n"
    if queue.forums.isEmpty {
      text += "Nothing to escalate.\n"
    } else {
      text += "| Forum | Workstreams |\n|---|---|\n"
      for (forum, summary) in queue.forumSummaries { text += "| \(cell(forum)) | \(summary) |\n" }
    }
    for forum in queue.forums {
      text += "\n## \(cell(forum.forum))\n\n"
      text += "| Workstream | Severity | Status | Since | Next board | Already escalated | Reasons |\n"
      text += "|---|---|---|---|---|---|---|\n"
      for entry in forum.entries {
        let workstream = [entry.id, entry.name].compactMap { $0 }.map(cell).joined(separator: " ")
        let reasons = entry.alerts.map { queued in
          var reason = "**\(cell(queued.alert.rule))**: \(cell(queued.alert.message))"
          if let rule = queued.suppressedBy { reason += " _(suppressed by \(cell(rule)))_" }
          return reason
        }.joined(separator: "<br>")
        let columns = [
          workstream, entry.severity.rawValue, entry.lifecycle.rawValue, cell(entry.since ?? ""),
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
          "| \(cell(waived.alert.alert.recordID)) | \(cell(waived.alert.alert.rule)) | \(waiver.until.longText) | "
          + "\(cell(waiver.approvedBy)) | \(cell(waiver.reason)) |\n"
      }
    }
    if !queue.resolved.isEmpty {
      text += "\n## Resolved since the last run\n\n| Workstream | Rule | Forum | First seen |\n|---|---|---|---|\n"
      for old in queue.resolved {
        text += "| \(cell(old.id)) | \(cell(old.rule)) | \(cell(old.forum)) | \(old.firstSeen.longText) |\n"
      }
    }
    return text
  }

  /// Data as a table cell: pipes escaped, line breaks and markup characters neutralised, so a
  /// cell can neither end the table nor become a link or an image.
  private func cell(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "|": result += "\\|"
      case "\n", "\r\n", "\r": result += " "
      case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "!": result += "\\\(character)"
      default: result.append(character)
      }
    }
    return result
  }
}
