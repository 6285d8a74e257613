/// What a name may refer to where an expression is checked.
struct Scope {
  var file: SourceFile
  /// The parameters of the rule being checked, already checked.
  /// A parameter whose default had an error is present with a nil value.
  var params: [String: CheckedExpr?]
  /// False in constants and parameter defaults, which must not depend on a record.
  var columnsAllowed: Bool
  /// In a portfolio rule, the column it groups by: outside an aggregate, the only one it may read.
  var groupColumn: Int? = nil
  /// Whether the expression is inside an aggregate of a portfolio rule, so reads one workstream.
  var aggregating = false

  /// Whether the expression reads a single record: not a constant, and in a portfolio rule only
  /// inside an aggregate.
  var readsRecords: Bool { columnsAllowed && (groupColumn == nil || aggregating) }
}

extension Checker {
  /// Checks an expression; nil when it has an error, which has then been reported.
  mutating func check(_ expr: Expr, in scope: Scope) -> CheckedExpr? {
    let range = SourceRange(file: scope.file, bytes: expr.range)
    func typed(_ kind: CheckedExpr.Kind, _ type: ValueType) -> CheckedExpr {
      CheckedExpr(kind: kind, type: type, range: range)
    }
    switch expr.kind {
    case .number(let value): return typed(.constant(.number(value)), .number)
    case .percent(let value): return typed(.constant(.number(value)), .percent)
    case .money(let value): return typed(.constant(.number(value)), .money)
    case .date(let day): return typed(.constant(.date(day)), .date)
    case .duration(let days): return typed(.constant(.number(days)), .duration)
    case .string(let literal):
      guard let text = literal.plainText else {
        report(
          .misplacedInterpolation, "only a message can interpolate values", scope.file, expr.range,
          hint: #"write \{ for a literal brace"#)
        return nil
      }
      return typed(.constant(.text(text)), .text)
    case .name(let name):
      return resolve(name, at: expr.range, in: scope)
    case .list(let elements):
      return checkList(elements, range: range, in: scope)
    case .unary(let op, let operand):
      guard let operand = check(operand, in: scope) else { return nil }
      return checkUnary(op, operand, range: range)
    case .binary(let op, let lhs, let rhs):
      let left = check(lhs, in: scope)
      let right = check(rhs, in: scope)
      guard let left, let right else { return nil }
      return checkBinary(op, left, right, range: range)
    case .isMissing(let operand, let negated):
      guard let operand = check(operand, in: scope) else { return nil }
      return typed(.isMissing(operand, negated: negated), .bool)
    case .call(let name, let nameRange, let arguments):
      return checkCall(name, nameRange: nameRange, arguments, range: range, in: scope)
    }
  }

  mutating func checkList(_ elements: [Expr], range: SourceRange, in scope: Scope) -> CheckedExpr? {
    var checked: [CheckedExpr] = []
    for element in elements {
      guard let item = check(element, in: scope) else { return nil }
      if let first = checked.first, !first.type.isCompatible(with: item.type) {
        report(
          .typeMismatch, "a list holds values of one type, but this is \(item.type) after \(first.type)",
          scope.file, element.range)
        return nil
      }
      if case .list = item.type {
        report(.typeMismatch, "a list cannot hold lists", scope.file, element.range)
        return nil
      }
      checked.append(item)
    }
    let elementType = checked.first?.type ?? .nothing
    let constants = checked.compactMap { item -> Value? in
      if case .constant(let value) = item.kind { return value }
      return nil
    }
    if constants.count == checked.count {
      return CheckedExpr(kind: .constant(.list(constants)), type: .list(elementType), range: range)
    }
    return CheckedExpr(kind: .list(checked), type: .list(elementType), range: range)
  }

  mutating func resolve(_ name: String, at bytes: Range<Int>, in scope: Scope) -> CheckedExpr? {
    let range = SourceRange(file: scope.file, bytes: bytes)
    func relocated(_ expr: CheckedExpr) -> CheckedExpr {
      CheckedExpr(kind: expr.kind, type: expr.type, range: range)
    }
    if let param = scope.params[name] { return param.map(relocated) }
    if consts[name] != nil {
      return checkConst(name, usedAt: (scope.file, bytes)).map(relocated)
    }
    if let rag = RAG(literal: name) {
      if rag.isFivePointOnly && !schema.ratingScale.isFivePoint {
        report(
          .unknownName, "'\(name)' is not a rating of the three-point scale", scope.file, bytes,
          hint: "declare 'scale five-point' in the pack's schema to use the delivery confidence scale")
        return nil
      }
      return CheckedExpr(kind: .constant(.rag(rag)), type: .rag, range: range)
    }
    if name == "true" || name == "false" {
      return CheckedExpr(kind: .constant(.bool(name == "true")), type: .bool, range: range)
    }
    if name == "report_date" { return CheckedExpr(kind: .reportDate, type: .date, range: range) }
    let column = schema.column(named: name)
    let group = schema.group(named: name)
    if column != nil || group != nil, !scope.columnsAllowed {
      report(
        .notConstant, "a constant or parameter cannot read the column '\(name)'", scope.file, bytes,
        hint: "constants and parameters are fixed values; use the column in a rule's 'when'")
      return nil
    }
    if column != nil || group != nil, scope.groupColumn != nil, !scope.readsRecords, column != scope.groupColumn {
      report(
        .misplacedGroup, "a portfolio rule reads '\(name)' only inside an aggregate", scope.file, bytes,
        hint: "e.g. share(\(name) == Red), count(\(name) is missing), sum(\(name)), min(\(name)), max(\(name))")
      return nil
    }
    if let group {
      let memberType = schema.columns[group.members[0]].type
      guard quantifier != nil else {
        return CheckedExpr(kind: .group(group), type: .list(memberType), range: range)
      }
      if let bound = quantifier?.group, bound.name != group.name {
        report(
          .misplacedGroup,
          "\(quantifier!.name)(...) can range over one group, but this uses '\(bound.name)' and '\(name)'",
          scope.file, bytes)
        return nil
      }
      quantifier?.group = group
      return CheckedExpr(kind: .groupElement, type: memberType, range: range)
    }
    if let column { return CheckedExpr(kind: .column(column), type: schema.columns[column].type, range: range) }
    reportUnknownName(name, at: bytes, in: scope)
    return nil
  }

  mutating func reportUnknownName(_ name: String, at bytes: Range<Int>, in scope: Scope) {
    if let rag = RAG(spelling: name[...]) {
      report(
        .unknownName, "unknown name '\(name)'", scope.file, bytes,
        hint: "RAG ratings are written Red, Amber, Green, Grey or N/A; did you mean '\(rag.rawValue)'?")
      return
    }
    let columns = schema.columns.map(\.name) + schema.groups.map(\.name)
    let others =
      (Array(scope.params.keys) + Array(consts.keys)).sorted() + RAG.allCases.map(\.rawValue) + ["report_date"]
    // Columns come first, so of two equally close names the column is suggested.
    if let near = Suggestion.closest(to: name, in: columns + others) {
      let isColumn = columns.contains(near)
      report(
        isColumn ? .unknownColumn : .unknownName, "unknown \(isColumn ? "column" : "name") '\(name)'", scope.file,
        bytes,
        hint: "did you mean '\(near)'?")
    } else {
      report(
        .unknownColumn, "unknown column '\(name)'", scope.file, bytes,
        hint: "the \(schema.name) schema has no such column, and no constant or parameter has this name")
    }
  }

  mutating func checkCall(
    _ name: String, nameRange: Range<Int>, _ arguments: [Expr], range: SourceRange, in scope: Scope
  ) -> CheckedExpr? {
    if scope.groupColumn != nil, !scope.aggregating, let aggregate = CheckedExpr.Aggregate(rawValue: name) {
      return checkAggregate(aggregate, arguments, range: range, in: scope)
    }
    if let kind = CheckedExpr.Quantifier(rawValue: name) {
      return checkQuantifier(kind, arguments, range: range, in: scope)
    }
    if let function = HistoryFunction(rawValue: name) {
      return checkHistory(function, arguments, range: range, in: scope)
    }
    guard let builtin = Builtin(rawValue: name) else {
      let names = Builtin.allCases.map(\.rawValue) + ["count", "any", "all"] + HistoryFunction.allCases.map(\.rawValue)
      let hint =
        Suggestion.hint(for: name, in: names)
        ?? "the functions are \(names.sorted().joined(separator: ", "))"
      report(.unknownFunction, "unknown function '\(name)'", scope.file, nameRange, hint: hint)
      return nil
    }
    var checked: [CheckedExpr] = []
    for argument in arguments {
      guard let item = check(argument, in: scope) else { return nil }
      checked.append(item)
    }
    guard let type = builtinType(builtin, checked, range: range, in: scope) else { return nil }
    return CheckedExpr(kind: .call(builtin, checked), type: type, range: range)
  }

  /// `previous`, `periods` and the comparisons with the previous period, which are written in
  /// terms of `previous` so the rule set has one history primitive besides `periods`.
  mutating func checkHistory(
    _ function: HistoryFunction, _ arguments: [Expr], range: SourceRange, in scope: Scope
  ) -> CheckedExpr? {
    guard arguments.count == 1 else {
      report(
        .wrongArgumentCount, "\(function.rawValue)(...) takes one argument, but \(arguments.count) were given",
        scope.file, range.bytes, hint: function.signature)
      return nil
    }
    guard scope.readsRecords else {
      let message =
        scope.columnsAllowed
        ? "a portfolio rule uses \(function.rawValue)(...) only inside an aggregate"
        : "a constant or parameter cannot use \(function.rawValue)(...)"
      report(.notConstant, message, scope.file, range.bytes, hint: "history belongs in a rule's 'when' or 'message'")
      return nil
    }
    guard let value = check(arguments[0], in: scope) else { return nil }
    func previous() -> CheckedExpr {
      var fallback: Int?
      if case .column(let column) = value.kind { fallback = schema.previousColumns[column] }
      return CheckedExpr(kind: .previous(value, fallback: fallback), type: value.type, range: range)
    }
    switch function {
    case .previous:
      return previous()
    case .periods:
      guard value.type == .bool else {
        return mismatch("periods(...) needs a true/false condition, but this is \(value.type)", value.range)
      }
      return CheckedExpr(kind: .periods(value), type: .number, range: range)
    case .changed:
      guard !value.type.isList else {
        return mismatch("changed(...) compares one value, not \(value.type)", value.range)
      }
      return CheckedExpr(kind: .compare(.notEqual, value, previous()), type: .bool, range: range)
    case .worsened, .improved:
      guard value.type == .rag else {
        return mismatch("\(function.rawValue)(...) needs a RAG rating, but this is \(value.type)", value.range)
      }
      let comparison: CheckedExpr.Comparison = function == .worsened ? .worseThan : .betterThan
      return CheckedExpr(kind: .compare(comparison, value, previous()), type: .bool, range: range)
    }
  }

  /// `count()`, `count(c)`, `share(c)`, `any(c)`, `all(c)`, `sum(x)`, `min(x)`, `max(x)` over
  /// the workstreams of a portfolio rule's group.
  mutating func checkAggregate(
    _ aggregate: CheckedExpr.Aggregate, _ arguments: [Expr], range: SourceRange, in scope: Scope
  ) -> CheckedExpr? {
    let usage =
      "\(aggregate.rawValue)(...) takes one \(aggregate == .sum || aggregate == .min || aggregate == .max ? "value" : "condition")"
    if aggregate == .count && arguments.isEmpty {
      return CheckedExpr(kind: .aggregate(.count, nil), type: .number, range: range)
    }
    guard arguments.count == 1 else {
      report(.wrongArgumentCount, "\(usage), but \(arguments.count) were given", scope.file, range.bytes)
      return nil
    }
    var inner = scope
    inner.aggregating = true
    guard let body = check(arguments[0], in: inner) else { return nil }
    let type: ValueType
    switch aggregate {
    case .count, .share, .any, .all:
      guard body.type == .bool else {
        return mismatch("\(aggregate.rawValue)(...) needs a true/false condition, but this is \(body.type)", body.range)
      }
      type = [.count: .number, .share: .percent][aggregate] ?? .bool
    case .sum:
      guard body.type.isNumeric || body.type == .money || body.type == .duration else {
        return mismatch("cannot add up \(body.type) values", body.range)
      }
      type = body.type
    case .min, .max:
      guard body.type.isOrdered else {
        return mismatch("\(body.type) values have no \(aggregate.rawValue)", body.range)
      }
      type = body.type
    }
    return CheckedExpr(kind: .aggregate(aggregate, body), type: type, range: range)
  }

  mutating func checkQuantifier(
    _ kind: CheckedExpr.Quantifier, _ arguments: [Expr], range: SourceRange, in scope: Scope
  ) -> CheckedExpr? {
    guard arguments.count == 1 else {
      report(
        .wrongArgumentCount, "\(kind.rawValue)(...) takes one condition, but \(arguments.count) were given",
        scope.file, range.bytes, hint: "e.g. \(kind.rawValue)(dimensions == Amber)")
      return nil
    }
    guard quantifier == nil else {
      report(
        .misplacedGroup, "\(kind.rawValue)(...) cannot be used inside \(quantifier!.name)(...)", scope.file, range.bytes
      )
      return nil
    }
    quantifier = QuantifierBinding(name: kind.rawValue, group: nil)
    let body = check(arguments[0], in: scope)
    let group = quantifier?.group
    quantifier = nil
    guard let body else { return nil }
    guard let group else {
      report(
        .misplacedGroup, "\(kind.rawValue)(...) needs a condition over a column group such as 'dimensions'",
        scope.file, arguments[0].range, hint: "e.g. \(kind.rawValue)(dimensions == Red)")
      return nil
    }
    guard body.type == .bool else {
      report(
        .typeMismatch, "\(kind.rawValue)(...) needs a true/false condition, but this is \(body.type)",
        scope.file, arguments[0].range)
      return nil
    }
    return CheckedExpr(
      kind: .quantifier(kind, group: group, body: body), type: kind == .count ? .number : .bool,
      range: range)
  }

  mutating func builtinType(_ builtin: Builtin, _ args: [CheckedExpr], range: SourceRange, in scope: Scope)
    -> ValueType?
  {
    func arity(_ count: Int) -> Bool {
      if args.count == count { return true }
      report(
        .wrongArgumentCount,
        "\(builtin.rawValue)(...) takes \(count) argument\(count == 1 ? "" : "s"), but \(args.count) \(args.count == 1 ? "was" : "were") given",
        scope.file, range.bytes, hint: builtin.signature)
      return false
    }
    func expect(_ type: ValueType, _ arg: CheckedExpr, _ position: Int) -> Bool {
      if arg.type == type { return true }
      report(
        .typeMismatch, "argument \(position) of \(builtin.rawValue)(...) must be \(type), but this is \(arg.type)",
        scope.file, arg.range.bytes, hint: builtin.signature)
      return false
    }
    switch builtin {
    case .worst, .best:
      guard !args.isEmpty else {
        report(
          .wrongArgumentCount, "\(builtin.rawValue)(...) needs at least one rating", scope.file, range.bytes,
          hint: builtin.signature)
        return nil
      }
      for (i, arg) in args.enumerated() where arg.type != .rag && arg.type != .list(.rag) {
        report(
          .typeMismatch,
          "argument \(i + 1) of \(builtin.rawValue)(...) must be RAG or a list of RAG, but this is \(arg.type)",
          scope.file, arg.range.bytes, hint: builtin.signature)
        return nil
      }
      return .rag
    case .contains, .startsWith, .endsWith:
      guard arity(2), expect(.text, args[0], 1), expect(.text, args[1], 2) else { return nil }
      return .bool
    case .containsAny:
      guard arity(2), expect(.text, args[0], 1) else { return nil }
      guard args[1].type == .list(.text) || args[1].type == .list(.nothing) else {
        _ = expect(.list(.text), args[1], 2)
        return nil
      }
      return .bool
    case .lower, .upper:
      guard arity(1), expect(.text, args[0], 1) else { return nil }
      return .text
    }
  }
}

extension ValueType {
  /// Whether two values of these types can be compared or stored in one list.
  func isCompatible(with other: ValueType) -> Bool {
    if case .list(let a) = self, case .list(let b) = other { return a.isCompatible(with: b) }
    return self == other || (isNumeric && other.isNumeric) || self == .nothing || other == .nothing
  }
}
