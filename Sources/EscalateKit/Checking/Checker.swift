/// Resolves and type-checks parsed rule files against a schema, producing a ``RuleSet``.
///
/// Like the parser, the checker reports every error it finds rather than stopping at the first;
/// an expression with an error checks to nil so one mistake does not cascade into several.
public struct Checker {
  let schema: Schema
  let forums: Forums
  var diagnostics: [Diagnostic] = []
  var consts: [String: ConstSlot] = [:]
  /// The group bound by the quantifier being checked, if inside one.
  var quantifier: QuantifierBinding?

  struct ConstSlot {
    var decl: ConstDecl
    var file: SourceFile
    var state: State
    enum State {
      case unchecked, checking
      case checked(CheckedExpr?)
    }
  }

  struct QuantifierBinding {
    var name: String
    var group: Schema.Group?
  }

  /// Checks a pack's files and applies command-line parameter overrides.
  ///
  /// Returns a rule set only when there are no errors.
  public static func check(
    _ files: [RuleFileSyntax], schema: Schema = .workstream, overrides: [ParameterOverride] = []
  ) -> (ruleSet: RuleSet?, diagnostics: [Diagnostic]) {
    var builder = SchemaBuilder()
    var forumBuilder = ForumBuilder()
    var checker = Checker(schema: builder.build(files, base: schema), forums: forumBuilder.build(files))
    checker.diagnostics = builder.diagnostics + forumBuilder.diagnostics
    checker.collectConsts(files)
    for name in checker.consts.keys.sorted() { _ = checker.checkConst(name) }
    var rules: [CheckedRule] = []
    var seenRules: [String: SourceRange] = [:]
    var pending = overrides
    for file in files {
      for case .rule(let decl) in file.declarations {
        let range = SourceRange(file: file.file, bytes: decl.id.range)
        if let first = seenRules[decl.id.value] {
          let (line, column) = first.start
          checker.diagnostics.append(
            Diagnostic(
              .duplicateRuleID, "duplicate rule id '\(decl.id.value)'", at: range,
              hint: "already used at \(first.file.path):\(line):\(column)"))
        }
        seenRules[decl.id.value] = seenRules[decl.id.value] ?? range
        let mine = pending.filter { $0.rule == decl.id.value }
        pending.removeAll { $0.rule == decl.id.value }
        if let rule = checker.checkRule(decl, in: file.file, overrides: mine) { rules.append(rule) }
      }
    }
    checker.checkSuppressions(files, known: Set(seenRules.keys))
    let (waivers, waiverDiagnostics) = WaiverChecker.check(
      files, knownRules: Set(seenRules.keys).union(RuleSet.engineRules))
    checker.diagnostics += waiverDiagnostics
    for override in pending {
      let hint = Suggestion.hint(for: override.rule, in: seenRules.keys.sorted())
      checker.diagnostics.append(
        Diagnostic(.unknownParameter, "--param names unknown rule '\(override.rule)'", at: nil, hint: hint))
    }
    if rules.isEmpty && !checker.diagnostics.hasErrors {
      checker.diagnostics.append(Diagnostic(.emptyPack, "the rule pack declares no rules", at: nil))
    }
    let diagnostics = checker.diagnostics.sortedByLocation()
    let ruleSet = RuleSet(schema: checker.schema, rules: rules, forums: checker.forums, waivers: waivers)
    return (diagnostics.hasErrors ? nil : ruleSet, diagnostics)
  }

  mutating func report(
    _ id: DiagnosticID, _ message: String, _ file: SourceFile, _ range: Range<Int>, hint: String? = nil
  ) {
    diagnostics.append(Diagnostic(id, message, at: SourceRange(file: file, bytes: range), hint: hint))
  }

  // MARK: Constants

  mutating func collectConsts(_ files: [RuleFileSyntax]) {
    for file in files {
      for case .const(let decl) in file.declarations {
        let name = decl.name.value
        if let first = consts[name] {
          let (line, column) = first.file.location(of: first.decl.name.range.lowerBound)
          report(
            .duplicateName, "constant '\(name)' is declared twice", file.file, decl.name.range,
            hint: "first declared at \(first.file.path):\(line):\(column)")
        } else if reserveName(name, at: decl.name.range, in: file.file, kind: "constant") {
          consts[name] = ConstSlot(decl: decl, file: file.file, state: .unchecked)
        }
      }
    }
  }

  /// Reports a constant or parameter that would hide a column, a group or a built-in name
  /// (`Red`, `true`, `report_date`): `const Red = Amber` would silently change every rule.
  mutating func reserveName(_ name: String, at range: Range<Int>, in file: SourceFile, kind: String) -> Bool {
    let what: String
    if schema.column(named: name) != nil || schema.group(named: name) != nil {
      what = "a column"
    } else if RAG(literal: name) != nil || ["true", "false", "report_date"].contains(name) {
      what = "a built-in value"
    } else {
      return true
    }
    report(
      .duplicateName, "\(kind) '\(name)' has the name of \(what)", file, range,
      hint: "choose another name, so '\(name)' keeps its meaning in every rule")
    return false
  }

  /// Checks a constant the first time it is needed; a constant that needs itself is a cycle.
  mutating func checkConst(_ name: String, usedAt use: (SourceFile, Range<Int>)? = nil) -> CheckedExpr? {
    guard let slot = consts[name] else { return nil }
    switch slot.state {
    case .checked(let value):
      return value
    case .checking:
      let (file, range) = use ?? (slot.file, slot.decl.name.range)
      report(
        .constCycle, "constant '\(name)' is defined in terms of itself", file, range,
        hint: "a constant cannot use itself, directly or through other constants")
      return nil
    case .unchecked:
      consts[name]?.state = .checking
      let scope = Scope(file: slot.file, params: [:], columnsAllowed: false)
      let value = slot.decl.value.flatMap { check($0, in: scope) }
      consts[name]?.state = .checked(value)
      return value
    }
  }

  // MARK: Rules

  mutating func checkRule(_ decl: RuleDecl, in file: SourceFile, overrides: [ParameterOverride]) -> CheckedRule? {
    let errorsBefore = diagnostics.count
    var params: [String: CheckedExpr?] = [:]
    var parameters: [CheckedParameter] = []
    for param in decl.params {
      let name = param.name.value
      if params[name] != nil {
        report(
          .duplicateName, "parameter '\(name)' is declared twice in rule '\(decl.id.value)'", file, param.name.range)
        continue
      }
      guard reserveName(name, at: param.name.range, in: file, kind: "parameter"),
        var value = check(param.value, in: Scope(file: file, params: [:], columnsAllowed: false))
      else {
        // Kept as a name without a value, so its uses are not reported as unknown names too.
        params[name] = .some(nil)
        continue
      }
      if let override = overrides.first(where: { $0.name == name }),
        let replaced = checkOverride(override, against: value)
      {
        value = replaced
      }
      params[name] = value
      parameters.append(CheckedParameter(name: name, type: value.type, value: value))
    }
    for override in overrides where !decl.params.contains(where: { $0.name.value == override.name }) {
      let names = decl.params.map(\.name.value)
      let hint =
        Suggestion.hint(for: override.name, in: names)
        ?? (names.isEmpty
          ? "rule '\(decl.id.value)' has no parameters" : "its parameters are \(names.joined(separator: ", "))")
      diagnostics.append(
        Diagnostic(
          .unknownParameter, "rule '\(decl.id.value)' has no parameter '\(override.name)'", at: nil, hint: hint))
    }
    var scope = Scope(file: file, params: params, columnsAllowed: true)
    if let groupBy = decl.groupBy {
      guard let column = schema.column(named: groupBy.value) else {
        report(
          .unknownColumn, "unknown column '\(groupBy.value)'", file, groupBy.range,
          hint: Suggestion.hint(for: groupBy.value, in: schema.columns.map(\.name)))
        return nil
      }
      scope.groupColumn = column
    }
    var condition: CheckedExpr?
    if let when = decl.condition, let checked = check(when, in: scope) {
      if checked.type == .bool {
        condition = checked
      } else {
        report(
          .typeMismatch, "the condition of rule '\(decl.id.value)' is \(checked.type), not a true/false test",
          file, when.range, hint: "compare it with something, e.g. 'budget > £0'")
      }
    }
    var message: [MessagePart] = []
    for part in decl.message?.value.parts ?? [] {
      switch part {
      case .text(let text): message.append(.text(text))
      case .expression(let expr): if let checked = check(expr, in: scope) { message.append(.value(checked)) }
      }
    }
    guard diagnostics.count == errorsBefore, let condition, let severityWord = decl.severity,
      let severity = Severity(rawValue: severityWord.value)
    else { return nil }
    return CheckedRule(
      id: decl.id.value, severity: severity, description: decl.description?.value, tags: decl.tags.map(\.value),
      groupBy: scope.groupColumn, escalation: checkEscalation(decl.escalation, in: file),
      suppresses: decl.suppresses.map(\.value), condition: condition, message: message, parameters: parameters,
      evidenceColumns: condition.columns,
      evidence: scope.groupColumn.map { condition.portfolioEvidence(schema, groupBy: $0) }
        ?? condition.evidence(schema),
      range: SourceRange(file: file, bytes: decl.range))
  }

  /// The rule's escalation steps; with declared forums, each must name a forum or group.
  mutating func checkEscalation(_ steps: [EscalationStep], in file: SourceFile) -> [CheckedRule.Step] {
    if forums.isDeclared {
      for step in steps where forums.resolve(step.forum.value) == nil {
        report(
          .unknownForum, "unknown forum '\(step.forum.value)'", file, step.forum.range,
          hint: Suggestion.hint(for: step.forum.value, in: forums.names)
            ?? "the forums are \(forums.names.joined(separator: ", "))")
      }
    }
    return steps.map { CheckedRule.Step(afterPeriods: $0.afterPeriods, forum: $0.forum.value) }
  }

  /// A rule may only suppress rules the pack has, and never itself, directly or in a cycle:
  /// then no alert of the cycle could outrank the others.
  mutating func checkSuppressions(_ files: [RuleFileSyntax], known: Set<String>) {
    var edges: [String: [String]] = [:]
    for file in files {
      for case .rule(let decl) in file.declarations {
        edges[decl.id.value, default: []] += decl.suppresses.map(\.value)
        for id in decl.suppresses where !known.contains(id.value) {
          report(
            .unknownRule, "rule '\(decl.id.value)' suppresses unknown rule '\(id.value)'", file.file, id.range,
            hint: Suggestion.hint(for: id.value, in: known.sorted()))
        }
      }
    }
    for file in files {
      for case .rule(let decl) in file.declarations {
        for id in decl.suppresses where reaches(id.value, decl.id.value, edges) {
          let cycle = id.value == decl.id.value ? "itself" : "'\(id.value)', which in turn suppresses it"
          report(
            .suppressionCycle, "rule '\(decl.id.value)' suppresses \(cycle)", file.file, id.range,
            hint: "suppression must go one way, from the alert that matters more")
        }
      }
    }
  }

  /// Whether `start` suppresses `target`, directly or through other rules.
  private func reaches(_ start: String, _ target: String, _ edges: [String: [String]]) -> Bool {
    var seen: Set<String> = []
    var pending = [start]
    while let next = pending.popLast() {
      if next == target { return true }
      guard seen.insert(next).inserted else { continue }
      pending += edges[next] ?? []
    }
    return false
  }

  /// Parses and checks a `--param` value; it must have the type of the parameter's default.
  mutating func checkOverride(_ override: ParameterOverride, against original: CheckedExpr) -> CheckedExpr? {
    let file = SourceFile(path: "--param \(override.rule).\(override.name)", text: override.value)
    let (expr, parseDiagnostics) = Parser.parseExpression(file)
    diagnostics += parseDiagnostics
    guard let expr, let value = check(expr, in: Scope(file: file, params: [:], columnsAllowed: false)) else {
      return nil
    }
    guard value.type == original.type || (value.type.isList && value.type.isCompatible(with: original.type)) else {
      report(
        .invalidParameterValue,
        "parameter '\(override.rule).\(override.name)' is \(original.type), but '\(override.value)' is \(value.type)",
        file, expr.range, hint: "write it like the default, '\(original.range.file.text(original.range.bytes))'")
      return nil
    }
    return value
  }
}

/// A `--param RULE.NAME=VALUE` given on the command line.
public struct ParameterOverride: Sendable, Equatable {
  /// The id of the rule whose parameter is set.
  public var rule: String
  /// The parameter's name.
  public var name: String
  /// The value as typed, parsed as an expression that must have the parameter's type.
  public var value: String

  /// Creates an override.
  public init(rule: String, name: String, value: String) {
    self.rule = rule
    self.name = name
    self.value = value
  }

  /// Reads `RULE.NAME=VALUE`; nil when the text does not have that shape.
  public init?(argument: String) {
    guard let equals = argument.firstIndex(of: "=") else { return nil }
    let key = argument[..<equals]
    guard let dot = key.lastIndex(of: "."), dot != key.startIndex, key.index(after: dot) != key.endIndex else {
      return nil
    }
    self.init(
      rule: String(key[..<dot]), name: String(key[key.index(after: dot)...]),
      value: String(argument[argument.index(after: equals)...]))
  }
}
