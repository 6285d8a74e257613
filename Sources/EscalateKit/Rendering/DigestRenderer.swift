/// The text of the pre-board email: a subject that says what matters, and a plain-text and an
/// HTML body with the same content, each marked with the paper's classification at top and
/// bottom.
public struct DigestRenderer: Sendable {
  /// The protective marking, e.g. OFFICIAL or OFFICIAL-SENSITIVE; nil for none.
  public var classification: String?

  /// Creates the renderer.
  public init(classification: String?) {
    self.classification = classification
  }

  /// "Pre-board check 26 Sep 2019: 2 critical, 15 new alerts", with the marking in front.
  public func subject(_ queue: EscalationQueue, custom: String? = nil) -> String {
    let queued = queue.entries.flatMap(\.alerts)
    let critical = queued.count { $0.alert.severity == .critical && $0.suppressedBy == nil }
    let new = queued.count { $0.lifecycle == .new }
    let facts =
      queued.isEmpty
      ? "nothing to escalate"
      : "\(critical) critical, \(new) new alert\(new == 1 ? "" : "s") for \(queue.forums.count) "
        + "forum\(queue.forums.count == 1 ? "" : "s")"
    let text = custom ?? "Pre-board check \(queue.reportDate.longText): \(facts)"
    return classification.map { "[\($0)] \(text)" } ?? text
  }

  /// The plain-text body: readable in a terminal and in any mail client.
  public func text(_ queue: EscalationQueue) -> String {
    var text = marking
    text += "Pre-board check, \(queue.reportDate.longText)\n\n"
    text += summary(queue).map { "  \($0)\n" }.joined()
    for forum in queue.forums {
      text += "\n\(forum.forum)\n" + String(repeating: "=", count: forum.forum.count) + "\n"
      for entry in ordered(forum.entries) {
        let heading = [entry.id, entry.name].compactMap { $0 }.joined(separator: "  ")
        text += "\n\(heading) [\(entry.severity.rawValue), \(entry.lifecycle.rawValue)]\n"
        if !entry.facts.isEmpty { text += "  \(entry.facts.joined(separator: "; "))\n" }
        for queued in entry.alerts {
          let note = queued.suppressedBy.map { " (suppressed by \($0))" } ?? ""
          text += "  - \(queued.alert.severity.rawValue): \(singleLine(queued.alert.message))\(note)\n"
        }
      }
    }
    if !queue.waived.isEmpty {
      text += "\nWaived\n------\n"
      for waived in queue.waived {
        text +=
          "  \(waived.alert.alert.recordID) \(waived.alert.alert.rule): until \(waived.waiver.until.longText), "
          + "\(waived.waiver.reason) (\(waived.waiver.approvedBy))\n"
      }
    }
    if !queue.resolved.isEmpty {
      text += "\nResolved since the last check\n-----------------------------\n"
      for old in queue.resolved { text += "  \(old.id) \(old.rule): \(singleLine(old.message))\n" }
    }
    return text + "\n" + marking
  }

  /// The HTML body: inline styles only (mail clients drop style blocks), tables with header
  /// cells, and severities and ratings in words.
  public func html(_ queue: EscalationQueue) -> String {
    let cellStyle = "border:1px solid #767676;padding:4px 8px;text-align:left;vertical-align:top"
    let headStyle = cellStyle + ";background:#f0f0f0"
    var html = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
    html += "<title>\(subject(queue).markupEscaped)</title></head>\n"
    html += "<body style=\"font-family:Arial,sans-serif;color:#0b0c0c;font-size:14px\">\n"
    html += markingHTML
    html += "<h1 style=\"font-size:20px\">Pre-board check, \(queue.reportDate.longText)</h1>\n<ul>\n"
    html += summary(queue).map { "<li>\($0.markupEscaped)</li>\n" }.joined() + "</ul>\n"
    for forum in queue.forums {
      html += "<h2 style=\"font-size:17px\">\(forum.forum.markupEscaped)</h2>\n"
      html += "<table style=\"border-collapse:collapse\">\n<tr>"
      html +=
        ["Workstream", "Severity", "Status", "Since", "Next board", "Reasons"]
        .map { "<th scope=\"col\" style=\"\(headStyle)\">\($0)</th>" }.joined() + "</tr>\n"
      for entry in ordered(forum.entries) {
        let name = [entry.id, entry.name].compactMap { $0 }.joined(separator: " ")
        let reasons = entry.alerts.map { queued in
          "<li>\(queued.alert.severity.rawValue): \(queued.alert.message.markupEscaped)"
            + (queued.suppressedBy.map { " <em>(suppressed by \($0.markupEscaped))</em>" } ?? "") + "</li>"
        }.joined()
        let cells = [
          entry.severity.rawValue, entry.lifecycle.rawValue, (entry.since ?? "").markupEscaped,
          entry.context.nextBoard?.longText ?? "",
        ]
        html +=
          "<tr><th scope=\"row\" style=\"\(headStyle)\">\(name.markupEscaped)</th>"
          + cells.map { "<td style=\"\(cellStyle)\">\($0)</td>" }.joined()
          + "<td style=\"\(cellStyle)\"><ul style=\"margin:0;padding-left:18px\">\(reasons)</ul></td></tr>\n"
      }
      html += "</table>\n"
    }
    if !queue.waived.isEmpty {
      html += "<h2 style=\"font-size:17px\">Waived</h2>\n<ul>\n"
      for waived in queue.waived {
        let line =
          "\(waived.alert.alert.recordID) \(waived.alert.alert.rule): until \(waived.waiver.until.longText), "
          + "\(waived.waiver.reason) (\(waived.waiver.approvedBy))"
        html += "<li>\(line.markupEscaped)</li>\n"
      }
      html += "</ul>\n"
    }
    if !queue.resolved.isEmpty {
      html += "<h2 style=\"font-size:17px\">Resolved since the last check</h2>\n<ul>\n"
      for old in queue.resolved { html += "<li>\("\(old.id) \(old.rule): \(old.message)".markupEscaped)</li>\n" }
      html += "</ul>\n"
    }
    return html + markingHTML + "</body></html>\n"
  }

  private var marking: String { classification.map { "\($0)\n\n" } ?? "" }

  private var markingHTML: String {
    classification.map { "<p style=\"font-weight:bold;text-align:center\">\($0.markupEscaped)</p>\n" } ?? ""
  }

  private func summary(_ queue: EscalationQueue) -> [String] {
    guard !queue.forums.isEmpty else { return ["Nothing to escalate."] }
    return queue.forumSummaries.map { "\($0.forum): \($0.text)" }
      + ["Waived: \(queue.waived.count); resolved since the last check: \(queue.resolved.count)"]
  }

  /// New entries first, each group in queue order.
  private func ordered(_ entries: [QueueEntry]) -> [QueueEntry] {
    entries.filter { $0.lifecycle == .new } + entries.filter { $0.lifecycle == .continuing }
  }

  private func singleLine(_ text: String) -> String {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
  }
}
