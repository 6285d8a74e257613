/// Maps a data file's header onto a schema and decodes each CSV record into a ``Record``.
///
/// Only the columns the rules read (and the identifying ones) are decoded, so a wide file
/// costs no more than a narrow one.
public struct RecordDecoder: Sendable {
  let path: String
  let columnCount: Int
  let idColumn: Int
  let idName: String
  let scale: RatingScale
  /// For each decoded schema column: its index in the schema, its field index in the file,
  /// its name and type.
  let slots: [(column: Int, field: Int, name: String, type: ValueType)]

  /// Matches `header` against `schema`; the diagnostics name every column the rules need
  /// that the file lacks. `columns` nil decodes every schema column the file has.
  public static func make(
    path: String, header: [String], schema: Schema, columns: [Int]?
  ) -> (decoder: RecordDecoder?, diagnostics: [Diagnostic]) {
    var fieldOf: [String: Int] = [:]
    for (index, name) in header.enumerated() {
      fieldOf[Schema.normalise(name)] = fieldOf[Schema.normalise(name)] ?? index
    }
    // A header may use a declared alias; the column's own name wins when both are present.
    for column in schema.columns where fieldOf[column.name] == nil {
      if let field = column.aliases.lazy.compactMap({ fieldOf[Schema.normalise($0)] }).first {
        fieldOf[column.name] = field
      }
    }
    let present = schema.columns.indices.filter { fieldOf[schema.columns[$0].name] != nil }
    var wanted = [schema.idColumn] + (columns ?? present)
    for key in schema.describingColumns where fieldOf[schema.columns[key].name] != nil { wanted.append(key) }
    var slots: [(Int, Int, String, ValueType)] = []
    var diagnostics: [Diagnostic] = []
    for column in Set(wanted).sorted() {
      let spec = schema.columns[column]
      guard let field = fieldOf[spec.name] else {
        let hint =
          Suggestion.closest(to: spec.name, in: header.map(Schema.normalise)).map { "did you mean '\($0)'?" }
          ?? "the \(schema.name) schema's columns are \(schema.columns.map(\.name).joined(separator: ", "))"
        diagnostics.append(
          Diagnostic(
            .missingColumn, "the header has no column '\(spec.name)', which the rules read",
            at: .file(path: path, line: 1, column: 1), hint: hint))
        continue
      }
      slots.append((column, field, spec.name, spec.type))
    }
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    let decoder = RecordDecoder(
      path: path, columnCount: schema.columns.count, idColumn: schema.idColumn,
      idName: schema.columns[schema.idColumn].name, scale: schema.ratingScale, slots: slots)
    return (decoder, [])
  }

  /// Decodes one record. Unreadable cells become missing values and are returned, each at the
  /// position `locate` gives for its field index; a record without an id is an error.
  public func decode(
    _ fields: [String], line: Int, locate: (Int) -> (line: Int, column: Int)
  ) -> DecodedRecord {
    var values = [Value](repeating: .missing, count: columnCount)
    var unreadable: [UnreadableCell] = []
    for slot in slots {
      let cell = fields[slot.field]
      if let value = CellParser.parse(cell, as: slot.type, scale: scale) {
        values[slot.column] = value
      } else {
        let (cellLine, column) = locate(slot.field)
        unreadable.append(
          UnreadableCell(
            path: path, line: cellLine, column: column, columnName: slot.name, type: slot.type, text: cell))
      }
    }
    var error: Diagnostic?
    if values[idColumn].isMissing, let field = slots.first(where: { $0.column == idColumn })?.field {
      let (cellLine, column) = locate(field)
      error = Diagnostic(
        .unreadableValue, "the record has no '\(idName)', so its alerts could not name it",
        at: .file(path: path, line: cellLine, column: column))
    }
    let record = Record(values: values, source: RecordSource(path: path, line: line))
    return DecodedRecord(record: record, unreadable: unreadable, error: error)
  }
}

/// A record as decoded, with what could not be read in it.
public struct DecodedRecord: Sendable {
  public var record: Record
  /// Cells that could not be read; the record holds them as missing.
  public var unreadable: [UnreadableCell]
  /// Why the record cannot be checked at all, if it cannot.
  public var error: Diagnostic?
}
