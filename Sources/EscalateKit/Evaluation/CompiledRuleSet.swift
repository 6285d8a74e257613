/// A rule set ready to run over records.
public struct CompiledRuleSet: Sendable {
  public let ruleSet: RuleSet
  public let rules: [CompiledRule]
  public let reportDate: Day
}

/// One compiled rule.
public struct CompiledRule: Sendable {
  public let rule: CheckedRule
  let condition: Compiler.Evaluate
  let message: [Part]

  enum Part: Sendable {
    case text(String)
    case value(Compiler.Evaluate, ValueType)
  }

  /// Whether the rule fires on `record`.
  public func matches(_ record: Record) throws(EvaluationError) -> Bool {
    try condition(record).isTrue
  }

  /// The rule's message for `record`, with every `{expression}` formatted by its type.
  public func message(for record: Record) throws(EvaluationError) -> String {
    var text = ""
    for part in message {
      switch part {
      case .text(let literal): text += literal
      case .value(let evaluate, let type): text += try evaluate(record).formatted(as: type)
      }
    }
    return text
  }
}
