import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// CSV rows read from a file a chunk at a time, so memory is bounded by the largest record
/// rather than by the file.
///
/// Each chunk is parsed by ``CSVReader``. A record that runs into the end of a chunk may have
/// been cut short, so it is carried into the next chunk and read again; the reader therefore
/// only ever sees whole records, and reports errors where a whole-file read would.
struct ChunkedCSVSource: TableSource {
  static let defaultChunkSize = 1 << 20
  /// How many bytes are read at a time; tests make it tiny so records cross many chunk ends.
  private let chunkSize: Int
  private let file: FileHandle
  private let path: String
  private let delimiter: UInt8
  private var buffer: [UInt8]
  /// The file offset of `buffer[0]`.
  private var base: Int
  /// Where reading stops: the end of a segment, or nil for the end of the file.
  private let limit: Int?
  private var atEnd = false
  private var reader: CSVReader
  /// The spans of the record skimmed last, kept so that each record reuses their storage.
  private var spans: [CSVSpan] = []
  /// Whether rows carry spans and no strings (see ``TableSource/selectSpans(_:)``).
  private var spansOnly = false
  /// Whether the bytes were found to be UTF-8 by an earlier pass, so the skimmer need not check
  /// them again (the reader, for anything the skimmer leaves to it, still does).
  private var knownUTF8 = false
  private let headerRecord: CSVRecord
  /// The bytes the header is in, for locating its names in warnings.
  private let headerBytes: [UInt8]
  var header: [String] { headerRecord.fields }
  /// How far into the file reading has got: its size, once `next()` has returned nil.
  var bytesRead: Int { base + buffer.count }
  var headerLine: Int { headerRecord.line }

  /// Opens the file at `path`, reads its header, and positions at its first record or at the
  /// start of `segment`; nil when the file cannot be opened. Messages name the file `name`.
  static func open(
    path: String, shownAs name: String? = nil, delimiter: UInt8, segment: FileSegment? = nil, knownUTF8: Bool = false,
    chunkSize: Int = defaultChunkSize
  ) -> Result<ChunkedCSVSource, TableSourceError>? {
    guard let file = FileHandle(forReadingAtPath: path) else { return nil }
    let path = name ?? path
    var buffer: [UInt8] = []
    // As in a whole-file read, one byte order mark is dropped here and `CSVReader` drops another.
    var skipped: Int?
    while true {
      // Small reads first: a segment needs the header only.
      let more = read(file, upTo: max(buffer.count, min(chunkSize, 1 << 12)))
      buffer += more
      if skipped == nil && (buffer.count >= 3 || more.isEmpty) {
        skipped = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        buffer.removeFirst(skipped!)
      }
      var reader = CSVReader(bytes: buffer, delimiter: delimiter)
      // A header that reaches the end of what has been read may go on in the next chunk.
      guard more.isEmpty || reader.position < buffer.count else { continue }
      let header: CSVRecord
      do throws(CSVError) {
        header = try reader.headerRecord()
      } catch {
        if !more.isEmpty && quotesCutText(.failure(error), bufferSize: buffer.count) { continue }
        return .failure(TableSourceError(diagnostic: error.diagnostic(path: path), canContinue: false))
      }
      var source = ChunkedCSVSource(
        file: file, path: path, delimiter: delimiter, buffer: buffer, base: skipped ?? 0, limit: segment?.end,
        atEnd: more.isEmpty, reader: reader, headerRecord: header, headerBytes: buffer, chunkSize: chunkSize)
      source.knownUTF8 = knownUTF8
      if let segment {
        try? file.seek(toOffset: UInt64(segment.start))
        source.buffer = []
        source.base = segment.start
        source.atEnd = false
        reader = CSVReader(continuing: [], header: header, line: segment.line, delimiter: delimiter)
        source.reader = reader
      }
      return .success(source)
    }
  }

  private init(
    file: FileHandle, path: String, delimiter: UInt8, buffer: [UInt8], base: Int, limit: Int?, atEnd: Bool,
    reader: CSVReader, headerRecord: CSVRecord, headerBytes: [UInt8], chunkSize: Int
  ) {
    self.chunkSize = chunkSize
    self.file = file
    self.path = path
    self.delimiter = delimiter
    self.buffer = buffer
    self.base = base
    self.limit = limit
    self.atEnd = atEnd
    self.reader = reader
    self.headerRecord = headerRecord
    self.headerBytes = headerBytes
  }

  private static func read(_ file: FileHandle, upTo count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    append(file, upTo: count, to: &bytes)
    return bytes
  }

  /// Appends up to `count` bytes of `file` to `bytes`, read straight into their storage: a
  /// fresh `Data` and a copy of it for every chunk would fault in their pages every time. Fewer
  /// only at the end of the file, or on an error, which reads as the end.
  private static func append(_ file: FileHandle, upTo count: Int, to bytes: inout [UInt8]) {
    guard count > 0 else { return }
    // Into room past the bytes, uninitialized: filling it with zeros first went byte by byte.
    bytes.append(addingCapacity: count) { span in
      span.withUnsafeMutableBufferPointer { room, total in
        while total < count {
          let got = readFile(file.fileDescriptor, room.baseAddress! + total, count - total)
          if got > 0 {
            total += got
          } else if got < 0 && errno == EINTR {
            continue
          } else {
            break
          }
        }
      }
    }
  }

  mutating func select(_ wanted: [Bool]) { reader.wanted = wanted }

  mutating func selectSpans(_ wanted: [Bool]) {
    reader.wanted = [Bool](repeating: false, count: wanted.count)
    spansOnly = true
  }

  mutating func next() throws(TableSourceError) -> TableRow? {
    if spansOnly, let skimmed = skim() {
      var csv = CSVRecord(fields: [], line: skimmed.line, byteOffset: skimmed.start)
      csv.spans = spans
      return TableRow(
        fields: [], line: skimmed.line, offset: base + skimmed.start, cells: .csv(csv, buffer, delimiter: delimiter))
    }
    guard let (csv, offset) = try nextRecord() else { return nil }
    return TableRow(
      fields: csv.fields, line: csv.line, offset: offset, cells: .csv(csv, buffer, delimiter: delimiter))
  }

  /// The next record's place and the spans of its first `locating` fields (into `spans`), read
  /// by ``CSVRecordSkimmer`` and stepped over; nil, having read nothing, where the skimmer
  /// leaves it to the reader.
  private mutating func skim(locating: Int = .max) -> CSVRecordSkimmer.Skimmed? {
    guard !reader.isFinished else { return nil }
    let (position, line, columns, delimiter) = (reader.position, reader.line, headerRecord.fields.count, delimiter)
    let validating = !knownUTF8
    let skimmed = buffer.withUnsafeBufferPointer {
      CSVRecordSkimmer.skim(
        $0, at: position, line: line, columns: columns, delimiter: delimiter, spans: &spans, validating: validating,
        locating: locating)
    }
    if let skimmed { reader.skip(to: skimmed.end, line: skimmed.endLine) }
    return skimmed
  }

  /// The next record and its offset in the file, without a ``TableRow``'s means of locating
  /// cells: for a pass that only needs a column's text.
  mutating func nextRecord() throws(TableSourceError) -> (CSVRecord, offset: Int)? {
    while true {
      let (start, line) = (reader.position, reader.line)
      let result = Result { () throws(CSVError) in try reader.next() }
      if !atEnd && (reader.position >= buffer.count || Self.quotesCutText(result, bufferSize: buffer.count)) {
        let end = base + buffer.count
        let wanted = reader.wanted
        // The reader lets go of the bytes first, so that the next chunk goes into memory already
        // in use rather than into a fresh allocation, whose pages would all fault in again.
        reader = CSVReader(continuing: [], header: headerRecord, line: line, delimiter: delimiter)
        buffer.removeSubrange(..<start)
        let kept = buffer.count
        Self.append(file, upTo: limit.map { min($0 - end, chunkSize) } ?? chunkSize, to: &buffer)
        atEnd = buffer.count == kept
        base += start
        reader = CSVReader(continuing: buffer, header: headerRecord, line: line, delimiter: delimiter)
        reader.wanted = wanted
        continue
      }
      do throws(CSVError) {
        guard let csv = try result.get() else { return nil }
        return (csv, base + csv.byteOffset)
      } catch {
        throw TableSourceError(diagnostic: error.diagnostic(path: path), canContinue: error.kind == .raggedRow)
      }
    }
  }

  /// Field `field` of the next record, as `read` makes it of the field's UTF-8 (unescaped),
  /// with the record's line and offset in the file: what ``nextRecord()`` gives for it, read in
  /// place and without the other fields' strings where ``CSVRecordSkimmer`` can read the record.
  mutating func nextField<Value>(
    _ field: Int, _ read: (UnsafeBufferPointer<UInt8>) -> Value
  ) throws(TableSourceError) -> (value: Value, line: Int, offset: Int)? {
    if let skimmed = skim(locating: field + 1) {
      let span = spans[field]
      let value = buffer.withUnsafeBufferPointer { bytes in
        guard span.escaped else { return read(UnsafeBufferPointer(rebasing: bytes[span.bytes])) }
        var text = fieldText(bytes, span.bytes, unescaping: true)
        return text.withUTF8(read)
      }
      return (value, skimmed.line, base + skimmed.start)
    }
    guard let (record, offset) = try nextRecord() else { return nil }
    var text = record.fields[field]
    return (text.withUTF8(read), record.line, offset)
  }

  /// Whether an error's message may quote text that the chunk's end cut short (a character
  /// split in two, or a shortened snippet of the field): the error is then read again with
  /// more of the file, so it says what a whole-file read would.
  private static func quotesCutText(_ result: Result<CSVRecord?, CSVError>, bufferSize: Int) -> Bool {
    guard case .failure(let error) = result else { return false }
    return error.byteOffset + 256 > bufferSize
  }

  /// A warning for each name in the header that `schema` does not know.
  func unknownColumns(in schema: Schema) -> [Diagnostic] {
    let known = schema.knownHeaderNames
    let names = headerRecord.fields
    return names.indices.filter { !known.contains(Schema.normalise(names[$0])) }.map { index in
      let (line, column) = CSVFieldLocator.locate(
        field: index, of: headerRecord, in: headerBytes, delimiter: delimiter)
      return Diagnostic(
        .unknownDataColumn, "column '\(names[index])' is not in the \(schema.name) schema; it is not read",
        at: .file(path: path, line: line, column: column), severity: .warning)
    }
  }
}

/// The system's `read`, which ``ChunkedCSVSource``'s own `read` hides inside the type.
private func readFile(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
