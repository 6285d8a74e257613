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
  /// The 0-based offset of the record's opening brace in the input.
  public var byteOffset: Int

  /// Creates a record.
  public init(fields: [JSONField], line: Int, byteOffset: Int) {
    self.fields = fields
    self.line = line
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

  /// The next record, or nil at the end.
  public mutating func next() throws(JSONError) -> JSONRecord? {
    do {
      return try scanner.nextRecord()
    } catch {
      scanner.layout = .finished
      throw error
    }
  }
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
private struct JSONScanner {
  enum Layout { case unknown, array, lines, finished }

  let bytes: [UInt8]
  var position: Int
  var line = 1
  var lineStart: Int
  var layout = Layout.unknown
  /// The last located field value. Columns count on from it, so a long line of records is not rescanned for each
  /// field. It sits between two ASCII bytes (a separator and the value's first byte), and no grapheme rule joins
  /// two ASCII characters but CR LF, so counting from it gives the same column as counting from the line start.
  var mark = (lineStart: -1, offset: 0, column: 1)
  /// The size of the last record, to reserve space for the next one.
  var fieldCapacity = 4

  init(bytes: [UInt8]) {
    self.bytes = bytes
    position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    lineStart = position
  }

  mutating func nextRecord() throws(JSONError) -> JSONRecord? {
    switch layout {
    case .finished:
      return nil
    case .unknown:
      skipWhitespace()
      guard position < bytes.count else {
        throw JSONError(
          kind: .emptyInput, message: "the input is empty; expected a JSON array of records or one record per line",
          line: 1, column: 1, byteOffset: 0)
      }
      guard bytes[position] == openBracket else {
        layout = .lines
        return try readRecord(expecting: "'[' or '{' at the start of the input")
      }
      layout = .array
      position += 1
      skipWhitespace()
      if position < bytes.count && bytes[position] == closeBracket { return try endArray() }
      return try readRecord(expecting: "a record or ']'")
    case .array:
      skipWhitespace()
      let byte = try peek(expecting: "',' or ']'")
      if byte == closeBracket { return try endArray() }
      guard byte == comma else { throw unexpected("expected ',' or ']' after a record but found") }
      position += 1
      skipWhitespace()
      return try readRecord(expecting: "a record after ','")
    case .lines:
      while position < bytes.count && (bytes[position] == space || bytes[position] == tab || bytes[position] == cr) {
        position += 1
      }
      if position < bytes.count && bytes[position] != lf {
        throw unexpected(
          "expected the end of the line after a record but found", "; JSON Lines holds one record per line")
      }
      skipWhitespace()
      guard position < bytes.count else {
        layout = .finished
        return nil
      }
      return try readRecord(expecting: "a record")
    }
  }

  mutating func endArray() throws(JSONError) -> JSONRecord? {
    position += 1
    layout = .finished
    skipWhitespace()
    guard position == bytes.count else { throw unexpected("expected the end of the input after the array but found") }
    return nil
  }

  mutating func readRecord(expecting expected: String) throws(JSONError) -> JSONRecord? {
    guard try peek(expecting: expected) == openBrace else {
      if let value = describeValue(at: position) {
        throw error(.notAnObject, at: position, "expected a record object '{...}' but found \(value)")
      }
      throw unexpected("expected \(expected) but found")
    }
    let (recordLine, recordOffset) = (line, position)
    var fields: [JSONField] = []
    fields.reserveCapacity(fieldCapacity)
    var seen: Set<String> = []
    position += 1
    skipWhitespace()
    if position < bytes.count && bytes[position] == closeBrace {
      position += 1
      return JSONRecord(fields: [], line: recordLine, byteOffset: recordOffset)
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
    return JSONRecord(fields: fields, line: recordLine, byteOffset: recordOffset)
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
      guard position < bytes.count else { throw endOfInput(expecting: "'\"' to close the text") }
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
    guard start + 1 < bytes.count else { throw endOfInput(expecting: "an escape after '\\'") }
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
      guard position < bytes.count else { throw endOfInput(expecting: "a low surrogate such as '\\udc00'") }
      guard position + 1 < bytes.count && bytes[position] == backslash && bytes[position + 1] == UInt8(ascii: "u")
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
  func unicodeEscape(at start: Int) throws(JSONError) -> UInt32 {
    var value: UInt32 = 0
    for index in start + 2..<start + 6 {
      guard index < bytes.count else { throw endOfInput(expecting: "four hex digits after '\\u'") }
      guard let digit = hexValue(bytes[index]) else {
        throw error(
          .syntax, at: start, "invalid escape '\(ascii(start..<index))'; expected four hex digits after '\\u'")
      }
      value = value << 4 | digit
    }
    return value
  }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case space, tab, cr:
        position += 1
      case lf:
        position += 1
        line += 1
        lineStart = position
      default:
        return
      }
    }
  }

  /// The byte at `position`; `expected` is an autoclosure because most callers interpolate a field name into it.
  func peek(expecting expected: @autoclosure () -> String) throws(JSONError) -> UInt8 {
    guard position < bytes.count else { throw endOfInput(expecting: expected()) }
    return bytes[position]
  }

  /// The column of `offset` on the current line, counted on from the last mark when it is on the same line.
  mutating func markColumn(at offset: Int) -> Int {
    let base = mark.lineStart == lineStart && mark.offset <= offset ? (mark.offset, mark.column) : (lineStart, 1)
    let column = base.1 + characterCount(base.0..<offset)
    mark = (lineStart, offset, column)
    return column
  }

  func characterCount(_ range: Range<Int>) -> Int {
    // A CR LF pair is one character but never lies inside a line, so ASCII bytes count one each.
    guard bytes[range].contains(where: { $0 >= 0x80 }) else { return range.count }
    return String(decoding: bytes[range], as: UTF8.self).count
  }

  /// Builds an error at `offset`, which is always on the current line: tokens and strings never span lines.
  func error(_ kind: JSONError.Kind, at offset: Int, _ message: String) -> JSONError {
    let column = characterCount(lineStart..<max(lineStart, offset)) + 1
    return JSONError(kind: kind, message: message, line: line, column: column, byteOffset: offset)
  }

  func endOfInput(expecting expected: String) -> JSONError {
    error(.syntax, at: bytes.count, "unexpected end of input; expected \(expected)")
  }

  /// A syntax error for the unexpected text at `position`, unless it is not UTF-8 at all.
  func unexpected(_ prefix: String, _ suffix: String = "") -> JSONError {
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
  func describeValue(at offset: Int) -> String? {
    let byte = bytes[offset]
    if byte == openBracket { return "an array" }
    if byte == quote { return "text" }
    if byte == minus || isDigit(byte) { return "a number" }
    let token = ascii(offset..<tokenEnd(from: offset))
    return ["true", "false", "null"].contains(token) ? token : nil
  }

  /// The character at `offset` quoted, or its code point when it would be invisible in a message.
  func describe(at offset: Int) -> String {
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
  func tokenEnd(from start: Int) -> Int {
    var end = start
    while end < bytes.count && isTokenByte(bytes[end]) { end += 1 }
    return end
  }

  func ascii(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

  /// The length of the well-formed UTF-8 sequence at `index`, or nil if it is ill-formed; the standard library's
  /// parser is strict (Unicode Table 3-7: no overlong forms, surrogates or values past U+10FFFF).
  func utf8Length(at index: Int) -> Int? {
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
