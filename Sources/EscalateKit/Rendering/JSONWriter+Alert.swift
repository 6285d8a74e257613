extension JSONWriter {
  /// One alert as an object: the shape shared by the `json` and `jsonl` formats.
  mutating func alert(_ alert: Alert) {
    object([
      ("rule", { $0.string(alert.rule) }),
      ("severity", { $0.string(alert.severity.rawValue) }),
      ("id", { $0.string(alert.recordID) }),
      ("name", { $0.optionalString(alert.name) }),
      ("period", { $0.optionalString(alert.period) }),
      ("message", { $0.string(alert.message) }),
      ("forum", { $0.optionalString(alert.forum) }),
      (
        "source",
        { w in w.object([("file", { $0.string(alert.source.path) }), ("line", { $0.raw("\(alert.source.line)") })]) }
      ),
      ("evidence", { w in w.object(alert.evidence.map { item in (item.label, { $0.value(item.value) }) }) }),
    ])
  }
}
