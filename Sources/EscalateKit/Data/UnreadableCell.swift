/// A cell whose text is not a value of its column's type, such as `TBD` in a money column.
///
/// The rules see the cell as missing; the cell itself is reported, as a data-quality alert by
/// default or, with `--strict`, as an error. It is never dropped silently.
public struct UnreadableCell: Sendable, Equatable {
  public var path: String
  public var line: Int
  /// The character column where the cell starts.
  public var column: Int
  /// The schema column the cell belongs to.
  public var columnName: String
  public var type: ValueType
  /// The cell's text, exactly as written.
  public var text: String

  /// "cannot read 'TBD' in column 'budget' as an amount of money".
  public var message: String {
    "cannot read '\(text)' in column '\(columnName)' as \(CellParser.noun(for: type))"
  }

  /// The cell as a located error, for `--strict` and `escalate validate`.
  public var diagnostic: Diagnostic {
    Diagnostic(
      .unreadableValue, message, at: .file(path: path, line: line, column: column), hint: CellParser.hint(for: type))
  }
}
