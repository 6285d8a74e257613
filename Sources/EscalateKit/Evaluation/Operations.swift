/// The run-time meaning of each operator and function, including what each does with missing
/// values (see `docs/language.md`, "Missing values").
enum Operations {
  /// Every comparison is false when either side is missing, `!=` included.
  static func compare(_ comparison: CheckedExpr.Comparison, _ a: Value, _ b: Value) -> Bool {
    switch (comparison, a, b) {
    case (_, .missing, _), (_, _, .missing): false
    case (.equal, _, _): a == b
    case (.notEqual, _, _): a != b
    case (.worseThan, .rag(let x), .rag(let y)): x.isWorse(than: y)
    case (.betterThan, .rag(let x), .rag(let y)): y.isWorse(than: x)
    case (.less, _, _): isLess(a, b)
    case (.lessOrEqual, _, _): !isLess(b, a)
    case (.greater, _, _): isLess(b, a)
    case (.greaterOrEqual, _, _): !isLess(a, b)
    default: false
    }
  }

  static func isLess(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): x < y
    case (.date(let x), .date(let y)): x < y
    default: false
    }
  }

  /// Missing in, missing out; division by zero is missing too, since no amount is "the" answer.
  static func arithmetic(
    _ op: CheckedExpr.Arithmetic, _ a: Value, _ b: Value, at range: SourceRange
  ) throws(EvaluationError) -> Value {
    let result: Value?
    switch (op, a, b) {
    case (_, .missing, _), (_, _, .missing):
      return .missing
    case (.divide, .number, .number(let y)) where y.isZero:
      return .missing
    case (.add, .number(let x), .number(let y)): result = x.adding(y).map(Value.number)
    case (.subtract, .number(let x), .number(let y)): result = x.subtracting(y).map(Value.number)
    case (.multiply, .number(let x), .number(let y)): result = x.multiplied(by: y).map(Value.number)
    case (.divide, .number(let x), .number(let y)): result = x.divided(by: y).map(Value.number)
    case (.add, .date(let d), .number(let n)), (.add, .number(let n), .date(let d)): result = shift(d, by: n)
    case (.subtract, .date(let d), .number(let n)): result = shift(d, by: n.negated)
    case (.subtract, .date(let x), .date(let y)): result = .number(ExactDecimal(x.days(since: y)))
    default: result = nil
    }
    guard let result else {
      throw EvaluationError(message: "the result of '\(range.file.text(range.bytes))' is too large", range: range)
    }
    return result
  }

  /// Durations are whole days (the checker and parser ensure it); nil beyond the calendar's range.
  private static func shift(_ day: Day, by days: ExactDecimal) -> Value? {
    guard let count = Int(days.description), abs(count) <= 3_650_000 else { return nil }
    return .date(day.adding(days: count))
  }

  /// `x in list`: false when `x` is missing, so `x not in list` is true.
  static func isMember(_ value: Value, of list: Value) -> Bool {
    guard !value.isMissing, case .list(let items) = list else { return false }
    return items.contains(value)
  }

  static func call(_ builtin: Builtin, _ arguments: [Value]) -> Value {
    switch builtin {
    case .worst, .best:
      let ranked = arguments.flatMap { argument -> [RAG] in
        switch argument {
        case .rag(let rag): [rag]
        case .list(let items): items.compactMap { if case .rag(let rag) = $0 { rag } else { nil } }
        default: []
        }
      }.filter { $0.rank != nil }
      let pick = builtin == .worst ? ranked.max { $0.rank! < $1.rank! } : ranked.min { $0.rank! < $1.rank! }
      return pick.map(Value.rag) ?? .missing
    case .contains, .startsWith, .endsWith:
      guard case .text(let text) = arguments[0], case .text(let part) = arguments[1] else { return .bool(false) }
      switch builtin {
      case .contains: return .bool(part.isEmpty || text.contains(part))
      case .startsWith: return .bool(text.hasPrefix(part))
      default: return .bool(text.hasSuffix(part))
      }
    case .containsAny:
      guard case .text(let text) = arguments[0], case .list(let parts) = arguments[1] else { return .bool(false) }
      return .bool(parts.contains { if case .text(let part) = $0 { text.contains(part) } else { false } })
    case .lower, .upper:
      guard case .text(let text) = arguments[0] else { return .missing }
      return .text(builtin == .lower ? text.lowercased() : text.uppercased())
    }
  }

  /// A portfolio aggregate over the values of its body on each workstream of the group. Missing
  /// values are left out of sums, minima and maxima; a sum, minimum or maximum of none is missing.
  static func aggregate(
    _ aggregate: CheckedExpr.Aggregate, _ values: [Value], members: Int, at range: SourceRange
  ) throws(EvaluationError) -> Value {
    let holding = values.count { $0.isTrue }
    switch aggregate {
    case .count: return .number(ExactDecimal(values.isEmpty ? members : holding))
    case .any: return .bool(holding > 0)
    case .all: return .bool(holding == values.count)
    case .share:
      guard members > 0 else { return .missing }
      return ExactDecimal(holding).divided(by: ExactDecimal(members)).map(Value.number) ?? .missing
    case .sum:
      var total: Value = .missing
      for value in values where !value.isMissing {
        total = total.isMissing ? value : try arithmetic(.add, total, value, at: range)
      }
      return total
    case .min, .max:
      let present = values.filter { !$0.isMissing }
      let pick = aggregate == .min ? present.min(by: isLess) : present.max(by: isLess)
      return pick ?? .missing
    }
  }
}
