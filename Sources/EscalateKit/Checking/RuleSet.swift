/// The checked, fully resolved form of a rule pack: every name bound to a column, constant or
/// built-in, every expression typed, every constant and parameter inlined.
///
/// This is the pack's intermediate representation. It says what each rule means and nothing
/// about how to run it, so the in-process evaluator and a later SQL back end compile the same
/// value and must agree on every alert.
public struct RuleSet: Sendable {
  /// The schema the rules were checked against; the data is decoded through it.
  public var schema: Schema
  /// The rules in pack order, which orders alerts of equal severity.
  public var rules: [CheckedRule]
  /// The forums the pack declares, which its rules escalate to.
  public var forums: Forums
  /// The pack's own `waive` blocks.
  public var waivers: [Waiver]

  /// The id of the alert for a cell that cannot be read as its column's type.
  public static let unreadableValueRule = "unreadable-value"
  /// The id of the alert for an `escalated_to` cell that names none of the declared forums.
  public static let unknownForumRule = "unknown-forum"
  /// The data-quality alerts the engine raises itself, which waivers may name like rules.
  public static let engineRules: Set<String> = [unreadableValueRule, unknownForumRule]

  /// The columns any rule reads, in schema order: only these need decoding from the data.
  public var usedColumns: [Int] {
    var used = Set<Int>()
    for rule in rules {
      var expressions = [rule.condition]
      for case .value(let expr) in rule.message { expressions.append(expr) }
      for expr in expressions { used.formUnion(expr.columns + expr.previousFallbacks(schema)) }
    }
    return used.sorted()
  }

  /// The text columns the rules read whose value no alert can show, only whether they are
  /// missing: each rule that reads one only tests `column is missing`, as a condition (or a
  /// side of an `and`) it cannot fire without, and no message, evidence or previous period shows
  /// it. `narrative is missing` is the usual one. A streamed check need not make their strings.
  public var presenceOnlyColumns: [Int] {
    let shown = Set(schema.describingColumns + [schema.idColumn])
    return usedColumns.filter { column in
      guard schema.columns[column].type == .text, !shown.contains(column) else { return false }
      return rules.allSatisfy { rule in
        for case .value(let expr) in rule.message where expr.columns.contains(column) { return false }
        let condition = rule.condition
        guard condition.columns.contains(column) || condition.previousFallbacks(schema).contains(column) else {
          return true
        }
        return rule.groupBy == nil && !condition.readsValue(of: column)
          && !condition.previousFallbacks(schema).contains(column) && condition.holdsOnlyIfMissing(column)
      }
    }
  }
}

/// One checked rule.
public struct CheckedRule: Sendable {
  /// The rule's id, unique across the pack, by which alerts, waivers and `--param` name it.
  public var id: String
  /// How serious the rule's alerts are.
  public var severity: Severity
  /// Why the rule matters, from its `description` clause; `escalate rules`, `explain` and CI reports show it.
  public var description: String?
  /// Labels from the rule's `tags` clauses, which `escalate explain` shows.
  public var tags: [String]
  /// For a portfolio rule (`for each section`), the column whose values form its groups.
  public var groupBy: Int?
  /// Where the rule escalates: the first step's forum or group, then any later steps of the
  /// ladder, each taking over once the condition has held for its number of periods.
  public var escalation: [Step]
  /// Rules whose alerts on the same workstream this rule's alert outranks in the queue.
  public var suppresses: [String]

  /// A step of the ladder.
  public struct Step: Sendable, Equatable {
    /// How many consecutive periods, counting the current one, the condition must have held.
    public var afterPeriods: Int
    /// The forum or group as the rule writes it; routing resolves it against the pack's forums.
    public var forum: String
  }

  /// The forum or group of the first step, if the rule escalates at all.
  public var forum: String? { escalation.first?.forum }

  /// The `when` condition, a Boolean expression.
  public var condition: CheckedExpr
  /// The message template: text, and the values formatted into its holes.
  public var message: [MessagePart]
  /// The parameters with the values in force (defaults or command-line overrides).
  public var parameters: [CheckedParameter]
  /// The columns the condition reads, in order of first use, groups expanded.
  public var evidenceColumns: [Int]
  /// What an alert shows as the evidence the rule saw: each column the condition reads, and
  /// each `previous(...)` value it compares with.
  public var evidence: [CheckedEvidence]
  /// Where the rule is declared.
  public var range: SourceRange
}

/// One item of evidence: a name for people and the expression whose value it shows.
public struct CheckedEvidence: Sendable {
  /// A column name, or the source text of a history expression such as `previous(overall)`.
  public var label: String
  /// The expression whose value on the record the alert shows.
  public var value: CheckedExpr
}

/// A rule parameter and its value in force.
public struct CheckedParameter: Sendable {
  /// The name that `--param RULE.NAME=VALUE` overrides.
  public var name: String
  /// The type of the declared default; an override must have the same type.
  public var type: ValueType
  /// The value in force, already inlined where the rule uses it; kept for `escalate explain`.
  public var value: CheckedExpr
}

/// A piece of a message template.
public enum MessagePart: Sendable {
  case text(String)
  /// A value to format according to its type (money as `£1,977,000`, dates as `1 Oct 2024`).
  case value(CheckedExpr)
}

/// A typed expression with every name resolved.
public struct CheckedExpr: Sendable {
  /// What an expression computes, with every operand checked and every name resolved.
  public indirect enum Kind: Sendable {
    case constant(Value)
    /// A column of the record, by index into ``Schema/columns``.
    case column(Int)
    case reportDate
    /// The member of the group a quantifier is ranging over.
    case groupElement
    /// All the columns of a group, as a list.
    case group(Schema.Group)
    case list([CheckedExpr])
    case not(CheckedExpr)
    case negate(CheckedExpr)
    case and(CheckedExpr, CheckedExpr)
    case or(CheckedExpr, CheckedExpr)
    /// `a or b` on values: `a` when present, otherwise `b`.
    case coalesce(CheckedExpr, CheckedExpr)
    case compare(Comparison, CheckedExpr, CheckedExpr)
    case arithmetic(Arithmetic, CheckedExpr, CheckedExpr)
    case membership(CheckedExpr, CheckedExpr, negated: Bool)
    case isMissing(CheckedExpr, negated: Bool)
    case call(Builtin, [CheckedExpr])
    /// `count(...)`, `any(...)`, `all(...)`: the body evaluated once per member of `group`.
    case quantifier(Quantifier, group: Schema.Group, body: CheckedExpr)
    /// The value in the workstream's previous period; missing when there is none, except that a
    /// plain column with a declared previous-period column (`overall`, `prev_overall`) falls
    /// back to that column on the earliest row.
    case previous(CheckedExpr, fallback: Int?)
    /// How many consecutive periods, up to and including the current one, the condition held.
    case periods(CheckedExpr)
    /// In a portfolio rule, a value over the group's workstreams: the body is evaluated on each.
    case aggregate(Aggregate, CheckedExpr?)
  }

  /// A comparison; every one is false when either side is missing.
  public enum Comparison: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case worseThan = "worse than"
    case betterThan = "better than"
  }

  /// An arithmetic operator; the result is missing when either side is.
  public enum Arithmetic: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
  }

  /// A quantifier over a column group.
  public enum Quantifier: String, Sendable {
    case count, any, all
  }

  /// An aggregate over the workstreams of a portfolio rule's group.
  public enum Aggregate: String, Sendable, CaseIterable {
    case count, share, sum, min, max, any, all
  }

  /// The operation and its operands.
  public var kind: Kind
  /// The type the checker fixed, which decides how the value is compared and formatted.
  public var type: ValueType
  /// Where the expression is written; its text labels `previous(...)` and aggregate evidence.
  public var range: SourceRange

  /// The columns the expression reads, in order of first use, groups expanded.
  public var columns: [Int] {
    var result: [Int] = []
    collectColumns(into: &result)
    return result
  }

  private func collectColumns(into result: inout [Int]) {
    func add(_ column: Int) { if !result.contains(column) { result.append(column) } }
    switch kind {
    case .column(let index): add(index)
    case .group(let group): group.members.forEach(add)
    case .quantifier(_, let group, _): group.members.forEach(add)
    case .previous(_, let fallback): fallback.map(add)
    default: break
    }
    for child in children { child.collectColumns(into: &result) }
  }
}

extension CheckedExpr {
  /// The evidence an alert from this condition shows: the columns it reads, then the
  /// `previous(...)` values it compares with, each once, in order of first use.
  func evidence(_ schema: Schema) -> [CheckedEvidence] {
    var items = columns.filter { column in !isOnlyFallback(column) }.map { column in
      CheckedEvidence(
        label: schema.columns[column].name,
        value: CheckedExpr(kind: .column(column), type: schema.columns[column].type, range: range))
    }
    collectPrevious(into: &items, schema: schema)
    return items
  }

  /// Whether `column` is read only as the previous-period fallback of a `previous(...)`, whose
  /// value is shown as that call instead.
  private func isOnlyFallback(_ column: Int) -> Bool {
    var direct: [Int] = []
    var fallbacks: [Int] = []
    func walk(_ expr: CheckedExpr) {
      if case .previous(let inner, let fallback) = expr.kind {
        fallback.map { fallbacks.append($0) }
        direct += inner.columns
      } else if case .column(let index) = expr.kind {
        direct.append(index)
      } else {
        expr.children.forEach(walk)
      }
    }
    walk(self)
    return fallbacks.contains(column) && !direct.contains(column)
  }

  private func collectPrevious(into items: inout [CheckedEvidence], schema: Schema) {
    func add(_ label: String, _ value: CheckedExpr) {
      if !items.contains(where: { $0.label == label }) { items.append(CheckedEvidence(label: label, value: value)) }
    }
    switch kind {
    case .previous(let inner, _):
      add("previous(\(inner.range.file.text(inner.range.bytes)))", self)
    case .quantifier(_, let group, let body):
      // Inside a quantifier `previous(dimensions)` means each member's previous value in turn,
      // so each member's is evidence on its own.
      guard body.readsPreviousOfElement else { return }
      for member in group.members {
        let column = schema.columns[member]
        let current = CheckedExpr(kind: .column(member), type: column.type, range: range)
        add(
          "previous(\(column.name))",
          CheckedExpr(
            kind: .previous(current, fallback: schema.previousColumns[member]), type: column.type, range: range))
      }
    default:
      for child in children { child.collectPrevious(into: &items, schema: schema) }
    }
  }

  /// A portfolio rule's evidence: its group column, then each aggregate its condition reads.
  func portfolioEvidence(_ schema: Schema, groupBy: Int) -> [CheckedEvidence] {
    var items = [
      CheckedEvidence(
        label: schema.columns[groupBy].name,
        value: CheckedExpr(kind: .column(groupBy), type: schema.columns[groupBy].type, range: range))
    ]
    func collect(_ expr: CheckedExpr) {
      if case .aggregate = expr.kind {
        let label = expr.range.file.text(expr.range.bytes)
        if !items.contains(where: { $0.label == label }) { items.append(CheckedEvidence(label: label, value: expr)) }
      } else {
        expr.children.forEach(collect)
      }
    }
    collect(self)
    return items
  }

  /// The previous-period columns that `previous(...)` of a quantifier's members reads as its
  /// fallback: they must be decoded although no node names them.
  func previousFallbacks(_ schema: Schema) -> [Int] {
    if case .quantifier(_, let group, let body) = kind, body.readsPreviousOfElement {
      return group.members.compactMap { schema.previousColumns[$0] }
    }
    return children.flatMap { $0.previousFallbacks(schema) }
  }

  /// Whether the expression takes `previous(...)` of a quantifier's group member.
  private var readsPreviousOfElement: Bool {
    if case .previous(let inner, _) = kind, case .groupElement = inner.kind { return true }
    return children.contains { $0.readsPreviousOfElement }
  }

  /// The direct subexpressions.
  /// Whether the expression reads the value of `column`, not only whether it is missing: any
  /// use of it but as the operand of `is missing` or `is present`.
  func readsValue(of column: Int) -> Bool {
    switch kind {
    case .isMissing(let operand, _):
      if case .column(let index) = operand.kind, index == column { return false }
    case .column(let index): return index == column
    case .group(let group), .quantifier(_, let group, _): if group.members.contains(column) { return true }
    case .previous(_, let fallback): if fallback == column { return true }
    default: break
    }
    return children.contains { $0.readsValue(of: column) }
  }

  /// Whether the expression can be true only when `column` is missing: it is `column is
  /// missing`, or an `and` with such a side.
  func holdsOnlyIfMissing(_ column: Int) -> Bool {
    switch kind {
    case .isMissing(let operand, negated: false):
      if case .column(let index) = operand.kind { return index == column }
      return false
    case .and(let a, let b): return a.holdsOnlyIfMissing(column) || b.holdsOnlyIfMissing(column)
    default: return false
    }
  }

  var children: [CheckedExpr] {
    switch kind {
    case .constant, .column, .reportDate, .groupElement, .group: []
    case .list(let items), .call(_, let items): items
    case .not(let a), .negate(let a), .isMissing(let a, _), .periods(let a), .previous(let a, _): [a]
    case .aggregate(_, let body): body.map { [$0] } ?? []
    case .quantifier(_, _, let body): [body]
    case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .compare(_, let a, let b),
      .arithmetic(_, let a, let b), .membership(let a, let b, _):
      [a, b]
    }
  }
}
