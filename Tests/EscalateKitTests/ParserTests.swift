import EscalateKit
import Testing

/// An expression as an S-expression: names and numbers bare, `(pct 0.05)`, `(money 1500000)`,
/// `(date 2024-10-01)`, `(days 90)`, plain strings quoted, interpolated strings as `(str ...)`,
/// `(list ...)`, `(not x)`, `(neg x)`, `(OP l r)` with spaces in OP as hyphens, `(is-missing x)`,
/// `(is-present x)` and `(call NAME args...)`.
private func sexpr(_ expr: Expr) -> String {
  func node(_ head: String, _ children: [Expr]) -> String {
    "(" + ([head] + children.map(sexpr)).joined(separator: " ") + ")"
  }
  switch expr.kind {
  case .name(let name): return name
  case .number(let value): return "\(value)"
  case .percent(let value): return "(pct \(value))"
  case .money(let value): return "(money \(value))"
  case .date(let day): return "(date \(day))"
  case .duration(let days): return "(days \(days))"
  case .string(let literal): return sexpr(literal)
  case .list(let elements): return node("list", elements)
  case .unary(let op, let operand): return node(op == .not ? "not" : "neg", [operand])
  case .binary(let op, let lhs, let rhs):
    return node(op.rawValue.split(separator: " ").joined(separator: "-"), [lhs, rhs])
  case .isMissing(let operand, let negated): return node(negated ? "is-present" : "is-missing", [operand])
  case .call(let name, _, let arguments): return node("call \(name)", arguments)
  }
}

/// A plain string quoted, an interpolated one as `(str PART...)`.
private func sexpr(_ literal: StringLiteral) -> String {
  if let text = literal.plainText { return text.debugDescription }
  let parts = literal.parts.map { part in
    switch part {
    case .text(let text): return text.debugDescription
    case .expression(let inner): return sexpr(inner)
    }
  }
  return "(str " + parts.joined(separator: " ") + ")"
}

/// `path:line:column [id] message | hint: ...`.
private func describe(_ diagnostic: Diagnostic) -> String {
  var text = "\(diagnostic.locationText ?? "-") [\(diagnostic.id.rawValue)] \(diagnostic.message)"
  if let hint = diagnostic.hint { text += " | hint: \(hint)" }
  return text
}

private func parseExpression(_ text: String) -> (expr: Expr?, diagnostics: [String]) {
  let (expr, diagnostics) = Parser.parseExpression(SourceFile(path: "e", text: text))
  return (expr, diagnostics.map(describe))
}

private func parseFile(_ text: String) -> (declarations: [Declaration], diagnostics: [String]) {
  let (syntax, diagnostics) = Parser.parse(SourceFile(path: "t.rules", text: text))
  return (syntax.declarations, diagnostics.map(describe))
}

private func rules(_ declarations: [Declaration]) -> [RuleDecl] {
  declarations.compactMap { declaration in
    if case .rule(let rule) = declaration { return rule }
    return nil
  }
}

/// A rule whose condition is `condition`, on line 3 starting at column 8.
private func ruleSource(when condition: String) -> String {
  "rule x {\n  severity info\n  when \(condition)\n  message \"m\"\n}\n"
}

@Suite struct ParserTests {
  struct ExpressionCase: Sendable, CustomTestStringConvertible {
    var source: String
    var expected: String
    var testDescription: String { source }

    init(_ source: String, _ expected: String) {
      self.source = source
      self.expected = expected
    }
  }

  @Test(arguments: [
    // Precedence, loosest first: or < and < not < comparison < + - < * / < unary -.
    ExpressionCase(
      "overall == Red and escalated_to not in senior_forums",
      "(and (== overall Red) (not-in escalated_to senior_forums))"),
    ExpressionCase("a or b and c", "(or a (and b c))"),
    ExpressionCase("a and b or c", "(or (and a b) c)"),
    ExpressionCase("a or b or c", "(or (or a b) c)"),
    ExpressionCase("a and b and c", "(and (and a b) c)"),
    ExpressionCase("not a and b", "(and (not a) b)"),
    ExpressionCase("a and not b", "(and a (not b))"),
    ExpressionCase("not a or not b", "(or (not a) (not b))"),
    ExpressionCase("not a == b", "(not (== a b))"),
    ExpressionCase("not not a", "(not (not a))"),
    ExpressionCase("a == b + c", "(== a (+ b c))"),
    ExpressionCase("a + b == c", "(== (+ a b) c)"),
    ExpressionCase("a + b * c", "(+ a (* b c))"),
    ExpressionCase("a * b + c", "(+ (* a b) c)"),
    ExpressionCase("a - b - c", "(- (- a b) c)"),
    ExpressionCase("a / b * c", "(* (/ a b) c)"),
    ExpressionCase("a - b + c", "(+ (- a b) c)"),
    ExpressionCase("-a * b", "(* (neg a) b)"),
    ExpressionCase("- -a", "(neg (neg a))"),
    ExpressionCase("a - -b", "(- a (neg b))"),
    ExpressionCase("a*-b", "(* a (neg b))"),
    // Parentheses.
    ExpressionCase("(a or b) and c", "(and (or a b) c)"),
    ExpressionCase("a * (b + c)", "(* a (+ b c))"),
    ExpressionCase("((a))", "a"),
    ExpressionCase("-(a + b)", "(neg (+ a b))"),
    ExpressionCase("not (a or b)", "(not (or a b))"),
    ExpressionCase("budget * (1 + tolerance)", "(* budget (+ 1 tolerance))"),
    // Comparisons.
    ExpressionCase("a != b", "(!= a b)"),
    ExpressionCase("a < b", "(< a b)"),
    ExpressionCase("a <= b", "(<= a b)"),
    ExpressionCase("a > b", "(> a b)"),
    ExpressionCase("a >= b", "(>= a b)"),
    ExpressionCase("a in [b, c]", "(in a (list b c))"),
    ExpressionCase("a not in []", "(not-in a (list))"),
    ExpressionCase("not a in b", "(not (in a b))"),
    ExpressionCase("overall worse than prev_overall", "(worse-than overall prev_overall)"),
    ExpressionCase("overall better than Amber", "(better-than overall Amber)"),
    ExpressionCase("narrative is missing", "(is-missing narrative)"),
    ExpressionCase("owner is present", "(is-present owner)"),
    ExpressionCase("a + b is missing", "(is-missing (+ a b))"),
    ExpressionCase("not a is missing", "(not (is-missing a))"),
    ExpressionCase("a is missing or b is present", "(or (is-missing a) (is-present b))"),
    // Calls and lists.
    ExpressionCase("worst(time, cost) == Red", "(== (call worst time cost) Red)"),
    ExpressionCase("count(dimensions == Amber) >= 3", "(>= (call count (== dimensions Amber)) 3)"),
    ExpressionCase("lower()", "(call lower)"),
    ExpressionCase("f(g(x), [y])", "(call f (call g x) (list y))"),
    ExpressionCase("[1, [2, 3],]", "(list 1 (list 2 3))"),
    ExpressionCase("[]", "(list)"),
    // Literals and durations.
    ExpressionCase("£1.5m", "(money 1500000)"),
    ExpressionCase("5%", "(pct 0.05)"),
    ExpressionCase("2024-10-01", "(date 2024-10-01)"),
    ExpressionCase("N/A", "N/A"),
    ExpressionCase("1.05", "1.05"),
    ExpressionCase("90 days", "(days 90)"),
    ExpressionCase("1 day", "(days 1)"),
    ExpressionCase("2 weeks", "(days 14)"),
    ExpressionCase("1 week", "(days 7)"),
    ExpressionCase("-90 days", "(neg (days 90))"),
    ExpressionCase("last_updated < report_date - 90 days", "(< last_updated (- report_date (days 90)))"),
    ExpressionCase("report_date + 2 weeks * 2", "(+ report_date (* (days 14) 2))"),
    // Strings and interpolation; `or` inside a hole is the same operator, typed later as a fallback.
    ExpressionCase(#""plain""#, #""plain""#),
    ExpressionCase(#""a {x or "y"} b""#, #"(str "a " (or x "y") " b")"#),
    ExpressionCase(#""{a + b * c}""#, "(str (+ a (* b c)))"),
    ExpressionCase(#""{name} is {count(dimensions == Red)}""#, #"(str name " is " (call count (== dimensions Red)))"#),
    ExpressionCase(#""{"{x}"}""#, "(str (str x))"),
  ])
  func expression(_ testCase: ExpressionCase) {
    let (expr, diagnostics) = parseExpression(testCase.source)
    #expect(diagnostics == [])
    #expect(expr.map(sexpr) == testCase.expected)
  }

  @Test func expressionInsideARuleFile() throws {
    let (declarations, diagnostics) = parseFile(ruleSource(when: "overall == Red and not (cost == Red)"))
    #expect(diagnostics == [])
    let rule = try #require(rules(declarations).first)
    #expect(rule.condition.map(sexpr) == "(and (== overall Red) (not (== cost Red)))")
  }

  @Test func expressionRangesIncludeParenthesesAndOperands() throws {
    let text = "(a + b) * -c"
    let expr = try #require(Parser.parseExpression(SourceFile(path: "e", text: text)).expr)
    #expect(expr.range == 0..<12)
    guard case .binary(.multiply, let lhs, let rhs) = expr.kind else {
      Issue.record("expected a product, got \(sexpr(expr))")
      return
    }
    #expect(lhs.range == 0..<7)
    #expect(rhs.range == 10..<12)
    let call = try #require(Parser.parseExpression(SourceFile(path: "e", text: "worst( a )")).expr)
    guard case .call(let name, let nameRange, _) = call.kind else {
      Issue.record("expected a call")
      return
    }
    #expect(name == "worst")
    #expect(nameRange == 0..<5)
    #expect(call.range == 0..<10)
  }

  @Test func ruleClausesAreParsed() throws {
    let source = """
      rule red-needs-senior-forum {
        severity critical
        description "text"
        tags escalation, "two words", data-quality
        param limit = £1.5m
        param days = 90 days
        when overall == Red
        escalate to senior forum
        message "{name} is {overall}"
      }
      """
    let (declarations, diagnostics) = parseFile(source)
    #expect(diagnostics == [])
    let rule = try #require(rules(declarations).first)
    #expect(rule.id.value == "red-needs-senior-forum")
    #expect(rule.severity?.value == "critical")
    #expect(rule.description?.value == "text")
    #expect(rule.tags.map(\.value) == ["escalation", "two words", "data-quality"])
    #expect(rule.params.map(\.name.value) == ["limit", "days"])
    #expect(rule.params.map { sexpr($0.value) } == ["(money 1500000)", "(days 90)"])
    #expect(rule.escalation.first?.forum.value == "senior forum")
    #expect(rule.condition.map(sexpr) == "(== overall Red)")
    #expect(rule.message.map { sexpr($0.value) } == #"(str name " is " overall)"#)
  }

  @Test func constantsAndQuotedForums() throws {
    let source = """
      const senior_forums = ["SCCB", "COG"]
      const limit = £250k * 2
      rule x {
        severity info
        when escalated_to not in senior_forums
        escalate to "Project Board"
        message "m"
      }
      """
    let (declarations, diagnostics) = parseFile(source)
    #expect(diagnostics == [])
    let constants = declarations.compactMap { declaration -> String? in
      guard case .const(let constant) = declaration else { return nil }
      return constant.name.value + " = " + (constant.value.map(sexpr) ?? "nil")
    }
    #expect(constants == [#"senior_forums = (list "SCCB" "COG")"#, "limit = (* (money 250000) 2)"])
    #expect(rules(declarations).first?.escalation.first?.forum.value == "Project Board")
  }

  @Test func lineBreaksDoNotMatterOutsideEscalate() throws {
    let (declarations, diagnostics) = parseFile(
      #"rule x { severity info when overall == Red escalate to "Board" message "m" tags a, b-c }"#)
    #expect(diagnostics == [])
    let rule = try #require(rules(declarations).first)
    #expect(rule.escalation.first?.forum.value == "Board")
    #expect(rule.tags.map(\.value) == ["a", "b-c"])
    #expect(rule.condition.map(sexpr) == "(== overall Red)")
  }

  struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var source: String
    var expected: [String]

    init(_ name: String, _ source: String, _ expected: [String]) {
      testDescription = name
      self.source = source
      self.expected = expected
    }
  }

  static let clauses = "a clause (description, escalate, message, param, severity, suppresses, tags, when)"
  static let whenHint = "add a line such as 'when overall == Red'"
  static let messageHint = #"add a line such as 'message "{name} is Red"'"#
  static let braceHint = #"write \{ for a literal brace"#
  static let nested = "expression is nested more than 128 levels deep"
  static let nestedHint = "split it into constants or simpler conditions"
  static let kebabHint = "use lowercase letters, digits and single hyphens, starting with a letter, e.g. 'stale-update'"

  @Test(arguments: [
    DiagnosticCase(
      "missing '{'", "rule x\n  severity info\n  when overall == Red\n  message \"m\"\n}\n",
      ["t.rules:2:3 [unexpected-token] expected '{' to open the rule but found 'severity'"]),
    DiagnosticCase(
      "rule not closed at the end of the file", "rule x {\n  severity info\n  when overall == Red\n  message \"m\"\n",
      ["t.rules:1:1 [unexpected-token] rule 'x' is not closed | hint: add '}' after its last clause"]),
    DiagnosticCase(
      "rule not closed before the next rule",
      "rule x {\n  severity info\n  when overall == Red\n  message \"m\"\nrule y {\n  severity info\n"
        + "  when overall == Red\n  message \"m\"\n}\n",
      ["t.rules:1:1 [unexpected-token] rule 'x' is not closed | hint: add '}' after its last clause"]),
    DiagnosticCase(
      "unknown clause keyword",
      "rule x {\n  severity info\n  priority high\n  when overall == Red\n  message \"m\"\n}\n",
      ["t.rules:3:3 [unexpected-token] expected \(clauses) but found 'priority'"]),
    DiagnosticCase(
      "duplicate 'when'", "rule x {\n  severity info\n  when a\n  when b\n  message \"m\"\n}\n",
      [
        "t.rules:4:3 [duplicate-clause] rule 'x' has more than one 'when' | hint: the first is at line 3, column 3"
      ]),
    DiagnosticCase(
      "duplicate 'severity'", "rule x {\n  severity info\n  when a\n  message \"m\"\n  severity error\n}\n",
      [
        "t.rules:5:3 [duplicate-clause] rule 'x' has more than one 'severity' | hint: the first is at line 2, column 3"
      ]),
    DiagnosticCase(
      "missing 'when'", "rule x {\n  severity info\n  message \"m\"\n}\n",
      [
        "t.rules:1:6 [missing-clause] rule 'x' has no 'when' condition | hint: add a line such as 'when overall == Red'"
      ]),
    DiagnosticCase(
      "missing 'message'", "rule x {\n  severity info\n  when a\n}\n",
      [
        #"t.rules:1:6 [missing-clause] rule 'x' has no 'message' | hint: add a line such as 'message "{name} is Red"'"#
      ]),
    DiagnosticCase(
      "missing 'severity'", "rule stale-update {\n  when a\n  message \"m\"\n}\n",
      [
        "t.rules:1:6 [missing-clause] rule 'stale-update' has no 'severity' | hint: add a line such as "
          + "'severity warning' (critical, error, warning or info)"
      ]),
    DiagnosticCase(
      "every clause missing", "rule x {}",
      [
        "t.rules:1:6 [missing-clause] rule 'x' has no 'when' condition | hint: \(whenHint)",
        "t.rules:1:6 [missing-clause] rule 'x' has no 'severity' | hint: add a line such as "
          + "'severity warning' (critical, error, warning or info)",
        #"t.rules:1:6 [missing-clause] rule 'x' has no 'message' | hint: add a line such as 'message "{name} is Red"'"#,
      ]),
    DiagnosticCase(
      "unknown severity", "rule x {\n  severity fatal\n  when a\n  message \"m\"\n}\n",
      ["t.rules:2:12 [unknown-severity] unknown severity 'fatal' | hint: use critical, error, warning or info"]),
    DiagnosticCase(
      "severity that is not a word", "rule x {\n  severity \"high\"\n  when a\n  message \"m\"\n}\n",
      ["t.rules:2:12 [unexpected-token] expected a severity (critical, error, warning or info) but found a string"]),
    DiagnosticCase(
      "rule id with capitals and underscore", "rule Bad_Rule {\n  severity info\n  when a\n  message \"m\"\n}\n",
      ["t.rules:1:6 [invalid-rule-id] rule id 'Bad_Rule' is not kebab-case | hint: \(kebabHint)"]),
    DiagnosticCase(
      "rule id with a double hyphen", "rule a--b {\n  severity info\n  when a\n  message \"m\"\n}\n",
      ["t.rules:1:6 [invalid-rule-id] rule id 'a--b' is not kebab-case | hint: \(kebabHint)"]),
    DiagnosticCase(
      "rule id starting with a digit", "rule 9lives {\n  severity info\n  when a\n  message \"m\"\n}\n",
      ["t.rules:1:6 [invalid-rule-id] rule id '9lives' is not kebab-case | hint: \(kebabHint)"]),
    DiagnosticCase(
      "rule id starting with a hyphen", "rule -x {\n  severity info\n  when a\n  message \"m\"\n}\n",
      [
        "t.rules:1:6 [unexpected-token] expected a rule id but found '-' | hint: rule ids are kebab-case, "
          + "e.g. 'forecast-overspend'"
      ]),
    DiagnosticCase(
      "chained comparison", ruleSource(when: "a < b < c"),
      [
        "t.rules:3:14 [unexpected-token] comparisons cannot be chained | hint: join two comparisons with 'and', "
          + "e.g. 'a < b and b < c'"
      ]),
    DiagnosticCase(
      "'=' instead of '=='", ruleSource(when: "overall = Red"),
      ["t.rules:3:16 [unexpected-token] '=' is not a comparison | hint: use '==' to compare"]),
    DiagnosticCase(
      "'is' followed by something else", ruleSource(when: "owner is nobody"),
      ["t.rules:3:17 [unexpected-token] expected 'missing' or 'present' after 'is' but found 'nobody'"]),
    DiagnosticCase(
      "expected a value", ruleSource(when: "overall == "),
      ["t.rules:4:3 [unexpected-token] expected a value but found 'message'"]),
    DiagnosticCase(
      "keyword where a value should be", ruleSource(when: "overall == not"),
      ["t.rules:3:19 [unexpected-token] expected a value but found 'not'"]),
    DiagnosticCase(
      "unclosed parenthesis", ruleSource(when: "(overall == Red"),
      ["t.rules:4:3 [unexpected-token] expected ')' to close the '(' at column 8 but found 'message'"]),
    DiagnosticCase(
      "list without a comma", ruleSource(when: "overall in [Red Amber]"),
      ["t.rules:3:24 [unexpected-token] expected ',' or ']' but found 'Amber'"]),
    DiagnosticCase(
      "non-whole duration", ruleSource(when: "last_updated < report_date - 1.5 days"),
      ["t.rules:3:37 [invalid-number] a duration is a whole number of days or weeks"]),
    DiagnosticCase(
      "10,000 nested parentheses",
      ruleSource(when: String(repeating: "(", count: 10_000) + "overall" + String(repeating: ")", count: 10_000)),
      ["t.rules:3:136 [too-deeply-nested] \(nested) | hint: \(nestedHint)"]),
    DiagnosticCase(
      "10,000 nested lists", ruleSource(when: String(repeating: "[", count: 10_000)),
      ["t.rules:3:136 [too-deeply-nested] \(nested) | hint: \(nestedHint)"]),
    DiagnosticCase(
      "300 nested interpolations",
      "rule x {\n  severity info\n  when a\n  message \""
        + String(repeating: #"{""#, count: 300) + "x" + String(repeating: #""}"#, count: 300) + "\"\n}\n",
      ["t.rules:4:269 [too-deeply-nested] \(nested) | hint: \(nestedHint)"]),
    DiagnosticCase(
      "interpolation in a description",
      "rule x {\n  severity info\n  description \"cost is {budget}\"\n  when a\n  message \"m\"\n}\n",
      [
        "t.rules:3:15 [misplaced-interpolation] only a message can interpolate values | hint: \(braceHint)"
      ]),
    DiagnosticCase(
      "interpolation in a tag", "rule x {\n  severity info\n  tags \"{a}\"\n  when a\n  message \"m\"\n}\n",
      [
        "t.rules:3:8 [misplaced-interpolation] only a message can interpolate values | hint: \(braceHint)"
      ]),
    DiagnosticCase(
      "empty interpolation", "rule x {\n  severity info\n  when a\n  message \"{}\"\n}\n",
      ["t.rules:4:13 [unexpected-token] empty interpolation"]),
    DiagnosticCase(
      "interpolation with two values", "rule x {\n  severity info\n  when a\n  message \"{a b}\"\n}\n",
      ["t.rules:4:15 [unexpected-token] expected the end of the interpolation but found 'b'"]),
    DiagnosticCase(
      "'escalate' without 'to'",
      "rule x {\n  severity info\n  when a\n  escalate senior forum\n  message \"m\"\n}\n",
      [
        "t.rules:4:12 [unexpected-token] expected 'to' after 'escalate' but found 'senior' | hint: write "
          + "'escalate to senior forum'"
      ]),
    DiagnosticCase(
      "'escalate to' without a forum", "rule x {\n  severity info\n  when a\n  escalate to\n  message \"m\"\n}\n",
      ["t.rules:5:3 [unexpected-token] expected a forum name after 'escalate to' but found 'message'"]),
    DiagnosticCase(
      "message that is not a string", "rule x {\n  severity info\n  when a\n  message name\n}\n",
      ["t.rules:4:11 [unexpected-token] expected a message in double quotes but found 'name'"]),
    DiagnosticCase(
      "text outside a declaration", "severity info\n",
      [
        "t.rules:1:1 [unexpected-token] expected 'rule', 'const', 'schema', 'forum' or 'waive' but found "
          + "'severity' | hint: a rule file holds 'rule NAME { ... }', 'const NAME = VALUE', 'schema NAME { ... }', "
          + "'forum NAME level N' and 'waive RULE for ID { ... }' declarations"
      ]),
    DiagnosticCase(
      "constant without '='", "const limit £1\n", ["t.rules:1:13 [unexpected-token] expected '=' but found '£1'"]),
    DiagnosticCase(
      "constant without a value", "const limit =\n",
      ["t.rules:2:1 [unexpected-token] expected a value but found the end of the file"]),
  ])
  func diagnostics(_ testCase: DiagnosticCase) {
    #expect(parseFile(testCase.source).diagnostics == testCase.expected)
  }

  @Test(arguments: [
    ("", ["e:1:1 [unexpected-token] empty value"]),
    ("a ==", ["e:1:5 [unexpected-token] expected a value but found the end of the file"]),
    ("a b", ["e:1:3 [unexpected-token] expected the end of the value but found 'b'"]),
    ("f (x)", ["e:1:3 [unexpected-token] expected the end of the value but found '('"]),
    ("x is", ["e:1:5 [unexpected-token] expected 'missing' or 'present' after 'is' but found the end of the file"]),
    ("1.5 days", ["e:1:1 [invalid-number] a duration is a whole number of days or weeks"]),
    (
      "a == b == c",
      [
        "e:1:8 [unexpected-token] comparisons cannot be chained | hint: join two comparisons with 'and', "
          + "e.g. 'a < b and b == c'"
      ]
    ),
  ])
  func standaloneExpressionDiagnostics(source: String, expected: [String]) {
    #expect(parseExpression(source).diagnostics == expected)
  }

  @Test func equalsSignIsReportedButParsedAsComparison() throws {
    let (declarations, diagnostics) = parseFile(ruleSource(when: "overall = Red"))
    #expect(diagnostics.count == 1)
    #expect(rules(declarations).first?.condition.map(sexpr) == "(== overall Red)")
  }

  @Test func tenThousandNotsReportNestingOnceWithoutCrashing() throws {
    let (declarations, diagnostics) = parseFile(ruleSource(when: String(repeating: "not ", count: 10_000) + "a"))
    // The 129th 'not' is the first too deep: column 8 + 128 × 4.
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.hasPrefix("t.rules:3:520 [too-deeply-nested] \(Self.nested)") == true)
    let rule = try #require(rules(declarations).first)
    #expect(rule.condition == nil)
    #expect(rule.message != nil)
  }

  @Test func tenThousandMinusesReportNestingOnceWithoutCrashing() {
    let diagnostics = parseFile(ruleSource(when: String(repeating: "-", count: 10_000) + "a > 1")).diagnostics
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.hasPrefix("t.rules:3:136 [too-deeply-nested] \(Self.nested)") == true)
  }

  @Test func nestingJustBelowTheLimitParses() throws {
    // The 'when' expression is one level; each parenthesis adds one, so 127 pairs reach exactly 128.
    let depth = Parser.maximumDepth - 1
    let condition = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
    let (declarations, diagnostics) = parseFile(ruleSource(when: condition))
    #expect(diagnostics == [])
    #expect(rules(declarations).first?.condition.map(sexpr) == "a")
    let tooDeep = "(" + condition + ")"
    #expect(parseFile(ruleSource(when: tooDeep)).diagnostics.count == 1)
  }

  @Test func reportsEveryErrorInOneRun() {
    let source = """
      rule first {
        severity fatal
        when overall == Red
        message "m"
      }

      rule second {
        severity info
        when overall ! Red
        message "m"
      }

      rule Third {
        severity info
        when a < b < c
        message "m"
        message "again"
      }

      rule fourth {
        severity info
        when overall == Red
      }
      """
    let (declarations, diagnostics) = parseFile(source)
    // Lexer diagnostics come first, then the parser's in source order.
    #expect(
      diagnostics == [
        "t.rules:9:16 [unexpected-character] unexpected character '!' | hint: use 'not' to negate a condition",
        "t.rules:2:12 [unknown-severity] unknown severity 'fatal' | hint: use critical, error, warning or info",
        "t.rules:9:18 [unexpected-token] expected \(Self.clauses) but found 'Red'",
        "t.rules:13:6 [invalid-rule-id] rule id 'Third' is not kebab-case | hint: \(Self.kebabHint)",
        "t.rules:15:14 [unexpected-token] comparisons cannot be chained | hint: join two comparisons with 'and', "
          + "e.g. 'a < b and b < c'",
        "t.rules:17:3 [duplicate-clause] rule 'Third' has more than one 'message' | hint: the first is at line 16, "
          + "column 3",
        "t.rules:20:6 [missing-clause] rule 'fourth' has no 'message' | hint: \(Self.messageHint)",
      ])
    #expect(rules(declarations).map(\.id.value) == ["first", "second", "Third", "fourth"])
  }

  @Test func recoversToParseTheNextRule() throws {
    let source = """
      rule broken {
        severity info
        when overall == == Red
        message "m"
      }

      rule no-brace
        severity info

      rule good {
        severity warning
        when overall == Red
        message "{name}"
      }
      """
    let (declarations, diagnostics) = parseFile(source)
    #expect(
      diagnostics == [
        "t.rules:3:19 [unexpected-token] expected a value but found '=='",
        "t.rules:8:3 [unexpected-token] expected '{' to open the rule but found 'severity'",
      ])
    let parsed = rules(declarations)
    #expect(parsed.map(\.id.value) == ["broken", "good"])
    #expect(parsed[0].condition == nil)
    #expect(parsed[0].message != nil)
    let good = try #require(parsed.last)
    #expect(good.severity?.value == "warning")
    #expect(good.condition.map(sexpr) == "(== overall Red)")
  }

  @Test func unclosedRuleStillLetsTheNextOneParse() {
    let source = "rule x {\n  severity info\n  when a\nrule y {\n  severity info\n  when b\n  message \"m\"\n}\n"
    let (declarations, diagnostics) = parseFile(source)
    #expect(
      diagnostics == ["t.rules:1:1 [unexpected-token] rule 'x' is not closed | hint: add '}' after its last clause"])
    #expect(rules(declarations).map(\.id.value) == ["x", "y"])
    #expect(rules(declarations).last?.condition.map(sexpr) == "b")
  }

  // MARK: Regressions: each of these was a bug, described as it was, and is fixed

  @Test func everyDuplicateClausePointsAtTheFirst() {
    let source = "rule x {\n  severity info\n  when a\n  when b\n  when c\n  message \"m\"\n}\n"
    let diagnostics = parseFile(source).diagnostics
    #expect(diagnostics.count == 2)
    #expect(
      diagnostics.last
        == "t.rules:5:3 [duplicate-clause] rule 'x' has more than one 'when' | hint: the first is at line 3, column 3"
    )

  }

  @Test func chainedWordComparisonIsReportedAsChaining() {
    // 'a < b < c' is reported as chaining, but 'overall == Red in [Red]' ends the condition after
    // 'Red' and blames 'in' for not being a clause keyword.
    let diagnostics = parseFile(ruleSource(when: "overall == Red in [Red]")).diagnostics
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.contains("comparisons cannot be chained") == true)

  }

  @Test func incompleteInterpolationBlamesTheInterpolation() {
    // The hole ends at its '}', in the middle of the file, yet the message says the file ended.
    let diagnostics = parseFile("rule x {\n  severity info\n  when a\n  message \"{name ==} is late\"\n}\n")
      .diagnostics
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.hasPrefix("t.rules:4:20 [unexpected-token] expected a value but found ") == true)
    #expect(diagnostics.allSatisfy { !$0.contains("the end of the file") })

  }

  @Test func deepPrefixOperatorChainHasTheNestingHint() {
    // Nesting too deep through parentheses has a hint; through 'not' or '-' chains the same
    // diagnostic comes without it.
    let diagnostics = parseFile(ruleSource(when: String(repeating: "not ", count: 200) + "a")).diagnostics
    #expect(diagnostics == ["t.rules:3:520 [too-deeply-nested] \(Self.nested) | hint: \(Self.nestedHint)"])

  }

  @Test func oneLineRuleRecoveryKeepsLaterClauses() {
    // The language says line breaks do not matter (outside 'escalate to'), but after an error the
    // parser skips to a clause keyword that starts a line, so in a one-line rule the 'message'
    // after the error is skipped and then reported missing.
    let diagnostics = parseFile(#"rule x { severity info when a < b < c message "m" }"#).diagnostics
    #expect(diagnostics.count == 1)
    #expect(diagnostics.allSatisfy { !$0.contains("has no 'message'") })

  }
}
