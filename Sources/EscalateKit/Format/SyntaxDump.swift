/// A rule file's syntax tree as S-expressions, without byte ranges: two files have the same dump
/// exactly when they parse to the same declarations, however they are laid out.
///
/// The formatter compares the dumps of a file before and after formatting, so it can never write
/// a file that means something else.
enum SyntaxDump {
  /// One line per declaration.
  static func dump(_ syntax: RuleFileSyntax) -> String {
    syntax.declarations.map(dump).joined(separator: "\n")
  }

  static func dump(_ declaration: Declaration) -> String {
    switch declaration {
    case .rule(let rule):
      var parts = ["rule", rule.id.value]
      if let column = rule.groupBy { parts.append(node("for-each", [column.value])) }
      if let severity = rule.severity { parts.append(node("severity", [severity.value])) }
      if let condition = rule.condition { parts.append(node("when", [dump(condition)])) }
      if let message = rule.message { parts.append(node("message", [dump(message.value)])) }
      let steps = rule.escalation.map { node("step", [String($0.afterPeriods), quoted($0.forum.value)]) }
      parts.append(node("escalate", steps))
      parts.append(node("suppresses", rule.suppresses.map(\.value)))
      if let description = rule.description { parts.append(node("description", [quoted(description.value)])) }
      parts.append(node("tags", rule.tags.map { quoted($0.value) }))
      parts += rule.params.map { node("param", [$0.name.value, dump($0.value)]) }
      return node(parts)
    case .const(let constant):
      return node(["const", constant.name.value, constant.value.map(dump) ?? "nil"])
    case .schema(let schema):
      return node(["schema", schema.name.value] + schema.entries.map(dump))
    case .forum(let forum):
      return node([
        "forum", quoted(forum.name.value), String(forum.level), "senior=\(forum.isSenior)",
        "default=\(forum.isDefault)",
      ])
    case .forumGroup(let group):
      return node(["forum-group", quoted(group.name.value)] + group.members.map { quoted($0.value) })
    case .waiver(let waiver):
      return node([
        "waive", waiver.rule?.value ?? "*", waiver.workstream.map { quoted($0.value) } ?? "*",
        waiver.reason.map(quoted) ?? "nil", waiver.approvedBy.map(quoted) ?? "nil",
        waiver.until.map { "\($0)" } ?? "nil",
      ])
    }
  }

  static func dump(_ entry: SchemaEntry) -> String {
    switch entry {
    case .column(let column):
      return node([
        "column", column.name.value, column.type.value, node("roles", column.roles.map(\.value)),
        node("previous", column.previousOf.map { [$0.value] } ?? []),
        node("alias", column.aliases.map { quoted($0.value) }), column.description.map(quoted) ?? "nil",
      ])
    case .group(let name, let members):
      return node(["group", name.value] + members.map(\.value))
    case .alias(let column, let names):
      return node(["alias", column.value] + names.map { quoted($0.value) })
    case .scale(let scale):
      return node(["scale", scale.value])
    case .spelling(let rating, let texts):
      return node(["spelling", rating.value] + texts.map { quoted($0.value) })
    }
  }

  /// Names bare, literals by value (`(money 1500000)`), operators by their spelling.
  static func dump(_ expr: Expr) -> String {
    switch expr.kind {
    case .name(let name): return name
    case .number(let value): return node(["number", "\(value)"])
    case .percent(let value): return node(["percent", "\(value)"])
    case .money(let value): return node(["money", "\(value)"])
    case .date(let day): return node(["date", "\(day)"])
    case .duration(let days): return node(["days", "\(days)"])
    case .string(let literal): return dump(literal)
    case .list(let elements): return node(["list"] + elements.map(dump))
    case .unary(let op, let operand): return node([op == .not ? "not" : "negate", dump(operand)])
    case .binary(let op, let lhs, let rhs): return node([quoted(op.rawValue), dump(lhs), dump(rhs)])
    case .isMissing(let operand, let negated): return node([negated ? "is-present" : "is-missing", dump(operand)])
    case .call(let name, _, let arguments): return node(["call", name] + arguments.map(dump))
    }
  }

  static func dump(_ literal: StringLiteral) -> String {
    let parts = literal.parts.map { part in
      switch part {
      case .text(let text): quoted(text)
      case .expression(let inner): dump(inner)
      }
    }
    return node(["string"] + parts)
  }

  private static func node(_ head: String, _ children: [String]) -> String {
    node([head] + children)
  }

  private static func node(_ parts: [String]) -> String {
    "(" + parts.joined(separator: " ") + ")"
  }

  private static func quoted(_ text: String) -> String {
    text.debugDescription
  }
}
