/// Groups the records of a run into workstream histories: all records with the same id,
/// oldest period first.
///
/// Periods are read with ``Period``. A record whose period cannot be read (the decoder reports
/// it) is checked on its own; two records of one workstream in the same
/// period, or several with no period at all, cannot be ordered and are errors.
struct HistoryBuilder {
  let schema: Schema
  /// Every record added, in input order.
  private(set) var entries: [DecodedRecord] = []

  mutating func add(_ decoded: DecodedRecord) {
    entries.append(decoded)
  }

  struct Result {
    /// Indices into `entries`, each history oldest first.
    var histories: [[Int]]
    var diagnostics: [Diagnostic]
    /// For each diagnostic, the entry of the first record of its workstream: what orders the
    /// diagnostics of several builders that each saw some of the workstreams.
    var origins: [Int] = []
    /// How many distinct ids there are.
    var workstreams = 0
  }

  func build() -> Result {
    var result = Result(histories: [], diagnostics: [])
    var groups: [String: [Int]] = [:]
    var order: [String] = []
    for (index, entry) in entries.enumerated() {
      let id = entry.record.text(schema.idColumn) ?? ""
      if groups[id] == nil { order.append(id) }
      groups[id, default: []].append(index)
    }
    result.workstreams = order.count
    for id in order {
      var dated: [(period: Period, index: Int)] = []
      var undated: [Int] = []
      for index in groups[id]! {
        guard let periodText = entries[index].record.text(schema.periodColumn) else {
          undated.append(index)
          continue
        }
        if let period = Period(text: periodText[...]) {
          dated.append((period, index))
        } else {
          // The decoder has reported the period as unreadable; the record cannot be placed.
          result.histories.append([index])
        }
      }
      if undated.count > 1 || (undated.count == 1 && !dated.isEmpty) {
        for index in undated {
          result.diagnostics.append(
            Diagnostic(
              .ambiguousHistory,
              "workstream '\(id)' has \(groups[id]!.count) records and this one has no period, so they cannot be ordered",
              at: location(entries[index].record.source)))
          result.origins.append(groups[id]![0])
        }
      } else {
        result.histories += undated.map { [$0] }
      }
      dated.sort { ($0.period, $0.index) < ($1.period, $1.index) }
      for (earlier, later) in zip(dated, dated.dropFirst()) where earlier.period == later.period {
        let first = entries[earlier.index].record.source
        result.diagnostics.append(
          Diagnostic(
            .duplicateRecord,
            "workstream '\(id)' has a second record for period '\(entries[later.index].record.text(schema.periodColumn)!)'",
            at: location(entries[later.index].record.source), hint: "the first is at \(first.path):\(first.line)"))
        result.origins.append(groups[id]![0])
      }
      if !dated.isEmpty { result.histories.append(dated.map(\.index)) }
    }
    return result
  }

  private func location(_ source: RecordSource) -> Diagnostic.Location {
    .file(path: source.path, line: source.line, column: 1)
  }

}
