extension JSONWriter {
  /// One alert as an object: the shape shared by the `json` and `jsonl` formats.
  ///
  /// Written member by member, keys as literal bytes, rather than through ``object(_:)``, whose
  /// closures would cost an allocation each for every alert of a large run.
  mutating func alert(_ alert: Alert) {
    literal("{\"rule\":")
    string(alert.rule)
    literal(",\"severity\":")
    string(alert.severity.rawValue)
    literal(",\"id\":")
    string(alert.recordID)
    literal(",\"name\":")
    optionalString(alert.name)
    literal(",\"period\":")
    optionalString(alert.period)
    literal(",\"message\":")
    string(alert.message)
    literal(",\"forum\":")
    optionalString(alert.forum)
    literal(",\"source\":{\"file\":")
    string(alert.source.path)
    literal(",\"line\":")
    integer(alert.source.line)
    literal("},\"evidence\":{")
    for (index, item) in alert.evidence.enumerated() {
      key(item.label, first: index == 0)
      value(item.value)
    }
    literal("}}")
  }
}
