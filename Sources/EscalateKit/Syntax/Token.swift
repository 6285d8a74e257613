/// One lexical token of a rule file.
public struct Token: Sendable {
  /// What a token is.
  public enum Kind: Sendable, Equatable {
    /// A name: a column, constant, parameter, keyword, RAG value (`Red`, `N/A`) or function.
    case identifier(String)
    /// A plain number such as `3` or `1.05`.
    case number(ExactDecimal)
    /// A percentage such as `5%`, stored as the fraction 0.05.
    case percent(ExactDecimal)
    /// A sterling amount such as `£1.5m`, in pounds.
    case money(ExactDecimal)
    /// A date such as `2024-10-01`.
    case date(Day)
    /// A string literal; its interpolations are parsed later from their byte ranges.
    case string(StringToken)
    /// Punctuation or an operator symbol: `{ } ( ) [ ] , . = == != < <= > >= + - * /`.
    case symbol(String)
    case endOfFile
  }

  /// What the token is, with its value for a name or literal.
  public var kind: Kind
  /// The bytes of the token in its file.
  public var range: Range<Int>
  /// Whether a line break separates this token from the previous one; only `escalate to`
  /// reads it, to end a forum name made of several words.
  public var startsLine: Bool

  /// Whether the token is the given symbol.
  public func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

  /// Whether the token is the given word.
  public func isWord(_ word: String) -> Bool { kind == .identifier(word) }

  /// The identifier's text, if the token is one.
  public var identifier: String? {
    if case .identifier(let name) = kind { return name }
    return nil
  }
}

/// A string literal split into literal text and `{expression}` holes.
public struct StringToken: Sendable, Equatable {
  /// One piece of a string literal.
  public enum Segment: Sendable, Equatable {
    /// Literal text, escapes already resolved.
    case text(String)
    /// The byte range of an interpolated expression, between its braces.
    case interpolation(Range<Int>)
  }

  /// The literal's text and holes, in order.
  public var segments: [Segment]

  /// The literal text, when the string has no interpolation.
  public var plainText: String? {
    var result = ""
    for segment in segments {
      guard case .text(let text) = segment else { return nil }
      result += text
    }
    return result
  }
}

/// A `#` comment. The parser never sees comments; the lexer keeps them on the side for tools
/// that rewrite a file and must not lose them, such as ``RuleFormatter``.
public struct Comment: Sendable, Equatable {
  /// The bytes from `#` to the end of the line, without the line break.
  public var range: Range<Int>
  /// Whether only blanks precede the comment on its line; otherwise it trails a token.
  public var startsLine: Bool
}
