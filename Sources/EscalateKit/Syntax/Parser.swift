/// Builds the syntax tree of a rule file from its tokens.
///
/// A recursive-descent parser that recovers: after an error it skips to the next clause or
/// declaration and keeps going, so every mistake in a file is reported in one run. Nesting is
/// capped at ``maximumDepth`` so hostile input cannot exhaust the stack.
public struct Parser {
  /// The deepest nesting of parentheses, lists and operators a rule may use.
  public static let maximumDepth = 128

  let file: SourceFile
  var tokens: [Token]
  var index = 0
  var depth = 0
  var diagnostics: [Diagnostic] = []
  /// How the end of the tokens is described: a nested parser for an interpolation ends at its `}`.
  var endDescription = "the end of the file"

  /// The words that open a clause inside a rule; each also ends the expression before it.
  static let clauseKeywords: Set<String> = [
    "severity", "when", "message", "escalate", "description", "tags", "param", "suppresses",
  ]

  /// Parses a whole rule file.
  public static func parse(_ file: SourceFile) -> (syntax: RuleFileSyntax, diagnostics: [Diagnostic]) {
    let (tokens, lexDiagnostics) = Lexer.tokenize(file)
    var parser = Parser(file: file, tokens: tokens)
    parser.diagnostics = lexDiagnostics
    let declarations = parser.parseFile()
    return (RuleFileSyntax(file: file, declarations: declarations), capped(parser.diagnostics, in: file))
  }

  /// The most errors reported for one file: past that, a file is more likely not a rule file at
  /// all, and more output would only bury the first ones.
  public static let maximumErrors = 50

  static func capped(_ diagnostics: [Diagnostic], in file: SourceFile) -> [Diagnostic] {
    guard diagnostics.count > maximumErrors else { return diagnostics }
    let kept = diagnostics.sortedByLocation().prefix(maximumErrors)
    return Array(kept) + [
      Diagnostic(.tooManyErrors, "stopped after \(maximumErrors) errors in '\(file.path)'", at: nil)
    ]
  }

  /// Parses a standalone expression, such as a `--param` value given on the command line.
  public static func parseExpression(_ file: SourceFile) -> (expr: Expr?, diagnostics: [Diagnostic]) {
    let (tokens, lexDiagnostics) = Lexer.tokenize(file)
    var parser = Parser(file: file, tokens: tokens)
    parser.diagnostics = lexDiagnostics
    let expr = parser.parseWholeExpression(context: "value")
    return (expr, parser.diagnostics)
  }

  init(file: SourceFile, tokens: [Token]) {
    self.file = file
    self.tokens = tokens
  }

  // MARK: Tokens

  var current: Token { tokens[index] }
  var previousEnd: Int { index > 0 ? tokens[index - 1].range.upperBound : 0 }

  func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

  mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  var atEnd: Bool { current.kind == .endOfFile }

  mutating func report(_ id: DiagnosticID, _ message: String, _ range: Range<Int>, hint: String? = nil) {
    diagnostics.append(Diagnostic(id, message, at: SourceRange(file: file, bytes: range), hint: hint))
  }

  /// Reports what was found where something else was expected.
  mutating func expected(_ what: String, hint: String? = nil) {
    report(.unexpectedToken, "expected \(what) but found \(describe(current))", current.range, hint: hint)
  }

  func describe(_ token: Token) -> String {
    switch token.kind {
    case .endOfFile: return endDescription
    case .string: return "a string"
    default: return "'\(file.text(token.range))'"
    }
  }

  mutating func expectSymbol(_ symbol: String, _ what: String? = nil) -> Bool {
    if current.isSymbol(symbol) {
      _ = advance()
      return true
    }
    expected(what ?? "'\(symbol)'")
    return false
  }

  // MARK: Declarations

  mutating func parseFile() -> [Declaration] {
    var declarations: [Declaration] = []
    while !atEnd {
      let before = index
      if current.isWord("rule") {
        if let rule = parseRule() { declarations.append(.rule(rule)) }
      } else if current.isWord("const") {
        if let constant = parseConst() { declarations.append(.const(constant)) }
      } else if current.isWord("schema") {
        if let schema = parseSchema() { declarations.append(.schema(schema)) }
      } else if current.isWord("forum") {
        if let forum = parseForumDeclaration() { declarations.append(forum) }
      } else if current.isWord("waive") {
        if let waiver = parseWaiver() { declarations.append(.waiver(waiver)) }
      } else {
        expected(
          "'rule', 'const', 'schema', 'forum' or 'waive'",
          hint: "a rule file holds 'rule NAME { ... }', 'const NAME = VALUE', 'schema NAME { ... }', "
            + "'forum NAME level N' and 'waive RULE for ID { ... }' declarations")
        skipToDeclaration()
      }
      if index == before { _ = advance() }
    }
    return declarations
  }

  /// Skips to the next token that starts a line with `rule`, `const` or `schema`.
  mutating func skipToDeclaration() {
    _ = advance()
    while !atEnd, !(current.startsLine && isDeclarationStart) { _ = advance() }
  }

  /// Whether the current token is a word that opens a top-level declaration.
  var isDeclarationStart: Bool {
    ["rule", "const", "schema", "forum", "waive"].contains(current.identifier ?? "")
  }

  mutating func parseConst() -> ConstDecl? {
    _ = advance()
    guard let name = parseName("a constant name") else {
      skipToDeclaration()
      return nil
    }
    guard expectSymbol("="), let value = parseExpression() else {
      skipToDeclaration()
      return ConstDecl(name: name, value: nil)
    }
    return ConstDecl(name: name, value: value)
  }

  mutating func parseName(_ what: String) -> Located<String>? {
    guard let name = current.identifier else {
      expected(what)
      return nil
    }
    return Located(value: name, range: advance().range)
  }

  /// A rule id is kebab-case; the lexer splits `red-needs-senior-forum` at each `-`, so the
  /// pieces are joined back here when nothing separates them.
  mutating func parseRuleID() -> Located<String>? {
    guard let id = parseKebab("a rule id", hint: "rule ids are kebab-case, e.g. 'forecast-overspend'") else {
      return nil
    }
    if !RuleDecl.isValidID(id.value) {
      report(
        .invalidRuleID, "rule id '\(id.value)' is not kebab-case", id.range,
        hint: "use lowercase letters, digits and single hyphens, starting with a letter, e.g. 'stale-update'")
    }
    return id
  }

  /// Joins adjacent words, numbers, dates and hyphens, as in `red-needs-senior-forum`,
  /// `data-quality` or `deadline-2024-12-31`.
  mutating func parseKebab(_ what: String, hint: String? = nil) -> Located<String>? {
    guard current.identifier != nil || current.kind.isNumber else {
      expected(what, hint: hint)
      return nil
    }
    let start = current.range.lowerBound
    var end = advance().range.upperBound
    while current.range.lowerBound == end,
      current.isSymbol("-") || current.identifier != nil || current.kind.isNumber || current.kind.isDate
    {
      end = advance().range.upperBound
    }
    return Located(value: file.text(start..<end), range: start..<end)
  }
}

extension Token.Kind {
  var isNumber: Bool {
    if case .number = self { return true }
    return false
  }

  var isDate: Bool {
    if case .date = self { return true }
    return false
  }
}

extension RuleDecl {
  /// Whether `id` is kebab-case: lowercase words of letters and digits joined by single hyphens.
  public static func isValidID(_ id: String) -> Bool {
    let words = id.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return words.allSatisfy { word in
      !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
  }
}
