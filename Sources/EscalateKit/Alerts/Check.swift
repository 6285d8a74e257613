/// Runs a compiled rule set over data files: the engine behind `escalate check`.
public struct Check: Sendable {
  public let rules: CompiledRuleSet

  /// Creates a check.
  public init(rules: CompiledRuleSet) {
    self.rules = rules
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
      outcome.diagnostics += DataFile.read(path: path, schema: schema, columns: columns) { record in
        outcome.records += 1
        evaluate(record, into: &outcome)
      }
    }
    return outcome
  }

  /// Evaluates every rule on one record, appending alerts, or a diagnostic if arithmetic overflows.
  public func evaluate(_ record: Record, into outcome: inout Outcome) {
    let schema = rules.ruleSet.schema
    func text(_ column: Int?) -> String? {
      guard let column, case .text(let value) = record.values[column] else { return nil }
      return value
    }
    for (index, compiled) in rules.rules.enumerated() {
      do throws(EvaluationError) {
        guard try compiled.matches(record) else { continue }
        let rule = compiled.rule
        outcome.alerts.append(
          Alert(
            rule: rule.id, severity: rule.severity, forum: rule.forum, recordID: text(schema.idColumn) ?? "",
            name: text(schema.nameColumn), period: text(schema.periodColumn),
            message: try compiled.message(for: record), source: record.source,
            evidence: rule.evidenceColumns.map {
              Alert.Evidence(column: schema.columns[$0].name, type: schema.columns[$0].type, value: record.values[$0])
            },
            ruleIndex: index))
      } catch {
        outcome.diagnostics.append(
          Diagnostic(
            .arithmeticOverflow,
            "rule '\(compiled.rule.id)' could not be evaluated on this record: \(error.message)",
            at: .file(path: record.source.path, line: record.source.line, column: 1)))
      }
    }
  }
}
