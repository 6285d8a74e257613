import EscalateKit
import Testing

/// Tokenises `text` as the file `t.rules`.
private func lex(_ text: String) -> (file: SourceFile, tokens: [Token], diagnostics: [Diagnostic]) {
  let file = SourceFile(path: "t.rules", text: text)
  let (tokens, diagnostics) = Lexer.tokenize(file)
  return (file, tokens, diagnostics)
}

/// A compact description of one token: `ident(overall)`, `sym(==)`, `money(1500000)`,
/// `string("a ", {x or "y"}, " b")` (text segments quoted with their escapes, holes in braces).
private func describe(_ token: Token, in file: SourceFile) -> String {
  switch token.kind {
  case .identifier(let name): return "ident(\(name))"
  case .number(let value): return "number(\(value))"
  case .percent(let value): return "percent(\(value))"
  case .money(let value): return "money(\(value))"
  case .date(let day): return "date(\(day))"
  case .symbol(let symbol): return "sym(\(symbol))"
  case .endOfFile: return "eof"
  case .string(let string):
    let segments = string.segments.map { segment in
      switch segment {
      case .text(let text): return text.debugDescription
      case .interpolation(let range): return "{" + file.text(range) + "}"
      }
    }
    return "string(" + segments.joined(separator: ", ") + ")"
  }
}

/// The tokens before the final `endOfFile`, described and joined by spaces.
private func describeTokens(_ tokens: [Token], in file: SourceFile) -> String {
  tokens.dropLast().map { describe($0, in: file) }.joined(separator: " ")
}

/// `path:line:column [id] message | hint: ...`.
private func describe(_ diagnostic: Diagnostic) -> String {
  var text = "\(diagnostic.locationText ?? "-") [\(diagnostic.id.rawValue)] \(diagnostic.message)"
  if let hint = diagnostic.hint { text += " | hint: \(hint)" }
  return text
}

@Suite struct LexerTests {
  struct TokenCase: Sendable, CustomTestStringConvertible {
    var source: String
    var expected: String
    var testDescription: String { source.debugDescription }

    init(_ source: String, _ expected: String) {
      self.source = source
      self.expected = expected
    }
  }

  @Test(arguments: [
    // Identifiers and RAG values.
    TokenCase("overall Red prev_overall", "ident(overall) ident(Red) ident(prev_overall)"),
    TokenCase("_x x2 snake_case", "ident(_x) ident(x2) ident(snake_case)"),
    TokenCase("N/A", "ident(N/A)"),
    TokenCase("overall == N/A)", "ident(overall) sym(==) ident(N/A) sym())"),
    TokenCase("N/Ax", "ident(N) sym(/) ident(Ax)"),
    TokenCase("N / A", "ident(N) sym(/) ident(A)"),
    TokenCase("NA/A", "ident(NA) sym(/) ident(A)"),
    // Kebab-case ids are split at each hyphen; the parser joins the pieces.
    TokenCase(
      "red-needs-senior-forum",
      "ident(red) sym(-) ident(needs) sym(-) ident(senior) sym(-) ident(forum)"),
    TokenCase("q3-2024", "ident(q3) sym(-) number(2024)"),
    // Numbers and percentages.
    TokenCase("90 1.05 0.50 007", "number(90) number(1.05) number(0.5) number(7)"),
    TokenCase("1. .5", "number(1) sym(.) sym(.) number(5)"),
    TokenCase("5% 12.5% 100% 0%", "percent(0.05) percent(0.125) percent(1) percent(0)"),
    TokenCase("1e5", "number(1) ident(e5)"),
    // Money.
    TokenCase("£12", "money(12)"),
    TokenCase("£1.5m", "money(1500000)"),
    TokenCase("£250k", "money(250000)"),
    TokenCase("£120,000", "money(120000)"),
    TokenCase("£1,977,000", "money(1977000)"),
    TokenCase("£0.214M", "money(214000)"),
    TokenCase("£2bn £2BN £3K", "money(2000000000) money(2000000000) money(3000)"),
    TokenCase("£1,000.50k", "money(1000500)"),
    TokenCase("[£1, £2]", "sym([) money(1) sym(,) money(2) sym(])"),
    TokenCase("[£1,£2]", "sym([) money(1) sym(,) money(2) sym(])"),
    TokenCase("£1,2345", "money(1) sym(,) number(2345)"),
    TokenCase("£5kg", "money(5) ident(kg)"),
    TokenCase("£5 k", "money(5) ident(k)"),
    TokenCase("£2b", "money(2) ident(b)"),
    // Dates win over subtraction only in the exact YYYY-MM-DD shape.
    TokenCase("2024-10-01", "date(2024-10-01)"),
    TokenCase("2024-02-29", "date(2024-02-29)"),
    TokenCase("2024 - 10", "number(2024) sym(-) number(10)"),
    TokenCase("2024-10", "number(2024) sym(-) number(10)"),
    TokenCase("2024-10-01x", "number(2024) sym(-) number(10) sym(-) number(1) ident(x)"),
    TokenCase("report_date-2024-10-01", "ident(report_date) sym(-) date(2024-10-01)"),
    TokenCase("20240-10-01", "number(20240) sym(-) number(10) sym(-) number(1)"),
    // Strings, escapes and interpolation.
    TokenCase(#""plain text""#, #"string("plain text")"#),
    TokenCase(#""""#, #"string("")"#),
    TokenCase(#""\" \\ \n \t \{ \}""#, #"string("\" \\ \n \t { }")"#),
    TokenCase(#""\{name\}""#, #"string("{name}")"#),
    TokenCase(##""# not a comment""##, ##"string("# not a comment")"##),
    TokenCase(#""a {x or "y"} b""#, #"string("a ", {x or "y"}, " b")"#),
    TokenCase(#""{a}{b}""#, "string({a}, {b})"),
    TokenCase(#""{name} \{x\}""#, #"string({name}, " {x}")"#),
    TokenCase(#""{ "}" }""#, #"string({ "}" })"#),
    TokenCase(#""{f(x) + [1, 2]}!""#, #"string({f(x) + [1, 2]}, "!")"#),
    TokenCase(#""a" "b""#, #"string("a") string("b")"#),
    // Comments and whitespace.
    TokenCase("a # comment == b\nc", "ident(a) ident(c)"),
    TokenCase("# only a comment", ""),
    TokenCase("\ta\r\n  b", "ident(a) ident(b)"),
    TokenCase("", ""),
    // Operators and punctuation.
    TokenCase(
      "== != <= >= < > = + - * / { } ( ) [ ] , .",
      "sym(==) sym(!=) sym(<=) sym(>=) sym(<) sym(>) sym(=) sym(+) sym(-) sym(*) sym(/) sym({) sym(}) "
        + "sym(() sym()) sym([) sym(]) sym(,) sym(.)"),
    TokenCase("a==b", "ident(a) sym(==) ident(b)"),
    TokenCase("a<=-b", "ident(a) sym(<=) sym(-) ident(b)"),
    TokenCase("===", "sym(==) sym(=)"),
    TokenCase("x>=5%", "ident(x) sym(>=) percent(0.05)"),
  ])
  func tokens(_ testCase: TokenCase) {
    let (file, tokens, diagnostics) = lex(testCase.source)
    #expect(diagnostics.map(describe) == [])
    #expect(describeTokens(tokens, in: file) == testCase.expected)
    #expect(tokens.last?.kind == .endOfFile)
  }

  @Test func tokenRangesAndLineStarts() {
    let (file, tokens, _) = lex("when a\n  £1.5m >= \"x\"")
    #expect(tokens.map { file.text($0.range) } == ["when", "a", "£1.5m", ">=", "\"x\"", ""])
    #expect(tokens.map(\.startsLine) == [true, false, true, false, false, true])
    #expect(tokens.last?.range == file.bytes.count..<file.bytes.count)
  }

  @Test func interpolationRangesPointIntoTheFile() {
    let (file, tokens, _) = lex(#"message "{name} is {overall}""#)
    guard case .string(let string) = tokens[1].kind else {
      Issue.record("expected a string token")
      return
    }
    let holes = string.segments.compactMap { segment -> String? in
      if case .interpolation(let range) = segment { return file.text(range) }
      return nil
    }
    #expect(holes == ["name", "overall"])
    #expect(string.plainText == nil)
  }

  @Test func tokenizesOnlyTheGivenRange() {
    let file = SourceFile(path: "t.rules", text: "a + b * c")
    let (tokens, diagnostics) = Lexer.tokenize(file, range: 4..<9)
    #expect(diagnostics.isEmpty)
    #expect(describeTokens(tokens, in: file) == "ident(b) sym(*) ident(c)")
    #expect(tokens.last?.range == 9..<9)
  }

  struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    var source: String
    var diagnostics: [String]
    /// The tokens that survive the error, or nil when they are not checked.
    var tokens: String?
    var label: String?
    var testDescription: String { label ?? source.debugDescription }

    init(_ source: String, _ diagnostics: [String], tokens: String?, label: String? = nil) {
      self.source = source
      self.diagnostics = diagnostics
      self.tokens = tokens
      self.label = label
    }
  }

  static let notHint = "use 'not' to negate a condition"
  static let unterminatedHint = #"add a closing '"' before the end of the line"#
  static let escapeHint = #"use \", \\, \n, \t, \{ or \}"#
  static let interpolationHint = #"close it with '}', or write \{ for a literal brace"#
  static let dateHint = "dates are written year-month-day, e.g. 2024-10-01"
  static let amountHint = "write amounts like £250k, £1.5m or £120,000"
  static let fortyOneNines = String(repeating: "9", count: 41)

  @Test(arguments: [
    DiagnosticCase(
      "a ! b", ["t.rules:1:3 [unexpected-character] unexpected character '!' | hint: \(notHint)"],
      tokens: "ident(a) ident(b)"),
    DiagnosticCase(
      "a && b", ["t.rules:1:3 [unexpected-character] unexpected character '&&' | hint: use 'and'"],
      tokens: "ident(a) ident(b)"),
    DiagnosticCase(
      "a || b", ["t.rules:1:3 [unexpected-character] unexpected character '||' | hint: use 'or'"],
      tokens: "ident(a) ident(b)"),
    DiagnosticCase(
      "a & b", ["t.rules:1:3 [unexpected-character] unexpected character '&'"], tokens: "ident(a) ident(b)"),
    DiagnosticCase(
      "'Red'",
      [
        "t.rules:1:1 [unexpected-character] unexpected character ''' | hint: use double quotes",
        "t.rules:1:5 [unexpected-character] unexpected character ''' | hint: use double quotes",
      ], tokens: "ident(Red)"),
    DiagnosticCase(
      "x @ y", ["t.rules:1:3 [unexpected-character] unexpected character '@'"], tokens: "ident(x) ident(y)"),
    DiagnosticCase(
      "budget > €5", ["t.rules:1:10 [unexpected-character] unexpected character '€'"],
      tokens: "ident(budget) sym(>) number(5)"),
    DiagnosticCase(
      "é@ !",
      [
        "t.rules:1:1 [unexpected-character] 2 unexpected characters 'é@'",
        "t.rules:1:4 [unexpected-character] unexpected character '!' | hint: use 'not' to negate a condition",
      ], tokens: "", label: "columns count characters, not bytes; a run of stray characters is one error"),
    DiagnosticCase(
      "x \u{0}\u{1}y", ["t.rules:1:3 [unexpected-character] 2 unexpected characters 'U+0000U+0001'"],
      tokens: "ident(x) ident(y)", label: "control characters are never printed raw"),
    DiagnosticCase("5 %", ["t.rules:1:3 [unexpected-character] unexpected character '%'"], tokens: "number(5)"),
    DiagnosticCase(
      "a !\n  b @",
      [
        "t.rules:1:3 [unexpected-character] unexpected character '!' | hint: \(notHint)",
        "t.rules:2:5 [unexpected-character] unexpected character '@'",
      ], tokens: "ident(a) ident(b)"),
    DiagnosticCase(
      #""abc"#, ["t.rules:1:1 [unterminated-string] unterminated string | hint: \(unterminatedHint)"],
      tokens: #"string("abc")"#),
    DiagnosticCase(
      "x\n  \"abc\ny", ["t.rules:2:3 [unterminated-string] unterminated string | hint: \(unterminatedHint)"],
      tokens: #"ident(x) string("abc") ident(y)"#),
    DiagnosticCase(
      "\"abc\\", ["t.rules:1:1 [unterminated-string] unterminated string | hint: \(unterminatedHint)"],
      tokens: #"string("abc")"#, label: "backslash at the end of the file"),
    DiagnosticCase(
      #""a {b"#,
      [
        "t.rules:1:4 [unterminated-string] unterminated interpolation | hint: \(interpolationHint)"
      ], tokens: nil),
    DiagnosticCase(
      #""a {b "c"#,
      [
        "t.rules:1:4 [unterminated-string] unterminated interpolation | hint: \(interpolationHint)"
      ], tokens: nil, label: "unterminated interpolation with a string inside"),
    DiagnosticCase(
      #""\q""#, [#"t.rules:1:2 [invalid-escape] unknown escape '\q' | hint: \#(escapeHint)"#], tokens: #"string("")"#),
    DiagnosticCase(
      #""a\éb""#, [#"t.rules:1:3 [invalid-escape] unknown escape '\é' | hint: \#(escapeHint)"#],
      tokens: #"string("ab")"#),
    DiagnosticCase(
      "2024-02-30", ["t.rules:1:1 [invalid-date] invalid date '2024-02-30' | hint: \(dateHint)"], tokens: ""),
    DiagnosticCase(
      "x < 2023-13-01", ["t.rules:1:5 [invalid-date] invalid date '2023-13-01' | hint: \(dateHint)"],
      tokens: "ident(x) sym(<)"),
    DiagnosticCase(
      "£ x", ["t.rules:1:1 [invalid-number] expected an amount after '£' | hint: \(amountHint)"], tokens: "ident(x)"),
    DiagnosticCase(
      "x > £", ["t.rules:1:5 [invalid-number] expected an amount after '£' | hint: \(amountHint)"],
      tokens: "ident(x) sym(>)"),
    DiagnosticCase(
      "x > " + fortyOneNines, ["t.rules:1:5 [invalid-number] number '\(fortyOneNines)' is too large"],
      tokens: "ident(x) sym(>)"),
    DiagnosticCase(
      "£\(fortyOneNines) + 1", ["t.rules:1:1 [invalid-number] amount '£\(fortyOneNines)' is too large"],
      tokens: "sym(+) number(1)"),
    DiagnosticCase(
      "£99999999999999999999999999999999999bn",
      ["t.rules:1:1 [invalid-number] amount '£99999999999999999999999999999999999bn' is too large"], tokens: ""),
  ])
  func diagnostics(_ testCase: DiagnosticCase) {
    let (file, tokens, diagnostics) = lex(testCase.source)
    #expect(diagnostics.map(describe) == testCase.diagnostics)
    #expect(diagnostics.allSatisfy { $0.severity == .error })
    if let expected = testCase.tokens {
      #expect(describeTokens(tokens, in: file) == expected)
    }
  }

  @Test func diagnosticRangesCoverTheOffendingText() {
    let (file, _, diagnostics) = lex("a && b\n\"x \\q\"\n2024-02-30 £")
    let texts = diagnostics.compactMap { diagnostic -> String? in
      guard case .source(let range) = diagnostic.location else { return nil }
      return file.text(range.bytes)
    }
    #expect(texts == ["&&", #"\q"#, "2024-02-30", "£"])
  }

  // MARK: Regressions: each of these was a bug, described as it was, and is fixed

  @Test func unterminatedInterpolationKeepsTheStringAndReportsOnce() {
    // The lexer keeps an unterminated string so the parser reports nothing more, but an
    // unterminated interpolation drops the whole string token, so the parser then reports
    // "expected a message in double quotes but found '}'" as well.
    let file = SourceFile(
      path: "t.rules", text: "rule x {\n  severity info\n  when overall == Red\n  message \"a {b\"\n}\n")
    let diagnostics = Parser.parse(file).diagnostics
    #expect(
      diagnostics.map(describe) == [
        "t.rules:4:14 [unterminated-string] unterminated interpolation | hint: \(Self.interpolationHint)"
      ])

  }

  @Test func tooPreciseNumberIsNotCalledTooLarge() {
    // 31 decimal places exceed ExactDecimal.maxScale; the number is tiny, not "too large".
    let text = "0.0000000000000000000000000000001"
    let diagnostics = lex(text).diagnostics
    #expect(diagnostics.map(\.id) == [.invalidNumber])
    #expect(diagnostics.allSatisfy { !$0.message.contains("too large") })

  }

  @Test func tooLargePercentageIsOneError() {
    // One bad literal should give one error; the '%' left behind is reported as a second one.
    let diagnostics = lex(Self.fortyOneNines + "%").diagnostics
    #expect(diagnostics.map(describe) == ["t.rules:1:1 [invalid-number] number '\(Self.fortyOneNines)%' is too large"])

  }

  @Test func tinyPercentageIsExact() {
    // 0.000000000000000000001% is exactly 1e-23, well within ExactDecimal's 30 decimal places,
    // but dividing by 100 rounds at the 20-place division scale and yields percent(0).
    let (file, tokens, diagnostics) = lex("0.000000000000000000001%")
    #expect(diagnostics.isEmpty)
    #expect(describeTokens(tokens, in: file) == "percent(0.00000000000000000000001)")

  }

  @Test func datePieceInsideKebabIDJoinsTheID() {
    // A rule id such as 'deadline-2024-12-31' is lexed with a date inside it, so the parser
    // reports an invalid id 'deadline-' and a missing '{'; 'x-2024-13-01' even reports an invalid date.
    let source = "rule deadline-2024-12-31 {\n  severity info\n  when overall == Red\n  message \"m\"\n}\n"
    let parsed = Parser.parse(SourceFile(path: "t.rules", text: source))
    #expect(parsed.diagnostics.map(describe) == [])
    guard case .rule(let rule)? = parsed.syntax.declarations.first else {
      Issue.record("no rule parsed")
      return
    }
    #expect(rule.id.value == "deadline-2024-12-31")

  }
}
