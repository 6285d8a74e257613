/// Turns the bytes of a rule file into tokens.
///
/// The lexer never stops at an error: it reports it, skips the offending text and carries on,
/// so a file with several mistakes gets all of them reported in one run.
public struct Lexer {
  private let file: SourceFile
  private let bytes: [UInt8]
  private var position: Int
  private let end: Int
  private var sawLineBreak = true
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var comments: [Comment] = []

  /// Tokenises `range` of `file` (the whole file by default); the last token is `endOfFile`.
  public static func tokenize(_ file: SourceFile, range: Range<Int>? = nil) -> (
    tokens: [Token], diagnostics: [Diagnostic]
  ) {
    let (tokens, _, diagnostics) = tokenizeKeepingComments(file, range: range)
    return (tokens, diagnostics)
  }

  /// Tokenises like ``tokenize(_:range:)`` and also returns the comments in `range`, in order,
  /// for tools that rewrite a file. A string is one token, so a comment inside one of its
  /// `{expression}` holes is not among them.
  public static func tokenizeKeepingComments(_ file: SourceFile, range: Range<Int>? = nil) -> (
    tokens: [Token], comments: [Comment], diagnostics: [Diagnostic]
  ) {
    var lexer = Lexer(file: file, range: range ?? 0..<file.bytes.count)
    var tokens: [Token] = []
    while true {
      let token = lexer.nextToken()
      tokens.append(token)
      if token.kind == .endOfFile { break }
    }
    return (tokens, lexer.comments, lexer.diagnostics)
  }

  private init(file: SourceFile, range: Range<Int>) {
    self.file = file
    self.bytes = file.bytes
    self.position = range.lowerBound
    self.end = range.upperBound
  }

  private func peek(_ offset: Int = 0) -> UInt8? {
    position + offset < end ? bytes[position + offset] : nil
  }

  private mutating func report(_ id: DiagnosticID, _ message: String, _ range: Range<Int>, hint: String? = nil) {
    diagnostics.append(Diagnostic(id, message, at: SourceRange(file: file, bytes: range), hint: hint))
  }

  private mutating func skipTrivia() {
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: "\n"):
        sawLineBreak = true
        position += 1
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        position += 1
      case UInt8(ascii: "#"):
        let start = position
        while let b = peek(), b != UInt8(ascii: "\n") { position += 1 }
        comments.append(Comment(range: start..<position, startsLine: sawLineBreak))
      default:
        return
      }
    }
  }

  private mutating func nextToken() -> Token {
    while true {
      skipTrivia()
      let start = position
      let startsLine = sawLineBreak
      guard let byte = peek() else {
        return Token(kind: .endOfFile, range: end..<end, startsLine: true)
      }
      if let kind = lexToken(startingWith: byte) {
        sawLineBreak = false
        return Token(kind: kind, range: start..<position, startsLine: startsLine)
      }
    }
  }

  /// Lexes one token at `position`, or reports and skips bad input and returns nil.
  private mutating func lexToken(startingWith byte: UInt8) -> Token.Kind? {
    let start = position
    if byte.isIdentifierStart { return lexIdentifier() }
    if byte.isDigit { return lexNumber() }
    if byte == 0xC2, peek(1) == 0xA3 { return lexMoney() }  // "£" in UTF-8
    if byte == UInt8(ascii: "\"") { return lexString() }
    for symbol in ["==", "!=", "<=", ">="] where matches(symbol) {
      position += 2
      return .symbol(symbol)
    }
    if let scalar = Self.singleSymbols.first(where: { $0.utf8.first == byte }) {
      position += 1
      return .symbol(scalar)
    }
    let hints = ["!": "use 'not' to negate a condition", "&&": "use 'and'", "||": "use 'or'", "'": "use double quotes"]
    if let hint = hints.first(where: { matches($0.key) }) {
      position += hint.key.utf8.count
      report(.unexpectedCharacter, "unexpected character '\(hint.key)'", start..<position, hint: hint.value)
      return nil
    }
    // A run of stray characters (binary junk, a pasted symbol string) is one error, not one
    // per byte.
    position += min(max(1, utf8Length(of: byte)), end - position)
    var count = 1
    while let next = peek(), !next.startsToken, next != UInt8(ascii: " "), next != UInt8(ascii: "\n") {
      position += min(max(1, utf8Length(of: next)), end - position)
      count += 1
    }
    let text = Self.printable(file.text(start..<min(position, start + 60)))
    let shown = count > 20 ? String(text.prefix(20)) + "…" : text
    report(
      .unexpectedCharacter,
      count == 1 ? "unexpected character '\(shown)'" : "\(count) unexpected characters '\(shown)'",
      start..<position)
    return nil
  }

  /// Text with control characters shown as `U+0000`, so a diagnostic never prints them raw.
  static func printable(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result += "U+" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static let singleSymbols = ["{", "}", "(", ")", "[", "]", ",", ".", "=", "<", ">", "+", "-", "*", "/", ";"]

  private func matches(_ text: String) -> Bool {
    for (i, b) in text.utf8.enumerated() where peek(i) != b { return false }
    return true
  }

  private func utf8Length(of lead: UInt8) -> Int {
    switch lead {
    case 0xF0...: return 4
    case 0xE0...: return 3
    case 0xC0...: return 2
    default: return 1
    }
  }

  private mutating func lexIdentifier() -> Token.Kind {
    let start = position
    while let b = peek(), b.isIdentifierContinue { position += 1 }
    // `N/A`, `Amber/Green` and `Amber/Red` are RAG values; they are the only names with a slash,
    // so they are recognised here rather than read as a division.
    let word = file.text(start..<position)
    for suffix in Self.slashedNames[word] ?? [] where matches("/" + suffix) {
      let after = position + 1 + suffix.utf8.count
      if after >= end || !bytes[after].isIdentifierContinue {
        position = after
        break
      }
    }
    return .identifier(file.text(start..<position))
  }

  /// The names that contain a slash, by the word before it.
  private static let slashedNames = ["N": ["A"], "Amber": ["Green", "Red"]]

  private mutating func skipDigits() {
    while let b = peek(), b.isDigit { position += 1 }
  }

  private func digitsAhead(_ count: Int, from offset: Int) -> Bool {
    (0..<count).allSatisfy { peek(offset + $0)?.isDigit ?? false }
  }

  private mutating func lexNumber() -> Token.Kind? {
    let start = position
    // A date is four digits, dash, two digits, dash, two digits; it wins over subtraction.
    if digitsAhead(4, from: 0), peek(4) == UInt8(ascii: "-"), digitsAhead(2, from: 5), peek(7) == UInt8(ascii: "-"),
      digitsAhead(2, from: 8), !(peek(10)?.isIdentifierContinue ?? false)
    {
      position += 10
      guard let day = Day(iso: file.text(start..<position)[...]) else {
        report(
          .invalidDate, "invalid date '\(file.text(start..<position))'", start..<position,
          hint: "dates are written year-month-day, e.g. 2024-10-01")
        return nil
      }
      return .date(day)
    }
    skipDigits()
    if peek() == UInt8(ascii: "."), peek(1)?.isDigit ?? false {
      position += 1
      skipDigits()
    }
    let digits = file.text(start..<position)
    let isPercent = peek() == UInt8(ascii: "%")
    if isPercent { position += 1 }
    // A percentage is the same digits two places further right, which is exact, unlike / 100.
    let value = ExactDecimal(digits[...]).flatMap { n in
      isPercent
        ? n.scale + 2 <= ExactDecimal.maxScale ? ExactDecimal(significand: n.significand, scale: n.scale + 2) : nil : n
    }
    guard let value else {
      let fraction = digits.split(separator: ".").dropFirst().first?.count ?? 0
      let problem =
        fraction + (isPercent ? 2 : 0) > ExactDecimal.maxScale
        ? "has more than \(ExactDecimal.maxScale) decimal places" : "is too large"
      report(.invalidNumber, "number '\(file.text(start..<position))' \(problem)", start..<position)
      return nil
    }
    return isPercent ? .percent(value) : .number(value)
  }

  private mutating func lexMoney() -> Token.Kind? {
    let start = position
    position += 2
    guard peek()?.isDigit ?? false else {
      report(
        .invalidNumber, "expected an amount after '£'", start..<position,
        hint: "write amounts like £250k, £1.5m or £120,000")
      return nil
    }
    var digits = ""
    while true {
      let runStart = position
      skipDigits()
      digits += file.text(runStart..<position)
      // A comma groups thousands only when exactly three digits follow, so `[£1, £2]` stays a list.
      if peek() == UInt8(ascii: ","), digitsAhead(3, from: 1), !(peek(4)?.isDigit ?? false) {
        position += 1
        continue
      }
      break
    }
    if peek() == UInt8(ascii: "."), peek(1)?.isDigit ?? false {
      let runStart = position
      position += 1
      skipDigits()
      digits += file.text(runStart..<position)
    }
    var multiplier = 1
    for (suffix, factor) in [("bn", 1_000_000_000), ("k", 1000), ("m", 1_000_000)] {
      let length = suffix.utf8.count
      let word = file.text(position..<min(end, position + length)).lowercased()
      if word == suffix, !(peek(length)?.isIdentifierContinue ?? false) {
        position += length
        multiplier = factor
        break
      }
    }
    guard let amount = ExactDecimal(digits[...]), let value = amount.multiplied(by: ExactDecimal(multiplier)) else {
      report(.invalidNumber, "amount '\(file.text(start..<position))' is too large", start..<position)
      return nil
    }
    return .money(value)
  }

  private mutating func lexString() -> Token.Kind? {
    let open = position
    position += 1
    var segments: [StringToken.Segment] = []
    var text: [UInt8] = []
    while true {
      guard let b = peek(), b != UInt8(ascii: "\n") else {
        report(
          .unterminatedString, "unterminated string", open..<open + 1,
          hint: "add a closing '\"' before the end of the line")
        // Keeping what was read lets the parser carry on without a second, misleading error.
        if !text.isEmpty || segments.isEmpty { segments.append(.text(String(decoding: text, as: UTF8.self))) }
        return .string(StringToken(segments: segments))
      }
      position += 1
      switch b {
      case UInt8(ascii: "\""):
        if !text.isEmpty || segments.isEmpty { segments.append(.text(String(decoding: text, as: UTF8.self))) }
        return .string(StringToken(segments: segments))
      case UInt8(ascii: "\\"):
        lexEscape(into: &text)
      case UInt8(ascii: "{"):
        if !text.isEmpty { segments.append(.text(String(decoding: text, as: UTF8.self))) }
        text = []
        guard let hole = lexInterpolation(openBrace: position - 1) else {
          // As with an unterminated string, keep a token so the parser adds no second error.
          return .string(StringToken(segments: segments))
        }
        segments.append(.interpolation(hole))
      default:
        text.append(b)
      }
    }
  }

  private mutating func lexEscape(into text: inout [UInt8]) {
    let escapes: [UInt8: UInt8] = [
      UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "n"): 10,
      UInt8(ascii: "t"): 9, UInt8(ascii: "{"): UInt8(ascii: "{"), UInt8(ascii: "}"): UInt8(ascii: "}"),
    ]
    let backslash = position - 1
    guard let next = peek(), next != UInt8(ascii: "\n") else { return }
    position += utf8Length(of: next)
    if let resolved = escapes[next] {
      text.append(resolved)
    } else {
      report(
        .invalidEscape, "unknown escape '\(file.text(backslash..<position))'", backslash..<position,
        hint: #"use \", \\, \n, \t, \{ or \}"#)
    }
  }

  /// Finds the `}` closing an interpolation, stepping over strings inside it, and returns the
  /// range between the braces.
  private mutating func lexInterpolation(openBrace: Int) -> Range<Int>? {
    let start = position
    var depth = 0
    var inString = false
    while let b = peek(), b != UInt8(ascii: "\n") {
      if inString {
        if b == UInt8(ascii: "\\") { position += 1 } else if b == UInt8(ascii: "\"") { inString = false }
      } else if b == UInt8(ascii: "\"") {
        inString = true
      } else if b == UInt8(ascii: "{") {
        depth += 1
      } else if b == UInt8(ascii: "}") {
        if depth == 0 {
          position += 1
          return start..<position - 1
        }
        depth -= 1
      }
      position += 1
    }
    report(
      .unterminatedString, "unterminated interpolation", openBrace..<openBrace + 1,
      hint: "close it with '}', or write \\{ for a literal brace")
    return nil
  }
}

extension UInt8 {
  /// Whether the byte can begin a token (or trivia), so a run of stray characters ends there.
  var startsToken: Bool {
    isIdentifierContinue || self == UInt8(ascii: "\"") || self == 0xC2 || self == UInt8(ascii: "#")
      || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\r")
      || Array("{}()[],.=<>+-*/;!&|'".utf8).contains(self)
  }

  var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
  var isIdentifierStart: Bool {
    (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
      || self == UInt8(ascii: "_")
  }
  var isIdentifierContinue: Bool { isIdentifierStart || isDigit }
}
