/// A rule set ready to run over records.
public struct CompiledRuleSet: Sendable {
  /// The checked rule set it was compiled from.
  public let ruleSet: RuleSet
  /// The rules, in pack order.
  public let rules: [CompiledRule]
  /// The date `report_date` was fixed to.
  public let reportDate: Day
}

/// One compiled rule.
///
/// A class, so the evaluation loop passes one reference per rule and record instead of copying
/// (and retaining) every closure the rule holds.
public final class CompiledRule: Sendable {
  /// The checked rule it was compiled from.
  public let rule: CheckedRule
  /// What every alert of the rule reads, kept apart from ``rule``: reading them through it
  /// copied the whole checked rule, with its every array and string, for each alert.
  let id: String
  let severity: Severity
  let escalation: [CheckedRule.Step]
  /// Whether it is a portfolio rule, evaluated once per group rather than per record.
  let isPortfolio: Bool
  let condition: Compiler.Evaluate
  let message: Writing
  /// The evidence's labels and types, in the order of ``CheckedRule/evidence``.
  let evidence: [(label: String, type: ValueType)]
  /// The evidence's values, appended in the same order.
  let collecting: Collecting

  init(
    rule: CheckedRule, condition: @escaping Compiler.Evaluate, message: @escaping Writing,
    evidence: [(label: String, type: ValueType)], collecting: @escaping Collecting
  ) {
    self.rule = rule
    id = rule.id
    severity = rule.severity
    // Each core compiles its own rules; its own copies of the forums spare the cores counting
    // references to the same strings.
    escalation = rule.escalation.map { CheckedRule.Step(afterPeriods: $0.afterPeriods, forum: $0.forum.unshared) }
    isPortfolio = rule.groupBy != nil
    self.condition = condition
    self.message = message
    self.evidence = evidence
    self.collecting = collecting
  }

  /// Appends a message for the record at a cursor to bytes, as UTF-8.
  typealias Writing = @Sendable (Cursor, inout [UInt8]) throws(EvaluationError) -> Void
  /// Appends the evidence's values for the record at a cursor.
  typealias Collecting = @Sendable (Cursor, inout [Value]) throws(EvaluationError) -> Void

  /// The forum or group for a condition that has held for `periods` consecutive periods: the
  /// last step of the ladder it has reached, or the first step's.
  func forum(afterHolding periods: Int) -> String? {
    escalation.last { $0.afterPeriods <= periods }?.forum ?? escalation.first?.forum
  }

  /// Whether the rule fires on the record at `cursor`.
  public func matches(_ cursor: Cursor) throws(EvaluationError) -> Bool {
    try condition(cursor).isTrue
  }

  /// The rule's message for the record at `cursor`, each `{expression}` formatted by its type.
  public func message(for cursor: Cursor) throws(EvaluationError) -> String {
    var bytes: [UInt8] = []
    try message(for: cursor, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the rule's message for `cursor` to `bytes`, as UTF-8: appending bytes costs less
  /// than appending strings, and a renderer can copy them from there.
  func message(for cursor: Cursor, into bytes: inout [UInt8]) throws(EvaluationError) {
    try message(cursor, &bytes)
  }

  /// The values the condition saw at `cursor`, labelled as in ``CheckedRule/evidence``.
  public func evidence(for cursor: Cursor) throws(EvaluationError) -> [Alert.Evidence] {
    var values: [Value] = []
    try evidence(for: cursor, into: &values)
    return zip(evidence, values).map { Alert.Evidence(label: $0.label, type: $0.type, value: $1) }
  }

  /// Appends the values the condition saw at `cursor` to `values`, in the order of
  /// ``CheckedRule/evidence``.
  func evidence(for cursor: Cursor, into values: inout [Value]) throws(EvaluationError) {
    try collecting(cursor, &values)
  }
}
