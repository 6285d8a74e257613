/// The tokens of a file, found by byte offset.
///
/// The syntax tree keeps the ranges of values but not of the keywords before them (`when`,
/// `param`, `escalate to`); the formatter finds those, and the spelling of literals, here.
struct TokenIndex {
  /// The file's tokens in order, without the final `endOfFile`.
  let tokens: [Token]

  init(_ tokens: [Token]) {
    self.tokens = tokens.filter { $0.kind != .endOfFile }
  }

  /// The index of the first token that starts at or after `offset`; `tokens.count` when none does.
  func firstIndex(atOrAfter offset: Int) -> Int {
    var low = 0
    var high = tokens.count
    while low < high {
      let mid = (low + high) / 2
      if tokens[mid].range.lowerBound < offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The token `distance` places before the one that starts at `offset`.
  func token(_ distance: Int, before offset: Int) -> Token {
    tokens[firstIndex(atOrAfter: offset) - distance]
  }

  /// Where the keyword `distance` tokens before a value starts: `when` before a condition,
  /// `escalate` two tokens before the first forum of `escalate to`.
  func keywordStart(_ distance: Int = 1, before value: Range<Int>) -> Int {
    token(distance, before: value.lowerBound).range.lowerBound
  }

  /// The end of the last token that starts before `offset`, or nil when none does.
  func endOfLastToken(before offset: Int) -> Int? {
    let index = firstIndex(atOrAfter: offset)
    return index > 0 ? tokens[index - 1].range.upperBound : nil
  }

  /// The first `}` at or after `offset`: the end of a schema or waiver, whose insides hold no
  /// braces (strings are single tokens).
  func closingBrace(after offset: Int) -> Token? {
    tokens[firstIndex(atOrAfter: offset)...].first { $0.isSymbol("}") }
  }
}
