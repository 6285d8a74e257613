/// Lays out declarations as lines: a declaration or clause per line, block contents indented,
/// clauses in the order they were written.
///
/// The syntax tree gives the values; the tokens give where each line starts, so comments can be
/// placed, and the few spellings the tree does not keep: whether a forum name or tag was quoted,
/// `period` or `periods`, a waiver's `for *`.
struct DeclarationPrinter {
  let file: SourceFile
  let tokens: TokenIndex
  let expressions: ExpressionPrinter

  init(file: SourceFile, tokens: TokenIndex) {
    self.file = file
    self.tokens = tokens
    self.expressions = ExpressionPrinter(file: file)
  }

  /// The lines of every declaration, in source order.
  func lines(_ declarations: [Declaration]) -> [FormattedLine] {
    declarations.flatMap { declaration -> [FormattedLine] in
      switch declaration {
      case .rule(let rule): lines(rule)
      case .const(let constant): [line(constant)]
      case .schema(let schema): lines(schema)
      case .forum(let forum): [line(forum)]
      case .forumGroup(let group): [line(group)]
      case .waiver(let waiver): lines(waiver)
      }
    }
  }

  // MARK: Rules

  private func lines(_ rule: RuleDecl) -> [FormattedLine] {
    var header = "rule \(rule.id.value)"
    if let column = rule.groupBy { header += " for each \(column.value)" }
    var clauses: [(start: Int, text: String)] = []
    if let severity = rule.severity {
      clauses.append((tokens.keywordStart(before: severity.range), "severity \(severity.value)"))
    }
    if let condition = rule.condition {
      clauses.append((tokens.keywordStart(before: condition.range), "when " + expressions.print(condition)))
    }
    if let message = rule.message {
      let text = "message " + expressions.print(message.value, at: message.range)
      clauses.append((tokens.keywordStart(before: message.range), text))
    }
    if let description = rule.description {
      let text = "description " + ExpressionPrinter.quoted(description.value)
      clauses.append((tokens.keywordStart(before: description.range), text))
    }
    if let first = rule.escalation.first {
      clauses.append((tokens.keywordStart(2, before: first.forum.range), escalation(rule.escalation)))
    }
    if let first = rule.suppresses.first {
      let text = "suppresses " + rule.suppresses.map(\.value).joined(separator: ", ")
      clauses.append((tokens.keywordStart(before: first.range), text))
    }
    clauses += tagClauses(rule.tags)
    for param in rule.params {
      let text = "param \(param.name.value) = " + expressions.print(param.value)
      clauses.append((tokens.keywordStart(before: param.name.range), text))
    }
    // The tree keeps clauses by kind; their order in the file is the order of their keywords.
    clauses.sort { $0.start < $1.start }
    return [opening(header, start: rule.range.lowerBound)] + clauses.map { inner($0.text, start: $0.start) }
      + [closing(at: rule.range.upperBound - 1)]
  }

  /// `escalate to FORUM; after N periods to FORUM ...`, with each count and `period(s)` as written.
  private func escalation(_ steps: [EscalationStep]) -> String {
    var text = "escalate to " + forumName(steps[0].forum)
    for step in steps.dropFirst() {
      // The step reads `after N periods to FORUM`: the count is three tokens before the forum.
      let count = file.text(tokens.token(3, before: step.forum.range.lowerBound).range)
      let unit = file.text(tokens.token(2, before: step.forum.range.lowerBound).range)
      text += "; after \(count) \(unit) to " + forumName(step.forum)
    }
    return text
  }

  /// A rule may have several `tags` clauses, which the tree joins into one list; a tag whose
  /// token follows `tags` rather than `,` starts a clause.
  private func tagClauses(_ tags: [Located<String>]) -> [(start: Int, text: String)] {
    var clauses: [(start: Int, tags: [String])] = []
    for tag in tags {
      let before = tokens.token(1, before: tag.range.lowerBound)
      if before.isWord("tags") || clauses.isEmpty {
        clauses.append((before.range.lowerBound, []))
      }
      clauses[clauses.count - 1].tags.append(quotedIfWritten(tag))
    }
    return clauses.map { ($0.start, "tags " + $0.tags.joined(separator: ", ")) }
  }

  // MARK: One-line declarations

  private func line(_ constant: ConstDecl) -> FormattedLine {
    var text = "const \(constant.name.value) ="
    if let value = constant.value { text += " " + expressions.print(value) }
    return oneLine(text, start: tokens.keywordStart(before: constant.name.range))
  }

  private func line(_ forum: ForumDecl) -> FormattedLine {
    // The level is the token after `level`, which follows the name.
    let levelWord = tokens.firstIndex(atOrAfter: forum.name.range.upperBound)
    let level = tokens.tokens.indices.contains(levelWord + 1) ? file.text(tokens.tokens[levelWord + 1].range) : ""
    var text = "forum " + forumName(forum.name) + " level " + (level.isEmpty ? String(forum.level) : level)
    if forum.isSenior { text += " senior" }
    if forum.isDefault { text += " default" }
    return oneLine(text, start: tokens.keywordStart(before: forum.name.range))
  }

  private func line(_ group: ForumGroupDecl) -> FormattedLine {
    let members = group.members.map(forumName).joined(separator: ", ")
    let text = "forum group " + forumName(group.name) + " = [" + members + "]"
    return oneLine(text, start: tokens.keywordStart(2, before: group.name.range))
  }

  private func oneLine(_ text: String, start: Int) -> FormattedLine {
    FormattedLine(role: .declaration(block: false), depth: 0, text: text, sourceStart: start)
  }

  /// The first line of a rule, schema or waiver, ending in `{`.
  private func opening(_ header: String, start: Int) -> FormattedLine {
    FormattedLine(role: .declaration(block: true), depth: 0, text: header + " {", sourceStart: start)
  }

  private func inner(_ text: String, start: Int) -> FormattedLine {
    FormattedLine(role: .inner, depth: 1, text: text, sourceStart: start)
  }

  private func closing(at start: Int) -> FormattedLine {
    FormattedLine(role: .closing, depth: 0, text: "}", sourceStart: start)
  }

  // MARK: Schemas

  private func lines(_ schema: SchemaDecl) -> [FormattedLine] {
    let start = tokens.keywordStart(before: schema.name.range)
    var lines = [opening("schema \(schema.name.value)", start: start)]
    for entry in schema.entries {
      let (name, text) = self.entry(entry)
      lines.append(inner(text, start: tokens.keywordStart(before: name)))
    }
    let end = tokens.closingBrace(after: lines[lines.count - 1].sourceStart)?.range.lowerBound ?? start
    return lines + [closing(at: end)]
  }

  /// An entry's text, and the range of the name after its keyword.
  private func entry(_ entry: SchemaEntry) -> (name: Range<Int>, text: String) {
    switch entry {
    case .column(let column):
      var text = "column \(column.name.value) \(column.type.value)"
      for role in column.roles { text += " \(role.value)" }
      if let previous = column.previousOf { text += " previous \(previous.value)" }
      if !column.aliases.isEmpty { text += " alias " + quotedList(column.aliases) }
      if let description = column.description { text += " description " + ExpressionPrinter.quoted(description) }
      return (column.name.range, text)
    case .group(let name, let members):
      return (name.range, "group \(name.value) = [" + members.map(\.value).joined(separator: ", ") + "]")
    case .alias(let column, let names):
      return (column.range, "alias \(column.value) " + quotedList(names))
    case .scale(let scale):
      return (scale.range, "scale \(scale.value)")
    case .spelling(let rating, let texts):
      return (rating.range, "spelling \(rating.value) " + quotedList(texts))
    }
  }

  private func quotedList(_ texts: [Located<String>]) -> String {
    texts.map { ExpressionPrinter.quoted($0.value) }.joined(separator: ", ")
  }

  // MARK: Waivers

  /// A waiver's lines come from its tokens: the tree keeps only the last of a repeated line and
  /// not where any line is, and its insides are simple (`reason "..."`, `approved by "..."`,
  /// `until DATE`).
  private func lines(_ waiver: WaiverDecl) -> [FormattedLine] {
    let start = waiver.keyword.lowerBound
    var header = "waive " + (waiver.rule?.value ?? "*")
    // The first token after the rule (or `*`) says whether a `for` was written: `for *` and no
    // `for` mean the same, but the formatter keeps what the author wrote.
    let afterRule = min(
      tokens.tokens.count,
      waiver.rule.map { tokens.firstIndex(atOrAfter: $0.range.upperBound) }
        ?? tokens.firstIndex(atOrAfter: waiver.keyword.lowerBound) + 2)
    if let workstream = waiver.workstream {
      header += " for " + quotedIfWritten(workstream)
    } else if tokens.tokens.indices.contains(afterRule), tokens.tokens[afterRule].isWord("for") {
      header += " for *"
    }
    var lines = [opening(header, start: start)]
    let open = tokens.tokens[afterRule...].firstIndex { $0.isSymbol("{") } ?? tokens.tokens.count
    let close = tokens.tokens[open...].firstIndex { $0.isSymbol("}") } ?? tokens.tokens.count
    for token in tokens.tokens[min(open + 1, close)..<close] {
      let text: String
      switch token.kind {
      case .identifier(let word) where ["reason", "approved", "until"].contains(word):
        lines.append(inner(word, start: token.range.lowerBound))
        continue
      case .string(let string):
        text = ExpressionPrinter.quoted(string.plainText ?? "")
      default:
        text = file.text(token.range)
      }
      lines[lines.count - 1].text += " " + text
    }
    let end = close < tokens.tokens.count ? tokens.tokens[close].range.lowerBound : start
    return lines + [closing(at: end)]
  }

  // MARK: Names

  /// A forum name as written: quoted, or words separated by single spaces.
  private func forumName(_ name: Located<String>) -> String {
    quotedIfWritten(name)
  }

  /// The value, in quotes when the source wrote it as a string (a forum name, tag or workstream).
  private func quotedIfWritten(_ name: Located<String>) -> String {
    let index = tokens.firstIndex(atOrAfter: name.range.lowerBound)
    if tokens.tokens.indices.contains(index), case .string = tokens.tokens[index].kind {
      return ExpressionPrinter.quoted(name.value)
    }
    return name.value
  }
}
