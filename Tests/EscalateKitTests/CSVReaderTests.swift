import EscalateKit
import Testing

private let comma = UInt8(ascii: ",")

/// Reads the header and every record, stopping at the first error.
private func readAll(_ input: [UInt8], delimiter: UInt8 = comma) throws(CSVError) -> (
  header: [String], records: [CSVRecord]
) {
  var reader = CSVReader(bytes: input, delimiter: delimiter)
  let header = try reader.header()
  var records: [CSVRecord] = []
  while let record = try reader.next() { records.append(record) }
  return (header, records)
}

private func readAll(_ text: String, delimiter: UInt8 = comma) throws(CSVError) -> (
  header: [String], records: [CSVRecord]
) {
  try readAll(Array(text.utf8), delimiter: delimiter)
}

private func firstError(_ input: [UInt8]) -> CSVError? {
  do {
    _ = try readAll(input)
    return nil
  } catch {
    return error
  }
}

@Suite struct CSVReaderTests {
  @Test func readsSimpleFile() throws {
    let (header, records) = try readAll("name,owner,status\nAPI,Ann,green\nUI,Bob,red\n")
    #expect(header == ["name", "owner", "status"])
    #expect(
      records == [
        CSVRecord(fields: ["API", "Ann", "green"], line: 2, byteOffset: 18),
        CSVRecord(fields: ["UI", "Bob", "red"], line: 3, byteOffset: 32),
      ])
  }

  @Test(arguments: ["\n", "\r\n", "\r"])
  func acceptsEveryLineEnding(ending: String) throws {
    let text = ["a,b", "1,2", "3,4"].joined(separator: ending)
    for input in [text, text + ending] {
      let (header, records) = try readAll(input)
      #expect(header == ["a", "b"])
      #expect(records.map(\.fields) == [["1", "2"], ["3", "4"]])
      #expect(records.map(\.line) == [2, 3])
    }
  }

  /// Found by fuzzing (in the fuzz target's writer): a quote followed by a combining mark is one
  /// Character, but the reader works on bytes and reads it as a quote.
  @Test func aQuoteBeforeACombiningMarkIsStillAQuote() throws {
    var reader = CSVReader(bytes: Array("\"\"\"\u{7FD}sectioverall\"\"\"\n1\n".utf8))
    #expect(try reader.header() == ["\"\u{7FD}sectioverall\""])
    #expect(try reader.next()?.fields == ["1"])
  }

  @Test func readsAFieldOfExactlyTheLimit() throws {
    let field = String(repeating: "x", count: DataLimits.maximumFieldBytes)
    var reader = CSVReader(bytes: Array("a,b\n1,\(field)\n".utf8))
    #expect(try reader.next()?.fields == ["1", field])
  }

  @Test func acceptsMixedLineEndings() throws {
    let (_, records) = try readAll("a,b\r\n1,2\n3,4\r5,6\r\n")
    #expect(records.map(\.fields) == [["1", "2"], ["3", "4"], ["5", "6"]])
    #expect(records.map(\.line) == [2, 3, 4])
    #expect(records.map(\.byteOffset) == [5, 9, 13])
  }

  @Test(arguments: [
    ("\"x,y\",z", ["x,y", "z"]),
    ("\"say \"\"hi\"\"\",z", ["say \"hi\"", "z"]),
    ("\"\"\"\",\"a\"\"b\"", ["\"", "a\"b"]),
    (",\"\"", ["", ""]),
    ("\"\",", ["", ""]),
    (" a , b ", [" a ", " b "]),
    ("\" a \",b", [" a ", "b"]),
    ("\"\"\"\"\"\"\"\",x", ["\"\"\"", "x"]),
  ])
  func unquotesFields(line: String, expected: [String]) throws {
    let (_, records) = try readAll("h1,h2\n" + line + "\n")
    #expect(records.map(\.fields) == [expected])
  }

  @Test func keepsLineBreaksInQuotedFieldsAndCountsThem() throws {
    let (_, records) = try readAll("h1,h2\n\"one\ntwo\",x\n\"crlf\r\nhere\",\"cr\rthere\"\nlast,z\n")
    #expect(
      records == [
        CSVRecord(fields: ["one\ntwo", "x"], line: 2, byteOffset: 6),
        CSVRecord(fields: ["crlf\r\nhere", "cr\rthere"], line: 4, byteOffset: 18),
        CSVRecord(fields: ["last", "z"], line: 7, byteOffset: 42),
      ])
  }

  @Test func locatesErrorsAfterQuotedLineBreaks() {
    #expect(
      firstError(bytes("h1,h2\n\"a\nb\",x\"y\n"))
        == CSVError(
          kind: .unexpectedQuote,
          message: #"unexpected quote in unquoted field 'x"y'; quote the whole field and double the quotes inside it"#,
          line: 3, column: 5, byteOffset: 13))
  }

  @Test func readsNonASCIIText() throws {
    let (header, records) = try readAll("név,price\nCafé – Zürich,£5\n")
    #expect(header == ["név", "price"])
    #expect(records.map(\.fields) == [["Café – Zürich", "£5"]])
  }

  @Test func countsColumnsInCharacters() {
    let error = firstError(bytes("name,note\n£é–,ab\"c\n"))
    #expect(error?.kind == .unexpectedQuote)
    #expect(error?.line == 2)
    #expect(error?.column == 7)
    #expect(error?.byteOffset == 20)
    // A decomposed "é" is one character on screen, so it is one column.
    #expect(firstError(bytes("a,b\ne\u{301}x,y\"\n"))?.column == 5)
  }

  @Test func skipsByteOrderMark() throws {
    let (header, records) = try readAll("\u{FEFF}a,b\n1,2\n")
    #expect(header == ["a", "b"])
    #expect(records == [CSVRecord(fields: ["1", "2"], line: 2, byteOffset: 7)])
    let error = firstError(bytes("\u{FEFF}a,A\n"))
    #expect(error?.column == 3)
    #expect(error?.byteOffset == 5)
  }

  @Test(arguments: [";", "\t"])
  func supportsOtherDelimiters(delimiter: String) throws {
    let text = ["a", "b,c", "\"x\(delimiter)y\""].joined(separator: delimiter) + "\n1\(delimiter)2\(delimiter)3\n"
    let (header, records) = try readAll(text, delimiter: UInt8(ascii: Unicode.Scalar(delimiter)!))
    #expect(header == ["a", "b,c", "x\(delimiter)y"])
    #expect(records.map(\.fields) == [["1", "2", "3"]])
  }

  @Test func namesTabDelimiterInMessages() {
    var reader = CSVReader(bytes: bytes("a\tb\n\"x\";\ty\n"), delimiter: UInt8(ascii: "\t"))
    let error = #expect(throws: CSVError.self) { try reader.next() }
    #expect(
      error?.message
        == "unexpected ';' after the closing quote of a quoted field; expected a tab or the end of the line")
  }

  @Test func skipsBlankLinesButCountsThem() throws {
    let (header, records) = try readAll("\n\na,b\n\n1,2\r\n\r\n\r\n3,4\n\n")
    #expect(header == ["a", "b"])
    #expect(
      records == [
        CSVRecord(fields: ["1", "2"], line: 5, byteOffset: 7), CSVRecord(fields: ["3", "4"], line: 8, byteOffset: 16),
      ])
    #expect(firstError(bytes("a,b\n\n\nx\n"))?.line == 4)
  }

  @Test func treatsWhitespaceOnlyDataLinesAsRecords() {
    #expect(firstError(bytes("a,b\n  \n"))?.message == "row has 1 field but the header has 2")
  }

  @Test func distinguishesEmptyLinesFromEmptyFieldsInOneColumn() throws {
    let (_, records) = try readAll("only\nx\n\n\"\"\n")
    #expect(records.map(\.fields) == [["x"], [""]])
    #expect(records.map(\.line) == [2, 4])
  }

  @Test func readsHeaderOnlyFiles() throws {
    for text in ["a,b", "a,b\n", "a,b\r\n\r\n"] {
      let (header, records) = try readAll(text)
      #expect(header == ["a", "b"])
      #expect(records.isEmpty)
    }
  }

  @Test func continuesAfterRaggedRow() throws {
    var reader = CSVReader(bytes: bytes("a,b\n1\n2,3\n"))
    #expect(throws: CSVError.self) { try reader.next() }
    #expect(try reader.next() == CSVRecord(fields: ["2", "3"], line: 3, byteOffset: 6))
    #expect(try reader.next() == nil)
  }

  @Test func stopsAfterSyntaxError() throws {
    var reader = CSVReader(bytes: bytes("a,b\n1,x\"\n2,3\n"))
    #expect(throws: CSVError.self) { try reader.next() }
    #expect(try reader.next() == nil)
  }

  @Test func reportsHeaderErrorsFromHeaderAndNext() throws {
    var reader = CSVReader(bytes: bytes("a,a\n1,2\n"))
    #expect(throws: CSVError.self) { try reader.header() }
    #expect(throws: CSVError.self) { try reader.next() }
    #expect(try reader.next() == nil)
  }

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var input: [UInt8]
    var expected: CSVError

    init(_ name: String, _ input: [UInt8], _ kind: CSVError.Kind, at position: (Int, Int, Int), _ message: String) {
      testDescription = name
      self.input = input
      expected = CSVError(
        kind: kind, message: message, line: position.0, column: position.1, byteOffset: position.2)
    }
  }

  static let unterminated = "unterminated quoted field; the quote opened here is never closed"
  static let fixQuote = "quote the whole field and double the quotes inside it"
  static let afterQuote = "after the closing quote of a quoted field; expected ',' or the end of the line"
  static let notUTF8 = "the file must be saved as UTF-8"
  static let empty = "the file is empty; expected a header row"

  // Positions are (line, column, byteOffset); `%` in an input stands for the raw bytes that follow it.
  @Test(arguments: [
    ErrorCase("unterminated", bytes("a,b\n1,\"abc\n"), .unterminatedQuote, at: (2, 3, 6), unterminated),
    ErrorCase(
      "unterminated after quoted newline", bytes("a,b\n\"x\ny\",\"open\n"), .unterminatedQuote, at: (3, 4, 10),
      unterminated),
    ErrorCase("unterminated in header", bytes("a,\"b"), .unterminatedQuote, at: (1, 3, 2), unterminated),
    ErrorCase(
      "too few fields", bytes("a,b,c\n1,2\n"), .raggedRow, at: (2, 1, 6), "row has 2 fields but the header has 3"),
    ErrorCase(
      "too many fields", bytes("a,b\n1,2,3"), .raggedRow, at: (2, 1, 4), "row has 3 fields but the header has 2"),
    ErrorCase(
      "one field", bytes("a,b\r\n\r\nx\r\n"), .raggedRow, at: (3, 1, 7), "row has 1 field but the header has 2"),
    ErrorCase(
      "quote in unquoted field", bytes("a,b\n1,ab\"c\n"), .unexpectedQuote, at: (2, 5, 8),
      "unexpected quote in unquoted field 'ab\"c'; \(fixQuote)"),
    ErrorCase(
      "quote in long unquoted field", bytes("a\n\(String(repeating: "x", count: 50))\""), .unexpectedQuote,
      at: (2, 51, 52),
      "unexpected quote in unquoted field '\(String(repeating: "x", count: 40))...'; \(fixQuote)"),
    ErrorCase(
      "text after closing quote", bytes("a,b\n\"abc\"x,1\n"), .unexpectedQuote, at: (2, 6, 9),
      "unexpected 'x' \(afterQuote)"),
    ErrorCase(
      "space after closing quote", bytes("a,b\n\"é\" ,1\n"), .unexpectedQuote, at: (2, 4, 8),
      "unexpected ' ' \(afterQuote)"),
    ErrorCase(
      "invalid byte", bytes("a,b\n1,x%\n", [0xFF]), .invalidUTF8, at: (2, 4, 7),
      "invalid UTF-8 byte 0xFF; \(notUTF8)"),
    ErrorCase(
      "truncated sequence at end", bytes("a,b\né,%", [0xC3]), .invalidUTF8, at: (2, 3, 7),
      "invalid UTF-8 byte 0xC3; \(notUTF8)"),
    ErrorCase(
      "truncated sequence in quotes", bytes("a,b\n\"é%\",1", [0xE2, 0x82]), .invalidUTF8, at: (2, 3, 7),
      "invalid UTF-8 byte 0xE2; \(notUTF8)"),
    ErrorCase(
      "invalid byte in escaped field", bytes("a,b\n\"\"\"%\",1", [0x80]), .invalidUTF8, at: (2, 4, 7),
      "invalid UTF-8 byte 0x80; \(notUTF8)"),
    ErrorCase(
      "overlong in header", bytes("a%,b\n", [0xC0, 0xAF]), .invalidUTF8, at: (1, 2, 1),
      "invalid UTF-8 byte 0xC0; \(notUTF8)"),
    ErrorCase(
      "surrogate", bytes("a,b\n%,1\n", [0xED, 0xA0, 0x80]), .invalidUTF8, at: (2, 1, 4),
      "invalid UTF-8 byte 0xED; \(notUTF8)"),
    ErrorCase(
      "beyond U+10FFFF", bytes("a,b\n1,%\n", [0xF4, 0x90, 0x80, 0x80]), .invalidUTF8, at: (2, 3, 6),
      "invalid UTF-8 byte 0xF4; \(notUTF8)"),
    ErrorCase(
      "invalid byte before stray quote", bytes("a,b\n%\"x,1\n", [0xFE]), .invalidUTF8, at: (2, 1, 4),
      "invalid UTF-8 byte 0xFE; \(notUTF8)"),
    ErrorCase(
      "duplicate header", bytes("Owner,Status, owner \n"), .duplicateHeader, at: (1, 14, 13),
      "duplicate column 'owner' in the header (first at column 1)"),
    ErrorCase(
      "duplicate quoted header", bytes("\n\"a\",b,\"A\"\n"), .duplicateHeader, at: (2, 7, 7),
      "duplicate column 'A' in the header (first at column 1)"),
    ErrorCase("empty", [], .emptyFile, at: (1, 1, 0), empty),
    ErrorCase(
      "field over 1 MiB", bytes("a,b\n1,\"" + String(repeating: "x", count: DataLimits.maximumFieldBytes + 1) + "\"\n"),
      .fieldTooLarge, at: (2, 4, 7), "a field of 1048577 bytes; escalate reads fields of up to 1048576 bytes (1 MiB)"),
    ErrorCase("only BOM", [0xEF, 0xBB, 0xBF], .emptyFile, at: (1, 1, 0), empty),
    ErrorCase("only whitespace", bytes("\u{FEFF} \n\t\r\n  "), .emptyFile, at: (1, 1, 0), empty),
  ])
  func reportsLocatedErrors(_ testCase: ErrorCase) {
    #expect(firstError(testCase.input) == testCase.expected)
  }
}

/// The 1-based line of `offset`, counting CRLF, LF and lone CR as one line ending each.
private func line(of offset: Int, in bytes: [UInt8]) -> Int {
  var line = 1
  for index in 0..<offset where bytes[index] == 10 || (bytes[index] == 13 && bytes[index + 1] != 10) { line += 1 }
  return line
}

/// A minimal RFC 4180 writer; it also quotes some fields that need no quotes so both read paths get exercised.
private func writeField(
  _ value: String, delimiter: String, onlyColumn: Bool, using rng: inout SeededGenerator
) -> String {
  let needsQuotes = value.unicodeScalars.contains { "\"\r\n".unicodeScalars.contains($0) || String($0) == delimiter }
  // A lone empty unquoted field would be an empty line, which the reader skips.
  guard needsQuotes || (onlyColumn && value.isEmpty) || Bool.random(using: &rng) else { return value }
  return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
}

@Suite struct CSVReaderPropertyTests {
  static let pieces = ["a", "Z", "7", " ", ",", ";", "\t", "\"", "\r", "\n", "\r\n", "£", "é", "–", "😀", "e\u{301}"]

  @Test(arguments: 0..<8)
  func roundTripsRandomTables(seed: UInt64) throws {
    var rng = SeededGenerator(state: seed)
    for _ in 0..<100 {
      let delimiter = [",", ";", "\t"].randomElement(using: &rng)!
      let columns = Int.random(in: 1...5, using: &rng)
      let header = (0..<columns).map { "c\($0)" }
      let rows = (0..<Int.random(in: 0...8, using: &rng)).map { _ in
        (0..<columns).map { _ in
          (0..<Int.random(in: 0...6, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
        }
      }
      var text: [UInt8] = Bool.random(using: &rng) ? [0xEF, 0xBB, 0xBF] : []
      var expected: [CSVRecord] = []
      for (index, row) in ([header] + rows).enumerated() {
        if index > 0 {
          text += Array(["\n", "\r\n", "\r"].randomElement(using: &rng)!.utf8)
          if Int.random(in: 0..<5, using: &rng) == 0 { text += Array("\n".utf8) }
        }
        if index > 0 { expected.append(CSVRecord(fields: row, line: 0, byteOffset: text.count)) }
        let fields = row.map { writeField($0, delimiter: delimiter, onlyColumn: columns == 1, using: &rng) }
        text += Array(fields.joined(separator: delimiter).utf8)
      }
      if Bool.random(using: &rng) { text += Array("\r\n".utf8) }
      for index in expected.indices { expected[index].line = line(of: expected[index].byteOffset, in: text + [0]) }

      let (readHeader, records) = try readAll(text, delimiter: UInt8(ascii: Unicode.Scalar(delimiter)!))
      #expect(readHeader == header)
      #expect(records == expected, "input: \(String(decoding: text, as: UTF8.self).debugDescription)")
    }
  }

  @Test(arguments: 0..<4)
  func terminatesOnRandomBytes(seed: UInt64) {
    var rng = SeededGenerator(state: seed)
    let alphabet: [UInt8] = Array("a,;\"\"\r\n \t".utf8) + [0xC3, 0xA9, 0xE2, 0x80, 0x93, 0xEF, 0xBB, 0xBF, 0xFF, 0xED]
    for round in 0..<1_000 {
      let length = Int.random(in: 0...40, using: &rng)
      let input = (0..<length).map { _ in
        round.isMultiple(of: 4) ? UInt8.random(in: 0...255, using: &rng) : alphabet.randomElement(using: &rng)!
      }
      let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")].randomElement(using: &rng)!
      var reader = CSVReader(bytes: input, delimiter: delimiter)
      let columns = try? reader.header().count
      var reachedEnd = false
      // A header error takes one call, every other call consumes at least one byte, and one more call sees the end.
      for _ in 0..<length + 2 where !reachedEnd {
        do {
          guard let record = try reader.next() else {
            reachedEnd = true
            continue
          }
          #expect(record.fields.count == columns)
          #expect(record.line >= 1 && record.byteOffset >= 0 && record.byteOffset < length)
        } catch {
          #expect(error.line >= 1 && error.column >= 1)
          #expect(error.byteOffset >= 0 && error.byteOffset <= length)
        }
      }
      #expect(reachedEnd, "no end of input for \(input)")
    }
  }
}
