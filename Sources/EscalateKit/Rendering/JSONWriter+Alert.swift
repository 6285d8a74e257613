extension JSONWriter {
  /// One alert as an object: the shape shared by the `json` and `jsonl` formats.
  mutating func alert(_ alert: Alert) {
    self.alert(AlertFields(alert))
  }

  /// One alert as an object, from what the formats show of it, which may be read in place
  /// from an ``AlertBatch``.
  ///
  /// Written member by member, keys as literal bytes, rather than through ``object(_:)``, whose
  /// closures would cost an allocation each for every alert of a large run.
  mutating func alert(_ alert: borrowing AlertFields) {
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
    switch alert.message {
    case .text(let text): string(text)
    case .bytes(let bytes, let range):
      bytes.withUnsafeBufferPointer { string(utf8: UnsafeBufferPointer(rebasing: $0[range])) }
    }
    literal(",\"forum\":")
    optionalString(alert.forum)
    literal(",\"source\":{\"file\":")
    string(alert.source.path)
    literal(",\"line\":")
    integer(alert.source.line)
    literal("},\"evidence\":{")
    switch alert.evidence {
    case .built(let items):
      for (index, item) in items.enumerated() {
        key(item.label, first: index == 0)
        value(item.value)
      }
    case .found(let rule, let values, let range):
      for (index, position) in range.enumerated() {
        key(rule.evidence[index].label, first: index == 0)
        value(values[position])
      }
    }
    literal("}}")
  }
}
