/// `escalate queue --format json`: the queue as a versioned document,
/// `"schema": "escalate.queue/1"`, described in docs/queue.md.
public struct QueueJSONRenderer: QueueRenderer {
  /// The document's schema identifier; a change that breaks readers gets a new number.
  public static let schema = "escalate.queue/1"

  /// Creates the renderer.
  public init() {}

  /// The report date, each forum with its entries, then the waived and resolved alerts.
  public func render(_ queue: EscalationQueue) -> String {
    var writer = JSONWriter()
    writer.raw("{\n  \"schema\": ")
    writer.string(Self.schema)
    writer.raw(",\n  \"report_date\": ")
    writer.string(queue.reportDate.isoText)
    writer.raw(",\n  \"forums\": [")
    for (index, forum) in queue.forums.enumerated() {
      writer.raw(index == 0 ? "\n    " : ",\n    ")
      writer.object([
        ("forum", { $0.string(forum.forum) }), ("level", { $0.raw("\(forum.level)") }),
        ("entries", { w in w.array(forum.entries) { w, entry in Self.entry(entry, into: &w) } }),
      ])
    }
    writer.raw(queue.forums.isEmpty ? "],\n  \"waived\": " : "\n  ],\n  \"waived\": ")
    writer.array(queue.waived) { w, waived in
      w.object([
        ("alert", { Self.queued(waived.alert, into: &$0) }),
        ("waiver", { w in Self.waiver(waived.waiver, into: &w) }),
      ])
    }
    writer.raw(",\n  \"resolved\": ")
    writer.array(queue.resolved) { w, old in
      w.object([
        ("fingerprint", { $0.string(old.fingerprint) }), ("rule", { $0.string(old.rule) }),
        ("id", { $0.string(old.id) }), ("forum", { $0.string(old.forum) }),
        ("first_seen", { $0.string(old.firstSeen.isoText) }), ("last_seen", { $0.string(old.lastSeen.isoText) }),
      ])
    }
    writer.raw("\n}\n")
    return writer.text
  }

  private static func entry(_ entry: QueueEntry, into writer: inout JSONWriter) {
    writer.object([
      ("id", { $0.string(entry.id) }), ("name", { $0.optionalString(entry.name) }),
      ("period", { $0.optionalString(entry.period) }), ("section", { $0.optionalString(entry.context.section) }),
      ("owner", { $0.optionalString(entry.context.owner) }), ("severity", { $0.string(entry.severity.rawValue) }),
      ("status", { $0.string(entry.lifecycle.rawValue) }), ("since", { $0.optionalString(entry.since) }),
      ("held_periods", { $0.raw("\(entry.heldPeriods)") }),
      ("next_board", { $0.optionalString(entry.context.nextBoard?.isoText) }),
      ("escalated_to", { $0.optionalString(entry.context.escalatedTo) }),
      ("already_escalated", { $0.raw(entry.alreadyEscalated ? "true" : "false") }),
      ("alerts", { w in w.array(entry.alerts) { w, queued in Self.queued(queued, into: &w) } }),
    ])
  }

  private static func queued(_ queued: QueuedAlert, into writer: inout JSONWriter) {
    let alert = queued.alert
    writer.object([
      ("rule", { $0.string(alert.rule) }), ("severity", { $0.string(alert.severity.rawValue) }),
      ("message", { $0.string(alert.message) }), ("status", { $0.string(queued.lifecycle.rawValue) }),
      ("first_seen", { $0.string(queued.firstSeen.isoText) }), ("fingerprint", { $0.string(queued.fingerprint) }),
      ("suppressed_by", { $0.optionalString(queued.suppressedBy) }),
      (
        "source",
        { w in w.object([("file", { $0.string(alert.source.path) }), ("line", { $0.raw("\(alert.source.line)") })]) }
      ),
      ("evidence", { w in w.object(alert.evidence.map { item in (item.label, { $0.value(item.value) }) }) }),
    ])
  }

  private static func waiver(_ waiver: Waiver, into writer: inout JSONWriter) {
    writer.object([
      ("rule", { $0.optionalString(waiver.rule) }), ("workstream", { $0.optionalString(waiver.workstream) }),
      ("reason", { $0.string(waiver.reason) }), ("approved_by", { $0.string(waiver.approvedBy) }),
      ("until", { $0.string(waiver.until.isoText) }),
    ])
  }
}
