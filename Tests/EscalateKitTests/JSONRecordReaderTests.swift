import EscalateKit
import Testing

/// Reads every record, stopping at the first error.
private func readAll(_ input: [UInt8]) throws(JSONError) -> [JSONRecord] {
  var reader = JSONRecordReader(bytes: input)
  var records: [JSONRecord] = []
  while let record = try reader.next() { records.append(record) }
  return records
}

private func readAll(_ text: String) throws(JSONError) -> [JSONRecord] {
  try readAll(Array(text.utf8))
}

private func firstError(_ input: [UInt8]) -> JSONError? {
  do {
    _ = try readAll(input)
    return nil
  } catch {
    return error
  }
}

/// The only cell of the only record in `text`.
private func onlyCell(_ text: String) throws -> JSONCell? {
  let records = try readAll(text)
  #expect(records.count == 1 && records.first?.fields.count == 1)
  return records.first?.fields.first?.cell
}

@Suite struct JSONRecordReaderTests {
  @Test func readsArrayOfObjects() throws {
    let records = try readAll(#"[{"name":"API","owner":"Ann"}, {"name":"UI","done":true}]"#)
    #expect(
      records == [
        JSONRecord(
          fields: [
            JSONField(name: "name", cell: .string("API"), line: 1, column: 10),
            JSONField(name: "owner", cell: .string("Ann"), line: 1, column: 24),
          ], line: 1, column: 2, byteOffset: 1),
        JSONRecord(
          fields: [
            JSONField(name: "name", cell: .string("UI"), line: 1, column: 40),
            JSONField(name: "done", cell: .bool(true), line: 1, column: 52),
          ], line: 1, column: 32, byteOffset: 31),
      ])
  }

  @Test func locatesFieldsInPrettyPrintedArrays() throws {
    let text = "[\n  {\n    \"name\": \"API\",\n    \"owner\":\n      null\n  },\n  {}\n]\n"
    let records = try readAll(text)
    #expect(
      records == [
        JSONRecord(
          fields: [
            JSONField(name: "name", cell: .string("API"), line: 3, column: 13),
            JSONField(name: "owner", cell: .null, line: 5, column: 7),
          ], line: 2, column: 3, byteOffset: 4),
        JSONRecord(fields: [], line: 7, column: 3, byteOffset: 56),
      ])
  }

  @Test(arguments: ["\n", "\r\n"])
  func readsJSONLines(ending: String) throws {
    let lines = [#"{"a": 1}"#, "", #"  {"a": 2, "b": "x"}  "#, " \t", #"{}"#]
    for text in [lines.joined(separator: ending), lines.joined(separator: ending) + ending + ending] {
      let records = try readAll(text)
      #expect(records.map(\.line) == [1, 3, 5])
      #expect(records.map { $0.fields.map(\.cell) } == [[.number("1")], [.number("2"), .string("x")], []])
      #expect(records.map(\.byteOffset) == (ending == "\n" ? [0, 12, 36] : [0, 14, 40]))
      #expect(records[1].fields.map(\.column) == [9, 17])
    }
  }

  @Test func acceptsRecordsSpanningLinesInJSONLines() throws {
    let records = try readAll("{\"a\":\n 1}\n{\"b\": 2}\n")
    #expect(records.map(\.line) == [1, 3])
    #expect(records[0].fields == [JSONField(name: "a", cell: .number("1"), line: 2, column: 2)])
  }

  @Test(arguments: [
    (#""text""#, JSONCell.string("text")),
    (#""""#, .string("")),
    ("true", .bool(true)),
    ("false", .bool(false)),
    ("null", .null),
    ("42", .number("42")),
  ])
  func readsEveryCellKind(literal: String, expected: JSONCell) throws {
    #expect(try onlyCell(#"{"v": \#(literal)}"#) == expected)
    #expect(try onlyCell(#"[{"v":\#(literal)}]"#) == expected)
  }

  @Test(arguments: [
    "0", "-0", "1977000", "-0.5", "1e6", "1E+10", "2.50", "1.0e-7", "-12.5E-03",
    "123456789012345678901234567890.000000000000000000001",
  ])
  func keepsNumberTextExactly(literal: String) throws {
    #expect(try onlyCell(#"{"n": \#(literal)}"#) == .number(literal))
  }

  @Test(arguments: [
    (#"\u00e9"#, "é"),
    (#"\ud83d\ude00"#, "😀"),
    (#"\uD83D\uDE00!"#, "😀!"),
    (#"\/"#, "/"),
    (#"say \"hi\""#, #"say "hi""#),
    (#"a\\b"#, #"a\b"#),
    (#"\b\f\n\r\t"#, "\u{8}\u{C}\n\r\t"),
    (#"\u0000\u001f"#, "\u{0}\u{1F}"),
    (#"caf\u00E9 – \u2028"#, "café – \u{2028}"),
  ])
  func decodesEscapes(escaped: String, expected: String) throws {
    let records = try readAll(#"{"k\#(escaped)": "\#(escaped)"}"#)
    #expect(records.first?.fields.first?.name == "k" + expected)
    #expect(records.first?.fields.first?.cell == .string(expected))
  }

  @Test func readsNonASCIIText() throws {
    let records = try readAll(#"{"név": "Café – Zürich", "😀": "£5", "e\#u{301}": "x"}"#)
    #expect(records.first?.fields.map(\.name) == ["név", "😀", "e\u{301}"])
    #expect(records.first?.fields.map(\.cell) == [.string("Café – Zürich"), .string("£5"), .string("x")])
    // Columns count characters: "😀" and a decomposed "é" are one column each.
    #expect(records.first?.fields.map(\.column) == [9, 31, 42])
  }

  @Test func countsColumnsFromTheLineStartAcrossRecords() throws {
    let records = try readAll("[{\"é\": 1}, {\"😀\": \"ü\", \"x\": 2},\n {\"a\":\n\"ß\",\"b\": 3}]")
    #expect(records.flatMap { $0.fields.map(\.line) } == [1, 1, 1, 3, 3])
    #expect(records.flatMap { $0.fields.map(\.column) } == [8, 18, 28, 1, 10])
  }

  @Test func skipsByteOrderMark() throws {
    let records = try readAll("\u{FEFF}{\"a\": 1}\n")
    #expect(
      records == [
        JSONRecord(
          fields: [JSONField(name: "a", cell: .number("1"), line: 1, column: 7)], line: 1, column: 1, byteOffset: 3)
      ])
    #expect(firstError(bytes("\u{FEFF}[x]")).map { [$0.column, $0.byteOffset] } == [2, 4])
  }

  @Test(arguments: ["[]", " [ \n ] \n", "\u{FEFF}[\r\n]"])
  func readsEmptyArrays(text: String) throws {
    #expect(try readAll(text).isEmpty)
  }

  @Test func deliversRecordsBeforeAnErrorAndStopsAfterIt() throws {
    var reader = JSONRecordReader(bytes: bytes(#"[{"a": 1}, {"a": 2} x, {"a": 3}]"#))
    #expect(try reader.next()?.fields.first?.cell == .number("1"))
    #expect(try reader.next()?.fields.first?.cell == .number("2"))
    #expect(throws: JSONError.self) { try reader.next() }
    #expect(try reader.next() == nil)
    #expect(try reader.next() == nil)
  }

  @Test func returnsNilRepeatedlyAtTheEnd() throws {
    var reader = JSONRecordReader(bytes: bytes("{}\n"))
    #expect(try reader.next() == JSONRecord(fields: [], line: 1, column: 1, byteOffset: 0))
    #expect(try reader.next() == nil)
    #expect(try reader.next() == nil)
  }

  @Test func findsDuplicatesInLargeRecords() {
    let fields = (0..<40).map { #""f\#($0)": \#($0)"# }.joined(separator: ",")
    let error = firstError(bytes("{\(fields), \"f7\": 0}"))
    #expect(error?.kind == .duplicateKey)
    #expect(error?.message == "duplicate field 'f7'; a record can hold a field only once")
    #expect((try? readAll("{\(fields)}"))?.first?.fields.count == 40)
  }

  @Test func treatsCanonicallyEquivalentKeysAsDuplicates() {
    #expect(firstError(bytes("{\"\u{E9}\": 1, \"e\u{301}\": 2}"))?.kind == .duplicateKey)
  }

  // Named shapes rather than the texts themselves, so the test log does not print 100 KB each.
  @Test(arguments: ["arrays", "arrays in a field", "objects in a field", "arrays after a record"])
  func rejectsDeepNestingWithoutRecursion(shape: String) {
    let text =
      switch shape {
      case "arrays": String(repeating: "[", count: 100_000)
      case "arrays in a field": "[{\"a\":" + String(repeating: "[", count: 100_000)
      case "objects in a field": "{\"a\":" + String(repeating: "{\"a\":", count: 100_000)
      default: "{}\n" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
      }
    let error = firstError(bytes(text))
    #expect(error?.kind == .notAnObject || error?.kind == .nestedValue)
  }

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var input: [UInt8]
    var expected: JSONError

    init(_ name: String, _ input: [UInt8], _ kind: JSONError.Kind, at position: (Int, Int, Int), _ message: String) {
      testDescription = name
      self.input = input
      expected = JSONError(kind: kind, message: message, line: position.0, column: position.1, byteOffset: position.2)
    }
  }

  static let empty = "the input is empty; expected a JSON array of records or one record per line"
  static let notObject = "expected a record object '{...}' but found"
  static let scalarsOnly = "a record's fields must be text, numbers, true/false or null"
  static let end = "unexpected end of input; expected"
  static let notUTF8 = "the input must be saved as UTF-8"
  static let afterValue = "expected ',' or '}' after a value but found"
  static let fieldName = "expected a field name in double quotes but found"

  // Positions are (line, column, byteOffset); `%` in an input stands for the raw bytes that follow it.
  @Test(arguments: [
    ErrorCase("empty", [], .emptyInput, at: (1, 1, 0), empty),
    ErrorCase(
      "text over 1 MiB",
      bytes("{\"id\": \"" + String(repeating: "x", count: DataLimits.maximumFieldBytes + 1) + "\"}"),
      .fieldTooLarge, at: (1, 8, 7), "a text of 1048577 bytes; escalate reads texts of up to 1048576 bytes (1 MiB)"),
    ErrorCase("only whitespace", bytes(" \r\n\t\n"), .emptyInput, at: (1, 1, 0), empty),
    ErrorCase("only BOM", bytes("\u{FEFF}\n"), .emptyInput, at: (1, 1, 0), empty),
    ErrorCase(
      "bad first byte", bytes("\n x"), .syntax, at: (2, 2, 2),
      "expected '[' or '{' at the start of the input but found 'x'"),
    ErrorCase("number at top level", bytes("42"), .notAnObject, at: (1, 1, 0), "\(notObject) a number"),
    ErrorCase("number in array", bytes("[{}, 1]"), .notAnObject, at: (1, 6, 5), "\(notObject) a number"),
    ErrorCase("array in array", bytes("[\n [{}]]"), .notAnObject, at: (2, 2, 3), "\(notObject) an array"),
    ErrorCase("text line", bytes("{}\n\"x\"\n"), .notAnObject, at: (2, 1, 3), "\(notObject) text"),
    ErrorCase("literal line", bytes("{}\r\n  null"), .notAnObject, at: (2, 3, 6), "\(notObject) null"),
    ErrorCase(
      "nested object", bytes(#"[{"id": 1, "owner": {"name": "Ann"}}]"#), .nestedValue, at: (1, 21, 20),
      "field 'owner' holds an object; \(scalarsOnly)"),
    ErrorCase(
      "nested array", bytes(#"{"tags": ["a"]}"#), .nestedValue, at: (1, 10, 9),
      "field 'tags' holds an array; \(scalarsOnly)"),
    ErrorCase(
      "duplicate key", bytes(#"{"a": 1, "b": 2, "a": 3}"#), .duplicateKey, at: (1, 18, 17),
      "duplicate field 'a'; a record can hold a field only once"),
    ErrorCase(
      "duplicate escaped key", bytes(#"{"é": 1, "\u00e9": 2}"#), .duplicateKey, at: (1, 10, 10),
      "duplicate field 'é'; a record can hold a field only once"),
    ErrorCase("text after value", bytes(#"{"a": true x}"#), .syntax, at: (1, 12, 11), "\(afterValue) 'x'"),
    ErrorCase("missing comma", bytes(#"{"a": 1 "b": 2}"#), .syntax, at: (1, 9, 8), "\(afterValue) '\"'"),
    ErrorCase("trailing comma", bytes(#"{"a": 1,}"#), .syntax, at: (1, 9, 8), "\(fieldName) '}'"),
    ErrorCase("unquoted key", bytes("{a: 1}"), .syntax, at: (1, 2, 1), "\(fieldName) 'a'"),
    ErrorCase(
      "missing colon", bytes(#"{"a" 1}"#), .syntax, at: (1, 6, 5), "expected ':' after field name 'a' but found '1'"),
    ErrorCase(
      "missing value", bytes(#"{"a": }"#), .syntax, at: (1, 7, 6), "expected a value for field 'a' but found '}'"),
    ErrorCase(
      "leading zero", bytes(#"{"a": 01}"#), .syntax, at: (1, 7, 6),
      "invalid number '01'; a number must not start with a zero"),
    ErrorCase(
      "plus sign", bytes(#"{"a": +1}"#), .syntax, at: (1, 7, 6), "expected a value for field 'a' but found '+1'"),
    ErrorCase(
      "bare fraction", bytes(#"{"a": .5}"#), .syntax, at: (1, 7, 6), "expected a value for field 'a' but found '.5'"),
    ErrorCase(
      "trailing point", bytes(#"{"a": 1.}"#), .syntax, at: (1, 7, 6), "invalid number '1.'; expected a digit after '.'"),
    ErrorCase(
      "empty exponent", bytes(#"{"a": 1e+}"#), .syntax, at: (1, 7, 6),
      "invalid number '1e+'; expected a digit in the exponent"),
    ErrorCase(
      "lone minus", bytes(#"{"a": -}"#), .syntax, at: (1, 7, 6), "invalid number '-'; expected a digit after '-'"),
    ErrorCase(
      "two points", bytes(#"{"a": 1.5.3}"#), .syntax, at: (1, 7, 6),
      "invalid number '1.5.3'; unexpected '.' after '1.5'"),
    ErrorCase("NaN", bytes(#"{"a": NaN}"#), .syntax, at: (1, 7, 6), "expected a value for field 'a' but found 'NaN'"),
    ErrorCase(
      "minus infinity", bytes(#"{"a": -Infinity}"#), .syntax, at: (1, 7, 6),
      "invalid number '-Infinity'; expected a digit after '-'"),
    ErrorCase(
      "literal typo", bytes(#"{"a": tru}"#), .syntax, at: (1, 7, 6), "expected a value for field 'a' but found 'tru'"),
    ErrorCase("bad escape", bytes(#"{"a": "x\q"}"#), .syntax, at: (1, 9, 8), #"invalid escape '\q' in text"#),
    ErrorCase(
      "escape before control", bytes("{\"a\": \"\\\u{1}\"}"), .syntax, at: (1, 8, 7),
      #"invalid escape '\' before U+0001 in text"#),
    ErrorCase(
      "bad unicode escape", bytes(#"{"a": "\u12G4"}"#), .syntax, at: (1, 8, 7),
      #"invalid escape '\u12'; expected four hex digits after '\u'"#),
    ErrorCase(
      "lone high surrogate", bytes(#"{"a": "\ud83d"}"#), .syntax, at: (1, 8, 7),
      #"unpaired surrogate '\ud83d' in text"#),
    ErrorCase(
      "lone low surrogate", bytes(#"{"a": "x\uDE00"}"#), .syntax, at: (1, 9, 8),
      #"unpaired surrogate '\uDE00' in text"#),
    ErrorCase(
      "truncated after high surrogate", bytes(#"{"a": "\ud83d"#), .syntax, at: (1, 14, 13),
      #"unexpected end of input; expected a low surrogate such as '\udc00'"#),
    ErrorCase(
      "high surrogate before non-surrogate", bytes(#"{"a": "\ud83d\u0041"}"#), .syntax, at: (1, 8, 7),
      #"unpaired surrogate '\ud83d' in text"#),
    ErrorCase(
      "raw tab in text", bytes("{\"a\": \"x\ty\"}"), .syntax, at: (1, 9, 8),
      #"unescaped control character U+0009 in text; write it as '\t'"#),
    ErrorCase(
      "raw line break in text", bytes("{\"a\": \"x\n\"}"), .syntax, at: (1, 9, 8),
      #"unescaped control character U+000A in text; write it as '\n'"#),
    ErrorCase(
      "raw control in key", bytes("{\"\u{1F}\": 1}"), .syntax, at: (1, 3, 2),
      #"unescaped control character U+001F in text; write it as '\u001F'"#),
    ErrorCase(
      "control outside text", bytes("{\"a\": 1, \u{1}}"), .syntax, at: (1, 10, 9), "\(fieldName) U+0001"),
    ErrorCase("stray BOM", bytes("{}\n\u{FEFF}{}"), .syntax, at: (2, 1, 3), "expected a record but found U+FEFF"),
    ErrorCase("non-ASCII outside text", bytes("{\"a\": 1, é}"), .syntax, at: (1, 10, 9), "\(fieldName) 'é'"),
    ErrorCase("truncated array", bytes("[{\"a\": 1}"), .syntax, at: (1, 10, 9), "\(end) ',' or ']'"),
    ErrorCase("truncated record", bytes("{\"a\": 1"), .syntax, at: (1, 8, 7), "\(end) ',' or '}'"),
    ErrorCase("truncated before value", bytes("{\"a\":\n"), .syntax, at: (2, 1, 6), "\(end) a value for field 'a'"),
    ErrorCase("truncated text", bytes("[{\"ab"), .syntax, at: (1, 6, 5), "\(end) '\"' to close the text"),
    ErrorCase("truncated escape", bytes("{\"a\": \"\\"), .syntax, at: (1, 9, 8), "\(end) an escape after '\\'"),
    ErrorCase(
      "truncated unicode escape", bytes("{\"a\": \"\\u12"), .syntax, at: (1, 12, 11),
      "\(end) four hex digits after '\\u'"),
    ErrorCase("open bracket only", bytes("["), .syntax, at: (1, 2, 1), "\(end) a record or ']'"),
    ErrorCase("after comma", bytes("[{},\n"), .syntax, at: (2, 1, 5), "\(end) a record after ','"),
    ErrorCase("open brace only", bytes("{"), .syntax, at: (1, 2, 1), "\(end) a field name in double quotes"),
    ErrorCase("colon missing at end", bytes("{\"a\""), .syntax, at: (1, 5, 4), "\(end) ':'"),
    ErrorCase(
      "missing comma between records", bytes("[{} {}]"), .syntax, at: (1, 5, 4),
      "expected ',' or ']' after a record but found '{'"),
    ErrorCase(
      "trailing garbage", bytes("[{}]\n]"), .syntax, at: (2, 1, 5),
      "expected the end of the input after the array but found ']'"),
    ErrorCase(
      "two records on one line", bytes("{\"a\": 1} {\"a\": 2}\n"), .syntax, at: (1, 10, 9),
      "expected the end of the line after a record but found '{'; JSON Lines holds one record per line"),
    ErrorCase(
      "comma between lines", bytes("{},\n{}"), .syntax, at: (1, 3, 2),
      "expected the end of the line after a record but found ','; JSON Lines holds one record per line"),
    ErrorCase(
      "column after non-ASCII", bytes("{\"név\": \"😀\", \"x\": 01}"), .syntax, at: (1, 19, 22),
      "invalid number '01'; a number must not start with a zero"),
    ErrorCase(
      "bad first byte UTF-8", bytes("%{}", [0xFF]), .invalidUTF8, at: (1, 1, 0), "invalid UTF-8 byte 0xFF; \(notUTF8)"),
    ErrorCase(
      "invalid byte in value", bytes("{\"a\": \"é%\"}", [0x80]), .invalidUTF8, at: (1, 9, 9),
      "invalid UTF-8 byte 0x80; \(notUTF8)"),
    ErrorCase(
      "invalid byte in key", bytes("{}\n{\"%\": 1}", [0xC0, 0xAF]), .invalidUTF8, at: (2, 3, 5),
      "invalid UTF-8 byte 0xC0; \(notUTF8)"),
    ErrorCase(
      "encoded surrogate", bytes("{\"a\": \"%\"}", [0xED, 0xA0, 0x80]), .invalidUTF8, at: (1, 8, 7),
      "invalid UTF-8 byte 0xED; \(notUTF8)"),
    ErrorCase(
      "truncated sequence at end", bytes("{\"a\": \"%", [0xE2, 0x82]), .invalidUTF8, at: (1, 8, 7),
      "invalid UTF-8 byte 0xE2; \(notUTF8)"),
    ErrorCase(
      "invalid byte outside text", bytes("[{}, %]", [0xFE]), .invalidUTF8, at: (1, 6, 5),
      "invalid UTF-8 byte 0xFE; \(notUTF8)"),
    ErrorCase(
      "invalid byte after backslash", bytes("{\"a\": \"\\%\"}", [0xF5]), .invalidUTF8, at: (1, 9, 8),
      "invalid UTF-8 byte 0xF5; \(notUTF8)"),
    ErrorCase(
      "invalid byte before later error", bytes("{\"a\": \"%\\q\"}", [0xFF]), .invalidUTF8, at: (1, 8, 7),
      "invalid UTF-8 byte 0xFF; \(notUTF8)"),
  ])
  func reportsLocatedErrors(_ testCase: ErrorCase) {
    #expect(firstError(testCase.input) == testCase.expected)
  }
}

/// A minimal JSON writer that varies its output (escapes, whitespace) so every read path gets exercised.
private struct Writer {
  var text: [UInt8] = []
  var rng: SeededGenerator

  mutating func write(_ string: String) { text += Array(string.utf8) }

  mutating func whitespace(lineBreaks: Bool) {
    let choices = lineBreaks ? ["", " ", "\t", "\n", "\r\n", "  "] : ["", " ", "\t", " \t"]
    for _ in 0..<Int.random(in: 0...2, using: &rng) { write(choices.randomElement(using: &rng)!) }
  }

  mutating func string(_ value: String) {
    write("\"")
    for scalar in value.unicodeScalars {
      let escapeAnyway = Int.random(in: 0..<6, using: &rng) == 0
      switch scalar {
      case "\"": write("\\\"")
      case "\\": write("\\\\")
      case "/" where escapeAnyway: write("\\/")
      case "\n" where escapeAnyway: write("\\n")
      case "\t" where escapeAnyway: write("\\t")
      case _ where scalar.value < 0x20 || escapeAnyway:
        for unit in String(scalar).utf16 {
          let hex = String(unit, radix: 16, uppercase: Bool.random(using: &rng))
          write("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        }
      default: write(String(scalar))
      }
    }
    write("\"")
  }
}

/// The expected 1-based line and character column of `offset`, computed directly from the definition.
private func location(of offset: Int, in text: [UInt8], textStart: Int) -> (line: Int, column: Int) {
  let lineStart = max(textStart, text[..<offset].lastIndex(of: 10).map { $0 + 1 } ?? 0)
  return (text[..<offset].count { $0 == 10 } + 1, String(decoding: text[lineStart..<offset], as: UTF8.self).count + 1)
}

@Suite struct JSONRecordReaderPropertyTests {
  static let pieces = [
    "a", "Z", "7", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\n", "\r", "\t", "\u{1F}", "\u{7F}", "é", "e\u{301}",
    "😀", "–", "\u{2028}", "\u{FEFF}", "🇫🇷",
  ]

  private static func randomText(using rng: inout SeededGenerator) -> String {
    (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
  }

  private static func randomNumber(using rng: inout SeededGenerator) -> String {
    var text = Bool.random(using: &rng) ? "-" : ""
    text += Bool.random(using: &rng) ? "0" : String(UInt64.random(in: 1...UInt64.max, using: &rng))
    if Bool.random(using: &rng) { text += "." + String(UInt32.random(in: 0...9999, using: &rng)) }
    if Bool.random(using: &rng) {
      text += ["e", "E"].randomElement(using: &rng)! + ["", "+", "-"].randomElement(using: &rng)!
      text += String(Int.random(in: 0...400, using: &rng))
    }
    return text
  }

  private static func randomCell(using rng: inout SeededGenerator) -> JSONCell {
    switch Int.random(in: 0..<5, using: &rng) {
    case 0: .string(randomText(using: &rng))
    case 1: .number(randomNumber(using: &rng))
    case 2: .bool(Bool.random(using: &rng))
    case 3: .null
    default: .string(String(repeating: "x", count: Int.random(in: 0...3, using: &rng)))
    }
  }

  @Test(arguments: 0..<8)
  func roundTripsRandomRecords(seed: UInt64) throws {
    var rng = SeededGenerator(state: seed)
    for _ in 0..<150 {
      let isArray = Bool.random(using: &rng)
      let records: [[(String, JSONCell)]] = (0..<Int.random(in: isArray ? 0...5 : 1...5, using: &rng)).map { _ in
        var names = Set<String>()
        return (0..<Int.random(in: 0...20, using: &rng)).compactMap { _ in
          let name = Self.randomText(using: &rng)
          return names.insert(name).inserted ? (name, Self.randomCell(using: &rng)) : nil
        }
      }
      let textStart = Bool.random(using: &rng) ? 3 : 0
      var writer = Writer(rng: rng)
      writer.text = textStart == 3 ? [0xEF, 0xBB, 0xBF] : []
      var offsets: [(record: Int, values: [Int])] = []
      writer.whitespace(lineBreaks: true)
      if isArray { writer.write("[") }
      for (index, record) in records.enumerated() {
        if index > 0 {
          writer.write(isArray ? "," : ["\n", "\r\n", "\n\n", " \n \r\n"].randomElement(using: &writer.rng)!)
        }
        writer.whitespace(lineBreaks: isArray)
        offsets.append((writer.text.count, []))
        writer.write("{")
        for (fieldIndex, (name, cell)) in record.enumerated() {
          if fieldIndex > 0 { writer.write(",") }
          writer.whitespace(lineBreaks: true)
          writer.string(name)
          writer.whitespace(lineBreaks: true)
          writer.write(":")
          writer.whitespace(lineBreaks: true)
          offsets[index].values.append(writer.text.count)
          switch cell {
          case .string(let value): writer.string(value)
          case .number(let text): writer.write(text)
          case .bool(let value): writer.write(value ? "true" : "false")
          case .null: writer.write("null")
          }
          writer.whitespace(lineBreaks: true)
        }
        writer.write("}")
        writer.whitespace(lineBreaks: isArray)
      }
      if isArray { writer.write("]") }
      writer.whitespace(lineBreaks: true)
      rng = writer.rng

      let text = writer.text
      let expected = zip(records, offsets).map { record, offsets in
        JSONRecord(
          fields: zip(record, offsets.values).map { field, offset in
            let (line, column) = location(of: offset, in: text, textStart: textStart)
            return JSONField(name: field.0, cell: field.1, line: line, column: column)
          },
          line: location(of: offsets.record, in: text, textStart: textStart).line,
          column: location(of: offsets.record, in: text, textStart: textStart).column, byteOffset: offsets.record)
      }
      #expect(try readAll(text) == expected, "input: \(String(decoding: text, as: UTF8.self).debugDescription)")
    }
  }

  @Test(arguments: 0..<4)
  func terminatesOnRandomBytes(seed: UInt64) {
    var rng = SeededGenerator(state: seed)
    let alphabet: [UInt8] =
      Array("{}[]\"\":,\\u0123456789eE.-+truefalsn \t\r\n".utf8) + [0xC3, 0xA9, 0xED, 0xA0, 0xEF, 0xBB, 0xBF, 0xFF]
    let seeds = [
      #"[{"a": "x\u00e9", "b": -1.5e3, "c": [true]}, {"d": null}]"#, "{\"a\": 1}\r\n\n{\"b\": \"\\ud83d\\ude00\"}",
    ]
    for round in 0..<2_000 {
      var input: [UInt8]
      switch round % 3 {
      case 0:
        input = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      case 1:
        input = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      default:
        // Mutations of valid input reach deeper into the grammar than random bytes do.
        input = Array(seeds.randomElement(using: &rng)!.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          let index = Int.random(in: 0..<input.count, using: &rng)
          switch Int.random(in: 0..<3, using: &rng) {
          case 0: input[index] = alphabet.randomElement(using: &rng)!
          case 1: input.remove(at: index)
          default: input.insert(alphabet.randomElement(using: &rng)!, at: index)
          }
        }
      }
      var reader = JSONRecordReader(bytes: input)
      var reachedEnd = false
      // Every record takes at least two bytes, so the calls are bounded.
      for _ in 0..<input.count + 2 where !reachedEnd {
        do {
          guard let record = try reader.next() else {
            reachedEnd = true
            continue
          }
          #expect(record.line >= 1 && record.byteOffset >= 0 && record.byteOffset < input.count)
          #expect(record.fields.allSatisfy { $0.line >= record.line && $0.column >= 1 })
        } catch {
          #expect(error.line >= 1 && error.column >= 1)
          #expect(error.byteOffset >= 0 && error.byteOffset <= input.count)
          #expect(Result { () throws(JSONError) in try reader.next() } == .success(nil))
          reachedEnd = true
        }
      }
      #expect(reachedEnd, "no end of input for \(input)")
    }
  }
}
