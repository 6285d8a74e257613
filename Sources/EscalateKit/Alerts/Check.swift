/// Runs a compiled rule set over data files: the engine behind `escalate check`.
public struct Check: Sendable {
  public let rules: CompiledRuleSet
  public let options: DataOptions

  /// The id of the data-quality alert raised for a cell that cannot be read.
  public static let unreadableValueRule = "unreadable-value"

  /// Creates a check.
  public init(rules: CompiledRuleSet, options: DataOptions = DataOptions()) {
    self.rules = rules
    self.options = options
  }

  /// The outcome of a run.
  public struct Outcome: Sendable {
    /// Alerts in input order: by file as given, record, then rule order in the pack.
    public var alerts: [Alert]
    public var records: Int
    public var diagnostics: [Diagnostic]
  }

  /// Evaluates every rule on every record of `paths`.
  public func run(paths: [String]) -> Outcome {
    var outcome = Outcome(alerts: [], records: 0, diagnostics: [])
    let schema = rules.ruleSet.schema
    let columns = rules.ruleSet.usedColumns
    for path in paths {
      outcome.diagnostics += DataFile.read(path: path, schema: schema, columns: columns, options: options) {
        decoded in
        outcome.records += 1
        if options.strict && !decoded.unreadable.isEmpty { return decoded.unreadable.map(\.diagnostic) }
        return evaluate(decoded, into: &outcome.alerts)
      }
    }
    return outcome
  }

  /// Evaluates every rule on one record, appending its alerts and a data-quality alert for each
  /// unreadable cell; returns a diagnostic for each rule whose arithmetic overflowed.
  public func evaluate(_ decoded: DecodedRecord, into alerts: inout [Alert]) -> [Diagnostic] {
    let record = decoded.record
    let schema = rules.ruleSet.schema
    func text(_ column: Int?) -> String? {
      guard let column, case .text(let value) = record.values[column] else { return nil }
      return value
    }
    func alert(
      rule: String, severity: Severity, forum: String?, message: String, evidence: [Alert.Evidence], index: Int
    )
      -> Alert
    {
      Alert(
        rule: rule, severity: severity, forum: forum, recordID: text(schema.idColumn) ?? "",
        name: text(schema.nameColumn), period: text(schema.periodColumn), message: message, source: record.source,
        evidence: evidence, ruleIndex: index)
    }
    var diagnostics: [Diagnostic] = []
    for (index, compiled) in rules.rules.enumerated() {
      do throws(EvaluationError) {
        guard try compiled.matches(record) else { continue }
        let rule = compiled.rule
        let evidence = rule.evidenceColumns.map {
          Alert.Evidence(column: schema.columns[$0].name, type: schema.columns[$0].type, value: record.values[$0])
        }
        alerts.append(
          alert(
            rule: rule.id, severity: rule.severity, forum: rule.forum, message: try compiled.message(for: record),
            evidence: evidence, index: index))
      } catch {
        diagnostics.append(
          Diagnostic(
            .arithmeticOverflow,
            "rule '\(compiled.rule.id)' could not be evaluated on this record: \(error.message)",
            at: .file(path: record.source.path, line: record.source.line, column: 1)))
      }
    }
    for cell in decoded.unreadable {
      alerts.append(
        alert(
          rule: Self.unreadableValueRule, severity: .warning, forum: nil,
          message: cell.message + "; the rules treat it as missing",
          evidence: [Alert.Evidence(column: cell.columnName, type: .text, value: .text(cell.text))],
          index: rules.rules.count))
    }
    return diagnostics
  }
}
