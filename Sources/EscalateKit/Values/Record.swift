/// One record of a dataset, decoded: a value per schema column, and where it came from.
public struct Record: Sendable {
  /// A value per column of the schema, by column index; columns no rule reads stay missing.
  public var values: [Value]
  /// Where the record is, for its alerts and diagnostics to point at.
  public var source: RecordSource

  /// Creates a record.
  public init(values: [Value], source: RecordSource) {
    self.values = values
    self.source = source
  }
}

extension Record {
  /// The text of a column, or nil when the record has no such column or the cell is missing.
  public func text(_ column: Int?) -> String? {
    guard let column, case .text(let value) = values[column] else { return nil }
    return value
  }
}

/// Where a record is in its data file: the line its first field is on.
public struct RecordSource: Sendable, Hashable {
  /// The file, as its path was given.
  public var path: String
  /// The line the record starts on.
  public var line: Int

  /// Creates a location.
  public init(path: String, line: Int) {
    self.path = path
    self.line = line
  }
}
