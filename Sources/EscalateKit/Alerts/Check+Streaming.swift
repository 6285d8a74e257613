extension Check {
  /// What a streamed run found besides its alerts.
  public struct StreamOutcome: Sendable {
    public var records = 0
    /// How many workstreams (distinct ids) the records belong to.
    public var workstreams = 0
    public var diagnostics: [Diagnostic] = []
  }

  /// Evaluates the rules over `paths` as ``run(paths:)`` does, passing each alert to `emit` as
  /// soon as it is known, in the same order, while holding only the records that need a
  /// history. Memory then depends on the largest record and the number of workstreams with
  /// more than one record, not on the size of the files.
  ///
  /// Most returns have one record per workstream, which needs no history. A first pass reads
  /// only the identifying columns and finds the ids that occur more than once; if there are
  /// any, a second pass holds and evaluates just those workstreams; the last pass evaluates
  /// every other record as it is read and emits all alerts in input order.
  ///
  /// Returns nil, having emitted nothing, when the run must read everything first: a pack with
  /// portfolio rules, ``DataOptions/strict``, standard input, JSON, or a file with any problem
  /// (``run(paths:)`` reports those as usual). When the diagnostics have errors, nothing has
  /// been emitted unless the errors came from evaluating a record (arithmetic overflow).
  public func stream(paths: [String], emit: (Alert) -> Void) -> StreamOutcome? {
    guard !options.strict, !rules.rules.contains(where: { $0.rule.groupBy != nil }),
      paths.allSatisfy(DataFile.isCSVFile)
    else { return nil }
    let schema = rules.ruleSet.schema
    let ids = RepeatedIDs()
    for path in paths {
      let problems = DataFile.read(path: path, schema: schema, columns: [], options: options, inChunks: true) {
        ids.insert($0.record.text(schema.idColumn) ?? "")
        return []
      }
      guard problems.isEmpty else { return nil }
    }
    var outcome = StreamOutcome()
    let held = holdHistories(paths, ids, &outcome)
    guard !outcome.diagnostics.hasErrors else { return outcome }
    var ordinal = 0
    var evaluationDiagnostics: [Diagnostic] = []
    for path in paths {
      outcome.diagnostics += read(path, inChunks: true) { decoded in
        defer { ordinal += 1 }
        outcome.records += 1
        guard !ids.isRepeated(decoded.record.text(schema.idColumn) ?? "") else {
          held[ordinal]?.forEach(emit)
          return []
        }
        outcome.workstreams += 1
        var alerts: [[Alert]] = [[]]
        _ = evaluate(history: [0], of: [decoded], into: &alerts, &evaluationDiagnostics)
        alerts[0].forEach(emit)
        return []
      }
    }
    outcome.diagnostics += evaluationDiagnostics
    return outcome
  }

  /// Reads the records whose ids are repeated, assembles and evaluates their histories, and
  /// returns their alerts by the record's position in the input.
  private func holdHistories(_ paths: [String], _ ids: RepeatedIDs, _ outcome: inout StreamOutcome) -> [Int: [Alert]] {
    guard !ids.repeated.isEmpty else { return [:] }
    let schema = rules.ruleSet.schema
    var builder = HistoryBuilder(schema: schema)
    var ordinals: [Int] = []
    var ordinal = 0
    for path in paths {
      outcome.diagnostics += read(path, inChunks: true) { decoded in
        defer { ordinal += 1 }
        if ids.isRepeated(decoded.record.text(schema.idColumn) ?? "") {
          builder.add(decoded)
          ordinals.append(ordinal)
        }
        return []
      }
    }
    let built = builder.build()
    outcome.diagnostics += built.diagnostics
    outcome.workstreams += built.workstreams
    var alerts = [[Alert]](repeating: [], count: builder.entries.count)
    for history in built.histories {
      _ = evaluate(history: history, of: builder.entries, into: &alerts, &outcome.diagnostics)
    }
    var held: [Int: [Alert]] = [:]
    for (index, found) in alerts.enumerated() where !found.isEmpty { held[ordinals[index]] = found }
    return held
  }

  private func read(_ path: String, inChunks: Bool, _ body: (DecodedRecord) -> [Diagnostic]) -> [Diagnostic] {
    DataFile.read(
      path: path, schema: rules.ruleSet.schema, columns: rules.ruleSet.usedColumns, options: options,
      inChunks: inChunks, body)
  }
}
