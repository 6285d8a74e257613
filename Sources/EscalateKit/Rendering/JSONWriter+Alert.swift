extension JSONWriter {
  /// One alert as an object: the shape shared by the `json` and `jsonl` formats.
  ///
  /// Written member by member, keys as literal bytes, rather than through ``object(_:)``, whose
  /// closures would cost an allocation each for every alert of a large run.
  mutating func alert(_ alert: Alert) {
    raw("{\"rule\":")
    string(alert.rule)
    raw(",\"severity\":")
    string(alert.severity.rawValue)
    raw(",\"id\":")
    string(alert.recordID)
    raw(",\"name\":")
    optionalString(alert.name)
    raw(",\"period\":")
    optionalString(alert.period)
    raw(",\"message\":")
    string(alert.message)
    raw(",\"forum\":")
    optionalString(alert.forum)
    raw(",\"source\":{\"file\":")
    string(alert.source.path)
    raw(",\"line\":")
    integer(alert.source.line)
    raw("},\"evidence\":{")
    for (index, item) in alert.evidence.enumerated() {
      key(item.label, first: index == 0)
      value(item.value)
    }
    raw("}}")
  }
}
