extension JSONWriter {
  /// One alert as an object: the shape shared by the `json` and `jsonl` formats.
  ///
  /// Written member by member rather than through ``object(_:)``, whose closures would cost an
  /// allocation each for every alert of a large run.
  mutating func alert(_ alert: Alert) {
    raw("{")
    key("rule", first: true)
    string(alert.rule)
    key("severity")
    string(alert.severity.rawValue)
    key("id")
    string(alert.recordID)
    key("name")
    optionalString(alert.name)
    key("period")
    optionalString(alert.period)
    key("message")
    string(alert.message)
    key("forum")
    optionalString(alert.forum)
    key("source")
    raw("{")
    key("file", first: true)
    string(alert.source.path)
    key("line")
    raw(String(alert.source.line))
    raw("}")
    key("evidence")
    raw("{")
    for (index, item) in alert.evidence.enumerated() {
      key(item.label, first: index == 0)
      value(item.value)
    }
    raw("}}")
  }
}
