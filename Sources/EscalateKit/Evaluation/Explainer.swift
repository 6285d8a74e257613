/// Evaluates a rule's condition on one record with the value of every sub-expression, for
/// `escalate explain RULE --id ID`: the question people ask of an alert, or of its absence.
public struct Explainer: Sendable {
  /// One line of the explanation: a sub-expression as written and the value it had.
  public struct Step: Sendable {
    /// How deep the sub-expression sits in the condition, 0 for the condition itself.
    public var depth: Int
    /// The sub-expression's text as written in the rule.
    public var source: String
    /// Its value formatted by type, or `error: …` when evaluating it failed.
    public var value: String
  }

  let reportDate: Day

  /// Creates an explainer for runs with `report_date` fixed to `reportDate`.
  public init(reportDate: Day) {
    self.reportDate = reportDate
  }

  /// The steps of `rule`'s condition at `cursor`, outermost first. Constants are left out;
  /// the members of a quantifier or aggregate are summed up by its own value.
  public func explain(_ rule: CheckedRule, at cursor: Cursor) -> [Step] {
    var steps: [Step] = []
    walk(rule.condition, depth: 0, cursor: cursor, into: &steps)
    return steps
  }

  /// Why the condition came out as it did: the operand of the outermost `and` or `or` that
  /// decided it, as people read a condition.
  public func decision(_ rule: CheckedRule, at cursor: Cursor) -> String {
    let condition = rule.condition
    let holds = value(condition, at: cursor) == "true"
    switch condition.kind {
    case .and(let a, let b):
      guard !holds else { return "every part of the condition holds" }
      let decisive = value(a, at: cursor) == "true" ? b : a
      return "'\(text(decisive))' is false"
    case .or(let a, let b):
      guard holds else { return "no part of the condition holds" }
      let decisive = value(a, at: cursor) == "true" ? a : b
      return "'\(text(decisive))' is true"
    default:
      return "the condition is \(holds)"
    }
  }

  private func walk(_ expr: CheckedExpr, depth: Int, cursor: Cursor, into steps: inout [Step]) {
    if case .constant = expr.kind { return }
    steps.append(Step(depth: depth, source: text(expr), value: value(expr, at: cursor)))
    switch expr.kind {
    case .quantifier, .aggregate: return
    default: for child in expr.children { walk(child, depth: depth + 1, cursor: cursor, into: &steps) }
    }
  }

  private func value(_ expr: CheckedExpr, at cursor: Cursor) -> String {
    let evaluate = Compiler.compile(expr, Compiler.Context(reportDate: reportDate, element: nil))
    do throws(EvaluationError) {
      return try evaluate(cursor).formatted(as: expr.type)
    } catch {
      return "error: \(error.message)"
    }
  }

  private func text(_ expr: CheckedExpr) -> String {
    expr.range.file.text(expr.range.bytes)
  }
}
