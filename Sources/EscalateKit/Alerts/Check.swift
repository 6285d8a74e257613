/// Runs a compiled rule set over data files: the engine behind `escalate check`.
public struct Check: Sendable {
  /// The pack, compiled for the report date.
  public internal(set) var rules: CompiledRuleSet
  /// How the data files are read.
  public internal(set) var options: DataOptions
  /// The columns the rules read (``RuleSet/usedColumns``), and those of them read only as
  /// missing or present (``RuleSet/presenceOnlyColumns``): worked out once, not for every
  /// segment a streamed check reads.
  let usedColumns: [Int]
  let presenceOnlyColumns: [Int]
  /// How many records with a repeated id a streamed check holds at a time on one core, at most;
  /// more are split between partitions (see ``stream(paths:into:render:emit:)``). Tests make
  /// it small.
  var historyPartitionSize = 40_000
  /// How large a share of a CSV file the survey of a streamed check reads on one core, at
  /// least; tests make it small. The survey reads a file in parts only if it is at least twice
  /// this.
  var partBytes = 8 << 20
  /// Whether the survey may read a file in parts; off for its second try when a part did not
  /// start at a record.
  var partsInParallel = true
  /// Whether alerts carry their workstream's ``Alert/Context``. Without it, the columns only
  /// the context shows are not decoded (see ``Schema/contextOnlyColumns``), which the JSON
  /// Lines output, showing none of them, does not miss.
  public var alertContext = true

  /// The id of the data-quality alert raised for a cell that cannot be read.
  public static let unreadableValueRule = RuleSet.unreadableValueRule
  /// The id of the data-quality alert raised for an `escalated_to` that names no known forum.
  public static let unknownForumRule = RuleSet.unknownForumRule

  /// The schema's columns that every alert copies, looked up once: the schema is a large value,
  /// and copying it for each alert of a million showed in profiles.
  let describing: Describing

  /// Where the columns that describe a record in its alerts are.
  struct Describing: Sendable {
    var id: Int
    var name, period, section, owner, ownerEmail, escalatedTo, nextBoard: Int?

    /// An alert on `record`, described by its columns.
    func alert(
      for record: Record, rule: String, severity: Severity, forum: String?, message: String,
      evidence: [Alert.Evidence], index: Int
    ) -> Alert {
      var alert = Alert(
        rule: rule, severity: severity, forum: forum, recordID: record.text(id) ?? "", name: record.text(name),
        period: record.text(period), message: message, source: record.source, evidence: evidence, ruleIndex: index)
      alert.since = alert.period
      alert.context.section = record.text(section)
      alert.context.owner = record.text(owner)
      alert.context.ownerEmail = record.text(ownerEmail)
      alert.context.escalatedTo = record.text(escalatedTo)
      if let nextBoard, case .date(let day) = record.values[nextBoard] { alert.context.nextBoard = day }
      return alert
    }
  }

  /// Creates a check.
  public init(rules: CompiledRuleSet, options: DataOptions = DataOptions()) {
    self.rules = rules
    self.options = options
    usedColumns = rules.ruleSet.usedColumns
    presenceOnlyColumns = rules.ruleSet.presenceOnlyColumns
    let schema = rules.ruleSet.schema
    describing = Describing(
      id: schema.idColumn, name: schema.nameColumn, period: schema.periodColumn, section: schema.sectionColumn,
      owner: schema.ownerColumn, ownerEmail: schema.ownerEmailColumn, escalatedTo: schema.escalatedToColumn,
      nextBoard: schema.nextBoardColumn)
  }

  /// The outcome of a run.
  public struct Outcome: Sendable {
    /// Alerts in input order: by file as given, record, then rule order in the pack.
    public var alerts: [Alert]
    /// How many records were read.
    public var records: Int
    /// How many workstreams (distinct ids) the records belong to.
    public var workstreams = 0
    /// Each workstream at its latest period, in input order of its first record.
    public var latest: [Cursor] = []
    /// What was found wrong in the data, or while evaluating it.
    public var diagnostics: [Diagnostic]
  }

  /// Reads every record of `paths`, assembles each workstream's history, and evaluates the
  /// rules on the latest period of each (every period with ``DataOptions/allPeriods``).
  public func run(paths: [String]) -> Outcome {
    var outcome = Outcome(alerts: [], records: 0, diagnostics: [])
    let builder = read(paths, into: &outcome)
    let built = builder.build()
    outcome.diagnostics += built.diagnostics
    outcome.workstreams = built.workstreams
    var alertsByEntry = [[Alert]](repeating: [], count: builder.entries.count)
    var latest: [Cursor] = []
    for history in built.histories {
      latest.append(evaluate(history: history, of: builder.entries, into: &alertsByEntry, &outcome.diagnostics))
    }
    outcome.alerts = alertsByEntry.flatMap { $0 }
    outcome.diagnostics += evaluatePortfolios(latest, into: &outcome.alerts)
    outcome.latest = latest
    return outcome
  }

  /// Evaluates the rules on one workstream's history (indices into `entries`, oldest first):
  /// on its latest record, or on every one with ``DataOptions/allPeriods``. Each record's
  /// alerts go to its index in `alerts`. Returns the cursor at the latest record.
  func evaluate(
    history: [Int], of entries: [DecodedRecord], into alerts: inout [[Alert]], _ diagnostics: inout [Diagnostic]
  ) -> Cursor {
    let records = history.map { entries[$0].record }
    let checked = options.allPeriods ? Array(records.indices) : [records.count - 1]
    for position in checked {
      let index = history[position]
      evaluate(Cursor(history: records, index: position), entries[index], into: &alerts[index], &diagnostics)
    }
    return Cursor(history: records, index: records.count - 1)
  }

  /// The rules' alerts on the record at `cursor`, then its data-quality alerts.
  func evaluate(
    _ cursor: Cursor, _ entry: DecodedRecord, into alerts: inout [Alert], _ diagnostics: inout [Diagnostic]
  ) {
    var batch = AlertBatch(describing: describing)
    evaluate(cursor, entry, into: &batch, &diagnostics)
    alerts += batch.alerts
  }

  /// The rules' alerts on the record at `cursor`, then its data-quality alerts, into `batch`.
  func evaluate(
    _ cursor: Cursor, _ entry: DecodedRecord, into batch: inout AlertBatch, _ diagnostics: inout [Diagnostic]
  ) {
    let found = evaluate(cursor, into: &batch)
    // Appended only when there are any: appending none still made new storage for every record.
    if !found.isEmpty { diagnostics += found }
    // Like rule alerts, data-quality alerts concern the periods being checked; `validate`
    // reports the cells of every period.
    for cell in entry.unreadable { batch.built.append(dataQualityAlert(cell, record: entry.record)) }
    if let unknown = unknownForumAlert(entry.record) { batch.built.append(unknown) }
  }

  /// Reads every record of `paths` into a history builder, counting them in `outcome`.
  private func read(_ paths: [String], into outcome: inout Outcome) -> HistoryBuilder {
    let schema = rules.ruleSet.schema
    var builder = HistoryBuilder(schema: schema)
    for path in paths {
      outcome.diagnostics += DataFile.read(
        path: path, schema: schema, columns: usedColumns, context: alertContext, options: options
      ) { decoded in
        outcome.records += 1
        if options.strict && !decoded.unreadable.isEmpty { return decoded.unreadable.map(\.diagnostic) }
        builder.add(decoded)
        return []
      }
    }
    return builder
  }

  /// The latest record of workstream `id` in its history, as `explain --id` examines it; nil
  /// when no record has that id.
  public func latest(of id: String, paths: [String]) -> (cursor: Cursor?, diagnostics: [Diagnostic]) {
    var outcome = Outcome(alerts: [], records: 0, diagnostics: [])
    let builder = read(paths, into: &outcome)
    let built = builder.build()
    let schema = rules.ruleSet.schema
    for history in built.histories where builder.entries[history[0]].record.text(schema.idColumn) == id {
      let records = history.map { builder.entries[$0].record }
      return (Cursor(history: records, index: records.count - 1), outcome.diagnostics + built.diagnostics)
    }
    return (nil, outcome.diagnostics + built.diagnostics)
  }

  /// Evaluates every rule on the record at `cursor`, appending its alerts; returns a diagnostic
  /// for each rule whose arithmetic overflowed.
  public func evaluate(_ cursor: Cursor, into alerts: inout [Alert]) -> [Diagnostic] {
    var batch = AlertBatch(describing: describing)
    let diagnostics = evaluate(cursor, into: &batch)
    alerts += batch.alerts
    return diagnostics
  }

  /// Evaluates every rule on the record at `cursor`, adding its alerts to `batch`; returns a
  /// diagnostic for each rule whose arithmetic overflowed.
  func evaluate(_ cursor: Cursor, into batch: inout AlertBatch) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let rules = self.rules.rules
    for index in rules.indices {
      // Borrowed from the array, which holds it for the whole loop: taking it as usual retained
      // and released every rule for every record.
      Unmanaged.passUnretained(rules[index])._withUnsafeGuaranteedRef { rule in
        guard !rule.isPortfolio else { return }
        do throws(EvaluationError) {
          try batch.evaluate(rule, index: index, at: cursor)
        } catch {
          let source = cursor.record.source
          diagnostics.append(
            Diagnostic(
              .arithmeticOverflow, "rule '\(rule.id)' could not be evaluated on this record: \(error.message)",
              at: .file(path: source.path, line: source.line, column: 1)))
        }
      }
    }
    return diagnostics
  }

  /// Evaluates each portfolio rule once per value of its group column, over the latest record
  /// of every workstream that has the value; the alert names the group and lists its members.
  /// A workstream without a value is in no group.
  func evaluatePortfolios(_ latest: [Cursor], into alerts: inout [Alert]) -> [Diagnostic] {
    let schema = rules.ruleSet.schema
    var diagnostics: [Diagnostic] = []
    for (index, compiled) in rules.rules.enumerated() {
      guard let column = compiled.rule.groupBy else { continue }
      var groups: [String: [Cursor]] = [:]
      for cursor in latest {
        let value = cursor.record.values[column]
        guard !value.isMissing else { continue }
        groups[value.formatted(as: schema.columns[column].type), default: []].append(cursor)
      }
      for key in groups.keys.sorted() {
        let group = Cursor(group: groups[key]!)
        do throws(EvaluationError) {
          guard try compiled.matches(group) else { continue }
          let ids = group.members.map { $0.record.text(schema.idColumn) ?? "" }
          var alert = describing.alert(
            for: group.record, rule: compiled.rule.id, severity: compiled.rule.severity, forum: compiled.rule.forum,
            message: try compiled.message(for: group),
            evidence: try compiled.evidence(for: group)
              + [Alert.Evidence(label: "workstreams", type: .list(.text), value: .list(ids.map(Value.text)))],
            index: index)
          alert.recordID = key
          alert.name = "\(schema.columns[column].name) \(key)"
          alert.period = nil
          alert.since = nil
          alert.context = Alert.Context()
          alerts.append(alert)
        } catch {
          diagnostics.append(
            Diagnostic(
              .arithmeticOverflow,
              "rule '\(compiled.rule.id)' could not be evaluated for \(schema.columns[column].name) '\(key)': "
                + error.message, at: nil))
        }
      }
    }
    return diagnostics
  }

  /// The `unreadable-value` alert for a cell the rules saw as missing.
  public func dataQualityAlert(_ cell: UnreadableCell, record: Record) -> Alert {
    var alert = describing.alert(
      for: record, rule: Self.unreadableValueRule, severity: .warning, forum: nil,
      message: cell.message + "; the rules treat it as missing",
      evidence: [Alert.Evidence(label: cell.columnName, type: .text, value: .text(cell.text))],
      index: rules.rules.count)
    alert.discriminator = cell.columnName
    return alert
  }

  /// With declared forums, an `escalated_to` that names none of them would silently fail every
  /// routing comparison, so it is reported.
  func unknownForumAlert(_ record: Record) -> Alert? {
    // Read in place: a copy of the forums, or of the schema, for every record showed in profiles.
    guard rules.ruleSet.forums.isDeclared, let column = describing.escalatedTo, let name = record.text(column),
      rules.ruleSet.forums.index(of: name) == nil
    else { return nil }
    let forums = rules.ruleSet.forums
    let schema = rules.ruleSet.schema
    let hint = Suggestion.closest(to: name, in: forums.forums.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
    return describing.alert(
      for: record, rule: Self.unknownForumRule, severity: .warning, forum: nil,
      message: "\(schema.columns[column].name) '\(name)' is not one of the pack's forums\(hint)",
      evidence: [Alert.Evidence(label: schema.columns[column].name, type: .text, value: .text(name))],
      index: rules.rules.count)
  }

}
