import EscalateKit
import Testing

/// A diagnostic at the first occurrence of `needle` in `file`, covering it.
private func diagnostic(
  _ id: DiagnosticID, _ message: String, at needle: String, in file: SourceFile,
  hint: String? = nil, severity: Diagnostic.Severity = .error
) -> Diagnostic {
  let haystack = file.bytes
  let pattern = Array(needle.utf8)
  let start = (0...(haystack.count - pattern.count)).first { Array(haystack[$0..<$0 + pattern.count]) == pattern }!
  let range = SourceRange(file: file, bytes: start..<start + pattern.count)
  return Diagnostic(id, message, at: range, hint: hint, severity: severity)
}

@Suite struct DiagnosticRendererTests {
  let renderer = DiagnosticRenderer()

  @Test func oneCharacterCaret() {
    let file = SourceFile(path: "rules/a.rules", text: "rule x {\n  when overall ! Red\n}\n")
    let d = diagnostic(.unexpectedCharacter, "unexpected character '!'", at: "!", in: file)
    #expect(
      renderer.render(d) == """
        rules/a.rules:2:16: error: unexpected character '!' [unexpected-character]
          2 |   when overall ! Red
            |                ^

        """)
  }

  @Test func multiCharacterUnderlineWithHint() {
    let source = """
      rule forecast-overspend {
        severity warning
        when forcast > budget * (1 + tolerance)
        param tolerance = 5%
        message "m"
      }
      """
    let diagnostics = RulePack(files: [SourceFile(path: "rules/finance.rules", text: source)]).check().diagnostics
    #expect(
      renderer.render(diagnostics) == """
        rules/finance.rules:3:8: error: unknown column 'forcast' [unknown-column]
          3 |   when forcast > budget * (1 + tolerance)
            |        ^~~~~~~ did you mean 'forecast'?

        """)
  }

  @Test func caretWithHintOnOneCharacter() {
    let file = SourceFile(path: "t.rules", text: "when a ! b")
    let diagnostics = Lexer.tokenize(file).diagnostics
    #expect(
      renderer.render(diagnostics) == """
        t.rules:1:8: error: unexpected character '!' [unexpected-character]
          1 | when a ! b
            |        ^ use 'not' to negate a condition

        """)
  }

  @Test func tabsAreShownAsSpacesAndCountAsOneColumn() {
    let file = SourceFile(path: "t.rules", text: "rule x {\n\twhen\tbudget == Red\n}\n")
    let d = diagnostic(.typeMismatch, "cannot compare Money with RAG", at: "budget == Red", in: file)
    #expect(d.locationText == "t.rules:2:7")
    #expect(
      renderer.render(d) == """
        t.rules:2:7: error: cannot compare Money with RAG [type-mismatch]
          2 |  when budget == Red
            |       ^~~~~~~~~~~~~

        """)
  }

  @Test func nonASCIIPrefixCountsCharactersNotBytes() {
    // "Zoë" and "€" are 2- and 3-byte characters before the error, each one column.
    let file = SourceFile(path: "t.rules", text: "when owner == \"Zoë €\" and x ! y")
    let diagnostics = Lexer.tokenize(file).diagnostics
    #expect(diagnostics.map(\.locationText) == ["t.rules:1:29"])
    #expect(
      renderer.render(diagnostics) == """
        t.rules:1:29: error: unexpected character '!' [unexpected-character]
          1 | when owner == "Zoë €" and x ! y
            |                             ^ use 'not' to negate a condition

        """)
  }

  @Test func nonASCIIOffendingCharacterIsOneColumnWide() {
    let file = SourceFile(path: "t.rules", text: "budget > €5")
    #expect(
      renderer.render(Lexer.tokenize(file).diagnostics) == """
        t.rules:1:10: error: unexpected character '€' [unexpected-character]
          1 | budget > €5
            |          ^

        """)
  }

  @Test func rangeSpanningLinesIsUnderlinedToTheEndOfTheFirstLine() {
    let source = "rule x {\n  severity info\n  when budget ==\n    Red\n  message \"m\"\n}\n"
    let diagnostics = RulePack(files: [SourceFile(path: "t.rules", text: source)]).check().diagnostics
    #expect(
      renderer.render(diagnostics) == """
        t.rules:3:8: error: cannot compare Money with RAG [type-mismatch]
          3 |   when budget ==
            |        ^~~~~~~~~

        """)
  }

  @Test func emptyRangeAtTheEndOfALineGetsOneCaret() {
    let file = SourceFile(path: "e", text: "a ==")
    let diagnostics = Parser.parseExpression(file).diagnostics
    #expect(
      renderer.render(diagnostics) == """
        e:1:5: error: expected a value but found the end of the file [unexpected-token]
          1 | a ==
            |     ^

        """)
  }

  @Test func carriageReturnsAreNotShown() {
    let file = SourceFile(path: "t.rules", text: "a\r\nb ! c\r\n")
    #expect(
      renderer.render(Lexer.tokenize(file).diagnostics) == """
        t.rules:2:3: error: unexpected character '!' [unexpected-character]
          2 | b ! c
            |   ^ use 'not' to negate a condition

        """)
  }

  @Test func wideLineNumbersWidenTheGutter() {
    let file = SourceFile(path: "t.rules", text: String(repeating: "\n", count: 11) + "x @")
    #expect(
      renderer.render(Lexer.tokenize(file).diagnostics) == """
        t.rules:12:3: error: unexpected character '@' [unexpected-character]
          12 | x @
             |   ^

        """)
  }

  @Test func warningSeverity() {
    let file = SourceFile(path: "t.rules", text: "when a")
    let d = diagnostic(.unknownName, "something odd", at: "a", in: file, hint: "look", severity: .warning)
    #expect(
      renderer.render(d) == """
        t.rules:1:6: warning: something odd [unknown-name]
          1 | when a
            |      ^ look

        """)
  }

  @Test func dataFileLocation() {
    let d = Diagnostic(
      .unreadableValue, "cannot read 'abc' as Money", at: .file(path: "data/q3.csv", line: 3, column: 7),
      hint: "write amounts like £1,200")
    #expect(d.locationText == "data/q3.csv:3:7")
    #expect(
      renderer.render(d) == """
        data/q3.csv:3:7: error: cannot read 'abc' as Money [unreadable-value]
          hint: write amounts like £1,200

        """)
    let plain = Diagnostic(.missingColumn, "no column 'overall'", at: .file(path: "q.csv", line: 1, column: 1))
    #expect(renderer.render(plain) == "q.csv:1:1: error: no column 'overall' [missing-column]\n")
  }

  @Test func withoutLocation() {
    let plain = Diagnostic(.emptyPack, "the rule pack declares no rules", at: nil)
    #expect(plain.locationText == nil)
    #expect(renderer.render(plain) == "error: the rule pack declares no rules [empty-pack]\n")
    let hinted = Diagnostic(.unknownParameter, "--param names unknown rule 'x'", at: nil, hint: "did you mean 'y'?")
    #expect(
      renderer.render(hinted) == """
        error: --param names unknown rule 'x' [unknown-parameter]
          hint: did you mean 'y'?

        """)
  }

  @Test func severalDiagnosticsAreSortedByFileAndPosition() {
    let b = SourceFile(path: "b.rules", text: "x @")
    let a = SourceFile(path: "a.rules", text: "! y\nz @")
    let diagnostics =
      Lexer.tokenize(b).diagnostics + Lexer.tokenize(a).diagnostics.reversed()
      + [Diagnostic(.emptyPack, "none", at: nil)]
    #expect(
      renderer.render(diagnostics) == """
        error: none [empty-pack]
        a.rules:1:1: error: unexpected character '!' [unexpected-character]
          1 | ! y
            | ^ use 'not' to negate a condition
        a.rules:2:3: error: unexpected character '@' [unexpected-character]
          2 | z @
            |   ^
        b.rules:1:3: error: unexpected character '@' [unexpected-character]
          1 | x @
            |   ^

        """)
  }
}
