extension Parser {
  /// Parses an expression that must use every token, e.g. an interpolation or a `--param` value.
  mutating func parseWholeExpression(context: String) -> Expr? {
    guard !atEnd else {
      report(.unexpectedToken, "empty \(context)", current.range)
      return nil
    }
    let expr = parseExpression()
    if expr != nil, !atEnd { expected("the end of the \(context)") }
    return expr
  }

  /// Parses an expression at the lowest precedence.
  ///
  /// Precedence, loosest first: `or`; `and`; `not`; comparisons (`== != < <= > >= in not in
  /// worse than better than is missing is present`, which do not chain); `+ -`; `* /`; unary `-`.
  mutating func parseExpression() -> Expr? {
    nested { $0.parseBinary(level: 0) }
  }

  /// The binary operators of each precedence level, loosest first; `nil` marks the `not` and
  /// comparison levels, which are parsed by hand.
  private static let levels: [[String: BinaryOperator]?] = [
    ["or": .or], ["and": .and], nil, nil, ["+": .add, "-": .subtract], ["*": .multiply, "/": .divide],
  ]

  private mutating func parseBinary(level: Int) -> Expr? {
    if level == 2 { return parseNot() }
    if level == 3 { return parseComparison() }
    if level == Self.levels.count { return parseUnary() }
    guard var lhs = parseBinary(level: level + 1) else { return nil }
    // A chain `a or b or c ...` builds a tree as deep as it is long, which every later stage
    // walks recursively, so each link counts towards the nesting cap like a parenthesis.
    let depthBefore = depth
    defer { depth = depthBefore }
    while let operators = Self.levels[level], let op = binaryOperator(in: operators) {
      _ = advance()
      guard let rhs = nested({ $0.parseBinary(level: level + 1) }) else { return nil }
      depth += 1
      lhs = Expr(kind: .binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
    }
    return lhs
  }

  private func binaryOperator(in operators: [String: BinaryOperator]) -> BinaryOperator? {
    switch current.kind {
    case .identifier(let word), .symbol(let word): return operators[word]
    default: return nil
    }
  }

  private mutating func parseNot() -> Expr? {
    guard current.isWord("not") else { return parseBinary(level: 3) }
    let start = advance().range.lowerBound
    guard let operand = nested({ $0.parseNot() }) else { return nil }
    return Expr(kind: .unary(.not, operand), range: start..<operand.range.upperBound)
  }

  /// Runs `parse` one level deeper; every kind of nesting (parentheses, lists, prefix operators)
  /// counts towards the cap, which is reported once.
  private mutating func nested(_ parse: (inout Parser) -> Expr?) -> Expr? {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else {
      if depth == Self.maximumDepth + 1 {
        report(
          .tooDeeplyNested, "expression is nested more than \(Self.maximumDepth) levels deep", current.range,
          hint: "split it into constants or simpler conditions")
      }
      return nil
    }
    return parse(&self)
  }

  private mutating func comparisonOperator() -> BinaryOperator? {
    let symbols: [String: BinaryOperator] = [
      "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]
    if case .symbol(let s) = current.kind, let op = symbols[s] {
      _ = advance()
      return op
    }
    let words: [(String, String, BinaryOperator)] = [
      ("not", "in", .notInList), ("worse", "than", .worseThan),
      ("better", "than", .betterThan),
    ]
    for (first, second, op) in words where current.isWord(first) && peek(1).isWord(second) {
      _ = advance()
      _ = advance()
      return op
    }
    if current.isWord("in") {
      _ = advance()
      return .inList
    }
    if current.isSymbol("=") {
      report(.unexpectedToken, "'=' is not a comparison", current.range, hint: "use '==' to compare")
      _ = advance()
      return .equal
    }
    return nil
  }

  private mutating func parseComparison() -> Expr? {
    guard let lhs = parseBinary(level: 4) else { return nil }
    let expr: Expr
    if current.isWord("is") {
      _ = advance()
      guard current.isWord("missing") || current.isWord("present") else {
        expected("'missing' or 'present' after 'is'")
        return nil
      }
      let negated = current.isWord("present")
      expr = Expr(kind: .isMissing(lhs, negated: negated), range: lhs.range.lowerBound..<advance().range.upperBound)
    } else if let op = comparisonOperator() {
      guard let rhs = parseBinary(level: 4) else { return nil }
      expr = Expr(kind: .binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
    } else {
      return lhs
    }
    if let chained = comparisonOperatorAhead() {
      report(
        .unexpectedToken, "comparisons cannot be chained", current.range,
        hint: "join two comparisons with 'and', e.g. 'a < b and b \(chained) c'")
      return nil
    }
    return expr
  }

  /// The comparison operator at the current token, if any, as written.
  private func comparisonOperatorAhead() -> String? {
    if case .symbol(let s) = current.kind, ["==", "!=", "<", "<=", ">", ">="].contains(s) { return s }
    let pairs = [("not", "in"), ("worse", "than"), ("better", "than")]
    if let (first, second) = pairs.first(where: { current.isWord($0.0) && peek(1).isWord($0.1) }) {
      return "\(first) \(second)"
    }
    return current.isWord("in") || current.isWord("is") ? current.identifier : nil
  }

  private mutating func parseUnary() -> Expr? {
    guard current.isSymbol("-") else { return parsePrimary() }
    let start = advance().range.lowerBound
    guard let operand = nested({ $0.parseUnary() }) else { return nil }
    return Expr(kind: .unary(.negate, operand), range: start..<operand.range.upperBound)
  }

  private mutating func parsePrimary() -> Expr? {
    let token = current
    switch token.kind {
    case .number(let value):
      _ = advance()
      if let unit = current.identifier, let days = Self.durationUnits[unit] {
        let range = token.range.lowerBound..<advance().range.upperBound
        guard value.scale == 0, let total = value.multiplied(by: ExactDecimal(days)) else {
          report(.invalidNumber, "a duration is a whole number of days or weeks", range)
          return nil
        }
        return Expr(kind: .duration(days: total), range: range)
      }
      return Expr(kind: .number(value), range: token.range)
    case .percent(let value):
      _ = advance()
      return Expr(kind: .percent(value), range: token.range)
    case .money(let value):
      _ = advance()
      return Expr(kind: .money(value), range: token.range)
    case .date(let day):
      _ = advance()
      return Expr(kind: .date(day), range: token.range)
    case .string(let string):
      _ = advance()
      guard let literal = parseInterpolations(string) else { return nil }
      return Expr(kind: .string(literal), range: token.range)
    case .symbol("("):
      _ = advance()
      guard let inner = parseExpression() else { return nil }
      guard expectSymbol(")", "')' to close the '(' at column \(file.location(of: token.range.lowerBound).column)")
      else { return nil }
      return Expr(kind: inner.kind, range: token.range.lowerBound..<previousEnd)
    case .symbol("["):
      _ = advance()
      guard let elements = parseList(closing: "]") else { return nil }
      return Expr(kind: .list(elements), range: token.range.lowerBound..<previousEnd)
    case .identifier(let name) where !Self.reservedWords.contains(name):
      _ = advance()
      guard current.isSymbol("("), current.range.lowerBound == token.range.upperBound else {
        return Expr(kind: .name(name), range: token.range)
      }
      _ = advance()
      guard let arguments = parseList(closing: ")") else { return nil }
      return Expr(
        kind: .call(name: name, nameRange: token.range, arguments: arguments),
        range: token.range.lowerBound..<previousEnd)
    default:
      expected("a value")
      return nil
    }
  }

  /// Words that are operators or clause keywords and so can never name a value.
  static let reservedWords: Set<String> = Set([
    "and", "or", "not", "in", "is", "worse", "better", "than", "rule", "const", "schema", "forum", "waive",
  ])
  .union(clauseKeywords)

  static let durationUnits: [String: Int] = ["day": 1, "days": 1, "week": 7, "weeks": 7]

  /// Parses comma-separated expressions up to `closing`, which it consumes.
  private mutating func parseList(closing: String) -> [Expr]? {
    var elements: [Expr] = []
    while !current.isSymbol(closing) {
      guard let element = parseExpression() else { return nil }
      elements.append(element)
      if current.isSymbol(",") {
        _ = advance()
      } else if !current.isSymbol(closing) {
        expected("',' or '\(closing)'")
        return nil
      }
    }
    _ = advance()
    return elements
  }

  /// Parses each `{expression}` of a string token with a parser of its own over the hole's bytes.
  mutating func parseInterpolations(_ token: StringToken) -> StringLiteral? {
    var parts: [StringLiteral.Part] = []
    for segment in token.segments {
      switch segment {
      case .text(let text):
        parts.append(.text(text))
      case .interpolation(let range):
        let (tokens, lexDiagnostics) = Lexer.tokenize(file, range: range)
        var inner = Parser(file: file, tokens: tokens)
        inner.endDescription = "the end of the interpolation"
        inner.depth = depth
        inner.diagnostics = lexDiagnostics
        let expr = inner.parseWholeExpression(context: "interpolation")
        diagnostics += inner.diagnostics
        guard let expr else { return nil }
        parts.append(.expression(expr))
      }
    }
    return StringLiteral(parts: parts)
  }
}
