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
    // The members up to the id are the same for every alert of a rule, and the source's up to
    // the line for every alert of a file: each is written once and copied after.
    if let position = alert.rulePosition, position < alertMemo.heads.count, !alertMemo.heads[position].isEmpty {
      append(alertMemo.heads[position])
    } else {
      let start = bytes.count
      literal("{\"rule\":")
      string(alert.rule)
      literal(",\"severity\":")
      string(alert.severity.rawValue)
      literal(",\"id\":")
      if let position = alert.rulePosition { alertMemo.remember(head: written(from: start), at: position) }
    }
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
    if let source = alertMemo.source, source.path == alert.source.path {
      append(source.bytes)
    } else {
      let start = bytes.count
      literal(",\"source\":{\"file\":")
      string(alert.source.path)
      literal(",\"line\":")
      alertMemo.source = (alert.source.path, written(from: start))
    }
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

/// The JSON of an alert that repeats from alert to alert, as ``JSONWriter/alert(_:)`` wrote it
/// the first time: each rule's members up to the record's id, and the last file's source up to
/// the line.
struct AlertMemo {
  private(set) var heads: [[UInt8]] = []
  var source: (path: String, bytes: [UInt8])?

  mutating func remember(head: [UInt8], at position: Int) {
    if heads.count <= position { heads += Array(repeating: [], count: position + 1 - heads.count) }
    heads[position] = head
  }
}
