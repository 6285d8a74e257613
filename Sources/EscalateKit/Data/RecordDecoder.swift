/// Maps a data file's header onto a schema and decodes each CSV record into a ``Record``.
///
/// Only the columns the rules read (and the identifying ones) are decoded, so a wide file
/// costs no more than a narrow one.
public struct RecordDecoder: Sendable {
  let path: String
  let idColumn: Int
  let idName: String
  let scale: RatingScale
  /// The period column, whose text is kept as written but must also be a readable period.
  let periodColumn: Int?
  /// Each decoded schema column.
  let slots: [Slot]
  /// Each slot's column name and type, apart from the slots because only a report of a cell,
  /// or a cell not read in place, needs them: a slot then holds nothing to count references
  /// on, for every cell of a large run.
  let names: [String]
  let types: [ValueType]
  /// The values of the record decoded last, whose storage the next record reuses once the last
  /// one is let go; only the slots' columns are ever written, the others stay missing.
  private var values: [Value]
  /// Ratings and periods take a handful of spellings, repeated on every record: each distinct
  /// text is read once.
  private var ratings = SpellingCache<Value?>()
  private var periods = SpellingCache<Bool>()

  /// Matches `header` against `schema`; the diagnostics name every column the rules need
  /// that the file lacks, at `headerLine`. `columns` nil decodes every schema column the file has; the columns
  /// that describe a record in alerts (name, period, section...) are decoded too, except, without
  /// `context`, the ``Schema/contextOnlyColumns`` that the rules do not read. The
  /// `presenceOnly` columns (see ``RuleSet/presenceOnlyColumns``) of a CSV row are read only as
  /// missing or present.
  public static func make(
    path: String, header: [String], headerLine: Int = 1, schema: Schema, columns: [Int]?, context: Bool = true,
    presenceOnly: [Int] = []
  ) -> (decoder: RecordDecoder?, diagnostics: [Diagnostic]) {
    var fieldOf: [String: Int] = [:]
    var diagnostics: [Diagnostic] = []
    for (index, name) in header.enumerated() {
      let key = Schema.normalise(name)
      if let first = fieldOf[key] {
        // `Escalated To` and `escalated-to` would both be escalated_to; which one is meant is a guess.
        if schema.knownHeaderNames.contains(key) {
          diagnostics.append(
            Diagnostic(
              .duplicateColumn, "the header has '\(header[first])' and '\(name)', which both mean column '\(key)'",
              at: .file(path: path, line: headerLine, column: 1), hint: "rename or remove one of them"))
        }
        continue
      }
      fieldOf[key] = index
    }
    // A header may use a declared alias; the column's own name wins when both are present.
    for column in schema.columns where fieldOf[Schema.normalise(column.name)] == nil {
      if let field = column.aliases.lazy.compactMap({ fieldOf[Schema.normalise($0)] }).first {
        fieldOf[Schema.normalise(column.name)] = field
      }
    }
    let present = schema.columns.indices.filter { fieldOf[Schema.normalise(schema.columns[$0].name)] != nil }
    var wanted = [schema.idColumn] + (columns ?? present)
    let describing =
      context
      ? schema.describingColumns
      : schema.describingColumns.filter {
        !schema.contextOnlyColumns.contains($0)
      }
    for key in describing where fieldOf[Schema.normalise(schema.columns[key].name)] != nil {
      wanted.append(key)
    }
    var slots: [Slot] = []
    var names: [String] = []
    var types: [ValueType] = []
    lazy var normalisedHeader = header.map(Schema.normalise)
    for column in Set(wanted).sorted() {
      let spec = schema.columns[column]
      guard let field = fieldOf[Schema.normalise(spec.name)] else {
        let hint =
          Suggestion.hint(for: spec.name, in: normalisedHeader)
          ?? "the \(schema.name) schema's columns are \(schema.columns.map(\.name).joined(separator: ", "))"
        diagnostics.append(
          Diagnostic(
            .missingColumn, "the header has no column '\(spec.name)', which the rules read",
            at: .file(path: path, line: headerLine, column: 1), hint: hint))
        continue
      }
      slots.append(
        Slot(
          column: column, field: field, inPlace: Slot.InPlace(spec.type),
          presenceOnly: spec.type == .text && presenceOnly.contains(column)))
      names.append(spec.name)
      types.append(spec.type)
    }
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    let decoder = RecordDecoder(
      path: path.unshared, idColumn: schema.idColumn,
      idName: schema.columns[schema.idColumn].name, scale: schema.ratingScale, periodColumn: schema.periodColumn,
      slots: slots, names: names, types: types, values: [Value](repeating: .missing, count: schema.columns.count))
    return (decoder, [])
  }

  /// Decodes one record. Unreadable cells become missing values and are returned, each at the
  /// position `locate` gives for its field index; a record without an id is an error.
  public mutating func decode(
    _ fields: [String], line: Int, locate: (Int) -> (line: Int, column: Int)
  ) -> DecodedRecord {
    decode(fields, line: line, cells: nil, locate: locate)
  }

  /// Decodes one record as ``decode(_:line:locate:)`` does; for a CSV row read with
  /// ``TableSource/selectSpans(_:)``, `cells` lends its spans and the bytes they are in, and
  /// every cell is read from those rather than from `fields`.
  mutating func decode(
    _ fields: [String], line: Int, cells: (spans: UnsafeBufferPointer<CSVSpan>, bytes: UnsafeBufferPointer<UInt8>)?,
    locate: (Int) -> (line: Int, column: Int)
  ) -> DecodedRecord {
    guard let (spans, bytes) = cells else {
      return decode(line: line, locate: locate) { slot, _ in .text(fields[slot.field]) }
    }
    return decode(line: line, locate: locate) { slot, decoder in
      let span = spans[slot.field]
      if slot.presenceOnly { return .value(Self.isBlank(span, in: bytes) ? .missing : Self.present) }
      // Amounts, dates and ratings, most of a record's cells, are read without a string where
      // they are plain; anything else is read, or reported, from its text as always.
      if let way = slot.inPlace, let value = decoder.readInPlace(span, of: bytes, as: way) { return .value(value) }
      return .text(fieldText(bytes, span.bytes, unescaping: span.escaped))
    }
  }

  /// A decoded schema column: its index in the schema, its field index in the file, how a
  /// plain cell of it is read from its bytes if it is (see `readInPlace`), and whether only its
  /// presence is read.
  struct Slot {
    let column: Int
    let field: Int
    let inPlace: InPlace?
    let presenceOnly: Bool

    /// The types whose plain cells are read from their bytes.
    enum InPlace {
      case money, number, date, rating

      init?(_ type: ValueType) {
        switch type {
        case .money: self = .money
        case .number: self = .number
        case .date: self = .date
        case .rag: self = .rating
        default: return nil
        }
      }
    }
  }

  /// What a present cell of a presence-only column holds: text that no output shows, since no
  /// alert can show the column's value. Making a string of every narrative took about a
  /// fifteenth of a streamed check's time.
  static let present = Value.text("(not read)")

  /// Whether a text cell reads as missing: nothing that trimming leaves, as ``CellParser`` reads it.
  private static func isBlank(_ span: CSVSpan, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes[span.bytes].allSatisfy(Substring.isBlank)
  }

  /// A cell as the decoder first gets it: its value, read straight from its bytes, or its text.
  private enum Cell {
    case value(Value)
    case text(String)
  }

  // Inlined into its two callers so that the closure reading each cell is inlined too, rather
  // than called for every cell of every record.
  @inline(__always)
  private mutating func decode(
    line: Int, locate: (Int) -> (line: Int, column: Int), cell read: (Slot, inout RecordDecoder) -> Cell
  ) -> DecodedRecord {
    // Taken rather than copied, so that it is not shared while written.
    var values: [Value] = []
    swap(&values, &self.values)
    var unreadable: [UnreadableCell] = []
    // Written through a pointer: the array's own subscript checked it was unique for every cell.
    values.withUnsafeMutableBufferPointer { values in
      for (index, slot) in slots.enumerated() {
        let cell: String
        switch read(slot, &self) {
        case .value(let value):
          values[slot.column] = value
          continue
        case .text(let text): cell = text
        }
        values[slot.column] = .missing
        if let value = parse(cell, as: types[index]) {
          values[slot.column] = value
          if slot.column == periodColumn, case .text(let text) = value, !isPeriod(text) {
            // The text still names the period in alerts; only ordering a history needs it read.
            let (cellLine, column) = locate(slot.field)
            unreadable.append(
              UnreadableCell(
                path: path, line: cellLine, column: column, columnName: names[index], expected: "a period", text: cell,
                hint: "periods are quarters (2020-Q3, Q3 2020/21), financial years (2019/20, FY2020/21), months "
                  + "(2024-10, Mth 10 - 2019/20) or years"))
          }
        } else {
          let (cellLine, column) = locate(slot.field)
          unreadable.append(
            UnreadableCell(
              path: path, line: cellLine, column: column, columnName: names[index], type: types[index], text: cell))
        }
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
    // Shared with the record until the caller lets it go; written again only after that, or
    // else copied first.
    self.values = values
    return DecodedRecord(record: record, unreadable: unreadable, error: error)
  }
}

extension RecordDecoder {
  /// The header position a schema column is read from, if it is decoded.
  func field(of column: Int) -> Int? {
    slots.first { $0.column == column }?.field
  }

  /// For each of a header's `count` positions, whether a decoded column is read from it.
  func fieldMask(count: Int) -> [Bool] {
    var mask = [Bool](repeating: false, count: count)
    for slot in slots { mask[slot.field] = true }
    return mask
  }

  /// A plain cell's value read from its bytes: see ``CellParser/plainCell(_:as:)``, and for a
  /// rating, a spelling already read once. Nil for any other cell.
  private mutating func readInPlace(_ span: CSVSpan, of bytes: UnsafeBufferPointer<UInt8>, as way: Slot.InPlace)
    -> Value?
  {
    guard !span.escaped else { return nil }
    let cell = UnsafeBufferPointer(rebasing: bytes[span.bytes])
    switch way {
    case .money: return CellParser.plainCell(cell, as: .money)
    case .number: return CellParser.plainCell(cell, as: .number)
    case .date: return CellParser.plainCell(cell, as: .date)
    case .rating: break
    }
    // An unreadable spelling is known too, as nil: it is read again so that it is reported.
    guard case let value?? = ratings.known(cell) else { return nil }
    return value
  }

  private mutating func parse(_ cell: String, as type: ValueType) -> Value? {
    // Matched rather than compared: `==` on the indirect `ValueType` is a call per cell.
    guard case .rag = type else { return CellParser.parse(cell, as: type, scale: scale) }
    let scale = self.scale
    return ratings.reading(of: cell) { CellParser.parse($0, as: .rag, scale: scale) }
  }

  private mutating func isPeriod(_ text: String) -> Bool {
    periods.reading(of: text) { Period(text: $0[...]) != nil }
  }
}

/// A record as decoded, with what could not be read in it.
public struct DecodedRecord: Sendable {
  /// The values as decoded, and where the record starts in its file.
  public var record: Record
  /// Cells that could not be read; the record holds them as missing.
  public var unreadable: [UnreadableCell]
  /// Why the record cannot be checked at all, if it cannot.
  public var error: Diagnostic?
  /// The byte offset in its file where the record starts (CSV only).
  public var offset = 0
}
