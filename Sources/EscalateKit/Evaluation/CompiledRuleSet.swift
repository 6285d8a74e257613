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
  let condition: Compiler.Evaluate
  let message: [Part]
  let evidence: [(label: String, type: ValueType, value: Compiler.Evaluate)]

  init(
    rule: CheckedRule, condition: @escaping Compiler.Evaluate, message: [Part],
    evidence: [(label: String, type: ValueType, value: Compiler.Evaluate)]
  ) {
    self.rule = rule
    self.condition = condition
    self.message = message
    self.evidence = evidence
  }

  enum Part: Sendable {
    case text(String)
    case value(Compiler.Evaluate, ValueType)
  }

  /// Whether the rule fires on the record at `cursor`.
  public func matches(_ cursor: Cursor) throws(EvaluationError) -> Bool {
    try condition(cursor).isTrue
  }

  /// The rule's message for the record at `cursor`, each `{expression}` formatted by its type.
  public func message(for cursor: Cursor) throws(EvaluationError) -> String {
    // Room for a typical message up front, rather than growing it piece by piece.
    var text = ""
    text.reserveCapacity(128)
    for part in message {
      switch part {
      case .text(let literal): text += literal
      case .value(let evaluate, let type): text += try evaluate(cursor).formatted(as: type)
      }
    }
    return text
  }

  /// The values the condition saw at `cursor`, labelled as in ``CheckedRule/evidence``.
  public func evidence(for cursor: Cursor) throws(EvaluationError) -> [Alert.Evidence] {
    var items: [Alert.Evidence] = []
    items.reserveCapacity(evidence.count)
    for item in evidence {
      items.append(Alert.Evidence(label: item.label, type: item.type, value: try item.value(cursor)))
    }
    return items
  }
}
