/// `escalate rules` and `escalate explain`: a pack's rules documented at the command line, and
/// one alert (or its absence) explained.
public enum ExplainCommand {
  /// Every rule of the pack: id, severity, forum and the first sentence of its description.
  public static func list(rulesPath: String?) -> CommandResult {
    switch CheckCommand.loadRuleSet(rulesPath) {
    case .failure(let failed): return failed.result
    case .success(let (ruleSet, diagnostics)):
      let idWidth = ruleSet.rules.map(\.id.count).max() ?? 0
      let forumWidth = ruleSet.rules.map { ($0.forum ?? "-").count }.max() ?? 0
      var text = ""
      for rule in ruleSet.rules {
        let forum = (rule.forum ?? "-").padding(to: forumWidth)
        let scope = rule.groupBy.map { " (for each \(ruleSet.schema.columns[$0].name))" } ?? ""
        text +=
          "\(rule.id.padding(to: idWidth))  \(rule.severity.rawValue.padding(to: 8))  \(forum)  "
          + "\(firstSentence(rule.description ?? ""))\(scope)\n"
      }
      return CommandResult(output: text, diagnostics: diagnostics, exitCode: 0)
    }
  }

  /// What `rule` checks and where its alerts go; with `id` and data, why it did or did not
  /// fire on that workstream's latest record.
  public static func explain(rule id: String, options: CheckOptions, workstream: String?) -> CommandResult {
    let (ruleSet, diagnostics): (RuleSet, [Diagnostic])
    switch CheckCommand.loadRuleSet(options.rulesPath, overrides: options.overrides) {
    case .failure(let failed): return failed.result
    case .success(let loaded): (ruleSet, diagnostics) = loaded
    }
    guard let rule = ruleSet.rules.first(where: { $0.id == id }) else {
      let hint = Suggestion.hint(for: id, in: ruleSet.rules.map(\.id))
      return CheckCommand.failure(
        diagnostics + [Diagnostic(.unknownRule, "the pack has no rule '\(id)'", at: nil, hint: hint)])
    }
    var text = describe(rule, in: ruleSet)
    text += example(of: rule.id, rulesPath: options.rulesPath)
    if let workstream {
      let compiled = Compiler.compile(ruleSet, reportDate: options.reportDate)
      let check = Check(rules: compiled, options: options.data)
      let (found, problems) = check.latest(of: workstream, paths: options.dataPaths)
      guard !problems.hasErrors else { return CheckCommand.failure(diagnostics + problems) }
      guard let cursor = found else {
        return CheckCommand.failure(
          diagnostics + [Diagnostic(.unknownName, "no record has id '\(workstream)'", at: nil)])
      }
      text += "\n" + explain(rule, at: cursor, check: check, ruleSet: ruleSet, reportDate: options.reportDate)
    }
    return CommandResult(output: TerminalEscaping.escape(text), diagnostics: diagnostics, exitCode: 0)
  }

  private static func describe(_ rule: CheckedRule, in ruleSet: RuleSet) -> String {
    let (line, _) = rule.range.start
    var text = "\(rule.id) (\(rule.severity.rawValue)), \(rule.range.file.path):\(line)\n"
    if let description = rule.description { text += "  \(description)\n" }
    text += "\n"
    var fields: [(String, String)] = []
    if let column = rule.groupBy { fields.append(("for each", ruleSet.schema.columns[column].name)) }
    fields.append(("when", rule.condition.range.file.text(rule.condition.range.bytes)))
    let ladder = rule.escalation.enumerated().map { index, step in
      index == 0 ? step.forum : "after \(step.afterPeriods) periods to \(step.forum)"
    }
    fields.append(("escalate to", ladder.isEmpty ? "the default forum" : ladder.joined(separator: "; ")))
    if !rule.suppresses.isEmpty { fields.append(("suppresses", rule.suppresses.joined(separator: ", "))) }
    for parameter in rule.parameters {
      let value = parameter.value.range.file.text(parameter.value.range.bytes)
      fields.append(("param", "\(parameter.name) = \(value)"))
    }
    if !rule.tags.isEmpty { fields.append(("tags", rule.tags.joined(separator: ", "))) }
    let width = fields.map(\.0.count).max() ?? 0
    for (name, value) in fields { text += "  \(name.padding(to: width))  \(value)\n" }
    return text
  }

  private static func explain(
    _ rule: CheckedRule, at cursor: Cursor, check: Check, ruleSet: RuleSet, reportDate: Day
  ) -> String {
    let explainer = Explainer(reportDate: reportDate)
    let schema = ruleSet.schema
    let record = cursor.record
    let name = [record.text(schema.idColumn), record.text(schema.nameColumn), record.text(schema.periodColumn)]
      .compactMap { $0 }.joined(separator: ", ")
    var alerts: [Alert] = []
    _ = check.evaluate(cursor, into: &alerts)
    let alert = alerts.first { $0.rule == rule.id }
    var text =
      "On \(name) (\(record.source.path):\(record.source.line)), as of \(reportDate.longText): "
      + (alert == nil ? "does not fire" : "fires") + "\n"
    let steps = explainer.explain(rule, at: cursor)
    let width = min(60, steps.map { $0.depth * 2 + $0.source.count }.max() ?? 0)
    for step in steps {
      let source = String(repeating: "  ", count: step.depth) + step.source
      text += "  \(source.padding(to: width))  → \(step.value)\n"
    }
    text += "  because \(explainer.decision(rule, at: cursor))\n"
    if let alert {
      text += "  message: \(alert.message)\n"
      let route = QueueBuilder(ruleSet: ruleSet, reportDate: reportDate).route(alert)
      var why = "the forum the rule names"
      if alert.forum == nil {
        why = "the rule names no forum, so the default forum"
      } else if route.alreadyEscalated {
        why = "the workstream is already escalated to \(alert.context.escalatedTo ?? route.forum), at least as senior"
      } else if alert.heldPeriods > 1, rule.escalation.count > 1 {
        why = "the condition has held for \(alert.heldPeriods) periods"
      } else if let forum = alert.forum, ruleSet.forums.index(of: forum) == nil, ruleSet.forums.resolve(forum) != nil {
        why = "the lowest forum of '\(forum)'"
      }
      text += "  goes to: \(route.forum) (\(why))\n"
    }
    return text
  }

  /// The first test of the pack's rule tests where the rule fires on inline records: a worked
  /// example that the test suite keeps true.
  private static func example(of rule: String, rulesPath: String?) -> String {
    var ignored: [Diagnostic] = []
    let files = TestCommand.testFiles([TestCommand.defaultTests(rulesPath: rulesPath)], diagnostics: &ignored)
    for path in files {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      let (file, _) = RuleTestParser.parse(SourceFile(path: path, text: text))
      for test in file.tests {
        let mine = test.expectations.filter { $0.rule == rule }
        guard mine.contains(where: { $0.kind != .doesNotFire }), case .inline(let records)? = test.records,
          let day = test.reportDate
        else { continue }
        let fires = mine.filter { $0.kind != .doesNotFire }.map(\.recordID)
        let quiet = mine.filter { $0.kind == .doesNotFire }.map(\.recordID)
        var result = "\nexample (\(path):\(test.line)): \(test.name)\n  as of \(day.isoText)\n"
        for line in records.text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
          result += "    \(line)\n"
        }
        result += "  fires on \(fires.joined(separator: ", "))"
        result += quiet.isEmpty ? "\n" : "; not on \(quiet.joined(separator: ", "))\n"
        return result
      }
    }
    return ""
  }

  private static func firstSentence(_ text: String) -> String {
    guard let end = text.firstIndex(of: ".") else { return text }
    return String(text[...end])
  }
}
