import EscalateKit
import Testing

/// `path:line:column [id] message | hint: ...`, with `-` for a diagnostic without a location.
private func describe(_ diagnostic: Diagnostic) -> String {
  var text = "\(diagnostic.locationText ?? "-") [\(diagnostic.id.rawValue)] \(diagnostic.message)"
  if let hint = diagnostic.hint { text += " | hint: \(hint)" }
  return text
}

/// Parses and checks one rule file, `t.rules`.
private func check(
  _ source: String, schema: Schema = .workstream, overrides: [ParameterOverride] = []
) -> (ruleSet: RuleSet?, diagnostics: [String]) {
  let pack = RulePack(files: [SourceFile(path: "t.rules", text: source)])
  let (ruleSet, diagnostics) = pack.check(schema: schema, overrides: overrides)
  return (ruleSet, diagnostics.map(describe))
}

/// A rule whose condition is `condition`, on line 3 (after `lines` more lines) at column 8.
private func ruleSource(when condition: String, before lines: [String] = [], params: [String] = []) -> String {
  let params = params.map { "  param \($0)\n" }.joined()
  return lines.map { $0 + "\n" }.joined()
    + "rule x {\n  severity info\n\(params)  when \(condition)\n  message \"m\"\n}\n"
}

private func columnNames(_ indices: [Int], in schema: Schema = .workstream) -> [String] {
  indices.map { schema.columns[$0].name }
}

@Suite struct CheckerTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var source: String
    var expected: [String]

    init(_ name: String, _ source: String, _ expected: [String]) {
      testDescription = name
      self.source = source
      self.expected = expected
    }
  }

  static let noSuchColumn = "the workstream schema has no such column, and no constant or parameter has this name"
  static let ragSpelling = "RAG ratings are written Red, Amber, Green, Grey or N/A"
  static let ragQuotes = "write ratings without quotes: Red, Amber, Green, Grey or N/A"
  static let moneyHint = "write amounts with a pound sign, e.g. £250k, or scale with a percentage: budget * 105%"
  static let durationHint = "write a duration with its unit: 90 days"
  static let listHint = #"write a list in brackets, e.g. ["SCCB", "COG"]"#
  static let braceHint = #"write \{ for a literal brace"#
  static let notConstantHint = "constants and parameters are fixed values; use the column in a rule's 'when'"
  static let simpleRule = ruleSource(when: "overall == Red")

  @Test(arguments: [
    // Names.
    Case(
      "unknown column with a suggestion", ruleSource(when: "forcast > budget"),
      ["t.rules:3:8 [unknown-column] unknown column 'forcast' | hint: did you mean 'forecast'?"]),
    Case(
      "unknown column without a suggestion", ruleSource(when: "zzzzzz == Red"),
      ["t.rules:3:8 [unknown-column] unknown column 'zzzzzz' | hint: \(noSuchColumn)"]),
    Case(
      "unknown name near a constant",
      ruleSource(when: "escalated_to in senior_forum", before: [#"const senior_forums = ["A"]"#]),
      ["t.rules:4:24 [unknown-name] unknown name 'senior_forum' | hint: did you mean 'senior_forums'?"]),
    Case(
      "unknown name near a parameter",
      ruleSource(when: "forecast > budget * (1 + tolerence)", params: ["tolerance = 5%"]),
      ["t.rules:4:33 [unknown-name] unknown name 'tolerence' | hint: did you mean 'tolerance'?"]),
    Case(
      "RED in capitals", ruleSource(when: "overall == RED"),
      ["t.rules:3:19 [unknown-name] unknown name 'RED' | hint: \(ragSpelling); did you mean 'Red'?"]),
    Case(
      "red in lower case", ruleSource(when: "overall == red"),
      ["t.rules:3:19 [unknown-name] unknown name 'red' | hint: \(ragSpelling); did you mean 'Red'?"]),
    Case(
      "gray", ruleSource(when: "overall != gray"),
      ["t.rules:3:19 [unknown-name] unknown name 'gray' | hint: \(ragSpelling); did you mean 'Grey'?"]),
    // Functions.
    Case(
      "unknown function with a suggestion", ruleSource(when: "worstt(time) == Red"),
      ["t.rules:3:8 [unknown-function] unknown function 'worstt' | hint: did you mean 'worst'?"]),
    Case(
      "unknown function without a suggestion", ruleSource(when: "frobnicate(time) == Red"),
      [
        "t.rules:3:8 [unknown-function] unknown function 'frobnicate' | hint: the functions are all, any, best, "
          + "changed, contains, contains_any, count, ends_with, improved, lower, periods, previous, starts_with, upper, worsened, worst"
      ]),
    Case(
      "too few arguments", ruleSource(when: "contains(name)"),
      [
        "t.rules:3:8 [wrong-argument-count] contains(...) takes 2 arguments, but 1 was given | hint: "
          + "contains(Text, Text) -> Boolean"
      ]),
    Case(
      "too many arguments", ruleSource(when: #"lower(name, owner) == "x""#),
      [
        "t.rules:3:8 [wrong-argument-count] lower(...) takes 1 argument, but 2 were given | hint: lower(Text) -> Text"
      ]),
    Case(
      "worst of nothing", ruleSource(when: "worst() == Red"),
      [
        "t.rules:3:8 [wrong-argument-count] worst(...) needs at least one rating | hint: "
          + "worst(RAG or list of RAG, ...) -> RAG"
      ]),
    Case(
      "quantifier with two conditions", ruleSource(when: "count(dimensions == Red, time == Red) > 1"),
      [
        "t.rules:3:8 [wrong-argument-count] count(...) takes one condition, but 2 were given | hint: "
          + "e.g. count(dimensions == Amber)"
      ]),
    Case(
      "argument of the wrong type", ruleSource(when: "contains(name, 1)"),
      [
        "t.rules:3:23 [type-mismatch] argument 2 of contains(...) must be Text, but this is Number | hint: "
          + "contains(Text, Text) -> Boolean"
      ]),
    Case(
      "worst of money", ruleSource(when: "worst(budget) == Red"),
      [
        "t.rules:3:14 [type-mismatch] argument 1 of worst(...) must be RAG or a list of RAG, but this is Money | "
          + "hint: worst(RAG or list of RAG, ...) -> RAG"
      ]),
    // Comparisons.
    Case(
      "Money compared with RAG", ruleSource(when: "budget == Red"),
      ["t.rules:3:8 [type-mismatch] cannot compare Money with RAG"]),
    Case(
      "RAG compared with Text", ruleSource(when: #"overall == "Red""#),
      ["t.rules:3:8 [type-mismatch] cannot compare RAG with Text | hint: \(ragQuotes)"]),
    Case(
      "Money compared with Number", ruleSource(when: "budget > 1000"),
      ["t.rules:3:8 [type-mismatch] cannot compare Money with Number | hint: \(moneyHint)"]),
    Case(
      "Date compared with Number", ruleSource(when: "last_updated < 90"),
      ["t.rules:3:8 [type-mismatch] cannot compare Date with Number | hint: \(durationHint)"]),
    Case(
      "Date compared with Text", ruleSource(when: #"last_updated < "2024-10-01""#),
      ["t.rules:3:8 [type-mismatch] cannot compare Date with Text | hint: write dates without quotes: 2024-10-01"]),
    Case(
      "RAG ordered with '<'", ruleSource(when: "overall < Red"),
      [
        "t.rules:3:8 [type-mismatch] cannot order RAG values with '<' | hint: ratings are ordered with "
          + "'worse than' and 'better than'"
      ]),
    Case(
      "Text ordered with '>='", ruleSource(when: "name >= owner"),
      ["t.rules:3:8 [type-mismatch] cannot order Text values with '>='"]),
    Case(
      "'worse than' on Money", ruleSource(when: "budget worse than forecast"),
      ["t.rules:3:8 [type-mismatch] 'worse than' compares two RAG ratings, not Money and Money"]),
    Case(
      "'better than' on RAG and Text", ruleSource(when: "overall better than name"),
      ["t.rules:3:8 [type-mismatch] 'better than' compares two RAG ratings, not RAG and Text"]),
    Case(
      "'in' without a list", ruleSource(when: "overall in Red"),
      [
        "t.rules:3:8 [type-mismatch] 'in' needs a list on the right, but this is RAG | hint: \(listHint)"
      ]),
    Case(
      "'not in' without a list", ruleSource(when: "escalated_to not in name"),
      [
        "t.rules:3:8 [type-mismatch] 'not in' needs a list on the right, but this is Text | hint: \(listHint)"
      ]),
    Case(
      "Text in a list of RAG", ruleSource(when: #""Red" in [Red, Amber]"#),
      ["t.rules:3:8 [type-mismatch] cannot look for Text in a list of RAG | hint: \(ragQuotes)"]),
    Case(
      "group compared outside a quantifier", ruleSource(when: "dimensions == Red"),
      ["t.rules:3:8 [type-mismatch] cannot compare List of RAG with RAG"]),
    // Arithmetic and logic.
    Case(
      "Money plus Date", ruleSource(when: "budget + last_updated > £1"),
      ["t.rules:3:8 [type-mismatch] cannot add Money to Date"]),
    Case(
      "Date minus Number", ruleSource(when: "report_date - 90 > last_updated"),
      ["t.rules:3:8 [type-mismatch] cannot subtract Number from Date | hint: \(durationHint)"]),
    Case(
      "Date minus Money", ruleSource(when: "last_updated - budget > 90 days"),
      ["t.rules:3:8 [type-mismatch] cannot subtract Money from Date"]),
    Case(
      "Money divided by Date", ruleSource(when: "budget / last_updated > 1"),
      ["t.rules:3:8 [type-mismatch] cannot divide Date into Money"]),
    Case(
      "Money times Money", ruleSource(when: "budget * forecast > £1"),
      ["t.rules:3:8 [type-mismatch] cannot multiply Money by Money"]),
    Case(
      "'not' on Money", ruleSource(when: "not budget"),
      ["t.rules:3:12 [type-mismatch] 'not' needs a true/false condition, but this is Money"]),
    Case(
      "negated RAG", ruleSource(when: "-overall == Red"), ["t.rules:3:8 [type-mismatch] cannot negate RAG"]),
    Case(
      "'and' on values", ruleSource(when: "overall and budget"),
      ["t.rules:3:8 [type-mismatch] 'and' cannot join RAG and Money"]),
    Case(
      "'or' fallback of another type", ruleSource(when: #"(owner or 1) == "x""#),
      [
        "t.rules:3:8 [type-mismatch] 'or' cannot join Text and Number | hint: 'or' joins two conditions, "
          + #"or gives a fallback of the same type: 'owner or "nobody"'"#
      ]),
    Case(
      "condition that is not Boolean", ruleSource(when: "budget"),
      [
        "t.rules:3:8 [type-mismatch] the condition of rule 'x' is Money, not a true/false test | hint: "
          + "compare it with something, e.g. 'budget > £0'"
      ]),
    Case(
      "list of two types", ruleSource(when: #"overall in [Red, "Amber"]"#),
      ["t.rules:3:25 [type-mismatch] a list holds values of one type, but this is Text after RAG"]),
    Case(
      "list of lists", ruleSource(when: "overall in [[Red]]"),
      ["t.rules:3:20 [type-mismatch] a list cannot hold lists"]),
    Case(
      "interpolation outside a message", ruleSource(when: #""{name}" == name"#),
      [
        "t.rules:3:8 [misplaced-interpolation] only a message can interpolate values | hint: \(braceHint)"
      ]),
    Case(
      "error in a message interpolation", "rule x {\n  severity info\n  when overall == Red\n  message \"{nme}\"\n}\n",
      ["t.rules:4:13 [unknown-column] unknown column 'nme' | hint: did you mean 'name'?"]),
    // Declarations.
    Case(
      "duplicate rule id", simpleRule + simpleRule,
      ["t.rules:6:6 [duplicate-rule-id] duplicate rule id 'x' | hint: already used at t.rules:1:6"]),
    Case(
      "duplicate constant", ruleSource(when: "overall == Red", before: ["const a = 1", "const a = 2"]),
      ["t.rules:2:7 [duplicate-name] constant 'a' is declared twice | hint: first declared at t.rules:1:7"]),
    Case(
      "constant with a column's name", ruleSource(when: "overall == Red", before: ["const budget = £1"]),
      [
        "t.rules:1:7 [duplicate-name] constant 'budget' has the name of a column | hint: choose another name, "
          + "so 'budget' keeps its meaning in every rule"
      ]),
    Case(
      "constant with a group's name", ruleSource(when: "overall == Red", before: ["const dimensions = [Red]"]),
      [
        "t.rules:1:7 [duplicate-name] constant 'dimensions' has the name of a column | hint: choose another name, "
          + "so 'dimensions' keeps its meaning in every rule"
      ]),
    Case(
      "constant cycle a -> b -> a", ruleSource(when: "a == 1", before: ["const a = b", "const b = a"]),
      [
        "t.rules:2:11 [const-cycle] constant 'a' is defined in terms of itself | hint: a constant cannot use "
          + "itself, directly or through other constants"
      ]),
    Case(
      "constant defined by itself", ruleSource(when: "a > 1", before: ["const a = a + 1"]),
      [
        "t.rules:1:11 [const-cycle] constant 'a' is defined in terms of itself | hint: a constant cannot use "
          + "itself, directly or through other constants"
      ]),
    Case(
      "constant reading a column", ruleSource(when: "overall == Red", before: ["const c = budget * 2"]),
      ["t.rules:1:11 [not-constant] a constant or parameter cannot read the column 'budget' | hint: \(notConstantHint)"]
    ),
    Case(
      "constant reading a group", ruleSource(when: "overall == Red", before: ["const c = dimensions"]),
      [
        "t.rules:1:11 [not-constant] a constant or parameter cannot read the column 'dimensions' | hint: "
          + notConstantHint
      ]),
    Case(
      "parameter default reading a column", ruleSource(when: "forecast > budget", params: ["p = forecast"]),
      [
        "t.rules:3:13 [not-constant] a constant or parameter cannot read the column 'forecast' | hint: "
          + notConstantHint
      ]),
    Case(
      "duplicate parameter", ruleSource(when: "forecast > p", params: ["p = £1", "p = £2"]),
      ["t.rules:4:9 [duplicate-name] parameter 'p' is declared twice in rule 'x'"]),
    // Quantifiers.
    Case(
      "count() with no group", ruleSource(when: "count(overall == Red) > 1"),
      [
        "t.rules:3:14 [misplaced-group] count(...) needs a condition over a column group such as 'dimensions' | "
          + "hint: e.g. count(dimensions == Red)"
      ]),
    Case(
      "count() inside count()", ruleSource(when: "count(count(dimensions == Red) > 1) > 0"),
      ["t.rules:3:14 [misplaced-group] count(...) cannot be used inside count(...)"]),
    Case(
      "any() inside all()", ruleSource(when: "all(any(dimensions == Red))"),
      ["t.rules:3:12 [misplaced-group] any(...) cannot be used inside all(...)"]),
    Case(
      "quantifier over a non-Boolean", ruleSource(when: "any(dimensions)"),
      ["t.rules:3:12 [type-mismatch] any(...) needs a true/false condition, but this is RAG"]),
  ])
  func diagnostics(_ testCase: Case) {
    let (ruleSet, diagnostics) = check(testCase.source)
    #expect(diagnostics == testCase.expected)
    #expect(ruleSet == nil)
  }

  @Test func quantifierOverTwoGroupsIsImpossible() {
    var schema = Schema.workstream
    var ratings = schema.groups[0]
    ratings.name = "ratings"
    ratings.members = [schema.column(named: "overall")!, schema.column(named: "prev_overall")!]
    schema.groups.append(ratings)
    let (ruleSet, diagnostics) = check(ruleSource(when: "count(dimensions == ratings) > 1"), schema: schema)
    #expect(
      diagnostics == [
        "t.rules:3:28 [misplaced-group] count(...) can range over one group, but this uses 'dimensions' and 'ratings'"
      ])
    #expect(ruleSet == nil)
    // One group at a time is fine.
    #expect(check(ruleSource(when: "any(ratings == Red)"), schema: schema).diagnostics == [])
  }

  @Test func validRulesCheckCleanly() throws {
    let source = ruleSource(
      when: "escalated_to not in forums and (owner or \"nobody\") != \"x\" and last_updated < report_date - limit",
      before: [#"const forums = ["SCCB", "COG"]"#], params: ["limit = 90 days"])
    let (ruleSet, diagnostics) = check(source)
    #expect(diagnostics == [])
    let rule = try #require(ruleSet?.rules.first)
    #expect(rule.id == "x")
    #expect(rule.severity == .info)
    #expect(rule.condition.type == .bool)
    #expect(columnNames(rule.evidenceColumns) == ["escalated_to", "owner", "last_updated"])
  }

  @Test func parseAndCheckErrorsAreReportedTogetherInSourceOrder() {
    let source = """
      rule a {
        severity info
        when forcast > budget
        message "m"
      }

      rule b {
        severity fatal
        when overall == Red
        message "m"
      }

      rule c {
        severity info
        when overall == "Red"
        message "m"
      }
      """
    let (ruleSet, diagnostics) = check(source)
    #expect(
      diagnostics == [
        "t.rules:3:8 [unknown-column] unknown column 'forcast' | hint: did you mean 'forecast'?",
        "t.rules:8:12 [unknown-severity] unknown severity 'fatal' | hint: use critical, error, warning or info",
        "t.rules:15:8 [type-mismatch] cannot compare RAG with Text | hint: \(Self.ragQuotes)",
      ])
    #expect(ruleSet == nil)
  }

  @Test func emptyPackIsAnError() {
    #expect(check("# nothing here\n").diagnostics == ["- [empty-pack] the rule pack declares no rules"])
  }

  // MARK: Parameter overrides

  struct OverrideCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var override: ParameterOverride
    var expected: [String]

    init(_ name: String, _ rule: String, _ parameter: String, _ value: String, _ expected: [String]) {
      testDescription = name
      override = ParameterOverride(rule: rule, name: parameter, value: value)
      self.expected = expected
    }
  }

  @Test(arguments: [
    OverrideCase(
      "unknown rule", "forecast-overspnd", "tolerance", "10%",
      [
        "- [unknown-parameter] --param names unknown rule 'forecast-overspnd' | hint: did you mean "
          + "'forecast-overspend'?"
      ]),
    OverrideCase(
      "unknown rule without a suggestion", "nothing-like-it", "tolerance", "10%",
      ["- [unknown-parameter] --param names unknown rule 'nothing-like-it'"]),
    OverrideCase(
      "misspelt parameter", "forecast-overspend", "tolerence", "10%",
      [
        "- [unknown-parameter] rule 'forecast-overspend' has no parameter 'tolerence' | hint: did you mean 'tolerance'?"
      ]),
    OverrideCase(
      "unknown parameter", "forecast-overspend", "limit", "10%",
      [
        "- [unknown-parameter] rule 'forecast-overspend' has no parameter 'limit' | hint: its parameters are "
          + "tolerance"
      ]),
    OverrideCase(
      "rule without parameters", "missing-narrative", "limit", "1",
      [
        "- [unknown-parameter] rule 'missing-narrative' has no parameter 'limit' | hint: rule 'missing-narrative' "
          + "has no parameters"
      ]),
    OverrideCase(
      "Number for a Percent parameter", "forecast-overspend", "tolerance", "10",
      [
        "--param forecast-overspend.tolerance:1:1 [invalid-parameter-value] parameter 'forecast-overspend.tolerance' "
          + "is Percent, but '10' is Number | hint: write it like the default, '5%'"
      ]),
    OverrideCase(
      "Number for a Duration parameter", "stale-update", "max_age", "30",
      [
        "--param stale-update.max_age:1:1 [invalid-parameter-value] parameter 'stale-update.max_age' is Duration, "
          + "but '30' is Number | hint: write it like the default, '90 days'"
      ]),
    OverrideCase(
      "value that does not lex", "forecast-overspend", "tolerance", "10%%",
      ["--param forecast-overspend.tolerance:1:4 [unexpected-character] unexpected character '%'"]),
    OverrideCase(
      "empty value", "forecast-overspend", "tolerance", "",
      ["--param forecast-overspend.tolerance:1:1 [unexpected-token] empty value"]),
    OverrideCase(
      "value reading a column", "forecast-overspend", "tolerance", "budget",
      [
        "--param forecast-overspend.tolerance:1:1 [not-constant] a constant or parameter cannot read the column "
          + "'budget' | hint: \(notConstantHint)"
      ]),
  ])
  func overrideDiagnostics(_ testCase: OverrideCase) {
    let (ruleSet, diagnostics) = RulePack.builtIn.check(overrides: [testCase.override])
    #expect(diagnostics.map(describe) == testCase.expected)
    #expect(ruleSet == nil)
  }

  @Test(arguments: [
    ("forecast-overspend.tolerance", "10%", "0.1"),
    ("forecast-overspend.tolerance", "12.5%", "0.125"),
    ("ambers-under-green.threshold", "4", "4"),
    ("stale-update.max_age", "2 weeks", "14"),
  ])
  func validOverrideChangesTheValue(key: String, value: String, expected: String) throws {
    let override = try #require(ParameterOverride(argument: key + "=" + value))
    let (ruleSet, diagnostics) = RulePack.builtIn.check(overrides: [override])
    #expect(diagnostics.map(describe) == [])
    let rule = try #require(ruleSet?.rules.first { $0.id == override.rule })
    let parameter = try #require(rule.parameters.first { $0.name == override.name })
    guard case .constant(let constant) = parameter.value.kind else {
      Issue.record("the parameter's value is not a constant")
      return
    }
    #expect(constant == .number(try #require(ExactDecimal(expected))))
    #expect(parameter.value.range.file.path == "--param \(key)")
  }

  @Test func overrideKeepsTheParameterType() throws {
    let override = ParameterOverride(rule: "forecast-overspend", name: "tolerance", value: "10%")
    let rule = try #require(
      RulePack.builtIn.check(overrides: [override]).ruleSet?.rules.first { $0.id == override.rule })
    #expect(rule.parameters.map(\.name) == ["tolerance"])
    #expect(rule.parameters.map(\.type) == [.percent])
    let defaults = try #require(RulePack.builtIn.check().ruleSet?.rules.first { $0.id == override.rule })
    guard case .constant(let value) = defaults.parameters.first?.value.kind else {
      Issue.record("the default is not a constant")
      return
    }
    #expect(value == .number(ExactDecimal("0.05")!))
  }

  @Test(arguments: [
    (
      "forecast-overspend.tolerance=10%", ParameterOverride(rule: "forecast-overspend", name: "tolerance", value: "10%")
    ),
    ("a.b.c=x=y", ParameterOverride(rule: "a.b", name: "c", value: "x=y")),
    ("r.n=", ParameterOverride(rule: "r", name: "n", value: "")),
  ])
  func overrideArguments(argument: String, expected: ParameterOverride) {
    #expect(ParameterOverride(argument: argument) == expected)
  }

  @Test(arguments: ["tolerance=10%", ".tolerance=1", "rule.=1", "rule.tolerance", ""])
  func malformedOverrideArguments(argument: String) {
    #expect(ParameterOverride(argument: argument) == nil)
  }

  // MARK: The default pack

  @Test func defaultPackChecksCleanly() throws {
    let (ruleSet, diagnostics) = RulePack.builtIn.check()
    #expect(diagnostics.map(describe) == [])
    let rules = try #require(ruleSet?.rules)
    #expect(rules.count == 12)
    #expect(
      rules.map(\.id) == [
        "stale-update", "grey-overdue", "missing-narrative", "missing-rating", "red-needs-senior-forum",
        "rag-worsened", "dimension-worsened", "red-dimension-under-green", "ambers-under-green",
        "benefits-below-target",
        "forecast-overspend", "savings-shortfall",
      ])
  }

  @Test func columnsOfRedNeedsSeniorForum() throws {
    var ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let rule = try #require(ruleSet.rules.first { $0.id == "red-needs-senior-forum" })
    #expect(columnNames(rule.evidenceColumns) == ["overall", "escalated_to"])
    #expect(columnNames(rule.condition.columns) == ["overall", "escalated_to"])
    #expect(rule.forum == "senior forum")
    #expect(rule.severity == .critical)
    // usedColumns also counts the columns the message reads, so it is a sorted superset.
    ruleSet.rules = [rule]
    let used = ruleSet.usedColumns
    #expect(used == used.sorted())
    #expect(Set(used).isSuperset(of: rule.evidenceColumns))
    #expect(columnNames(used).contains("escalated_to"))
  }

  @Test(arguments: [
    (#"{escalated_to or "nobody"}"#, ["overall", "escalated_to"]),
    ("m", ["overall", "escalated_to"]),
    ("{name} ({id})", ["id", "name", "overall", "escalated_to"]),
    ("{narrative} {escalated_to}", ["overall", "escalated_to", "narrative"]),
  ])
  func usedColumnsAreTheConditionsAndTheMessagesInSchemaOrder(message: String, expected: [String]) throws {
    let source = """
      const senior_forums = ["SCCB", "COG", "JCOG", "OEPC"]
      rule red-needs-senior-forum {
        severity critical
        when overall == Red and escalated_to not in senior_forums
        message "\(message)"
      }
      """
    let ruleSet = try #require(check(source).ruleSet)
    #expect(columnNames(ruleSet.rules[0].evidenceColumns) == ["overall", "escalated_to"])
    #expect(columnNames(ruleSet.usedColumns) == expected)
  }

  @Test func groupsExpandInEvidenceColumns() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let rule = try #require(ruleSet.rules.first { $0.id == "ambers-under-green" })
    #expect(columnNames(rule.evidenceColumns) == ["overall", "time", "cost", "savings", "benefits"])
  }

  // MARK: Regressions: each of these was a bug, described as it was, and is fixed

  @Test func failedParameterDefaultIsReportedOnce() {
    // A constant that fails to check keeps its name so uses are not reported again; a parameter
    // does not, so every use is also reported as an unknown column with a wrong hint.
    let diagnostics = check(ruleSource(when: "forecast > p", params: ["p = forecast"])).diagnostics
    #expect(
      diagnostics == [
        "t.rules:3:13 [not-constant] a constant or parameter cannot read the column 'forecast' | hint: "
          + Self.notConstantHint
      ])

  }

  @Test func brokenOnlyRuleIsNotAnEmptyPack() {
    // The pack does declare a rule; it just has a syntax error, which is already reported.
    let diagnostics = check(ruleSource(when: "overall == ")).diagnostics
    #expect(diagnostics == ["t.rules:4:3 [unexpected-token] expected a value but found 'message'"])

  }

  @Test func suggestionPrefersTheClosestName() {
    // 'timer_' is one edit from the parameter 'timer' and two from the column 'time'.
    let diagnostics = check(ruleSource(when: "timer_ == 1", params: ["timer = 1"])).diagnostics
    #expect(diagnostics == ["t.rules:4:8 [unknown-name] unknown name 'timer_' | hint: did you mean 'timer'?"])

  }

  @Test(arguments: [
    ruleSource(when: "overall == Red", before: ["const Red = Amber"]),
    ruleSource(when: "last_updated < report_date", before: ["const report_date = 2024-01-01"]),
    ruleSource(when: "overall == Green", params: ["Green = Red"]),
    ruleSource(when: "true", before: ["const true = false"]),
  ])
  func constantsAndParametersCannotShadowBuiltInNames(source: String) {
    // 'const Red = Amber' silently makes every 'Red' in the pack mean Amber.
    let diagnostics = check(source).diagnostics
    #expect(diagnostics.count == 1)

  }

  @Test func emptyListOverridesAListParameter() {
    let source = ruleSource(when: "escalated_to in forums", params: [#"forums = ["A"]"#])
    let override = ParameterOverride(rule: "x", name: "forums", value: "[]")
    let diagnostics = check(source, overrides: [override]).diagnostics
    #expect(diagnostics == [])

  }
}
