/// The records of a data file as the survey of a streamed check reads them: each one's id and
/// where it starts, with every record checked as ``DataFile`` would check it.
struct IDReader {
  // One of the two; not an enum with payloads, whose mutation in place would copy the
  // source's buffer for every record.
  private var csv: ChunkedCSVSource?
  private var json: JSONSource?
  private let field: Int

  private init(csv: ChunkedCSVSource? = nil, json: JSONSource? = nil, field: Int) {
    self.csv = csv
    self.json = json
    self.field = field
  }

  /// One record's id and place.
  struct Record {
    var id: ID
    var offset: Int
    var line: Int
    /// What a reader starting at this record needs to know.
    var format: FileSegment.Format
  }

  /// Opens the file at `path`, written in `format`, or nil when it cannot be read this way: it
  /// cannot be opened, or its header lacks one of the `columns` of `schema` that later passes
  /// read, which ``Check/run(paths:)`` then reports as usual rather than in the middle of the
  /// output. A CSV file is read from the start of `segment`, when given.
  static func open(
    _ path: String, _ format: DataFormat, schema: Schema, columns: [Int], options: DataOptions,
    from segment: FileSegment? = nil
  ) -> IDReader? {
    switch format {
    case .json:
      guard segment == nil else { return nil }
      guard let source = JSONSource.open(path: path, schema: schema),
        let field = idField(source, path, schema, columns)
      else { return nil }
      return IDReader(json: source, field: field)
    case .csv:
      guard
        case .success(var source)? = ChunkedCSVSource.open(
          path: path, delimiter: options.delimiter, segment: segment),
        let field = idField(source, path, schema, columns)
      else { return nil }
      // Only the id becomes a string.
      var wanted = [Bool](repeating: false, count: source.header.count)
      wanted[field] = true
      source.select(wanted)
      return IDReader(csv: source, field: field)
    }
  }

  private static func idField(_ source: some TableSource, _ path: String, _ schema: Schema, _ columns: [Int]) -> Int? {
    let (decoder, problems) = RecordDecoder.make(
      path: path, header: source.header, headerLine: source.headerLine, schema: schema, columns: columns)
    guard problems.isEmpty else { return nil }
    return decoder?.field(of: schema.idColumn)
  }

  /// What the survey needs of an id: whether it is blank, and its ``RepeatedIDs/hash(_:)``.
  struct ID {
    var isBlank: Bool
    var hash: UInt64

    init(utf8: UnsafeBufferPointer<UInt8>) {
      isBlank = utf8.allSatisfy(Substring.isBlank)
      hash = RepeatedIDs.hash(utf8: utf8)
    }
  }

  /// The next record, or nil at the end.
  mutating func next() throws(TableSourceError) -> Record? {
    if csv != nil {
      // Skimmed for the id where the record allows (see ``ChunkedCSVSource/nextField(_:_:)``),
      // and its bytes read in place.
      guard let (id, line, offset) = try csv!.nextField(field, ID.init(utf8:)) else { return nil }
      return Record(id: id, offset: offset, line: line, format: .csv)
    }
    guard let row = try json!.next() else { return nil }
    var id = row.fields[field]
    return Record(
      id: id.withUTF8(ID.init(utf8:)), offset: row.offset, line: row.line,
      format: .json(column: row.column, isArray: json!.isArray))
  }

  /// How far into the file reading has got: its size, once `next()` has returned nil.
  var bytesRead: Int {
    csv?.bytesRead ?? json!.bytesRead
  }
}
