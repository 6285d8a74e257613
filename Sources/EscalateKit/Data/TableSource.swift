/// A data file as rows of text cells in the order of a header, whatever its format.
protocol TableSource {
  /// The names of the cells of each row, in order.
  var header: [String] { get }
  /// The line the header is on: blank lines may come before it.
  var headerLine: Int { get }
  /// The next row, or nil at the end.
  mutating func next() throws(TableSourceError) -> TableRow?
  /// Warnings for names in the file that `schema` does not know.
  func unknownColumns(in schema: Schema) -> [Diagnostic]
  /// Reads only the cells at the header positions marked true; the others are empty. A source
  /// may ignore this (JSON does: its cells are read anyway to find the keys).
  mutating func select(_ wanted: [Bool])
  /// Like ``select(_:)``, but a source that can (CSV) builds no string at all: its rows' fields
  /// are empty, and their ``CellPositions/csv(_:_:delimiter:)`` tells where each cell's text
  /// is, to be decoded from its bytes. A source that cannot reads the wanted cells as strings.
  mutating func selectSpans(_ wanted: [Bool])
}

extension TableSource {
  mutating func select(_ wanted: [Bool]) {}
  mutating func selectSpans(_ wanted: [Bool]) { select(wanted) }
  var headerLine: Int { 1 }
}

/// One row of a ``TableSource``.
struct TableRow {
  /// One cell per header name; an absent cell is empty.
  var fields: [String]
  /// The line the row starts on.
  var line: Int
  /// The byte offset in the file where the row starts.
  var offset = 0
  /// The column the row starts at: a JSON record may start in the middle of a line.
  var column = 1
  /// Where the cells start, for reporting one.
  var cells: CellPositions

  /// The text of the cell at a header position, from its bytes when the row has no strings.
  func text(_ field: Int) -> String {
    guard case .csv(let record, let bytes, _) = cells, !record.spans.isEmpty else { return fields[field] }
    let span = record.spans[field]
    return bytes.withUnsafeBufferPointer { fieldText($0, span.bytes, unescaping: span.escaped) }
  }

  /// Where the cell of a header position starts.
  func locate(_ field: Int) -> (line: Int, column: Int) {
    switch cells {
    case .csv(let record, let bytes, let delimiter):
      CSVFieldLocator.locate(field: field, of: record, in: bytes, delimiter: delimiter)
    case .listed(let positions):
      positions[field]
    }
  }
}

/// How a row finds where its cells are. Only an unreadable cell needs it, so a CSV row keeps
/// what it takes to work it out rather than a closure, whose context would be allocated for
/// every row.
enum CellPositions {
  /// Found by rescanning the record's bytes.
  case csv(CSVRecord, [UInt8], delimiter: UInt8)
  /// Known for each cell already.
  case listed([(line: Int, column: Int)])
}

/// A malformed file, as a located diagnostic.
struct TableSourceError: Error {
  var diagnostic: Diagnostic
  /// Whether the rows after it can still be read (a ragged CSV row can be skipped).
  var canContinue: Bool
}

/// How a data file is written.
enum DataFormat {
  case csv, json

  /// By extension (`.json`, `.jsonl`, `.ndjson` or `.csv`, `.tsv`, `.txt`), otherwise by the
  /// first character: `[` or `{` starts JSON.
  init(path: String, bytes: [UInt8]) {
    let lower = path.lowercased()
    if [".json", ".jsonl", ".ndjson"].contains(where: lower.hasSuffix) {
      self = .json
    } else if [".csv", ".tsv", ".txt"].contains(where: lower.hasSuffix) {
      self = .csv
    } else {
      let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
      self = first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? .json : .csv
    }
  }
}

/// JSON records (an array of objects, or JSON Lines) laid out on the schema's columns; a key
/// a record lacks is an empty cell, and `null` is empty too.
struct JSONSource: TableSource {
  private var reader: JSONRecordReader
  /// The rest of the file.
  private let chunks: FileChunks
  private let path: String
  private let fieldOf: [String: Int]
  /// Each key as written, to its column (nil: not in the schema): normalising a key costs far
  /// more than looking it up, and every record repeats the same few.
  private var keys: [String: Int?] = [:]
  let header: [String]
  /// Keys that are not schema columns, with where each was first seen.
  private var unknownKeys: [(name: String, line: Int, column: Int)] = []
  private var unknownNames: Set<String> = []

  /// Records from the file at `path`, read a chunk at a time so that memory is bounded by the
  /// largest record: from its start, or from the start of a `segment` of it that has been read
  /// once already. Nil when the file cannot be opened; messages name it `name`.
  static func open(
    path: String, shownAs name: String? = nil, schema: Schema, segment: FileSegment? = nil,
    chunkSize: Int = FileChunks.defaultChunkSize
  ) -> JSONSource? {
    guard let chunks = FileChunks(path: path, from: segment?.start ?? 0, limit: segment?.end, chunkSize: chunkSize)
    else { return nil }
    var start: JSONResumePoint?
    if let segment, case .json(let column, let isArray) = segment.format {
      start = JSONResumePoint(offset: segment.start, line: segment.line, column: column, isArray: isArray)
    }
    return JSONSource(reader: JSONRecordReader(resuming: start), chunks: chunks, path: name ?? path, schema: schema)
  }

  private init(reader: JSONRecordReader, chunks: FileChunks, path: String, schema: Schema) {
    self.reader = reader
    self.chunks = chunks
    self.path = path
    header = schema.columns.map(\.name)
    var fieldOf: [String: Int] = [:]
    for (index, column) in schema.columns.enumerated() {
      for name in ([column.name] + column.aliases).map(Schema.normalise) where fieldOf[name] == nil {
        fieldOf[name] = index
      }
    }
    self.fieldOf = fieldOf
  }

  mutating func next() throws(TableSourceError) -> TableRow? {
    do throws(JSONError) {
      guard let record = try reader.next(more: chunks.read) else { return nil }
      var fields = [String](repeating: "", count: header.count)
      var positions = [(line: Int, column: Int)](repeating: (record.line, 1), count: header.count)
      for field in record.fields {
        let known = keys[field.name] ?? fieldOf[Schema.normalise(field.name)]
        if keys.count < 1_000 { keys[field.name] = known }
        guard let index = known else {
          if unknownNames.insert(field.name).inserted {
            unknownKeys.append((field.name, field.line, field.column))
          }
          continue
        }
        fields[index] = Self.text(field.cell)
        positions[index] = (field.line, field.column)
      }
      return TableRow(
        fields: fields, line: record.line, offset: record.byteOffset, column: record.column, cells: .listed(positions))
    } catch {
      throw TableSourceError(
        diagnostic: Diagnostic(
          .malformedJSON, error.message, at: .file(path: path, line: error.line, column: error.column)),
        canContinue: false)
    }
  }

  /// Whether the records are the elements of an array rather than lines; known once a record
  /// has been read.
  var isArray: Bool { reader.isArray }

  /// How far into the file reading has got: its size, once `next()` has returned nil.
  var bytesRead: Int { chunks.offset }

  /// A cell as the text a CSV file would hold: numbers keep their literal digits.
  static func text(_ cell: JSONCell) -> String {
    switch cell {
    case .string(let text): text
    case .number(let literal): literal
    case .bool(let value): value ? "true" : "false"
    case .null: ""
    }
  }

  func unknownColumns(in schema: Schema) -> [Diagnostic] {
    unknownKeys.map {
      Diagnostic(
        .unknownDataColumn, "key '\($0.name)' is not in the \(schema.name) schema; it is not read",
        at: .file(path: path, line: $0.line, column: $0.column), severity: .warning)
    }
  }
}

extension CSVError {
  func diagnostic(path: String) -> Diagnostic {
    Diagnostic(.malformedCSV, message, at: .file(path: path, line: line, column: column))
  }
}
