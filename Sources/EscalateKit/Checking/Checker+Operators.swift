/// The type rules of the operators. Each rule is a row a reader can check against
/// `docs/language.md`; anything not listed is a type error naming both types.
extension Checker {
  mutating func checkUnary(_ op: UnaryOperator, _ operand: CheckedExpr, range: SourceRange) -> CheckedExpr? {
    switch op {
    case .not:
      guard operand.type == .bool else {
        report(
          .typeMismatch, "'not' needs a true/false condition, but this is \(operand.type)", range.file,
          operand.range.bytes)
        return nil
      }
      return CheckedExpr(kind: .not(operand), type: .bool, range: range)
    case .negate:
      guard operand.type.isNumeric || operand.type == .money || operand.type == .duration else {
        report(.typeMismatch, "cannot negate \(operand.type)", range.file, range.bytes)
        return nil
      }
      return CheckedExpr(kind: .negate(operand), type: operand.type, range: range)
    }
  }

  mutating func checkBinary(_ op: BinaryOperator, _ l: CheckedExpr, _ r: CheckedExpr, range: SourceRange)
    -> CheckedExpr?
  {
    func make(_ kind: CheckedExpr.Kind, _ type: ValueType) -> CheckedExpr {
      CheckedExpr(kind: kind, type: type, range: range)
    }
    switch op {
    case .and, .or:
      if l.type == .bool && r.type == .bool { return make(op == .and ? .and(l, r) : .or(l, r), .bool) }
      if op == .or, l.type != .bool, l.type.isCompatible(with: r.type) {
        return make(.coalesce(l, r), l.type == .nothing ? r.type : l.type)
      }
      let hint =
        op == .or ? "'or' joins two conditions, or gives a fallback of the same type: 'owner or \"nobody\"'" : nil
      return mismatch("'\(op.rawValue)' cannot join \(l.type) and \(r.type)", range, hint: hint)
    case .equal, .notEqual:
      guard l.type.isCompatible(with: r.type), !l.type.isList, !r.type.isList else {
        return mismatch("cannot compare \(l.type) with \(r.type)", range, hint: comparisonHint(l.type, r.type))
      }
      return make(.compare(op == .equal ? .equal : .notEqual, l, r), .bool)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard l.type.isCompatible(with: r.type) else {
        return mismatch("cannot compare \(l.type) with \(r.type)", range, hint: comparisonHint(l.type, r.type))
      }
      guard l.type.isOrdered else {
        let hint = l.type == .rag ? "ratings are ordered with 'worse than' and 'better than'" : nil
        return mismatch("cannot order \(l.type) values with '\(op.rawValue)'", range, hint: hint)
      }
      let comparisons: [BinaryOperator: CheckedExpr.Comparison] = [
        .less: .less, .lessOrEqual: .lessOrEqual, .greater: .greater, .greaterOrEqual: .greaterOrEqual,
      ]
      return make(.compare(comparisons[op]!, l, r), .bool)
    case .worseThan, .betterThan:
      guard l.type == .rag, r.type == .rag else {
        return mismatch("'\(op.rawValue)' compares two RAG ratings, not \(l.type) and \(r.type)", range)
      }
      return make(.compare(op == .worseThan ? .worseThan : .betterThan, l, r), .bool)
    case .inList, .notInList:
      guard case .list(let element) = r.type else {
        return mismatch(
          "'\(op.rawValue)' needs a list on the right, but this is \(r.type)", range,
          hint: "write a list in brackets, e.g. [\"SCCB\", \"COG\"]")
      }
      guard l.type.isCompatible(with: element), !l.type.isList else {
        return mismatch(
          "cannot look for \(l.type) in a list of \(element)", range,
          hint: comparisonHint(l.type, element))
      }
      return make(.membership(l, r, negated: op == .notInList), .bool)
    case .add, .subtract, .multiply, .divide:
      let arithmetic: [BinaryOperator: CheckedExpr.Arithmetic] = [
        .add: .add, .subtract: .subtract, .multiply: .multiply, .divide: .divide,
      ]
      let kind = arithmetic[op]!
      guard let type = Self.arithmeticType(kind, l.type, r.type) else {
        let verbs: [CheckedExpr.Arithmetic: String] = [
          .add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide",
        ]
        let (a, b) = kind == .subtract || kind == .divide ? (r.type, l.type) : (l.type, r.type)
        let preposition = [.add: "to", .subtract: "from", .multiply: "by", .divide: "into"][kind]!
        let phrase =
          kind == .multiply ? "\(verbs[kind]!) \(l.type) by \(r.type)" : "\(verbs[kind]!) \(a) \(preposition) \(b)"
        return mismatch("cannot \(phrase)", range, hint: comparisonHint(l.type, r.type))
      }
      return make(.arithmetic(kind, l, r), type)
    }
  }

  /// The result type of arithmetic, or nil when the operator does not apply to the operands.
  static func arithmeticType(_ op: CheckedExpr.Arithmetic, _ l: ValueType, _ r: ValueType) -> ValueType? {
    switch (op, l, r) {
    case (.add, .money, .money), (.subtract, .money, .money): .money
    case (.multiply, .money, let n) where n.isNumeric, (.multiply, let n, .money) where n.isNumeric: .money
    case (.divide, .money, let n) where n.isNumeric: .money
    case (.divide, .money, .money): .number
    case (.add, .date, .duration), (.add, .duration, .date), (.subtract, .date, .duration): .date
    case (.subtract, .date, .date), (.add, .duration, .duration), (.subtract, .duration, .duration): .duration
    case (.add, .percent, .percent), (.subtract, .percent, .percent): .percent
    case (.multiply, let a, let b) where a.isNumeric && b.isNumeric: a == .percent || b == .percent ? .percent : .number
    case (.divide, .percent, .number): .percent
    case (_, let a, let b) where a.isNumeric && b.isNumeric: .number
    default: nil
    }
  }

  func comparisonHint(_ a: ValueType, _ b: ValueType) -> String? {
    let pair = Set([a, b])
    if pair.contains(.money) && (pair.contains(.number) || pair.contains(.percent)) && pair.count == 2 {
      return "write amounts with a pound sign, e.g. £250k, or scale with a percentage: budget * 105%"
    }
    if pair == [.rag, .text] { return "write ratings without quotes: Red, Amber, Green, Grey or N/A" }
    if pair == [.date, .text] { return "write dates without quotes: 2024-10-01" }
    if pair.contains(.date) && pair.contains(.number) { return "write a duration with its unit: 90 days" }
    return nil
  }

  mutating func mismatch(_ message: String, _ range: SourceRange, hint: String? = nil) -> CheckedExpr? {
    report(.typeMismatch, message, range.file, range.bytes, hint: hint)
    return nil
  }
}

extension ValueType {
  var isList: Bool {
    if case .list = self { return true }
    return false
  }

  /// Whether `<`, `<=`, `>`, `>=` apply.
  var isOrdered: Bool { isNumeric || self == .money || self == .date || self == .duration }
}
