/// Prints expressions on one line, with single spaces around binary operators and the fewest
/// parentheses that keep the tree the parser built.
///
/// Literals are printed as written (`£1.5m` stays `£1.5m`, `2 weeks` stays `2 weeks`): the
/// formatter lays a file out and never changes how a value is spelt. Strings are printed from
/// their parts, so their escapes come out the one canonical way.
struct ExpressionPrinter {
  let file: SourceFile

  /// How tightly an expression binds, as in the parser (`Parser+Expression.swift`): 1 `or`,
  /// 2 `and`, 3 `not`, 4 comparisons, 5 `+ -`, 6 `* /`, 7 prefix `-`, 8 a name, literal, call,
  /// list or parenthesised expression, which never needs parentheses of its own.
  static func precedence(of expr: Expr) -> Int {
    switch expr.kind {
    case .binary(let op, _, _): precedence(of: op)
    case .isMissing: 4
    case .unary(.not, _): 3
    case .unary(.negate, _): 7
    default: 8
    }
  }

  static func precedence(of op: BinaryOperator) -> Int {
    switch op {
    case .or: 1
    case .and: 2
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .inList, .notInList, .worseThan,
      .betterThan:
      4
    case .add, .subtract: 5
    case .multiply, .divide: 6
    }
  }

  /// The expression's text.
  func print(_ expr: Expr) -> String {
    switch expr.kind {
    case .name(let name):
      return name
    case .number, .percent, .money, .date, .duration:
      return spelling(of: expr)
    case .string(let literal):
      return print(literal, at: expr.range)
    case .list(let elements):
      return "[" + elements.map(print).joined(separator: ", ") + "]"
    case .call(let name, _, let arguments):
      // No space before '(': the parser reads a call only when the parenthesis touches the name.
      return name + "(" + arguments.map(print).joined(separator: ", ") + ")"
    case .unary(.negate, let operand):
      let text = print(operand, atLeast: 7)
      // `- -a` rather than `--a`, which reads as an operator of its own.
      return (text.hasPrefix("-") ? "- " : "-") + text
    case .unary(.not, let operand):
      // `not a == b` means `not (a == b)` but reads as `(not a) == b`, so a comparison under
      // `not` always has parentheses, as the language guide writes it.
      let comparison = Self.precedence(of: operand) == 4
      return "not " + (comparison ? "(" + print(operand) + ")" : print(operand, atLeast: 3))
    case .isMissing(let operand, let negated):
      return print(operand, atLeast: 5) + (negated ? " is present" : " is missing")
    case .binary(let op, let lhs, let rhs):
      let level = Self.precedence(of: op)
      // Comparisons do not chain, so both sides bind tighter; the other operators group to the
      // left, so a right operand of the same level keeps its parentheses: `a - (b - c)`.
      let left = level == 4 ? 5 : level
      return print(lhs, atLeast: left) + " " + op.rawValue + " " + print(rhs, atLeast: level + 1)
    }
  }

  /// The expression's text, parenthesised when it binds more loosely than `minimum`.
  private func print(_ expr: Expr, atLeast minimum: Int) -> String {
    Self.precedence(of: expr) < minimum ? "(" + print(expr) + ")" : print(expr)
  }

  /// A string literal in double quotes, holes printed from their expressions; `range` is where
  /// the literal is written.
  func print(_ literal: StringLiteral, at range: Range<Int>) -> String {
    var holes = Self.holes(of: range, in: file)[...]
    var text = "\""
    for part in literal.parts {
      switch part {
      case .text(let value):
        text += Self.escaped(value)
      case .expression(let inner):
        text += "{" + print(inner)
        // A `#` in a hole comments out the rest of it; the comment stays there.
        if let hole = holes.popFirst(), let comment = Lexer.tokenizeKeepingComments(file, range: hole).comments.last {
          text += " " + file.text(of: comment)
        }
        text += "}"
      }
    }
    return text + "\""
  }

  /// The ranges between the braces of the holes of the string literal written at `range`, in
  /// order: one for each expression part of its ``StringLiteral``.
  static func holes(of range: Range<Int>, in file: SourceFile) -> [Range<Int>] {
    for token in Lexer.tokenize(file, range: range).tokens {
      guard case .string(let string) = token.kind else { continue }
      return string.segments.compactMap { segment in
        guard case .interpolation(let hole) = segment else { return nil }
        return hole
      }
    }
    return []
  }

  /// A plain string in double quotes.
  static func quoted(_ value: String) -> String {
    "\"" + escaped(value) + "\""
  }

  /// Text with quotes, backslashes, line breaks, tabs and braces written as escapes. A string may
  /// hold a tab or a `}` as it is, but escaped they are visible, and no text reads as a hole.
  static func escaped(_ value: String) -> String {
    var text = ""
    // Scalars, not characters: "\r\n" is one character, and its "\n" must still be escaped.
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\t": text += "\\t"
      case "{": text += "\\{"
      case "}": text += "\\}"
      default: text.unicodeScalars.append(scalar)
      }
    }
    return text
  }

  /// A literal as written: its tokens, without the parentheses its range may include, joined by
  /// a space (`90 days`). Literals inside string holes are not among the file's tokens, so the
  /// range is lexed again.
  private func spelling(of literal: Expr) -> String {
    let tokens = Lexer.tokenize(file, range: literal.range).tokens
    return tokens.filter { $0.kind != .endOfFile && !$0.isSymbol("(") && !$0.isSymbol(")") }
      .map { file.text($0.range) }
      .joined(separator: " ")
  }
}
