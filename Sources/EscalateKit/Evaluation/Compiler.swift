/// Turns a checked rule set into closures over a record's column-indexed values, so evaluating
/// a record involves no name lookups, no type dispatch on the tree and no allocation for
/// constants.
public enum Compiler {
  /// A compiled expression.
  typealias Evaluate = @Sendable (Record) throws(EvaluationError) -> Value

  /// Compiles every rule of `ruleSet`, fixing `report_date` to `reportDate`.
  public static func compile(_ ruleSet: RuleSet, reportDate: Day) -> CompiledRuleSet {
    let context = Context(reportDate: reportDate, element: nil)
    let rules = ruleSet.rules.map { rule in
      CompiledRule(
        rule: rule,
        condition: compile(rule.condition, context),
        message: rule.message.map { part in
          switch part {
          case .text(let text): .text(text)
          case .value(let expr): .value(compile(expr, context), expr.type)
          }
        })
    }
    return CompiledRuleSet(ruleSet: ruleSet, rules: rules, reportDate: reportDate)
  }

  struct Context {
    var reportDate: Day
    /// The column a quantifier's group element stands for while its body is compiled.
    var element: Int?
  }

  static func compile(_ expr: CheckedExpr, _ context: Context) -> Evaluate {
    switch expr.kind {
    case .constant(let value):
      return { _ in value }
    case .reportDate:
      let value = Value.date(context.reportDate)
      return { _ in value }
    case .column(let index):
      return { record in record.values[index] }
    case .groupElement:
      let index = context.element!
      return { record in record.values[index] }
    case .group(let group):
      let members = group.members
      return { record in .list(members.map { record.values[$0] }) }
    case .list(let items):
      let parts = items.map { compile($0, context) }
      return { record throws(EvaluationError) in
        var values: [Value] = []
        for part in parts { values.append(try part(record)) }
        return .list(values)
      }
    case .not(let operand):
      let a = compile(operand, context)
      return { record throws(EvaluationError) in .bool(!(try a(record)).isTrue) }
    case .negate(let operand):
      let a = compile(operand, context)
      return { record throws(EvaluationError) in
        guard case .number(let n) = try a(record) else { return .missing }
        return .number(n.negated)
      }
    case .and(let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { record throws(EvaluationError) in
        guard try a(record).isTrue else { return .bool(false) }
        return .bool(try b(record).isTrue)
      }
    case .or(let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { record throws(EvaluationError) in
        if try a(record).isTrue { return .bool(true) }
        return .bool(try b(record).isTrue)
      }
    case .coalesce(let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { record throws(EvaluationError) in
        let value = try a(record)
        return value.isMissing ? try b(record) : value
      }
    case .compare(let comparison, let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { record throws(EvaluationError) in
        .bool(Operations.compare(comparison, try a(record), try b(record)))
      }
    case .arithmetic(let op, let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      let range = expr.range
      return { record throws(EvaluationError) in
        try Operations.arithmetic(op, try a(record), try b(record), at: range)
      }
    case .membership(let lhs, let rhs, let negated):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { record throws(EvaluationError) in
        .bool(Operations.isMember(try a(record), of: try b(record)) != negated)
      }
    case .isMissing(let operand, let negated):
      let a = compile(operand, context)
      return { record throws(EvaluationError) in .bool(try a(record).isMissing != negated) }
    case .call(let builtin, let arguments):
      let parts = arguments.map { compile($0, context) }
      return { record throws(EvaluationError) in
        var values: [Value] = []
        for part in parts { values.append(try part(record)) }
        return Operations.call(builtin, values)
      }
    case .quantifier(let quantifier, let group, let body):
      // The body is compiled once per member, so evaluating it binds nothing at run time.
      let bodies = group.members.map { member in
        compile(body, Context(reportDate: context.reportDate, element: member))
      }
      return { record throws(EvaluationError) in
        var count = 0
        for body in bodies where try body(record).isTrue { count += 1 }
        switch quantifier {
        case .count: return .number(ExactDecimal(count))
        case .any: return .bool(count > 0)
        case .all: return .bool(count == bodies.count)
        }
      }
    }
  }
}

/// An error while evaluating a rule on a record: only arithmetic overflow can cause one.
public struct EvaluationError: Error, Sendable {
  public var message: String
  /// The expression that failed.
  public var range: SourceRange
}

extension Value {
  /// Whether the value is the Boolean true; conditions are never missing, so this is exact.
  var isTrue: Bool {
    if case .bool(true) = self { return true }
    return false
  }
}
