/// A scalar cell of a JSON record; nested objects and arrays are not cells, and the reader reports them as errors.
public enum JSONCell: Sendable, Equatable {
  /// Text, with every escape decoded.
  case string(String)
  /// A number, as its exact literal text (e.g. "1977000", "-5.5e3"), never converted through Double.
  case number(String)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
}

/// One field of a JSON record.
public struct JSONField: Sendable, Equatable {
  /// The field's key, with every escape decoded.
  public var name: String
  /// The field's value.
  public var cell: JSONCell
  /// The 1-based line where the field's value starts.
  public var line: Int
  /// The 1-based column where the field's value starts, in characters.
  public var column: Int

  /// Creates a field.
  public init(name: String, cell: JSONCell, line: Int, column: Int) {
    self.name = name
    self.cell = cell
    self.line = line
    self.column = column
  }
}

/// One record: a JSON object whose values are all scalars.
public struct JSONRecord: Sendable, Equatable {
  /// Fields in document order.
  public var fields: [JSONField]
  /// The 1-based line of the record's opening brace.
  public var line: Int
  /// The 1-based column of the record's opening brace, in characters.
  public var column: Int
  /// The 0-based offset of the record's opening brace in the input.
  public var byteOffset: Int

  /// Creates a record.
  public init(fields: [JSONField], line: Int, column: Int, byteOffset: Int) {
    self.fields = fields
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
  }
}

/// What can go wrong reading JSON records; the raw value is a stable identifier for
/// machine-readable output.
public enum JSONErrorKind: String, Sendable, Hashable {
  case syntax
  case invalidUTF8 = "invalid-utf8"
  case notAnObject = "not-an-object"
  case nestedValue = "nested-value"
  case duplicateKey = "duplicate-key"
  case emptyInput = "empty-input"
  case fieldTooLarge = "field-too-large"
}

/// A located error in JSON input.
public typealias JSONError = ReadError<JSONErrorKind>

/// A reader of records from UTF-8 JSON: either an array of objects or JSON Lines (one object per line).
///
/// - The layout follows from the first byte after a leading UTF-8 byte-order mark and whitespace: `[` starts an
///   array, `{` starts JSON Lines.
/// - Records follow RFC 8259. In JSON Lines a record may span lines, but nothing except whitespace may follow
///   it on the line where it ends. Blank lines are skipped. Lines end with LF or CRLF; a lone CR is whitespace.
/// - Empty input is an error, an empty array is not. A field holding an object or array is a `nestedValue` error.
/// - A record is returned as soon as its closing brace is read, so records before an error are still delivered.
/// - Every error ends the input: `next()` throws it once and returns `nil` afterwards.
/// - Nothing nests below a record's fields, so parsing needs no recursion and no input can exhaust the stack.
public struct JSONRecordReader: Sendable {
  private var scanner: JSONScanner

  /// Creates a reader over the whole input; nothing is parsed until `next()`.
  public init(bytes: [UInt8]) {
    scanner = JSONScanner(bytes: bytes)
  }

  /// Creates a reader that is given the input a piece at a time, through ``next(more:)``.
  ///
  /// With `resuming`, the input starts at a record's opening brace rather than at the start of
  /// the document: the reader continues a document another reader has already checked, from
  /// that place, and stops at the end of what it is given rather than expecting the document's
  /// end there (see ``Check/stream(paths:into:render:emit:)``).
  init(resuming place: JSONResumePoint? = nil) {
    scanner = JSONScanner(bytes: [], isComplete: false)
    if let place { scanner.resume(at: place) }
  }

  /// Whether the records are the elements of an array rather than lines; known once the first
  /// record has been read.
  var isArray: Bool { scanner.layout.isArray }

  /// The next record, or nil at the end.
  public mutating func next() throws(JSONError) -> JSONRecord? {
    try next { _ in [] }
  }

  /// The next record, or nil at the end, asking `more` for up to so many further bytes of the
  /// input whenever what has been read ends too soon; `more` returns none at the end of the
  /// input. The reader keeps only the bytes from the last record boundary it passed, so memory
  /// is bounded by the largest record, and records, errors and locations are the same as from
  /// reading the whole input at once.
  mutating func next(more: (Int) -> [UInt8]) throws(JSONError) -> JSONRecord? {
    while true {
      scanner.starved = false
      let result = Result { () throws(JSONError) in try scanner.nextRecord() }
      // Whatever was concluded at the end of a partial input may change with more of it:
      // the scan starts again, with more, from the last place it passed.
      if scanner.starved {
        scanner.refill(with: more)
        continue
      }
      do {
        return try result.get()
      } catch {
        scanner.layout = .finished
        throw error
      }
    }
  }
}

/// Where a record starts in a JSON document already read once: enough to read on from there.
struct JSONResumePoint: Sendable, Hashable {
  /// The byte offset of the record's opening brace.
  var offset: Int
  /// The line and character column of the brace.
  var line: Int
  var column: Int
  /// Whether the records are the elements of an array rather than lines.
  var isArray: Bool
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")
private let openBrace = UInt8(ascii: "{")
private let closeBrace = UInt8(ascii: "}")
private let openBracket = UInt8(ascii: "[")
private let closeBracket = UInt8(ascii: "]")
private let comma = UInt8(ascii: ",")
private let colon = UInt8(ascii: ":")
private let minus = UInt8(ascii: "-")
private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")

private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

private func isTokenByte(_ byte: UInt8) -> Bool {
  isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2B || byte == 0x2D || byte == 0x2E
}

private func hexValue(_ byte: UInt8) -> UInt32? {
  switch byte {
  case 0x30...0x39: UInt32(byte - 0x30)
  case 0x41...0x46: UInt32(byte - 0x41 + 10)
  case 0x61...0x66: UInt32(byte - 0x61 + 10)
  default: nil
  }
}

/// The reader's state over the input bytes; every loop in it consumes at least one byte or stops.
///
/// Given the input a piece at a time, it notes (`starved`) whenever a scan reaches the end of
/// the bytes it has, since more bytes could change what it concluded; it also notes the last
/// place (`committed`) where it could start again: a record boundary, or a run of whitespace
/// between records.
private struct JSONScanner {
  /// Where the scanner is in the document's grammar.
  enum Layout {
    case unknown
    /// After '[', before the first record or ']'.
    case arrayFirst
    /// After a record in an array, before ',' or ']'.
    case arrayNext
    /// After ',' in an array, before a record.
    case arrayElement
    /// After the closing ']', where only whitespace may follow.
    case afterArray
    /// After a record in JSON Lines, before the end of its line.
    case lineEnd
    /// Before a record in JSON Lines, or the end of the input.
    case lineStart
    case finished

    var isArray: Bool { [.arrayFirst, .arrayNext, .arrayElement, .afterArray].contains(self) }
  }

  /// What is needed to scan on from a place.
  struct Place {
    var position: Int
    var line: Int
    var lineBase: (offset: Int, column: Int)
    var mark: (line: Int, offset: Int, column: Int)
    var layout: Layout
  }

  private(set) var bytes: [UInt8]
  /// The offset in the input of `bytes[0]`.
  var base = 0
  /// Whether `bytes` reach the end of the input.
  var isComplete: Bool
  /// Set when a scan reached the end of an incomplete input.
  var starved = false
  /// Whether the input ends between two records, short of the document's end: a stretch of a
  /// document that another reader has checked whole.
  var endsBetweenRecords = false
  private var committed: Place
  var position: Int
  var line = 1
  /// A place on the current line whose column is known, from which columns are counted: the
  /// line's start, unless the line began before the bytes held.
  var lineBase: (offset: Int, column: Int)
  var layout = Layout.unknown
  /// The last located field value. Columns count on from it, so a long line of records is not rescanned for each
  /// field. It sits between two ASCII bytes (a separator and the value's first byte), and no grapheme rule joins
  /// two ASCII characters but CR LF, so counting from it gives the same column as counting from the line start.
  var mark = (line: 0, offset: 0, column: 1)
  /// The size of the last record, to reserve space for the next one.
  var fieldCapacity = 4

  init(bytes: [UInt8], isComplete: Bool = true) {
    self.bytes = bytes
    self.isComplete = isComplete
    position = 0
    lineBase = (0, 1)
    committed = Place(position: 0, line: 1, lineBase: lineBase, mark: mark, layout: .unknown)
  }

  var place: Place { Place(position: position, line: line, lineBase: lineBase, mark: mark, layout: layout) }

  mutating func restore(_ place: Place) {
    (position, line, lineBase, mark, layout) = (place.position, place.line, place.lineBase, place.mark, place.layout)
  }

  /// Notes the current place as one to start again from.
  mutating func commit() { committed = place }

  /// Starts at a record's opening brace, which another scanner found at `point`.
  mutating func resume(at point: JSONResumePoint) {
    base = point.offset
    line = point.line
    lineBase = (0, point.column)
    layout = point.isArray ? .arrayElement : .lineStart
    endsBetweenRecords = true
    commit()
  }

  /// Goes back to the last committed place and appends the input's next bytes, asked of `more`,
  /// dropping the bytes before that place that locations no longer need.
  mutating func refill(with more: (Int) -> [UInt8]) {
    restore(committed)
    // One byte before the place is kept: it is syntax or whitespace, which begins a grapheme
    // cluster, so counting columns from it gives what counting from the line's start would,
    // even when the next byte is a combining mark.
    let drop = position - 1
    if drop > 0 {
      if lineBase.offset < drop {
        lineBase = (0, lineBase.column + characterCount(lineBase.offset..<drop))
      } else {
        lineBase.offset -= drop
      }
      mark = mark.offset < drop ? (0, 0, 1) : (mark.line, mark.offset - drop, mark.column)
      position -= drop
      base += drop
      bytes.removeFirst(drop)
    }
    // A record longer than a piece is read in growing pieces, so rescanning it stays linear.
    let added = more(bytes.count)
    isComplete = added.isEmpty
    bytes += added
    commit()
  }

  /// Whether the scan is at the end of the bytes; at the end of an incomplete input, the scan
  /// is starved.
  mutating func atEnd(_ offset: Int) -> Bool {
    guard offset >= bytes.count else { return false }
    if !isComplete { starved = true }
    return true
  }

  mutating func nextRecord() throws(JSONError) -> JSONRecord? {
    while true {
      switch layout {
      case .finished:
        return nil
      case .unknown:
        if base + position == 0 {
          let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
          if bytes.count < 3 && byteOrderMark.starts(with: bytes) && atEnd(bytes.count) && starved { return nil }
          if bytes.starts(with: byteOrderMark) { (position, lineBase) = (3, (3, 1)) }
        }
        skipWhitespace()
        commit()
        guard !atEnd(position) else {
          throw JSONError(
            kind: .emptyInput, message: "the input is empty; expected a JSON array of records or one record per line",
            line: 1, column: 1, byteOffset: 0)
        }
        guard bytes[position] == openBracket else {
          return try record(expecting: "'[' or '{' at the start of the input", then: .lineEnd)
        }
        position += 1
        layout = .arrayFirst
        commit()
      case .arrayFirst:
        skipWhitespace()
        commit()
        if !atEnd(position) && bytes[position] == closeBracket {
          endArray()
          continue
        }
        return try record(expecting: "a record or ']'", then: .arrayNext)
      case .arrayNext:
        skipWhitespace()
        commit()
        let byte = try peek(expecting: "',' or ']'")
        if byte == closeBracket {
          endArray()
          continue
        }
        guard byte == comma else { throw unexpected("expected ',' or ']' after a record but found") }
        position += 1
        layout = .arrayElement
        commit()
      case .arrayElement:
        skipWhitespace()
        commit()
        if endsBetweenRecords && atEnd(position) {
          layout = .finished
          return nil
        }
        return try record(expecting: "a record after ','", then: .arrayNext)
      case .afterArray:
        skipWhitespace()
        commit()
        guard atEnd(position) else { throw unexpected("expected the end of the input after the array but found") }
        layout = .finished
        return nil
      case .lineEnd:
        while !atEnd(position) && (bytes[position] == space || bytes[position] == tab || bytes[position] == cr) {
          position += 1
        }
        commit()
        if atEnd(position) {
          // What follows the spaces decides whether the line ends here.
          if starved { return nil }
        } else if bytes[position] != lf {
          throw unexpected(
            "expected the end of the line after a record but found", "; JSON Lines holds one record per line")
        }
        layout = .lineStart
      case .lineStart:
        skipWhitespace()
        commit()
        guard !atEnd(position) else {
          layout = .finished
          return nil
        }
        return try record(expecting: "a record", then: .lineEnd)
      }
    }
  }

  mutating func endArray() {
    position += 1
    layout = .afterArray
    commit()
  }

  /// Reads a record and moves on to `layout`.
  mutating func record(expecting expected: String, then next: Layout) throws(JSONError) -> JSONRecord {
    let record = try readRecord(expecting: expected)
    layout = next
    commit()
    return record
  }

  mutating func readRecord(expecting expected: String) throws(JSONError) -> JSONRecord {
    guard try peek(expecting: expected) == openBrace else {
      if let value = describeValue(at: position) {
        throw error(.notAnObject, at: position, "expected a record object '{...}' but found \(value)")
      }
      throw unexpected("expected \(expected) but found")
    }
    let (recordLine, recordColumn, recordOffset) = (line, markColumn(at: position), base + position)
    var fields: [JSONField] = []
    fields.reserveCapacity(fieldCapacity)
    var seen: Set<String> = []
    position += 1
    skipWhitespace()
    if !atEnd(position) && bytes[position] == closeBrace {
      position += 1
      return JSONRecord(fields: [], line: recordLine, column: recordColumn, byteOffset: recordOffset)
    }
    while true {
      guard try peek(expecting: "a field name in double quotes") == quote else {
        throw unexpected("expected a field name in double quotes but found")
      }
      let nameStart = position
      let name = try readString()
      if isDuplicate(name, in: fields, seen: &seen) {
        throw error(
          .duplicateKey, at: nameStart, "duplicate field \(quoted(name)); a record can hold a field only once")
      }
      skipWhitespace()
      guard try peek(expecting: "':'") == colon else {
        throw unexpected("expected ':' after field name \(quoted(name)) but found")
      }
      position += 1
      skipWhitespace()
      let (valueLine, valueColumn) = (line, markColumn(at: position))
      fields.append(JSONField(name: name, cell: try readCell(field: name), line: valueLine, column: valueColumn))
      skipWhitespace()
      let byte = try peek(expecting: "',' or '}'")
      guard byte == comma || byte == closeBrace else { throw unexpected("expected ',' or '}' after a value but found") }
      position += 1
      if byte == closeBrace { break }
      skipWhitespace()
    }
    fieldCapacity = max(4, fields.count)
    return JSONRecord(fields: fields, line: recordLine, column: recordColumn, byteOffset: recordOffset)
  }

  /// Compares linearly in small records (the usual case) and by hash past a handful of fields, so huge records stay
  /// linear. Keys compare as Swift strings do, so canonically equivalent keys count as duplicates: a rule could not
  /// tell them apart either.
  func isDuplicate(_ name: String, in fields: [JSONField], seen: inout Set<String>) -> Bool {
    if fields.count < 16 { return fields.contains { $0.name == name } }
    if seen.isEmpty { seen = Set(fields.lazy.map(\.name)) }
    return !seen.insert(name).inserted
  }

  mutating func readCell(field: String) throws(JSONError) -> JSONCell {
    let start = position
    switch try peek(expecting: "a value for field \(quoted(field))") {
    case quote:
      return .string(try readString())
    case openBrace, openBracket:
      let noun = bytes[start] == openBrace ? "an object" : "an array"
      throw error(
        .nestedValue, at: start,
        "field \(quoted(field)) holds \(noun); a record's fields must be text, numbers, true/false or null")
    default:
      break
    }
    let end = tokenEnd(from: start)
    let token = bytes[start..<end]
    if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) {
      position = end
      return .bool(token.count == 4)
    }
    if token.elementsEqual("null".utf8) {
      position = end
      return .null
    }
    guard bytes[start] == minus || isDigit(bytes[start]) else {
      throw unexpected("expected a value for field \(quoted(field)) but found")
    }
    let text = String(decoding: token, as: UTF8.self)
    if let problem = numberProblem(start..<end) {
      throw error(.syntax, at: start, "invalid number \(quoted(text)); \(problem)")
    }
    position = end
    return .number(text)
  }

  /// Why the token in `range`, which starts with '-' or a digit, is not a JSON number, or nil if it is one.
  func numberProblem(_ range: Range<Int>) -> String? {
    var index = range.lowerBound
    func skipDigits() -> Int {
      let start = index
      while index < range.upperBound && isDigit(bytes[index]) { index += 1 }
      return index - start
    }
    if bytes[index] == minus { index += 1 }
    let integerStart = index
    let integerDigits = skipDigits()
    if integerDigits == 0 { return "expected a digit after '-'" }
    if integerDigits > 1 && bytes[integerStart] == 0x30 { return "a number must not start with a zero" }
    if index < range.upperBound && bytes[index] == 0x2E {
      index += 1
      if skipDigits() == 0 { return "expected a digit after '.'" }
    }
    if index < range.upperBound && bytes[index] | 0x20 == 0x65 {
      index += 1
      if index < range.upperBound && (bytes[index] == 0x2B || bytes[index] == minus) { index += 1 }
      if skipDigits() == 0 { return "expected a digit in the exponent" }
    }
    guard index < range.upperBound else { return nil }
    let valid = String(decoding: bytes[range.lowerBound..<index], as: UTF8.self)
    return "unexpected '\(Character(Unicode.Scalar(bytes[index])))' after '\(valid)'"
  }

  /// Reads the string whose opening quote is at `position`; the String is built once, from the input bytes
  /// directly unless there are escapes.
  mutating func readString() throws(JSONError) -> String {
    let contentStart = position + 1
    var segmentStart = contentStart
    var decoded: [UInt8] = []
    var hasEscapes = false
    position += 1
    while true {
      guard !atEnd(position) else { throw endOfInput(expecting: "'\"' to close the text") }
      let byte = bytes[position]
      if byte == quote { break }
      if byte == backslash {
        if !hasEscapes { decoded.reserveCapacity(position - contentStart + 16) }
        hasEscapes = true
        decoded.append(contentsOf: bytes[segmentStart..<position])
        try readEscape(into: &decoded)
        segmentStart = position
      } else if byte < 0x20 {
        let escape =
          byte == lf ? "\\n" : byte == cr ? "\\r" : byte == tab ? "\\t" : "\\u" + codePoint(UInt32(byte)).dropFirst(2)
        throw error(
          .syntax, at: position,
          "unescaped control character \(codePoint(UInt32(byte))) in text; write it as '\(escape)'")
      } else if byte < 0x80 {
        position += 1
      } else {
        guard let length = utf8Length(at: position) else { throw invalidUTF8(at: position) }
        position += length
      }
    }
    guard position - contentStart <= DataLimits.maximumFieldBytes else {
      throw error(
        .fieldTooLarge, at: contentStart - 1,
        "a text of \(position - contentStart) bytes; escalate reads texts of up to \(DataLimits.maximumFieldBytes) bytes (1 MiB)"
      )
    }
    defer { position += 1 }
    guard hasEscapes else { return String(decoding: bytes[contentStart..<position], as: UTF8.self) }
    decoded.append(contentsOf: bytes[segmentStart..<position])
    return String(decoding: decoded, as: UTF8.self)
  }

  /// Decodes the escape whose backslash is at `position` onto `text` and moves past it.
  mutating func readEscape(into text: inout [UInt8]) throws(JSONError) {
    let start = position
    guard !atEnd(start + 1) else { throw endOfInput(expecting: "an escape after '\\'") }
    let simple: UInt8? =
      switch bytes[start + 1] {
      case quote, backslash, UInt8(ascii: "/"): bytes[start + 1]
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): lf
      case UInt8(ascii: "r"): cr
      case UInt8(ascii: "t"): tab
      default: nil
      }
    if let simple {
      text.append(simple)
      position += 2
      return
    }
    guard bytes[start + 1] == UInt8(ascii: "u") else {
      let next = bytes[start + 1]
      if next >= 0x80 && utf8Length(at: start + 1) == nil { throw invalidUTF8(at: start + 1) }
      let what =
        next > 0x20 && next < 0x7F ? "'\\\(Character(Unicode.Scalar(next)))'" : "'\\' before \(describe(at: start + 1))"
      throw error(.syntax, at: start, "invalid escape \(what) in text")
    }
    var value = try unicodeEscape(at: start)
    position = start + 6
    if (0xD800...0xDFFF).contains(value) {
      var unpaired: JSONError { error(.syntax, at: start, "unpaired surrogate '\(ascii(start..<start + 6))' in text") }
      guard value < 0xDC00 else { throw unpaired }
      guard !atEnd(position) else { throw endOfInput(expecting: "a low surrogate such as '\\udc00'") }
      guard !atEnd(position + 1) && bytes[position] == backslash && bytes[position + 1] == UInt8(ascii: "u")
      else { throw unpaired }
      let low = try unicodeEscape(at: position)
      guard (0xDC00...0xDFFF).contains(low) else { throw unpaired }
      value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
      position += 6
    }
    // Surrogates were handled above, so the value is always a scalar.
    if let scalar = Unicode.Scalar(value) { UTF8.encode(scalar) { text.append($0) } }
  }

  /// The value of the four hex digits of the `\u` escape whose backslash is at `start`.
  mutating func unicodeEscape(at start: Int) throws(JSONError) -> UInt32 {
    var value: UInt32 = 0
    for index in start + 2..<start + 6 {
      guard !atEnd(index) else { throw endOfInput(expecting: "four hex digits after '\\u'") }
      guard let digit = hexValue(bytes[index]) else {
        throw error(
          .syntax, at: start, "invalid escape '\(ascii(start..<index))'; expected four hex digits after '\\u'")
      }
      value = value << 4 | digit
    }
    return value
  }

  mutating func skipWhitespace() {
    while !atEnd(position) {
      switch bytes[position] {
      case space, tab, cr:
        position += 1
      case lf:
        position += 1
        line += 1
        lineBase = (position, 1)
      default:
        return
      }
    }
  }

  /// The byte at `position`; `expected` is an autoclosure because most callers interpolate a field name into it.
  mutating func peek(expecting expected: @autoclosure () -> String) throws(JSONError) -> UInt8 {
    guard !atEnd(position) else { throw endOfInput(expecting: expected()) }
    return bytes[position]
  }

  /// The column of `offset` on the current line, counted on from the last mark when it is on the same line.
  mutating func markColumn(at offset: Int) -> Int {
    let from = mark.line == line && mark.offset <= offset ? (mark.offset, mark.column) : lineBase
    let column = from.1 + characterCount(from.0..<offset)
    mark = (line, offset, column)
    return column
  }

  func characterCount(_ range: Range<Int>) -> Int {
    // A CR LF pair is one character but never lies inside a line, so ASCII bytes count one each.
    guard bytes[range].contains(where: { $0 >= 0x80 }) else { return range.count }
    return String(decoding: bytes[range], as: UTF8.self).count
  }

  /// Builds an error at `offset`, which is always on the current line: tokens and strings never span lines.
  func error(_ kind: JSONError.Kind, at offset: Int, _ message: String) -> JSONError {
    let column = lineBase.column + characterCount(lineBase.offset..<max(lineBase.offset, offset))
    return JSONError(kind: kind, message: message, line: line, column: column, byteOffset: base + offset)
  }

  func endOfInput(expecting expected: String) -> JSONError {
    error(.syntax, at: bytes.count, "unexpected end of input; expected \(expected)")
  }

  /// A syntax error for the unexpected text at `position`, unless it is not UTF-8 at all.
  mutating func unexpected(_ prefix: String, _ suffix: String = "") -> JSONError {
    if bytes[position] >= 0x80 && utf8Length(at: position) == nil { return invalidUTF8(at: position) }
    let end = tokenEnd(from: position)
    let found = end > position ? quoted(ascii(position..<end)) : describe(at: position)
    return error(.syntax, at: position, "\(prefix) \(found)\(suffix)")
  }

  func invalidUTF8(at offset: Int) -> JSONError {
    let hex = String(bytes[offset], radix: 16, uppercase: true)
    return error(.invalidUTF8, at: offset, "invalid UTF-8 byte 0x\(hex); the input must be saved as UTF-8")
  }

  /// What kind of JSON value starts at `offset`, or nil if none does.
  mutating func describeValue(at offset: Int) -> String? {
    let byte = bytes[offset]
    if byte == openBracket { return "an array" }
    if byte == quote { return "text" }
    if byte == minus || isDigit(byte) { return "a number" }
    let token = ascii(offset..<tokenEnd(from: offset))
    return ["true", "false", "null"].contains(token) ? token : nil
  }

  /// The character at `offset` quoted, or its code point when it would be invisible in a message.
  mutating func describe(at offset: Int) -> String {
    let end = min(offset + (utf8Length(at: offset) ?? 1), bytes.count)
    let text = String(decoding: bytes[offset..<end], as: UTF8.self)
    guard let scalar = text.unicodeScalars.first else { return "nothing" }
    switch scalar.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned:
      return codePoint(scalar.value)
    default:
      return "'\(text)'"
    }
  }

  /// The end of the bare token (number or literal) at `start`; errors quote the whole run, like `NaN` or `01`.
  mutating func tokenEnd(from start: Int) -> Int {
    var end = start
    while !atEnd(end) && isTokenByte(bytes[end]) { end += 1 }
    return end
  }

  func ascii(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

  /// The length of the well-formed UTF-8 sequence at `index`, or nil if it is ill-formed; the standard library's
  /// parser is strict (Unicode Table 3-7: no overlong forms, surrogates or values past U+10FFFF).
  mutating func utf8Length(at index: Int) -> Int? {
    _ = atEnd(index + 3)
    var iterator = bytes[index..<min(index + 4, bytes.count)].makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    guard case .valid(let sequence) = parser.parseScalar(from: &iterator) else { return nil }
    return sequence.count
  }
}

private func codePoint(_ value: UInt32) -> String {
  let hex = String(value, radix: 16, uppercase: true)
  return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// A key or token quoted for a message, shortened so a runaway value cannot flood the terminal.
private func quoted(_ text: String) -> String {
  "'" + (text.count > 40 ? text.prefix(40) + "..." : text) + "'"
}
