/// The lists of a compiled rule (a quantifier's bodies, a message's parts, its evidence) run as
/// chains of closures, each holding the next: calling a closure read from an array retains and
/// releases it every time, and that for every record of a run.
extension Compiler {
  /// A value a message or the evidence shows: a column, read in place, or any other expression.
  enum Part {
    /// Text as UTF-8, ready to append to a message.
    case text([UInt8])
    case column(Int, ValueType)
    case value(Evaluate, ValueType)
  }

  /// The part that shows `expr`, compiled as `evaluate`.
  static func part(_ expr: CheckedExpr, _ evaluate: @escaping Evaluate, _ context: Context) -> Part {
    if let column = columnIndex(expr, context) { return .column(column, expr.type) }
    return .value(evaluate, expr.type)
  }

  /// For how many of `members` a quantifier's `body` holds, each compiled for its member and
  /// evaluated in turn. Compiled as the chain is built rather than kept in an array first: a
  /// closure taken from an array is called through a thunk.
  static func counting(
    _ body: CheckedExpr, over members: ArraySlice<Int>, _ context: Context
  ) -> @Sendable (Cursor) throws(EvaluationError) -> Int {
    guard let member = members.first else { return { _ in 0 } }
    let first = compile(
      body, Context(reportDate: context.reportDate, element: member, previousColumns: context.previousColumns))
    let rest = counting(body, over: members.dropFirst(), context)
    return { cursor throws(EvaluationError) in (try first(cursor).isTrue ? 1 : 0) + (try rest(cursor)) }
  }

  /// Writes a message made of `parts`, each value formatted by its type, as UTF-8.
  static func writing(_ parts: ArraySlice<Part>) -> CompiledRule.Writing {
    guard let first = parts.first else { return { _, _ in } }
    let rest = writing(parts.dropFirst())
    switch first {
    case .text(let literal):
      return { cursor, bytes throws(EvaluationError) in
        literal.withUnsafeBufferPointer { bytes.append(bytes: $0) }
        try rest(cursor, &bytes)
      }
    case .column(let column, let type):
      return { cursor, bytes throws(EvaluationError) in
        cursor.record.values[column].format(as: type, into: &bytes)
        try rest(cursor, &bytes)
      }
    case .value(let evaluate, let type):
      return { cursor, bytes throws(EvaluationError) in
        try evaluate(cursor).format(as: type, into: &bytes)
        try rest(cursor, &bytes)
      }
    }
  }

  /// Appends the value of each of `parts` (none of them text) in turn.
  static func collecting(_ parts: ArraySlice<Part>) -> CompiledRule.Collecting {
    guard let first = parts.first else { return { _, _ in } }
    let rest = collecting(parts.dropFirst())
    switch first {
    case .text: preconditionFailure("evidence has no text")
    case .column(let column, _):
      return { cursor, values throws(EvaluationError) in
        values.append(cursor.record.values[column])
        try rest(cursor, &values)
      }
    case .value(let evaluate, _):
      return { cursor, values throws(EvaluationError) in
        values.append(try evaluate(cursor))
        try rest(cursor, &values)
      }
    }
  }
}
