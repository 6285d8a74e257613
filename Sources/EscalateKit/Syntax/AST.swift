/// The syntax tree of rule files, exactly as written: names are not yet resolved and nothing
/// is typed. The checker turns it into a ``RuleSet``.

/// A parsed expression.
public struct Expr: Sendable {
  /// The forms an expression takes as written; the checker resolves its names.
  public indirect enum Kind: Sendable {
    case name(String)
    case number(ExactDecimal)
    case percent(ExactDecimal)
    case money(ExactDecimal)
    case date(Day)
    /// A number of days, from `90 days` or `2 weeks`.
    case duration(days: ExactDecimal)
    case string(StringLiteral)
    case list([Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `x is missing` (`negated: false`) or `x is present` (`negated: true`).
    case isMissing(Expr, negated: Bool)
    case call(name: String, nameRange: Range<Int>, arguments: [Expr])
  }

  /// What the expression is, with its operands.
  public var kind: Kind
  /// The bytes the expression covers in its file.
  public var range: Range<Int>
}

/// A prefix operator.
public enum UnaryOperator: String, Sendable {
  case not
  case negate = "-"
}

/// An infix operator, with its spelling in rule files.
public enum BinaryOperator: String, Sendable, CaseIterable {
  case or, and
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case inList = "in"
  case notInList = "not in"
  case worseThan = "worse than"
  case betterThan = "better than"
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
}

/// A string literal with its `{expression}` holes parsed.
public struct StringLiteral: Sendable {
  /// A run of text, escapes already resolved, or an `{expression}` hole.
  public enum Part: Sendable {
    case text(String)
    case expression(Expr)
  }

  /// The text and holes in the order written.
  public var parts: [Part]

  /// The text when there are no holes.
  public var plainText: String? {
    var result = ""
    for part in parts {
      guard case .text(let text) = part else { return nil }
      result += text
    }
    return result
  }
}

/// A name and where it is written.
public struct Located<Value: Sendable>: Sendable {
  /// What is written there, as parsed.
  public var value: Value
  /// The bytes it covers in its file, where diagnostics about it point.
  public var range: Range<Int>
}

/// `param NAME = VALUE` inside a rule.
public struct ParamDecl: Sendable {
  /// The parameter's name, which `--param RULE.NAME=VALUE` overrides.
  public var name: Located<String>
  /// The default, which may not read a column or use history functions.
  public var value: Expr
}

/// `rule ID { ... }`.
public struct RuleDecl: Sendable {
  /// The kebab-case id, unique across the pack.
  public var id: Located<String>
  /// `for each COLUMN`: a portfolio rule, evaluated once per value of the column over the
  /// workstreams that have it.
  public var groupBy: Located<String>?
  /// The severity word as written; nil when the clause is missing or did not parse.
  public var severity: Located<String>?
  /// The `when` condition; nil when it is missing or did not parse.
  public var condition: Expr?
  /// The `message` template with its holes parsed; nil when it is missing or did not parse.
  public var message: Located<StringLiteral>?
  /// `escalate to FORUM; after N periods to FORUM ...`: the first step, then the ladder.
  public var escalation: [EscalationStep] = []
  /// `suppresses RULE, ...`: rules whose alerts this one's outrank on the same workstream.
  public var suppresses: [Located<String>] = []
  /// `description "TEXT"`: why the rule matters, for people reading the pack and its alerts.
  public var description: Located<String>?
  /// `tags a, b`: labels, from every `tags` clause of the rule.
  public var tags: [Located<String>] = []
  /// `param NAME = VALUE` clauses, in the order written.
  public var params: [ParamDecl] = []
  /// The range of the whole declaration, for diagnostics about something it lacks.
  public var range: Range<Int>
}

/// One step of a rule's escalation: the forum, and after how many periods of the condition
/// holding it applies (0 for the first step).
public struct EscalationStep: Sendable {
  /// The N of `after N periods`; 0 for the first step.
  public var afterPeriods: Int
  /// The forum or forum group as written: a string, or words up to the end of the line or `;`.
  public var forum: Located<String>
}

/// `forum NAME level N [senior] [default]`: a forum of the organisation's ladder.
public struct ForumDecl: Sendable {
  /// The forum's name; names match ignoring case.
  public var name: Located<String>
  /// The forum's place on the ladder; higher is more senior.
  public var level: Int
  /// Marked `senior`: one of the forums `senior forum` means, where Red work must go.
  public var isSenior: Bool
  /// Marked `default`: where alerts go whose rule names no forum.
  public var isDefault: Bool
}

/// `forum group NAME = [FORUM, ...]`: a name a rule may escalate to that means several forums.
public struct ForumGroupDecl: Sendable {
  /// The name a rule writes after `escalate to`.
  public var name: Located<String>
  /// The forums it means; routing picks the one the workstream is already at, else the lowest.
  public var members: [Located<String>]
}

/// `waive RULE for WORKSTREAM { reason "..." approved by "..." until DATE }`; `*` for every
/// rule or every workstream.
public struct WaiverDecl: Sendable {
  /// Nil for `*`.
  public var rule: Located<String>?
  /// Nil for `*` or when no `for` is given.
  public var workstream: Located<String>?
  /// Why the alert is accepted; nil when the clause is missing, which is an error.
  public var reason: String?
  /// Who accepted it (`approved by`); nil when the clause is missing, which is an error.
  public var approvedBy: String?
  /// The last day the waiver applies; nil when the clause is missing or not a date.
  public var until: Day?
  /// The `waive` keyword, where a missing clause is reported.
  public var keyword: Range<Int>
}

/// `const NAME = VALUE`.
public struct ConstDecl: Sendable {
  /// The constant's name, shared by every file of the pack.
  public var name: Located<String>
  /// Nil when the value did not parse; the name is kept so uses of it are not reported again.
  public var value: Expr?
}

/// `schema NAME { ... }`: the columns of a dataset, or aliases added to a known schema.
public struct SchemaDecl: Sendable {
  /// `workstream` to add aliases to the built-in schema; any other name declares the pack's own.
  public var name: Located<String>
  /// The entries in the order written.
  public var entries: [SchemaEntry]
}

/// One line of a schema declaration.
public enum SchemaEntry: Sendable {
  /// `column NAME TYPE [key|name|period] [previous COLUMN] [alias "A", "B"] [description "..."]`.
  case column(ColumnDecl)
  /// `group NAME = [COLUMN, ...]`.
  case group(name: Located<String>, members: [Located<String>])
  /// `alias COLUMN "Header", ...`: more header names for a column declared elsewhere.
  case alias(column: Located<String>, names: [Located<String>])
  /// `scale three-point` or `scale five-point`: the ratings the dataset's RAG columns hold.
  case scale(Located<String>)
  /// `spelling RATING "text", ...`: more ways the dataset writes a rating, e.g. `spelling Grey "TBD"`.
  case spelling(rating: Located<String>, texts: [Located<String>])
}

/// `column NAME TYPE ...` inside a schema.
public struct ColumnDecl: Sendable {
  /// The column's name, as rules read it.
  public var name: Located<String>
  /// The type's name as written (`Text`, `RAG`, `Money`, ...), checked when the schema is built.
  public var type: Located<String>
  /// `key`, `name`, `period`, `section`, `owner`, `next_board` or `escalated_to`: the column's
  /// role in alerts, histories and the queue.
  public var roles: [Located<String>] = []
  /// `previous COLUMN`: this column holds COLUMN's value in the previous period.
  public var previousOf: Located<String>?
  /// `alias "Header", ...`: other header names that mean this column.
  public var aliases: [Located<String>] = []
  /// `description "..."`: what the column holds.
  public var description: String?
}

/// A top-level declaration.
public enum Declaration: Sendable {
  case rule(RuleDecl)
  case const(ConstDecl)
  case schema(SchemaDecl)
  case forum(ForumDecl)
  case forumGroup(ForumGroupDecl)
  case waiver(WaiverDecl)
}

/// One parsed rule file.
public struct RuleFileSyntax: Sendable {
  /// The file parsed, whose text the ranges of the tree index.
  public var file: SourceFile
  /// The top-level declarations in the order written; rules run in this order.
  public var declarations: [Declaration]
}
