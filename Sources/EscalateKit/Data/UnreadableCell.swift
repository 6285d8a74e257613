/// A cell whose text is not a value of its column's type, such as `TBD` in a money column.
///
/// The rules see the cell as missing; the cell itself is reported, as a data-quality alert by
/// default or, with `--strict`, as an error. It is never dropped silently.
public struct UnreadableCell: Sendable, Equatable {
  /// The data file holding the cell.
  public var path: String
  /// The line the cell starts on.
  public var line: Int
  /// The character column where the cell starts.
  public var column: Int
  /// The schema column the cell belongs to.
  public var columnName: String
  /// What the cell should have held, e.g. "an amount of money".
  public var expected: String
  /// The cell's text, exactly as written.
  public var text: String
  /// The forms that can be read, for the diagnostic.
  public var hint: String?

  /// A cell of a column of `type`.
  init(path: String, line: Int, column: Int, columnName: String, type: ValueType, text: String) {
    self.init(
      path: path, line: line, column: column, columnName: columnName, expected: CellParser.noun(for: type),
      text: text, hint: CellParser.hint(for: type))
  }

  init(
    path: String, line: Int, column: Int, columnName: String, expected: String, text: String, hint: String?
  ) {
    self.path = path
    self.line = line
    self.column = column
    self.columnName = columnName
    self.expected = expected
    self.text = text
    self.hint = hint
  }

  /// "cannot read 'TBD' in column 'budget' as an amount of money".
  public var message: String {
    "cannot read '\(text)' in column '\(columnName)' as \(expected)"
  }

  /// The cell as a located error, for `--strict` and `escalate validate`.
  public var diagnostic: Diagnostic {
    Diagnostic(.unreadableValue, message, at: .file(path: path, line: line, column: column), hint: hint)
  }
}
