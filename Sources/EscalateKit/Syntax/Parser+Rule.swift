extension Parser {
  mutating func parseRule() -> RuleDecl? {
    let start = advance().range.lowerBound
    guard let id = parseRuleID() else {
      skipToDeclaration()
      return nil
    }
    var rule = RuleDecl(id: id, range: start..<id.range.upperBound)
    if current.isWord("for") {
      _ = advance()
      guard current.isWord("each") else {
        expected("'each' after 'for'", hint: "a portfolio rule is written 'rule ID for each section { ... }'")
        skipToDeclaration()
        return nil
      }
      _ = advance()
      rule.groupBy = parseName("the column to group by")
    }
    guard expectSymbol("{", "'{' to open the rule") else {
      skipToDeclaration()
      return nil
    }
    var seen: [String: Range<Int>] = [:]
    while !current.isSymbol("}") {
      if atEnd || (current.startsLine && isDeclarationStart) {
        report(
          .unexpectedToken, "rule '\(id.value)' is not closed", start..<id.range.upperBound,
          hint: "add '}' after its last clause")
        rule.range = start..<previousEnd
        return rule
      }
      let before = index
      guard let keyword = current.identifier, Self.clauseKeywords.contains(keyword) else {
        expected("a clause (\(Self.clauseKeywords.sorted().joined(separator: ", ")))")
        skipToClause()
        continue
      }
      let keywordRange = current.range
      if keyword != "param" && keyword != "tags", let first = seen[keyword] {
        let (line, column) = file.location(of: first.lowerBound)
        report(
          .duplicateClause, "rule '\(id.value)' has more than one '\(keyword)'", keywordRange,
          hint: "the first is at line \(line), column \(column)")
      }
      seen[keyword] = seen[keyword] ?? keywordRange
      _ = advance()
      if !parseClause(keyword, into: &rule) { skipToClause() }
      if index == before { _ = advance() }
    }
    rule.range = start..<advance().range.upperBound
    if rule.condition == nil, seen["when"] == nil {
      report(
        .missingClause, "rule '\(id.value)' has no 'when' condition", rule.id.range,
        hint: "add a line such as 'when overall == Red'")
    }
    if seen["severity"] == nil {
      report(
        .missingClause, "rule '\(id.value)' has no 'severity'", rule.id.range,
        hint: "add a line such as 'severity warning' (critical, error, warning or info)")
    }
    if rule.message == nil, seen["message"] == nil {
      report(
        .missingClause, "rule '\(id.value)' has no 'message'", rule.id.range,
        hint: "add a line such as 'message \"{name} is Red\"'")
    }
    return rule
  }

  /// Skips to the next clause keyword or the end of the rule.
  mutating func skipToClause() {
    while !atEnd, !current.isSymbol("}") {
      // Clause keywords are reserved words, so wherever one appears a clause starts there, even
      // in a rule written on one line.
      if let word = current.identifier, Self.clauseKeywords.contains(word) { return }
      if current.startsLine, isDeclarationStart { return }
      _ = advance()
    }
  }

  /// Parses the clause after its keyword; false after an error, to resynchronise.
  mutating func parseClause(_ keyword: String, into rule: inout RuleDecl) -> Bool {
    switch keyword {
    case "severity":
      guard let word = parseName("a severity (critical, error, warning or info)") else { return false }
      if Severity(rawValue: word.value) == nil {
        report(
          .unknownSeverity, "unknown severity '\(word.value)'", word.range,
          hint: "use critical, error, warning or info")
      }
      rule.severity = word
    case "when":
      guard let condition = parseExpression() else { return false }
      rule.condition = condition
    case "message":
      guard let message = parseStringLiteral("a message in double quotes") else { return false }
      rule.message = message
    case "description":
      guard let text = parsePlainString("a description in double quotes") else { return false }
      rule.description = text
    case "escalate":
      guard let steps = parseEscalation() else { return false }
      rule.escalation = steps
    case "suppresses":
      repeat {
        if current.isSymbol(",") { _ = advance() }
        guard let id = parseKebab("a rule id") else { return false }
        rule.suppresses.append(id)
      } while current.isSymbol(",")
    case "tags":
      repeat {
        if current.isSymbol(",") { _ = advance() }
        let tag: Located<String>?
        if case .string = current.kind { tag = parsePlainString("a tag") } else { tag = parseKebab("a tag") }
        guard let tag else { return false }
        rule.tags.append(tag)
      } while current.isSymbol(",")
    default:  // "param"
      guard let name = parseName("a parameter name"), expectSymbol("="), let value = parseExpression() else {
        return false
      }
      rule.params.append(ParamDecl(name: name, value: value))
    }
    return true
  }

  mutating func parseStringLiteral(_ what: String) -> Located<StringLiteral>? {
    guard case .string(let token) = current.kind else {
      expected(what)
      return nil
    }
    let range = advance().range
    guard let literal = parseInterpolations(token) else { return nil }
    return Located(value: literal, range: range)
  }

  mutating func parsePlainString(_ what: String) -> Located<String>? {
    guard let literal = parseStringLiteral(what) else { return nil }
    guard let text = literal.value.plainText else {
      report(
        .misplacedInterpolation, "only a message can interpolate values", literal.range,
        hint: #"write \{ for a literal brace"#)
      return nil
    }
    return Located(value: text, range: literal.range)
  }

  /// `escalate to senior forum; after 2 periods to COG`: the forum, then the ladder's steps.
  mutating func parseEscalation() -> [EscalationStep]? {
    guard current.isWord("to") else {
      expected("'to' after 'escalate'", hint: "write 'escalate to senior forum'")
      return nil
    }
    _ = advance()
    guard let first = parseForumName(ending: [";"], what: "a forum name after 'escalate to'") else { return nil }
    var steps = [EscalationStep(afterPeriods: 0, forum: first)]
    while current.isSymbol(";") {
      _ = advance()
      guard current.isWord("after") else {
        expected("'after N periods to FORUM'", hint: "e.g. 'escalate to project board; after 2 periods to SCCB'")
        return nil
      }
      _ = advance()
      guard case .number(let count) = current.kind, count.scale == 0, let periods = Int(count.description), periods > 0
      else {
        expected("a whole number of periods")
        return nil
      }
      let countRange = advance().range
      guard current.isWord("periods") || current.isWord("period") else {
        expected("'periods'")
        return nil
      }
      _ = advance()
      guard current.isWord("to") else {
        expected("'to' and a forum")
        return nil
      }
      _ = advance()
      guard let forum = parseForumName(ending: [";"]) else { return nil }
      if let last = steps.last, periods <= last.afterPeriods {
        report(
          .unexpectedToken, "each step of the ladder must come after more periods than the one before", countRange,
          hint: "the previous step is after \(last.afterPeriods) period\(last.afterPeriods == 1 ? "" : "s")")
      }
      steps.append(EscalationStep(afterPeriods: periods, forum: forum))
    }
    return steps
  }

  /// A forum's name: a string, or words up to the end of the line or one of `ending`.
  mutating func parseForumName(ending: Set<String>, what: String = "a forum name") -> Located<String>? {
    if case .string(let token) = current.kind, let name = token.plainText {
      return Located(value: name, range: advance().range)
    }
    guard current.identifier != nil, !current.startsLine else {
      expected(what)
      return nil
    }
    let start = current.range.lowerBound
    var words: [String] = []
    var end = start
    while let word = current.identifier, !current.startsLine || words.isEmpty, !ending.contains(word) {
      words.append(word)
      end = advance().range.upperBound
    }
    return Located(value: words.joined(separator: " "), range: start..<end)
  }
}
