extension JSONWriter {
  /// One alert as an object: the shape shared by the `json` and `jsonl` formats.
  mutating func alert(_ alert: Alert) {
    // Its describing cells, laid out as a record's, so that both are written by the same code.
    withUnsafeTemporaryAllocation(of: Value.self, capacity: 3) { cells in
      cells.initializeElement(at: 0, to: .text(alert.recordID))
      cells.initializeElement(at: 1, to: alert.name.map(Value.text) ?? .missing)
      cells.initializeElement(at: 2, to: alert.period.map(Value.text) ?? .missing)
      defer { cells.deinitialize() }
      let write = { (writer: inout JSONWriter, message: UnsafeBufferPointer<UInt8>) in
        writer.alert(
          rule: alert.rule, severity: alert.severity, memoAt: nil, cells: UnsafeBufferPointer(cells),
          described: Self.alertCells, message: message, forum: alert.forum, source: alert.source
        ) { writer in
          for (index, item) in alert.evidence.enumerated() {
            writer.key(item.label, first: index == 0)
            writer.value(item.value)
          }
        }
      }
      if alert.message.utf8.withContiguousStorageIfAvailable({ write(&self, $0) }) == nil {
        var message = alert.message
        message.withUTF8 { write(&self, $0) }
      }
    }
  }

  /// Where ``alert(_:)`` lays out an alert's describing cells.
  private static let alertCells = Check.Describing(id: 0, name: 1, period: 2)

  /// Each alert of `batch` as an object on a line of its own, in order.
  ///
  /// A pack rule's alert is written from where the batch keeps it: its rule, record, message and
  /// evidence are lent rather than gathered into a value of their own, since gathering them
  /// counted references on a dozen strings and arrays, twice, for every alert of a large run
  /// (about a tenth of a streamed check's time).
  mutating func alertLines(of batch: borrowing AlertBatch) {
    let describing = batch.describing
    batch.firings.withUnsafeBufferPointer { firings in
      batch.messageBytes.withUnsafeBufferPointer { messages in
        batch.evidenceValues.withUnsafeBufferPointer { evidence in
          for index in firings.indices {
            alert(firings[index], describing, messages, evidence)
            literal("\n")
          }
        }
      }
    }
    for alert in batch.built {
      self.alert(alert)
      literal("\n")
    }
  }

  private mutating func alert(
    _ firing: borrowing AlertBatch.Firing, _ describing: Check.Describing, _ messages: UnsafeBufferPointer<UInt8>,
    _ evidence: UnsafeBufferPointer<Value>
  ) {
    firing.record.values.withUnsafeBufferPointer { cells in
      alert(
        rule: firing.rule.id, severity: firing.rule.severity, memoAt: firing.index, cells: cells,
        described: describing, message: UnsafeBufferPointer(rebasing: messages[firing.message]),
        forum: firing.rule.forum(afterHolding: firing.held), source: firing.record.source
      ) { writer in
        for (index, position) in firing.evidence.enumerated() {
          writer.key(firing.rule.evidence[index].label, first: index == 0)
          writer.value(evidence[position])
        }
      }
    }
  }

  /// One alert as an object, from its members, each lent by the caller: the record's id, name
  /// and period are the `cells` at the columns that `described` gives.
  ///
  /// Written member by member, keys as literal bytes, rather than through ``object(_:)``, whose
  /// closures would cost an allocation each for every alert of a large run. With `memoAt`, the
  /// rule's position in the pack, the members up to the id, the same for every alert of that
  /// position in a run, are written once and copied after; the source's up to the line are, for
  /// every alert of a file.
  mutating func alert(
    rule: String, severity: Severity, memoAt position: Int?, cells: UnsafeBufferPointer<Value>,
    described: Check.Describing, message: UnsafeBufferPointer<UInt8>, forum: String?, source: RecordSource,
    evidence: (inout JSONWriter) -> Void
  ) {
    if !alertMemo.writeHead(at: position, into: &bytes) {
      let start = bytes.count
      literal("{\"rule\":")
      string(rule)
      literal(",\"severity\":")
      string(severity.rawValue)
      literal(",\"id\":")
      if let position { alertMemo.remember(head: bytes[start...], at: position) }
    }
    if case .text(let id) = cells[described.id] { string(id) } else { literal("\"\"") }
    literal(",\"name\":")
    text(cells, described.name)
    literal(",\"period\":")
    text(cells, described.period)
    literal(",\"message\":")
    string(utf8: message)
    literal(",\"forum\":")
    optionalString(forum)
    if !alertMemo.writeSource(of: source.path, into: &bytes) {
      let start = bytes.count
      literal(",\"source\":{\"file\":")
      string(source.path)
      literal(",\"line\":")
      alertMemo.remember(source: bytes[start...], of: source.path)
    }
    integer(source.line)
    literal("},\"evidence\":{")
    evidence(&self)
    literal("}}")
  }

  /// A text cell, or null when there is no such column or the cell is missing.
  private mutating func text(_ cells: UnsafeBufferPointer<Value>, _ column: Int?) {
    if let column, case .text(let value) = cells[column] { string(value) } else { literal("null") }
  }
}

/// The JSON of an alert that repeats from alert to alert, as ``JSONWriter/alert(_:)`` wrote it
/// the first time: each rule's members up to the record's id, and the last file's source up to
/// the line. Kept in one array, copied from in place: a copy of an array of its own counted a
/// reference for each alert.
struct AlertMemo {
  private var bytes: [UInt8] = []
  /// Where each rule position's head is in `bytes`; an empty range for none yet.
  private(set) var heads: [Range<Int>] = []
  private var sourcePath: String?
  private var source = 0..<0

  /// Appends the head remembered for `position` to `output`; false, appending nothing, when
  /// there is none (or no position).
  func writeHead(at position: Int?, into output: inout [UInt8]) -> Bool {
    guard let position, position < heads.count, !heads[position].isEmpty else { return false }
    copy(heads[position], into: &output)
    return true
  }

  /// Appends the source remembered for `path` to `output`; false, appending nothing, when
  /// the source remembered is another file's.
  func writeSource(of path: String, into output: inout [UInt8]) -> Bool {
    guard sourcePath == path else { return false }
    copy(source, into: &output)
    return true
  }

  mutating func remember(head: ArraySlice<UInt8>, at position: Int) {
    if heads.count <= position { heads += Array(repeating: 0..<0, count: position + 1 - heads.count) }
    heads[position] = bytes.count..<bytes.count + head.count
    bytes += head
  }

  mutating func remember(source json: ArraySlice<UInt8>, of path: String) {
    sourcePath = path
    // The last file's bytes stay: they grow with the rules and the changes of file, never
    // with the alerts.
    source = bytes.count..<bytes.count + json.count
    bytes += json
  }

  private func copy(_ range: Range<Int>, into output: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { output.append(bytes: UnsafeBufferPointer(rebasing: $0[range])) }
  }
}
