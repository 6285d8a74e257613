/// Turns a checked rule set into closures over a record's column-indexed values, so evaluating
/// a record involves no name lookups, no type dispatch on the tree and no allocation for
/// constants.
public enum Compiler {
  /// A compiled expression.
  typealias Evaluate = @Sendable (Cursor) throws(EvaluationError) -> Value

  /// Compiles every rule of `ruleSet`, fixing `report_date` to `reportDate`.
  public static func compile(_ ruleSet: RuleSet, reportDate: Day) -> CompiledRuleSet {
    let context = Context(reportDate: reportDate, element: nil, previousColumns: ruleSet.schema.previousColumns)
    let rules = ruleSet.rules.map { checked in
      var rule = checked
      rule.id = rule.id.unshared
      return CompiledRule(
        rule: rule,
        condition: compile(rule.condition, context),
        message: writing(
          rule.message.map { part -> Part in
            switch part {
            case .text(let text): return .text(Array(text.utf8))
            case .value(let expr):
              let evaluate = compile(expr, context)
              // `{report_date}` or `{max_age}` reads the same on every alert: formatted once.
              if readsNoRecord(expr), let value = try? evaluate(noRecord) {
                return .text(Array(value.formatted(as: expr.type).utf8))
              }
              return Self.part(expr, evaluate, context)
            }
          }[...]),
        evidence: rule.evidence.map { ($0.label.unshared, $0.value.type) },
        collecting: collecting(rule.evidence.map { part($0.value, compile($0.value, context), context) }[...]))
    }
    return CompiledRuleSet(ruleSet: ruleSet, rules: rules, reportDate: reportDate)
  }

  struct Context {
    var reportDate: Day
    /// The column a quantifier's group element stands for while its body is compiled.
    var element: Int?
    /// The schema's previous-period columns, for `previous(...)` of a group's member.
    var previousColumns: [Int: Int] = [:]
  }

  static func compile(_ expr: CheckedExpr, _ context: Context) -> Evaluate {
    let evaluate = compileNode(expr, context)
    // A part that reads no record (`report_date - max_age`, `1 + tolerance`) has one value for
    // the whole run: it is computed here once rather than on every record. One that overflows
    // is left to fail on each record, as it would unfolded.
    guard readsNoRecord(expr), let value = try? evaluate(noRecord) else { return evaluate }
    return { _ in value }
  }

  /// A cursor for folding constants, which never look at it.
  static let noRecord = Cursor(Record(values: [], source: RecordSource(path: "", line: 0)))

  /// The column `expr` reads directly, if it is a column (or a quantifier's group element).
  static func columnIndex(_ expr: CheckedExpr, _ context: Context) -> Int? {
    switch expr.kind {
    case .column(let index): index
    case .groupElement: context.element
    default: nil
    }
  }

  /// Whether the value of `expr` is the same for every record: it reads no column, history or
  /// group.
  static func readsNoRecord(_ expr: CheckedExpr) -> Bool {
    switch expr.kind {
    case .constant, .reportDate: true
    case .list(let items): items.allSatisfy(readsNoRecord)
    case .call(_, let arguments): arguments.allSatisfy(readsNoRecord)
    case .not(let a), .negate(let a), .isMissing(let a, _): readsNoRecord(a)
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .compare(_, let a, let b),
      .arithmetic(_, let a, let b), .membership(let a, let b, _):
      readsNoRecord(a) && readsNoRecord(b)
    case .column, .groupElement, .group, .quantifier, .previous, .periods, .aggregate: false
    }
  }

  private static func compileNode(_ expr: CheckedExpr, _ context: Context) -> Evaluate {
    switch expr.kind {
    case .constant(let value):
      return { _ in value }
    case .reportDate:
      let value = Value.date(context.reportDate)
      return { _ in value }
    case .column(let index):
      return { cursor in cursor.record.values[index] }
    case .groupElement:
      let index = context.element!
      return { cursor in cursor.record.values[index] }
    case .group(let group):
      let members = group.members
      return { cursor in .list(members.map { cursor.record.values[$0] }) }
    case .list(let items):
      let parts = items.map { compile($0, context) }
      return { cursor throws(EvaluationError) in
        var values: [Value] = []
        for part in parts { values.append(try part(cursor)) }
        return .list(values)
      }
    case .not(let operand):
      let a = compile(operand, context)
      return { cursor throws(EvaluationError) in .bool(!(try a(cursor)).isTrue) }
    case .negate(let operand):
      let a = compile(operand, context)
      return { cursor throws(EvaluationError) in
        guard case .number(let n) = try a(cursor) else { return .missing }
        return .number(n.negated)
      }
    case .and(let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { cursor throws(EvaluationError) in
        guard try a(cursor).isTrue else { return .bool(false) }
        return .bool(try b(cursor).isTrue)
      }
    case .or(let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { cursor throws(EvaluationError) in
        if try a(cursor).isTrue { return .bool(true) }
        return .bool(try b(cursor).isTrue)
      }
    case .coalesce(let lhs, let rhs):
      // `name or id`, in nearly every message: both columns read in place.
      if let left = columnIndex(lhs, context), let right = columnIndex(rhs, context) {
        return { cursor in
          let value = cursor.record.values[left]
          return value.isMissing ? cursor.record.values[right] : value
        }
      }
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      return { cursor throws(EvaluationError) in
        let value = try a(cursor)
        return value.isMissing ? try b(cursor) : value
      }
    case .compare(let comparison, let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      // `overall == Green`, `last_updated < report_date - max_age`: a column against a value
      // fixed for the run, compared without a call for either side.
      if let column = columnIndex(lhs, context), readsNoRecord(rhs), let constant = try? b(noRecord) {
        return { cursor in .bool(Operations.compare(comparison, cursor.record.values[column], constant)) }
      }
      if let left = columnIndex(lhs, context), let right = columnIndex(rhs, context) {
        return { cursor in
          .bool(Operations.compare(comparison, cursor.record.values[left], cursor.record.values[right]))
        }
      }
      // `worsened(overall)` and `changed(cost)`: a column against its previous value, read from
      // the earlier record or else from the fallback column, in one closure rather than three.
      if let left = columnIndex(lhs, context), case .previous(let inner, let declared) = rhs.kind,
        let right = columnIndex(inner, context)
      {
        let fallback = previousFallback(inner, declared, context)
        return { cursor in
          let earlier: Value
          if let at = cursor.earlier {
            earlier = at.record.values[right]
          } else if let fallback {
            earlier = cursor.record.values[fallback]
          } else {
            // No earlier value at all, and every comparison with a missing value is false:
            // most records of most files, for the dimensions, which have no fallback column.
            return .bool(false)
          }
          return .bool(Operations.compare(comparison, cursor.record.values[left], earlier))
        }
      }
      // `forecast > budget * (1 + tolerance)`, `count(...) >= threshold`: one side read in place
      // or fixed for the run, the other through its call.
      if let left = columnIndex(lhs, context) {
        return { cursor throws(EvaluationError) in
          .bool(Operations.compare(comparison, cursor.record.values[left], try b(cursor)))
        }
      }
      if readsNoRecord(rhs), let constant = try? b(noRecord) {
        return { cursor throws(EvaluationError) in .bool(Operations.compare(comparison, try a(cursor), constant)) }
      }
      return { cursor throws(EvaluationError) in
        .bool(Operations.compare(comparison, try a(cursor), try b(cursor)))
      }
    case .arithmetic(let op, let lhs, let rhs):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      let range = expr.range
      // `budget * (1 + tolerance)`: a column and a number fixed for the run, without a call.
      if let left = columnIndex(lhs, context), readsNoRecord(rhs), let constant = try? b(noRecord) {
        return { cursor throws(EvaluationError) in
          try Operations.arithmetic(op, cursor.record.values[left], constant, at: range)
        }
      }
      return { cursor throws(EvaluationError) in
        try Operations.arithmetic(op, try a(cursor), try b(cursor), at: range)
      }
    case .membership(let lhs, let rhs, let negated):
      let (a, b) = (compile(lhs, context), compile(rhs, context))
      // `escalated_to not in senior_forums`: a column and a list fixed for the run, without a call.
      if let left = columnIndex(lhs, context), readsNoRecord(rhs), let list = try? b(noRecord) {
        return { cursor in .bool(Operations.isMember(cursor.record.values[left], of: list) != negated) }
      }
      return { cursor throws(EvaluationError) in
        .bool(Operations.isMember(try a(cursor), of: try b(cursor)) != negated)
      }
    case .isMissing(let operand, let negated):
      if let column = columnIndex(operand, context) {
        return { cursor in .bool(cursor.record.values[column].isMissing != negated) }
      }
      let a = compile(operand, context)
      return { cursor throws(EvaluationError) in .bool(try a(cursor).isMissing != negated) }
    case .call(let builtin, let arguments):
      let parts = arguments.map { compile($0, context) }
      return { cursor throws(EvaluationError) in
        var values: [Value] = []
        for part in parts { values.append(try part(cursor)) }
        return Operations.call(builtin, values)
      }
    case .previous(let inner, let declared):
      let value = compile(inner, context)
      let fallback = previousFallback(inner, declared, context)
      return { cursor throws(EvaluationError) in
        if let earlier = cursor.earlier { return try value(earlier) }
        guard let fallback else { return .missing }
        return cursor.record.values[fallback]
      }
    case .periods(let condition):
      let holds = compile(condition, context)
      return { cursor throws(EvaluationError) in
        var count = 0
        var current: Cursor? = cursor
        while let at = current, try holds(at).isTrue {
          count += 1
          current = at.earlier
        }
        return .number(ExactDecimal(count))
      }
    case .aggregate(let aggregate, let body):
      let evaluate = body.map { compile($0, context) }
      let range = expr.range
      return { cursor throws(EvaluationError) in
        var values: [Value] = []
        if let evaluate {
          for member in cursor.members { values.append(try evaluate(member)) }
        }
        return try Operations.aggregate(aggregate, values, members: cursor.members.count, at: range)
      }
    case .quantifier(let quantifier, let group, let body):
      // The body is compiled once per member, so evaluating it binds nothing at run time.
      let count = counting(body, over: group.members[...], context)
      let members = group.members.count
      switch quantifier {
      case .count: return { cursor throws(EvaluationError) in .number(ExactDecimal(try count(cursor))) }
      case .any: return { cursor throws(EvaluationError) in .bool(try count(cursor) > 0) }
      case .all: return { cursor throws(EvaluationError) in .bool(try count(cursor) == members) }
      }
    }
  }

  /// The column `previous(inner)` reads when the record has no earlier one: the one the schema
  /// `declared`, or inside a quantifier, the one of the member the body stands for.
  private static func previousFallback(_ inner: CheckedExpr, _ declared: Int?, _ context: Context) -> Int? {
    if case .groupElement = inner.kind, let element = context.element {
      context.previousColumns[element]
    } else {
      declared
    }
  }
}

/// An error while evaluating a rule on a record: only arithmetic overflow can cause one.
public struct EvaluationError: Error, Sendable {
  /// What went wrong, naming the expression: "the result of '…' is too large".
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
