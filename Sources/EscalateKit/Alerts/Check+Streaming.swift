import Foundation

extension Check {
  /// What a streamed run found besides its alerts.
  public struct StreamOutcome: Sendable {
    /// How many records were read.
    public var records = 0
    /// How many workstreams (distinct ids) the records belong to.
    public var workstreams = 0
    /// What was found wrong, as ``Outcome/diagnostics`` would have it.
    public var diagnostics: [Diagnostic] = []
  }

  /// Evaluates the rules over `paths` as ``run(paths:)`` does, while holding only the records
  /// that need a history, a partition of them at a time. Memory then depends on the largest
  /// record and the alerts of workstreams with more than one record, not on the size of the
  /// files.
  ///
  /// Most returns have one record per workstream, which needs no history. A first pass reads
  /// only the identifying columns, finds the ids that occur more than once and cuts the files
  /// into segments at record boundaries; if any id repeats, a second pass holds and evaluates
  /// just those workstreams; the last pass evaluates the segments on every core. Each
  /// segment's alerts, in input order, go through `render` into a part that starts as `empty`, a
  /// record's at a time (a batch that `render` must not keep, since its storage is reused; it is
  /// lent in place, since a copy would count references on its storage for every record),
  /// and the parts reach `emit` in input order, so the output is the same bytes as from one
  /// core. A file that is not UTF-8 is streamed from a UTF-8 copy (see ``ReadableFile``).
  ///
  /// A file with a read error or a record without an id, or with ``DataOptions/strict`` an
  /// unreadable cell, is not evaluated: the outcome has the errors that ``run(paths:)`` would
  /// report from reading it, found while holding only the records whose ids repeat.
  ///
  /// Returns nil, having emitted nothing, when the run must go another way: a pack with
  /// portfolio rules, which compare every workstream; a path that is not a regular file (such
  /// as a pipe, which cannot be read twice); a header that lacks a column. ``run(paths:)``
  /// reports those as usual. When the diagnostics have errors, nothing has been emitted unless
  /// the errors came from evaluating a record (arithmetic overflow) or from a file rewritten
  /// while it was read.
  public func stream<Part: Sendable>(
    paths: [String], into empty: Part, render: @escaping @Sendable (inout Part, inout AlertBatch) -> Void,
    emit: (Part) -> Void
  ) -> StreamOutcome? {
    let formats = paths.compactMap { DataFile.format(of: $0, named: options.shownName(of: $0)) }
    guard !rules.rules.contains(where: { $0.rule.groupBy != nil }), formats.count == paths.count else { return nil }
    // The passes read each file several times, so one rewritten in between would mix two
    // versions: that is reported at the end rather than passed off as a check of either.
    let versions = paths.map(Self.version)
    let (ids, segments): (RepeatedIDs, [FileSegment])
    switch survey(paths, formats) {
    case .cut(let found, let cut): (ids, segments) = (found, cut)
    case .broken: return StreamOutcome(diagnostics: diagnose(paths))
    case .unsuitable: return nil
    case .notUTF8(let path): return streamCopy(of: path, among: paths, into: empty, render: render, emit: emit)
    }
    // An unreadable cell is then an error, which must be found before anything is written;
    // without one, the run is the same as without `strict`.
    if options.strict {
      let found = diagnose(paths)
      if found.hasErrors { return StreamOutcome(diagnostics: found) }
    }
    var outcome = StreamOutcome()
    let held = holdHistories(segments, ids, &outcome)
    guard !outcome.diagnostics.hasErrors else { return outcome }
    let repeated = ids.repeated
    var evaluationDiagnostics: [Diagnostic] = []
    // A few segments per core in flight keeps every core busy and the parts in memory few.
    let window = ProcessInfo.processInfo.activeProcessorCount * 2
    inOrderWorkers(count: segments.count, window: window) { [self] index in
      ownCopy().evaluate(segments[index], repeated: repeated, held: held, into: empty, render: render)
    } consume: { result in
      emit(result.part)
      outcome.records += result.records
      outcome.workstreams += result.workstreams
      outcome.diagnostics += result.readDiagnostics
      evaluationDiagnostics += result.evaluationDiagnostics
    }
    outcome.diagnostics += evaluationDiagnostics
    for (path, version) in zip(paths, versions) where Self.version(of: path) != version {
      outcome.diagnostics.append(
        Diagnostic(
          .unreadableFile,
          "'\(options.shownName(of: path))' changed while escalate was reading it; these alerts may mix two versions",
          at: nil, hint: "run the check again once the file is saved"))
    }
    return outcome
  }

  /// This check with its own compiled rules, for one worker: sharing one set between cores
  /// would have them counting references to the same closures, which costs more than compiling.
  private func ownCopy() -> Check {
    var copy = self
    copy.rules = Compiler.compile(rules.ruleSet, reportDate: rules.reportDate)
    return copy
  }

  /// A file's size and modification time, to tell whether it changed between two reads.
  private static func version(of path: String) -> [String] {
    let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
    return [attributes[.size], attributes[.modificationDate]].map { "\($0 ?? "")" }
  }

  /// Streams `paths` with a UTF-8 copy of `path`, which is not UTF-8 and is read as
  /// Windows-1252, in its place (see ``ReadableFile``); the copy is still named as `path`.
  private func streamCopy<Part: Sendable>(
    of path: String, among paths: [String], into empty: Part,
    render: @escaping @Sendable (inout Part, inout AlertBatch) -> Void, emit: (Part) -> Void
  ) -> StreamOutcome? {
    guard case .success(let copy) = ReadableFile.prepare(path, shownAs: options.shownName(of: path)) else {
      return nil
    }
    defer { copy.remove() }
    var check = self
    check.options.shownNames[copy.path] = options.shownName(of: path)
    let copied = paths.map { $0 == path ? copy.path : $0 }
    guard var outcome = check.stream(paths: copied, into: empty, render: render, emit: emit) else { return nil }
    outcome.diagnostics.insert(contentsOf: copy.warning.map { [$0] } ?? [], at: 0)
    return outcome
  }

  /// The diagnostics of ``run(paths:)`` from reading files, for files that have errors, which
  /// make the run fail before any rule is evaluated. Two records can clash only if they share an id, so a
  /// first pass counts the ids and a second holds only the records whose ids repeat: a broken
  /// file of any size takes no more memory than a sound one.
  private func diagnose(_ paths: [String]) -> [Diagnostic] {
    let schema = rules.ruleSet.schema
    let ids = RepeatedIDs()
    var builder = HistoryBuilder(schema: schema)
    var diagnostics: [Diagnostic] = []
    for pass in 1...2 where pass == 1 || !ids.repeated.isEmpty {
      for path in paths {
        let found = DataFile.read(
          path: path, schema: schema, columns: usedColumns, context: alertContext, options: options
        ) { decoded in
          let id = decoded.record.text(schema.idColumn) ?? ""
          if pass == 1 {
            ids.insert(id)
            return options.strict ? decoded.unreadable.map(\.diagnostic) : []
          }
          // As in the in-memory run, a record that is itself an error has no place in a history;
          // its errors are returned again (and dropped) so this pass stops where the first did.
          if options.strict && !decoded.unreadable.isEmpty { return decoded.unreadable.map(\.diagnostic) }
          if ids.isRepeated(id) { builder.add(decoded) }
          return []
        }
        if pass == 1 { diagnostics += found }
      }
    }
    return diagnostics + builder.build().diagnostics
  }

  /// One segment's share of the last pass.
  private struct SegmentResult<Part: Sendable>: Sendable {
    var part: Part
    var records = 0
    var workstreams = 0
    var readDiagnostics: [Diagnostic] = []
    var evaluationDiagnostics: [Diagnostic] = []
  }

  /// Evaluates the records of `segment` whose ids are not `repeated`; a record with a repeated id
  /// is not decoded again, and contributes what is `held` for its position.
  private func evaluate<Part: Sendable>(
    _ segment: FileSegment, repeated: Set<UInt64>, held: Held, into empty: Part,
    render: (inout Part, inout AlertBatch) -> Void
  ) -> SegmentResult<Part> {
    var result = SegmentResult(part: empty)
    var ordinal = segment.ordinal
    var batch = AlertBatch(describing: describing)
    result.readDiagnostics = DataFile.read(
      path: segment.path, schema: rules.ruleSet.schema, columns: usedColumns, context: alertContext,
      presenceOnly: presenceOnlyColumns, options: options, segment: segment
    ) { id in
      defer { ordinal += 1 }
      result.records += 1
      guard !repeated.isEmpty && repeated.contains(RepeatedIDs.hash(id())) else { return true }
      if let alerts = held.alerts[ordinal] {
        batch.built = alerts
        render(&result.part, &batch)
        batch.removeAll()
      }
      result.evaluationDiagnostics += held.diagnostics[ordinal] ?? []
      return false
    } _: { decoded in
      result.workstreams += 1
      evaluate(Cursor(decoded.record), decoded, into: &batch, &result.evaluationDiagnostics)
      render(&result.part, &batch)
      // Emptied now rather than before the next record, so that the record is let go before the
      // decoder writes the next one's values into the same storage, which it would else copy.
      batch.removeAll()
      return []
    }
    return result
  }

  /// What the workstreams with several records give, by the input position it goes at.
  struct Held: Sendable {
    /// Each record's alerts, at the record's position.
    var alerts: [Int: [Alert]] = [:]
    /// Evaluation errors, at the position of the workstream's first record, which is where
    /// ``run(paths:)`` reports them.
    var diagnostics: [Int: [Diagnostic]] = [:]
  }

  /// Reads the records whose ids are repeated, from the `segments` the survey cut (so every
  /// pass reads the same bytes), and assembles and evaluates their histories.
  ///
  /// Many such records are split between partitions by the hash of their id, each a pass that
  /// reads every segment but decodes and holds only its own workstreams, so memory stays
  /// bounded however much history there is; the partitions run on every core.
  private func holdHistories(_ segments: [FileSegment], _ ids: RepeatedIDs, _ outcome: inout StreamOutcome) -> Held {
    guard !ids.repeated.isEmpty else { return Held() }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let needed = (ids.repeatedRecords + historyPartitionSize - 1) / historyPartitionSize
    let partitions = needed > 1 ? max(needed, cores) : 1
    var held = Held()
    var clashes: [(origin: Int, diagnostic: Diagnostic)] = []
    var consumed = 0
    inOrderWorkers(count: partitions, window: cores) { [self] partition in
      ownCopy().holdHistories(segments, ids, partition: partition, of: partitions)
    } consume: { part in
      // Every partition reads every record, so each meets the same read problems.
      if consumed == 0 { outcome.diagnostics += part.read }
      consumed += 1
      outcome.workstreams += part.workstreams
      held.alerts.merge(part.held.alerts) { first, _ in first }
      held.diagnostics.merge(part.held.diagnostics) { first, _ in first }
      clashes += part.clashes
    }
    // In the order of the workstreams' first records, as one builder of every record gives them.
    outcome.diagnostics += clashes.enumerated().sorted {
      ($0.element.origin, $0.offset) < ($1.element.origin, $1.offset)
    }
    .map(\.element.diagnostic)
    return held
  }

  /// One partition's share of the histories pass.
  private struct HeldPart: Sendable {
    var held = Held()
    var read: [Diagnostic] = []
    /// Records that cannot be placed in a history, by the position of the workstream's first.
    var clashes: [(origin: Int, diagnostic: Diagnostic)] = []
    var workstreams = 0
  }

  /// The histories of the repeated ids whose hash falls in `partition`, read from every
  /// segment and evaluated.
  private func holdHistories(
    _ segments: [FileSegment], _ ids: RepeatedIDs, partition: Int, of partitions: Int
  ) -> HeldPart {
    let schema = rules.ruleSet.schema
    var builder = HistoryBuilder(schema: schema)
    var ordinals: [Int] = []
    var firstOrdinal: [String: Int] = [:]
    var part = HeldPart()
    for segment in segments {
      var ordinal = segment.ordinal
      part.read += DataFile.read(
        path: segment.path, schema: schema, columns: usedColumns, context: alertContext,
        presenceOnly: presenceOnlyColumns, options: options, segment: segment
      ) { id in
        ordinal += 1
        let hash = RepeatedIDs.hash(id())
        return ids.repeated.contains(hash) && Int(hash % UInt64(partitions)) == partition
      } _: { decoded in
        builder.add(decoded)
        ordinals.append(ordinal - 1)
        let id = decoded.record.text(schema.idColumn) ?? ""
        if firstOrdinal[id] == nil { firstOrdinal[id] = ordinal - 1 }
        return []
      }
    }
    let built = builder.build()
    part.clashes = zip(built.origins, built.diagnostics).map { (ordinals[$0], $1) }
    part.workstreams = built.workstreams
    var alerts = [[Alert]](repeating: [], count: builder.entries.count)
    for history in built.histories {
      var diagnostics: [Diagnostic] = []
      _ = evaluate(history: history, of: builder.entries, into: &alerts, &diagnostics)
      guard !diagnostics.isEmpty else { continue }
      // Where the in-memory run reports them: at the workstream's first record in the input.
      let first = firstOrdinal[builder.entries[history[0]].record.text(schema.idColumn) ?? ""] ?? 0
      part.held.diagnostics[first, default: []] += diagnostics
    }
    for (index, found) in alerts.enumerated() where !found.isEmpty { part.held.alerts[ordinals[index]] = found }
    return part
  }
}
