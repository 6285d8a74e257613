/// What can go wrong reading a CSV file; the raw value is a stable identifier for
/// machine-readable output.
public enum CSVErrorKind: String, Sendable, Hashable {
  case unterminatedQuote = "unterminated-quote"
  case raggedRow = "ragged-row"
  case unexpectedQuote = "unexpected-quote"
  case invalidUTF8 = "invalid-utf8"
  case duplicateHeader = "duplicate-header"
  case emptyFile = "empty-file"
  case fieldTooLarge = "field-too-large"
  case byteOrderMark = "byte-order-mark"
}

/// A located error in a CSV file.
public typealias CSVError = ReadError<CSVErrorKind>

/// One data record of a CSV file.
public struct CSVRecord: Equatable, Sendable {
  /// The field values after unquoting, exactly as written otherwise (no trimming).
  public var fields: [String]
  /// The 1-based line where the record starts; a record spans several lines when a quoted field holds line breaks.
  public var line: Int
  /// The 0-based offset of the record's first byte in the input.
  public var byteOffset: Int
  /// Where each field's text is in the input, so that a field read without a string (see
  /// ``TableSource/selectSpans(_:)``) can be decoded from its bytes; empty for a header.
  var spans: [CSVSpan] = []

  /// Creates a record.
  public init(fields: [String], line: Int, byteOffset: Int) {
    self.fields = fields
    self.line = line
    self.byteOffset = byteOffset
  }

  /// Records are equal by what they hold and where they are; spans only retell it.
  public static func == (lhs: CSVRecord, rhs: CSVRecord) -> Bool {
    lhs.fields == rhs.fields && lhs.line == rhs.line && lhs.byteOffset == rhs.byteOffset
  }
}

/// Where a field's text is in the bytes a record was read from.
struct CSVSpan: Equatable, Sendable {
  /// The bytes between the quotes of a quoted field, or the whole of an unquoted one.
  var bytes: Range<Int>
  /// Whether the bytes hold doubled quotes, each of which reads as one.
  var escaped: Bool

}

/// An RFC 4180 CSV reader over UTF-8 bytes.
///
/// - Records end with CRLF, LF or a lone CR; the last record may lack a line ending.
/// - Empty lines (no bytes between two line endings) are skipped but still counted for line numbers. Before the
///   header, lines holding only spaces and tabs are skipped too; if nothing else remains the file is empty.
/// - A leading UTF-8 byte-order mark is skipped; one at the start of a later line is an error (two files joined).
/// - The header is read by `init`; `header()` returns it or throws the error found while reading it.
/// - After a `raggedRow` error the record has been consumed and `next()` carries on with the following record.
///   Any other error ends the input: `next()` throws it once and returns `nil` afterwards.
public struct CSVReader: Sendable {
  private let bytes: [UInt8]
  private let delimiter: UInt8
  private let parsedHeader: Result<CSVRecord, CSVError>
  /// Where the next record starts, and its line: a chunked reader carries both into the next chunk.
  private(set) var position: Int
  private(set) var line: Int
  /// Whether an error other than a ragged row has ended the input.
  private(set) var isFinished = false
  /// Which fields to build strings for, by position; the others read as empty (but are still
  /// checked, so errors do not depend on what is read). Nil reads every field.
  var wanted: [Bool]?

  /// Creates a reader and reads the header row.
  ///
  /// - Parameter delimiter: The field separator, such as `,`, `;` or a tab. It must be ASCII and must not be a
  ///   quote, CR or LF.
  public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
    precondition(
      delimiter < 0x80 && delimiter != quote && delimiter != cr && delimiter != lf,
      "a CSV delimiter must be an ASCII character other than a quote, CR or LF")
    self.bytes = bytes
    self.delimiter = delimiter
    let textStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let (header, position, line) = bytes.withUnsafeBufferPointer { buf in
      var scanner = RecordScanner(buf: buf, delimiter: delimiter, position: textStart, line: 1)
      let header = Result { () throws(CSVError) in try scanner.readHeader() }
      return (header, scanner.position, scanner.line)
    }
    self.parsedHeader = header
    self.position = position
    self.line = line
  }

  /// Creates a reader for the records of a file after the part already read: `bytes` start at
  /// a record boundary on `line`, and `header` is the file's header.
  init(continuing bytes: [UInt8], header: CSVRecord, line: Int, delimiter: UInt8) {
    self.bytes = bytes
    self.delimiter = delimiter
    self.parsedHeader = .success(header)
    self.position = 0
    self.line = line
  }

  /// Moves past a record read by other means (``CSVRecordSkimmer``), which ends at `position`,
  /// where the next record starts on `line`.
  mutating func skip(to position: Int, line: Int) {
    self.position = position
    self.line = line
  }

  /// The header row's fields, or the error that made the header unreadable.
  public func header() throws(CSVError) -> [String] {
    try parsedHeader.get().fields
  }

  /// The header row with where it starts, which is not line 1 when blank lines precede it.
  public func headerRecord() throws(CSVError) -> CSVRecord {
    try parsedHeader.get()
  }

  /// Reads the next data record, or returns `nil` at the end of the input.
  public mutating func next() throws(CSVError) -> CSVRecord? {
    guard !isFinished else { return nil }
    let columns: Int
    switch parsedHeader {
    case .success(let header):
      columns = header.fields.count
    case .failure(let error):
      isFinished = true
      throw error
    }
    let (record, newPosition, newLine) = bytes.withUnsafeBufferPointer { buf in
      var scanner = RecordScanner(buf: buf, delimiter: delimiter, position: position, line: line)
      scanner.wanted = wanted
      let record = Result { () throws(CSVError) in try scanner.readDataRecord(columns: columns) }
      return (record, scanner.position, scanner.line)
    }
    position = newPosition
    line = newLine
    switch record {
    case .success(let record):
      return record
    case .failure(let error):
      isFinished = error.kind != .raggedRow
      throw error
    }
  }
}

private let quote = UInt8(ascii: "\"")
private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")

/// A cursor over the input that lives for one call, so `CSVReader` stays a plain value and the hot loops work on a
/// buffer pointer without copy-on-write or exclusivity overhead.
private struct RecordScanner {
  let buf: UnsafeBufferPointer<UInt8>
  let delimiter: UInt8
  var position: Int
  var line: Int
  /// Errors are located by rescanning from the record start, which keeps column bookkeeping off the hot path.
  var recordStart = 0
  var recordLine = 1
  /// Field start offsets, collected only for the header, whose duplicate-name errors point at a field.
  var fieldStarts: [Int]?
  var wanted: [Bool]?
  /// Each field's span, collected only for data records.
  var spans: [CSVSpan]?
  /// The span of the field read last.
  var lastSpan = CSVSpan(bytes: 0..<0, escaped: false)
  /// The bytes that end or complicate a field, found eight at a time in long fields.
  let unquoted: SpecialBytes
  let quoted: SpecialBytes

  init(buf: UnsafeBufferPointer<UInt8>, delimiter: UInt8, position: Int, line: Int) {
    self.buf = buf
    self.delimiter = delimiter
    self.position = position
    self.line = line
    unquoted = SpecialBytes(delimiter, quote, lf, cr)
    quoted = SpecialBytes(quote, lf, cr, quote)
  }

  mutating func readHeader() throws(CSVError) -> CSVRecord {
    skipBlankLines(orWhitespace: true)
    guard position < buf.count else {
      throw CSVError(
        kind: .emptyFile, message: "the file is empty; expected a header row", line: 1, column: 1, byteOffset: 0)
    }
    let (headerLine, headerStart) = (line, position)
    fieldStarts = []
    let names = try readRecord(capacity: 16)
    let starts = fieldStarts ?? []
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() where index < starts.count {
      let trimmed = trimmingBlanks(name)
      let key = trimmed.lowercased()
      if let first = seen[key] {
        throw error(
          .duplicateHeader, at: starts[index],
          "duplicate column '\(trimmed)' in the header (first at column \(location(of: first).column))")
      }
      seen[key] = starts[index]
    }
    fieldStarts = nil
    return CSVRecord(fields: names, line: headerLine, byteOffset: headerStart)
  }

  mutating func readDataRecord(columns: Int) throws(CSVError) -> CSVRecord? {
    skipBlankLines(orWhitespace: false)
    guard position < buf.count else { return nil }
    // A byte order mark after the first line is where a second file was appended to the first:
    // read on, it would glue itself to an id and the appended header would become a record.
    if buf.count - position >= 3 && buf[position] == 0xEF && buf[position + 1] == 0xBB && buf[position + 2] == 0xBF {
      recordStart = position
      recordLine = line
      throw error(
        .byteOrderMark, at: position,
        "a byte order mark starts this line, so two files look joined together here; "
          + "give escalate each file on its own")
    }
    spans = []
    spans?.reserveCapacity(columns)
    let fields = try readRecord(capacity: columns)
    guard fields.count == columns else {
      let noun = fields.count == 1 ? "field" : "fields"
      throw error(.raggedRow, at: recordStart, "row has \(fields.count) \(noun) but the header has \(columns)")
    }
    var record = CSVRecord(fields: fields, line: recordLine, byteOffset: recordStart)
    record.spans = spans ?? []
    return record
  }

  /// Skips empty lines, and with `orWhitespace` also lines of only spaces and tabs, including an unterminated one at
  /// the end of the input.
  mutating func skipBlankLines(orWhitespace: Bool) {
    while position < buf.count {
      var end = position
      while orWhitespace && end < buf.count && (buf[end] == space || buf[end] == tab) { end += 1 }
      let lineStart = position
      position = end
      guard position < buf.count else { return }
      guard consumeLineEnding() else {
        position = lineStart
        return
      }
    }
  }

  /// Consumes one CRLF, LF or lone CR at `position`, if there is one.
  mutating func consumeLineEnding() -> Bool {
    guard position < buf.count else { return false }
    if buf[position] == lf {
      position += 1
    } else if buf[position] == cr {
      position += 1
      if position < buf.count && buf[position] == lf { position += 1 }
    } else {
      return false
    }
    line += 1
    return true
  }

  /// Reads one record starting at `position`, which must not be at the end of the input or at a line ending.
  mutating func readRecord(capacity: Int) throws(CSVError) -> [String] {
    recordStart = position
    recordLine = line
    var fields: [String] = []
    fields.reserveCapacity(capacity)
    let wanted = self.wanted ?? []
    while true {
      fieldStarts?.append(position)
      let keep = fields.count >= wanted.count || wanted[fields.count]
      if position < buf.count && buf[position] == quote {
        fields.append(try readQuotedField(keep: keep))
      } else {
        fields.append(try readUnquotedField(keep: keep))
      }
      spans?.append(lastSpan)
      if position == buf.count || consumeLineEnding() { return fields }
      guard buf[position] == delimiter else {
        // Only a quoted field can stop here: unquoted fields run up to a delimiter or line ending.
        throw error(
          .unexpectedQuote, at: position,
          "unexpected '\(character(at: position))' after the closing quote of a quoted field; "
            + "expected \(delimiterName) or the end of the line")
      }
      position += 1
    }
  }

  mutating func readUnquotedField(keep: Bool = true) throws(CSVError) -> String {
    let start = position
    var allBits: UInt8 = 0
    while true {
      position = unquoted.next(in: buf, from: position)
      guard position < buf.count else { break }
      let byte = buf[position]
      allBits |= byte
      if byte == delimiter || byte == lf || byte == cr { break }
      if byte == quote {
        try validateUTF8(start..<position)  // report the earliest problem first
        throw error(
          .unexpectedQuote, at: position,
          "unexpected quote in unquoted field '\(snippet(from: start, limit: 40))'; "
            + "quote the whole field and double the quotes inside it")
      }
      position += 1
    }
    lastSpan = CSVSpan(bytes: start..<position, escaped: false)
    return try makeString(start..<position, unescaping: false, isASCII: allBits < 0x80, keep: keep)
  }

  mutating func readQuotedField(keep: Bool = true) throws(CSVError) -> String {
    let opening = position
    var hasEscapes = false
    var allBits: UInt8 = 0
    position += 1
    while true {
      position = quoted.next(in: buf, from: position)
      guard position < buf.count else { break }
      let byte = buf[position]
      allBits |= byte
      if byte == quote {
        if position + 1 < buf.count && buf[position + 1] == quote {
          hasEscapes = true
          position += 2
          continue
        }
        position += 1
        lastSpan = CSVSpan(bytes: opening + 1..<position - 1, escaped: hasEscapes)
        return try makeString(
          opening + 1..<position - 1, unescaping: hasEscapes, isASCII: allBits < 0x80, keep: keep)
      }
      // Count line breaks inside the field so later records and errors get the right line.
      if byte == lf || (byte == cr && !(position + 1 < buf.count && buf[position + 1] == lf)) { line += 1 }
      position += 1
    }
    throw error(
      .unterminatedQuote, at: opening, "unterminated quoted field; the quote opened here is never closed")
  }

  /// Builds a field's string once from its bytes; `unescaping` collapses each `""` to `"`.
  ///
  /// The scanning loops OR every byte together, so ASCII fields (the common case) skip validation entirely;
  /// `String(decoding:)` on already-valid bytes is much faster than `String(validating:)`.
  func makeString(_ range: Range<Int>, unescaping: Bool, isASCII: Bool, keep: Bool = true) throws(CSVError) -> String {
    guard range.count <= DataLimits.maximumFieldBytes else {
      throw error(
        .fieldTooLarge, at: range.lowerBound,
        "a field of \(range.count) bytes; escalate reads fields of up to \(DataLimits.maximumFieldBytes) bytes (1 MiB)")
    }
    // Quotes are ASCII, so the escaped bytes are valid UTF-8 exactly when the unescaped ones are.
    if !isASCII { try validateUTF8(range) }
    guard keep else { return "" }
    return fieldText(buf, range, unescaping: unescaping)
  }

  /// Throws at the first byte of the first ill-formed sequence in `range`.
  func validateUTF8(_ range: Range<Int>) throws(CSVError) {
    guard let index = TextEncoding.firstInvalidUTF8(in: buf, range: range) else { return }
    // The byte is at least 0x80 here, so it always has two hex digits.
    throw error(
      .invalidUTF8, at: index,
      "invalid UTF-8 byte 0x\(String(buf[index], radix: 16, uppercase: true)); the file must be saved as UTF-8")
  }

  func error(_ kind: CSVError.Kind, at offset: Int, _ message: String) -> CSVError {
    let (line, column) = location(of: offset)
    return CSVError(kind: kind, message: message, line: line, column: column, byteOffset: offset)
  }

  /// The line and character column of `offset`, found by rescanning from the current record's start.
  func location(of offset: Int) -> (line: Int, column: Int) {
    var line = recordLine
    var lineStart = recordStart
    var index = recordStart
    while index < offset {
      let byte = buf[index]
      index += 1
      if byte == lf || (byte == cr && !(index < offset && buf[index] == lf)) {
        line += 1
        lineStart = index
      }
    }
    let prefix = UnsafeBufferPointer(rebasing: buf[lineStart..<max(lineStart, offset)])
    return (line, String(decoding: prefix, as: UTF8.self).count + 1)
  }

  /// Up to `limit` characters of the field at `start`, for quoting in messages.
  func snippet(from start: Int, limit: Int) -> String {
    var end = start
    while end < buf.count && end - start < (limit + 1) * 4 {
      let byte = buf[end]
      if byte == delimiter || byte == cr || byte == lf { break }
      end += 1
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
    return text.count > limit ? text.prefix(limit) + "..." : text
  }

  /// The character at `offset`, decoded leniently because it is only quoted in a message.
  func character(at offset: Int) -> String {
    let text = String(decoding: UnsafeBufferPointer(rebasing: buf[offset..<min(offset + 4, buf.count)]), as: UTF8.self)
    return text.first.map(String.init) ?? ""
  }

  var delimiterName: String {
    delimiter == tab ? "a tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
  }
}

/// The text of a field whose bytes, valid UTF-8, are `range` of `buf`; `unescaping` collapses
/// each `""` to `"`.
func fieldText(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, unescaping: Bool) -> String {
  guard unescaping else { return String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self) }
  var unescaped: [UInt8] = []
  unescaped.reserveCapacity(range.count)
  var index = range.lowerBound
  while index < range.upperBound {
    unescaped.append(buf[index])
    index += buf[index] == quote ? 2 : 1
  }
  return String(decoding: unescaped, as: UTF8.self)
}

private func trimmingBlanks(_ string: String) -> String {
  var text = Substring(string)
  while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
  while let last = text.last, last == " " || last == "\t" { text.removeLast() }
  return String(text)
}
