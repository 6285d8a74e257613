import Foundation
import Testing

@testable import EscalateKit

/// An independent reader for what the mail types write, so tests check the output by decoding it rather than
/// against the encoder's own logic.
private enum MailReader {
  /// An RFC 2047 encoded-word.
  nonisolated(unsafe) static let encodedWord = #/=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/#

  /// Removes folding: a CRLF followed by a space or tab (RFC 5322 §2.2.3).
  static func unfold(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
  }

  /// The value of a field (`Name: value`, possibly folded), unfolded, with its encoded-words decoded. Whitespace
  /// between two encoded-words is dropped, as RFC 2047 §6.2 says.
  static func decodedValue(_ field: String) throws -> String {
    let unfolded = unfold(field)
    let colon = try #require(unfolded.firstIndex(of: ":"))
    var value = Substring(unfolded[unfolded.index(after: colon)...])
    if value.first == " " { value = value.dropFirst() }
    var result: [UInt8] = []
    var pending: [UInt8] = []  // Bytes of adjacent encoded-words, decoded together.
    var rest = value
    while let match = rest.firstMatch(of: encodedWord) {
      let gap = rest[..<match.range.lowerBound]
      // Whitespace between two encoded-words is dropped; anything else is kept.
      if pending.isEmpty || !gap.allSatisfy({ $0 == " " || $0 == "\t" }) {
        result += pending
        pending = []
        result += Array(gap.utf8)
      }
      #expect(match.output.1.uppercased() == "UTF-8")
      pending += try decodeWord(encoding: String(match.output.2), text: String(match.output.3))
      rest = rest[match.range.upperBound...]
    }
    result += pending + Array(rest.utf8)
    return try #require(String(validating: result, as: UTF8.self))
  }

  private static func decodeWord(encoding: String, text: String) throws -> [UInt8] {
    if encoding.uppercased() == "B" { return try #require(Data(base64Encoded: text).map(Array.init)) }
    let encoded = Array(text.utf8)
    var bytes: [UInt8] = []
    var index = 0
    while index < encoded.count {
      if encoded[index] == UInt8(ascii: "=") {
        try #require(index + 2 < encoded.count, "truncated =XX in \(text)")
        let hex = String(decoding: encoded[index + 1...index + 2], as: UTF8.self)
        bytes.append(try #require(UInt8(hex, radix: 16)))
        index += 3
      } else {
        bytes.append(encoded[index] == UInt8(ascii: "_") ? 0x20 : encoded[index])
        index += 1
      }
    }
    return bytes
  }

  /// The header block of a message or part split into fields, each still folded; and the body after the blank line.
  static func split(_ message: Substring) throws -> (fields: [String], body: Substring) {
    let end = try #require(message.range(of: "\r\n\r\n"))
    var fields: [String] = []
    for line in message[..<end.lowerBound].components(separatedBy: "\r\n") {
      if line.hasPrefix(" ") || line.hasPrefix("\t") {
        try #require(!fields.isEmpty, "continuation line first")
        fields[fields.count - 1] += "\r\n" + line
      } else {
        fields.append(line)
      }
    }
    return (fields, message[end.upperBound...])
  }

  /// The names of `fields`, in order.
  static func names(_ fields: [String]) -> [String] {
    fields.map { String($0.prefix { $0 != ":" }) }
  }

  /// Checks what RFC 5322 asks of a folded field: CRLF only before a space, lines within 78 characters, no blank
  /// continuation line, no control characters, ASCII only, and encoded-words within 75 characters.
  static func checkFolding(_ field: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = field.components(separatedBy: "\r\n")
    for (number, line) in lines.enumerated() {
      #expect(line.utf8.count <= 78, "line too long: \(line)", sourceLocation: sourceLocation)
      #expect(
        line.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) },
        "bad character in \(line.debugDescription)",
        sourceLocation: sourceLocation)
      if number > 0 {
        #expect(line.hasPrefix(" "), "continuation without a space", sourceLocation: sourceLocation)
        #expect(line.contains { $0 != " " }, "blank continuation line", sourceLocation: sourceLocation)
      }
    }
    for match in field.matches(of: encodedWord) {
      #expect(match.output.0.count <= 75, "encoded-word too long: \(match.output.0)", sourceLocation: sourceLocation)
    }
  }
}

// MARK: - MailAddress

/// Parsing of `--from`, `--to` and `--cc` addresses.
struct MailAddressTests {
  @Test(
    arguments: [
      ("a@b.c", nil, "a@b.c"),
      ("  alerts@example.com  ", nil, "alerts@example.com"),
      ("first.last+tag@mail.example.co.uk", nil, "first.last+tag@mail.example.co.uk"),
      ("a@localhost", nil, "a@localhost"),
      ("Jane Doe <jane@example.com>", "Jane Doe", "jane@example.com"),
      ("Ops Team<ops@example.com>", "Ops Team", "ops@example.com"),
      ("<jane@example.com>", nil, "jane@example.com"),
      ("  <jane@example.com>  ", nil, "jane@example.com"),
      ("\"Doe, Jane\" <jane@example.com>", "Doe, Jane", "jane@example.com"),
      ("\"Say \\\"hi\\\" \\\\o/\" <x@y.z>", "Say \"hi\" \\o/", "x@y.z"),
      ("\"\" <x@y.z>", nil, "x@y.z"),
      ("José Müller <jose@example.com>", "José Müller", "jose@example.com"),
      ("O'Brien (Finance) <ob@example.ie>", "O'Brien (Finance)", "ob@example.ie"),
      ("\"A <b>\" <x@y.z>", "A <b>", "x@y.z"),
    ] as [(String, String?, String)])
  func parsesValidAddresses(text: String, displayName: String?, addrSpec: String) throws {
    let address = try MailAddress.parse(text).get()
    #expect(address.displayName == displayName)
    #expect(address.addrSpec == addrSpec)
    #expect(MailAddress(text) == address)
    #expect("\(address.localPart)@\(address.domain)" == addrSpec)
  }

  @Test(
    arguments: [
      ("", "empty address"),
      ("   ", "empty address"),
      ("a@b.c\r\nBcc: x@y", "contains a line break"),
      ("Jane <a@b.c>\nBcc: x@y", "contains a line break"),
      ("a@b.c\rBcc: x@y", "contains a line break"),
      ("Jane\u{2028}Doe <a@b.c>", "contains a line break"),
      ("a\u{0}@b.c", "contains a control character"),
      ("a@b.c\t", "contains a control character"),
      ("Jane\u{1B}[31m <a@b.c>", "contains a control character"),
      ("ab.c", "missing '@'"),
      ("a@b@c", "more than one '@'"),
      ("@b.c", "empty local part"),
      ("a@", "empty domain"),
      ("a b@c.d", "space in the address"),
      ("Jane <a b@c.d>", "space in the address"),
      ("jösé@x.y", "non-ASCII character in the address"),
      ("a@exämple.com", "non-ASCII character in the address"),
      ("Jane <a@b.c", "missing '>'"),
      ("Jane <a@b.c> x", "text after '>'"),
      ("a@b.c>", "'>' without '<'"),
      ("Jane <<a@b.c>>", "more than one '<'"),
      ("Jane <>", "empty address"),
      ("Doe, Jane <j@x.y>", "',' in an unquoted display name (quote the name)"),
      ("Ja\"ne <j@x.y>", "'\"' in an unquoted display name (quote the name)"),
      ("\"Jane <j@x.y>", "unterminated quoted display name"),
      ("\"Jane\" j@x.y", "space in the address"),
      ("\"Jane\" x <j@x.y>", "expected '<' after the quoted display name"),
      ("a..b@c.d", "misplaced '.' in the local part"),
      (".a@c.d", "misplaced '.' in the local part"),
      ("a@b..c", "misplaced '.' in the domain"),
      ("a@b.c.", "misplaced '.' in the domain"),
      ("a@[1.2.3.4]", "'[' not allowed in the domain"),
      ("a@b_c.d", "'_' not allowed in the domain"),
      ("\"a b\"@c.d", "space in the address"),
      ("a(comment)@c.d", "'(' not allowed in the local part"),
      (String(repeating: "a", count: 65) + "@b.c", "local part longer than 64 characters"),
      ("a@" + String(repeating: "b", count: 252) + ".c", "address longer than 254 characters"),
    ] as [(String, String)])
  func rejectsInvalidAddresses(text: String, reason: String) {
    #expect(MailAddress(text) == nil)
    guard case .failure(let error) = MailAddress.parse(text) else {
      Issue.record("accepted \(text.debugDescription)")
      return
    }
    #expect(error.reason == reason)
    #expect(error.text == text)
    #expect(error.message.hasPrefix("invalid address '"))
    #expect(error.message.hasSuffix("': \(reason)"))
    // A usage error is printed on one line, whatever was typed.
    #expect(!error.message.unicodeScalars.contains { $0.properties.generalCategory == .control })
  }

  @Test func errorMessageShowsControlCharactersEscaped() {
    guard case .failure(let error) = MailAddress.parse("a@b.c\r\nBcc: x@y") else {
      Issue.record("accepted")
      return
    }
    #expect(error.message == "invalid address 'a@b.c\\r\\nBcc: x@y': contains a line break")
  }

  @Test(
    arguments: [
      ("a@x.y,b@y.z", ["a@x.y", "b@y.z"]),
      (" a@x.y , Bob <b@y.z> ", ["a@x.y", "Bob <b@y.z>"]),
      ("\"Doe, Jane\" <j@x.y>,b@y.z", ["\"Doe, Jane\" <j@x.y>", "b@y.z"]),
      ("\"Say \\\"a,b\\\"\" <j@x.y>", ["\"Say \\\"a,b\\\"\" <j@x.y>"]),
      ("a@x.y,a@x.y", ["a@x.y", "a@x.y"]),
      ("solo@x.y", ["solo@x.y"]),
    ] as [(String, [String])])
  func parsesLists(text: String, expected: [String]) throws {
    let addresses = try MailAddress.parseList(text).get()
    #expect(addresses.map(\.description) == expected)
  }

  @Test(
    arguments: [
      ("", "", "no addresses"),
      ("  ", "  ", "no addresses"),
      ("a@x.y,,b@y.z", "a@x.y,,b@y.z", "empty entry in the list"),
      ("a@x.y,", "a@x.y,", "empty entry in the list"),
      ("a@x.y,bad", "bad", "missing '@'"),
      ("a@x.y,b@y.z\r\nBcc: e@v.il", "a@x.y,b@y.z\r\nBcc: e@v.il", "contains a line break"),
      ("Doe, Jane <j@x.y>", "Doe", "missing '@'"),
    ] as [(String, String, String)])
  func rejectsInvalidLists(text: String, rejected: String, reason: String) {
    guard case .failure(let error) = MailAddress.parseList(text) else {
      Issue.record("accepted \(text.debugDescription)")
      return
    }
    #expect(error.text == rejected)
    #expect(error.reason == reason)
  }

  @Test func buildsFromParts() {
    #expect(MailAddress(displayName: "Doe, Jane", addrSpec: "j@x.y")?.description == "\"Doe, Jane\" <j@x.y>")
    #expect(MailAddress(displayName: "  ", addrSpec: "j@x.y")?.displayName == nil)
    #expect(MailAddress(displayName: nil, addrSpec: "j@x.y")?.description == "j@x.y")
    #expect(MailAddress(displayName: "Jane\r\nBcc: e@v.il", addrSpec: "j@x.y") == nil)
    #expect(MailAddress(displayName: "Jane", addrSpec: "j@x.y\r\nBcc: e@v.il") == nil)
    #expect(MailAddress(displayName: "Jane", addrSpec: "Jane <j@x.y>") == nil)
  }
}

// MARK: - HeaderEncoding

/// RFC 2047 encoding and RFC 5322 folding of header fields.
struct HeaderEncodingTests {
  @Test(
    arguments: [
      ("Hello world", "Subject: Hello world"),
      ("", "Subject:"),
      ("  spaced   out  ", "Subject: spaced out"),
      // Q or B, whichever is shorter; Q on a tie, as it is readable.
      ("£100 over budget", "Subject: =?UTF-8?B?wqMxMDA=?= over budget"),
      ("Café crème", "Subject: =?UTF-8?B?Q2Fmw6kgY3LDqG1l?="),
      ("Zoë is late", "Subject: =?UTF-8?Q?Zo=C3=AB?= is late"),
      ("日本", "Subject: =?UTF-8?B?5pel5pys?="),
      ("a =?UTF-8?Q?x?= b", "Subject: a =?UTF-8?B?PT9VVEYtOD9RP3g/PQ==?= b"),
      (
        String(repeating: "x", count: 80),
        "Subject: =?UTF-8?Q?\(String(repeating: "x", count: 57))?=\r\n =?UTF-8?Q?xxxxxxxxxxxxxxxxxxxxxxx?="
      ),
      ("line\r\nBcc: evil@example.com", "Subject: line Bcc: evil@example.com"),
    ] as [(String, String)])
  func encodesSubjects(value: String, expected: String) throws {
    let field = HeaderEncoding.unstructuredField("Subject", value)
    #expect(field == expected)
    #expect(try MailReader.decodedValue(field) == HeaderEncoding.sanitized(value))
  }

  @Test(
    arguments: [
      "Hello world",
      "£100 over budget",
      "Café crème for Zoë and Ærøskøbing's Ångström team",
      String(repeating: "Portfolio ", count: 30),
      String(repeating: "é", count: 200),
      String(repeating: "日本語のテキスト", count: 20),
      String(repeating: "x", count: 77),
      String(repeating: "x", count: 300),
      String(repeating: "word ", count: 20) + String(repeating: "ü", count: 90) + " tail",
      "emoji 😀🎉👍🏽 family 👨‍👩‍👧‍👦 flags 🇬🇧🇫🇷",
      "e\u{301} combining " + String(repeating: "a\u{301}\u{302}\u{303}", count: 40),
      "tabs\tand\u{0}nulls\u{7F}and\u{85}more\u{2028}breaks",
      "\r\n\r\nBcc: evil@example.com\r\n\r\nbody",
      "=?UTF-8?B?ZXZpbA==?= looks encoded",
      "a " + String(repeating: "£", count: 40) + " b " + String(repeating: "\"quoted\" ", count: 12),
    ])
  func foldsAndRoundTripsSubjects(value: String) throws {
    for name in ["Subject", "X-Escalate-Long-Header-Name"] {
      let field = HeaderEncoding.unstructuredField(name, value)
      MailReader.checkFolding(field)
      #expect(field.hasPrefix("\(name):"))
      #expect(try MailReader.decodedValue(field) == HeaderEncoding.sanitized(value))
    }
  }

  @Test func foldsAndRoundTripsRandomText() throws {
    var generator = SeededGenerator(state: 0x4EAD_E125)
    let pieces = [
      "a", "Budget", " ", "   ", "£", "é", "ß", "日本", "😀", "👍🏽", "e\u{301}", "=", "=?", "?=", "_", "\"", ",", "<", ">",
      "\r\n", "\n", "\r", "\t", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}", "Bcc: x@y.z",
      String(repeating: "x", count: 70),
      String(repeating: "ü", count: 30),
    ]
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<Int.random(in: 0...40, using: &generator) { text += pieces.randomElement(using: &generator)! }
      let subject = HeaderEncoding.unstructuredField("Subject", text)
      MailReader.checkFolding(subject)
      #expect(try MailReader.decodedValue(subject) == HeaderEncoding.sanitized(text), "\(text.debugDescription)")
      // As a display name (where parsing allows one), the name survives too.
      let name = text.filter { !"\"<>,".contains($0) }
      if let address = MailAddress(displayName: name, addrSpec: "a@b.c") {
        let from = HeaderEncoding.addressField("From", [address])
        MailReader.checkFolding(from)
        // The decoded value is quoted where the name needs it, so it is read back with the address parser.
        let decoded = try MailReader.decodedValue(from)
        let expected = address.displayName.map { HeaderEncoding.sanitized($0) }
        #expect(MailAddress(decoded)?.displayName == expected, "\(name.debugDescription)")
        #expect(MailAddress(decoded)?.addrSpec == "a@b.c")
      }
    }
  }

  @Test func sanitizingRemovesEveryControlCharacter() {
    var text = ""
    for value in 0...0x9F { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    let clean = HeaderEncoding.sanitized(text + "\u{2028}\u{2029}x")
    #expect(!clean.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.value >= 0x2028 })
    #expect(clean.hasSuffix(" x"))
    #expect(!clean.contains("  "))
  }

  @Test(
    arguments: [
      (["a@b.c"], "To: a@b.c", "a@b.c"),
      (["Jane Doe <j@x.y>"], "To: Jane Doe <j@x.y>", "Jane Doe <j@x.y>"),
      (["\"Doe, Jane\" <j@x.y>"], "To: \"Doe, Jane\" <j@x.y>", "\"Doe, Jane\" <j@x.y>"),
      (["\"Say \\\"hi\\\"\" <j@x.y>"], "To: \"Say \\\"hi\\\"\" <j@x.y>", "\"Say \\\"hi\\\"\" <j@x.y>"),
      (["José Müller <j@x.y>"], "To: =?UTF-8?B?Sm9zw6kgTcO8bGxlcg==?= <j@x.y>", "José Müller <j@x.y>"),
      (["Zoë Smith <z@x.y>"], "To: =?UTF-8?Q?Zo=C3=AB?= Smith <z@x.y>", "Zoë Smith <z@x.y>"),
      (["£ <p@x.y>", "b@y.z"], "To: =?UTF-8?B?wqM=?= <p@x.y>, b@y.z", "£ <p@x.y>, b@y.z"),
      (
        ["a@x.y", "Bob <b@y.z>", "c@z.w"],
        "To: a@x.y, Bob <b@y.z>, c@z.w", "a@x.y, Bob <b@y.z>, c@z.w"
      ),
    ] as [([String], String, String)])
  func encodesAddressFields(addresses: [String], expected: String, decoded: String) throws {
    let parsed = try addresses.map { try MailAddress.parse($0).get() }
    let field = HeaderEncoding.addressField("To", parsed)
    #expect(field == expected)
    MailReader.checkFolding(field)
    #expect(try MailReader.decodedValue(field) == decoded)
  }

  @Test func foldsLongAddressLists() throws {
    let names = ["Ana", "Jürgen Groß", "Doe, Jane", "Łukasz Żółć", "陈小明", "Ops (Finance & Risk) Team"]
    var addresses: [MailAddress] = []
    for (index, name) in (names + names + names).enumerated() {
      addresses.append(try #require(MailAddress(displayName: name, addrSpec: "person\(index)@example.com")))
    }
    addresses.append(try #require(MailAddress(String(repeating: "é", count: 80) + " <long@example.com>")))
    addresses.append(try #require(MailAddress("\"\(String(repeating: "Comma, ", count: 15))\" <c@example.com>")))
    for name in ["To", "Cc", "From"] {
      let field = HeaderEncoding.addressField(name, addresses)
      MailReader.checkFolding(field)
      #expect(field.components(separatedBy: "\r\n").count > 10)
      // Each address's addr-spec survives intact and in order.
      let value = try MailReader.decodedValue(field)
      var rest = Substring(value)
      for address in addresses {
        let range = try #require(rest.range(of: "<\(address.addrSpec)>"))
        rest = rest[range.upperBound...]
      }
    }
  }

  @Test func longAddrSpecIsTheOnlyLongLine() throws {
    let spec = String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 60) + ".example.com"
    let field = HeaderEncoding.addressField(
      "To", [try #require(MailAddress("Jane <\(spec)>")), try #require(MailAddress("x@y.z"))])
    let lines = field.components(separatedBy: "\r\n")
    #expect(lines == ["To: Jane", " <\(spec)>,", " x@y.z"])
  }
}

// MARK: - QuotedPrintable

/// RFC 2045 quoted-printable for the message bodies.
struct QuotedPrintableTests {
  @Test(
    arguments: [
      ("", ""),
      ("plain text", "plain text"),
      ("a=b", "a=3Db"),
      ("café £5", "caf=C3=A9 =C2=A35"),
      ("trailing \n", "trailing=20\r\n"),
      ("tab\t", "tab=09"),
      ("mid\tdle", "mid\tdle"),
      ("two  \nlines", "two =20\r\nlines"),
      ("line1\nline2\n", "line1\r\nline2\r\n"),
      ("a\r\nb\rc\n\rd", "a\r\nb\r\nc\r\n\r\nd"),
      ("\n\n", "\r\n\r\n"),
      (".\n..x", "=2E\r\n=2E.x"),
      ("From me\nFrom", "=46rom me\r\nFrom"),
      ("not From me", "not From me"),
      ("\u{0}\u{7F}", "=00=7F"),
      (String(repeating: "a", count: 76), String(repeating: "a", count: 76)),
      (String(repeating: "a", count: 77), String(repeating: "a", count: 75) + "=\r\naa"),
      (String(repeating: "a", count: 74) + "é", String(repeating: "a", count: 74) + "=\r\n=C3=A9"),
      (String(repeating: "a", count: 73) + "é", String(repeating: "a", count: 73) + "=\r\n=C3=A9"),
      (String(repeating: "a", count: 72) + "é", String(repeating: "a", count: 72) + "=C3=\r\n=A9"),
      (String(repeating: "a", count: 73) + "=", String(repeating: "a", count: 73) + "=3D"),
      (String(repeating: "a", count: 75) + " ", String(repeating: "a", count: 75) + "=\r\n=20"),
      (String(repeating: "a", count: 75) + ".", String(repeating: "a", count: 75) + "."),
      (String(repeating: "a", count: 75) + ".b", String(repeating: "a", count: 75) + "=\r\n=2Eb"),
    ] as [(String, String)])
  func encodesKnownValues(text: String, expected: String) {
    #expect(QuotedPrintable.encode(text) == expected)
  }

  @Test func roundTripsRandomText() throws {
    var generator = SeededGenerator(state: 0x5EED_2024)
    let pieces = [
      "a", "Z", "0", " ", "  ", "\t", "=", "==", "=3D", ".", "From ", "£", "é", "€", "日本", "😀", "👨‍👩‍👧",
      "\r\n", "\n", "\r", " \n", "\t\r\n", "-", "_", "?", "<p>", "&amp;", "\u{0}", "\u{7F}",
      String(repeating: "x", count: 80), String(repeating: "é", count: 40), String(repeating: " ", count: 90),
    ]
    for _ in 0..<600 {
      var text = ""
      for _ in 0..<Int.random(in: 0...60, using: &generator) { text += pieces.randomElement(using: &generator)! }
      let encoded = QuotedPrintable.encode(text)
      for line in encoded.components(separatedBy: "\r\n") {
        #expect(line.utf8.count <= 76, "line too long in encoding of \(text.debugDescription)")
        #expect(line.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) || $0 == "\t" })
        #expect(line.last != " " && line.last != "\t", "trailing whitespace")
      }
      #expect(!encoded.replacingOccurrences(of: "\r\n", with: "").contains { $0 == "\r" || $0 == "\n" })
      let canonical = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        .replacingOccurrences(of: "\n", with: "\r\n")
      #expect(QuotedPrintable.decodeText(encoded) == canonical, "round trip of \(text.debugDescription)")
    }
  }

  @Test(
    arguments: [
      ("a=3d", Array("a=".utf8)),
      ("soft=\r\nbreak", Array("softbreak".utf8)),
      ("soft=  \r\nbreak", Array("softbreak".utf8)),
      ("padded   \r\nline", Array("padded\r\nline".utf8)),
      ("bare\nlf", Array("bare\r\nlf".utf8)),
      ("end=", Array("end".utf8)),
    ] as [(String, [UInt8])])
  func decodesLeniently(encoded: String, expected: [UInt8]) {
    #expect(QuotedPrintable.decode(encoded) == expected)
  }

  @Test(arguments: ["=G1", "=4", "a=4\r\n", "é", "\u{1}", "a = b"])
  func rejectsInvalidEncodings(encoded: String) {
    #expect(QuotedPrintable.decode(encoded) == nil)
  }
}

// MARK: - MIMEMessage

/// The digest message: headers, multipart body, determinism.
struct MIMEMessageTests {
  /// 2024-10-01 09:30:00 UTC.
  static let date = Date(timeIntervalSince1970: 1_727_775_000)

  static func digest(
    subject: String = "Portfolio digest: 3 alerts (£1.2m over budget) for Zoë's review",
    from: String = "escalate <alerts@example.com>", messageID: String? = nil
  ) throws -> MIMEMessage {
    try MIMEMessage(
      from: try #require(MailAddress(from)),
      to: MailAddress.parseList("José Müller <jose@example.com>, \"Doe, Jane\" <jane@example.org>").get(),
      cc: [try #require(MailAddress("pmo@example.com"))],
      subject: subject, date: date, messageID: messageID,
      plainText: "3 alerts need attention.\n\nAlpha: Red — budget £1.2m over (ratio = 1.4)   \nBeta: Amber\n",
      html: "<p>3 alerts need attention.</p>\n<ul><li>Alpha: <b>Red</b> &mdash; budget £1.2m over</li></ul>\n")
  }

  @Test func rendersGoldenMessage() throws {
    let expected = [
      "From: escalate <alerts@example.com>",
      "To: =?UTF-8?B?Sm9zw6kgTcO8bGxlcg==?= <jose@example.com>, \"Doe, Jane\"",
      " <jane@example.org>",
      "Cc: pmo@example.com",
      "Subject: Portfolio digest: 3 alerts =?UTF-8?B?KMKjMS4ybQ==?= over budget) for",
      " =?UTF-8?B?Wm/Dqydz?= review",
      "Date: Tue, 01 Oct 2024 09:30:00 +0000",
      "Message-ID: <escalate.6d8ace5115ddf8f6@example.com>",
      "MIME-Version: 1.0",
      "Auto-Submitted: auto-generated",
      "Content-Type: multipart/alternative;",
      " boundary=\"=_escalate_0918f52285ee4203\"",
      "",
      "--=_escalate_0918f52285ee4203",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "3 alerts need attention.",
      "",
      "Alpha: Red =E2=80=94 budget =C2=A31.2m over (ratio =3D 1.4)  =20",
      "Beta: Amber",
      "",
      "--=_escalate_0918f52285ee4203",
      "Content-Type: text/html; charset=UTF-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "<p>3 alerts need attention.</p>",
      "<ul><li>Alpha: <b>Red</b> &mdash; budget =C2=A31.2m over</li></ul>",
      "",
      "--=_escalate_0918f52285ee4203--",
      "",
    ].joined(separator: "\r\n")
    let rendered = try Self.digest().render()
    #expect(rendered == expected)
    #expect(try Self.digest().render() == rendered, "rendering is deterministic")
  }

  @Test func everyLineIsShortASCIIWithCRLF() throws {
    let message = try MIMEMessage(
      from: try #require(MailAddress("Ünïcödé Sender <s@example.com>")), to: [try #require(MailAddress("t@x.y"))],
      subject: String(repeating: "Überfällige Meilensteine ", count: 8), date: Self.date,
      plainText: String(repeating: "Zeile mit Umlauten äöü und = Zeichen. ", count: 20) + "\n\n\r\n",
      html: String(repeating: "<td style=\"color: red\">€</td>", count: 30))
    let rendered = message.render()
    #expect(rendered.hasSuffix("\r\n"))
    #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains { $0 == "\r" || $0 == "\n" })
    for line in rendered.components(separatedBy: "\r\n") {
      #expect(line.utf8.count <= 78, "line too long: \(line)")
      #expect(line.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) || $0 == "\t" })
    }
  }

  @Test(
    arguments: [
      "Plain ASCII subject",
      "£ and € in a subject that is long enough that it has to be folded over more than one line",
      "日本語の件名",
    ])
  func parsesBack(subject: String) throws {
    let plain = """
      Line one with = and trailing spaces   
      From the top
      .
      --=_escalate_0000000000000000
      \(String(repeating: "long line £ ", count: 20))
      """
    let html = "<html><body><p>Caf\u{E9} \u{2014} <a href=\"https://x.y/?a=1&b=2\">link</a></p></body></html>\r\n"
    let message = try MIMEMessage(
      from: try #require(MailAddress("Zoë Ops <ops@example.com>")),
      to: MailAddress.parseList("a@x.y, Jürgen <j@x.y>").get(), subject: subject, date: Self.date,
      plainText: plain, html: html)
    let rendered = message.render()

    let (fields, body) = try MailReader.split(Substring(rendered))
    #expect(
      MailReader.names(fields) == [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Auto-Submitted", "Content-Type",
      ])
    func value(_ name: String) throws -> String {
      try MailReader.decodedValue(try #require(fields.first { $0.hasPrefix("\(name):") }))
    }
    for field in fields { MailReader.checkFolding(field) }
    #expect(try value("From") == "Zoë Ops <ops@example.com>")
    #expect(try value("To") == "a@x.y, Jürgen <j@x.y>")
    #expect(try value("Subject") == subject)
    #expect(try value("Date") == "Tue, 01 Oct 2024 09:30:00 +0000")
    #expect(try value("Message-ID") == "<\(message.messageID)>")

    let contentType = try value("Content-Type")
    let boundaryStart = try #require(contentType.range(of: "boundary=\""))
    let boundary = String(contentType[boundaryStart.upperBound...].dropLast())
    #expect(contentType == "multipart/alternative; boundary=\"\(boundary)\"")
    #expect((1...70).contains(boundary.count))

    // RFC 2046 §5.1.1: each delimiter is CRLF "--" boundary, the last one followed by "--".
    let delimiter = "\r\n--\(boundary)"
    let sections = ("\r\n" + body).components(separatedBy: delimiter)
    #expect(sections.count == 4)
    #expect(sections[0].isEmpty, "no preamble")
    #expect(sections[3] == "--\r\n", "closing delimiter ends the message")
    for (section, (type, original)) in zip(sections[1...2], [("text/plain", plain), ("text/html", html)]) {
      #expect(section.hasPrefix("\r\n"))
      let (partFields, partBody) = try MailReader.split(section.trimmingPrefix("\r\n"))
      #expect(partFields == ["Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"])
      let canonical = original.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
      #expect(QuotedPrintable.decodeText(String(partBody)) == canonical)
    }
  }

  @Test(
    arguments: [
      "Alert\r\nBcc: evil@example.com",
      "Alert\nBcc: evil@example.com",
      "Alert\rBcc: evil@example.com",
      "Alert\r\n\r\nInjected body",
      "Alert\u{85}Bcc: evil@example.com",
      "Alert\u{2028}Bcc: evil@example.com",
      "Alert\u{0}\r\nBcc: evil@example.com",
      "Älert\r\nBcc: evil@example.com",
      String(repeating: "long ", count: 20) + "\r\nBcc: evil@example.com",
    ])
  func controlCharactersNeverStartAHeader(subject: String) throws {
    let rendered = try Self.digest(subject: subject).render()
    let (fields, _) = try MailReader.split(Substring(rendered))
    #expect(!MailReader.names(fields).contains("Bcc"))
    #expect(MailReader.names(fields).count == 9)
    let subjectField = try #require(fields.first { $0.hasPrefix("Subject:") })
    MailReader.checkFolding(subjectField)
    #expect(try MailReader.decodedValue(subjectField) == HeaderEncoding.sanitized(subject))
  }

  @Test(
    arguments: [
      "Evil\r\nBcc: x@y.z <a@b.c>",
      "Evil <a@b.c>\r\nBcc: x@y.z",
      "\"Evil\r\nBcc: x@y.z\" <a@b.c>",
      "Evil\n <a@b.c>",
    ])
  func displayNamesCannotCarryLineBreaks(text: String) {
    #expect(MailAddress(text) == nil)
    #expect(MailAddress(displayName: text, addrSpec: "a@b.c") == nil)
  }

  @Test(
    arguments: [
      (0.0, 0, "Thu, 01 Jan 1970 00:00:00 +0000"),
      (-1.0, 0, "Wed, 31 Dec 1969 23:59:59 +0000"),
      (0.999, 0, "Thu, 01 Jan 1970 00:00:00 +0000"),
      (1_709_164_800.0, 19_800, "Thu, 29 Feb 2024 05:30:00 +0530"),
      (1_727_775_000.0, -28_800, "Tue, 01 Oct 2024 01:30:00 -0800"),
      (1_727_775_000.0, 3_600, "Tue, 01 Oct 2024 10:30:00 +0100"),
      (951_782_400.0, 0, "Tue, 29 Feb 2000 00:00:00 +0000"),
      (-2_208_988_800.0, 0, "Mon, 01 Jan 1900 00:00:00 +0000"),
      (4_102_444_799.0, 0, "Thu, 31 Dec 2099 23:59:59 +0000"),
    ] as [(Double, Int, String)])
  func formatsDates(seconds: Double, offset: Int, expected: String) throws {
    let zone = try #require(TimeZone(secondsFromGMT: offset))
    #expect(MIMEMessage.dateText(Date(timeIntervalSince1970: seconds), in: zone) == expected)
  }

  @Test func datesAgreeWithFoundation() throws {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    var generator = SeededGenerator(state: 42)
    for _ in 0..<300 {
      let seconds = Double(Int64.random(in: -5_000_000_000...8_000_000_000, using: &generator))
      let zone = try #require(TimeZone(secondsFromGMT: Int.random(in: -720...840, using: &generator) * 60))
      formatter.timeZone = zone
      let date = Date(timeIntervalSince1970: seconds)
      #expect(MIMEMessage.dateText(date, in: zone) == formatter.string(from: date))
    }
  }

  @Test func derivesMessageIDFromContent() throws {
    let id = try Self.digest().messageID
    #expect(id.wholeMatch(of: #/escalate\.[0-9a-f]{16}@example\.com/#) != nil)
    #expect(try Self.digest().messageID == id)
    #expect(try Self.digest(subject: "Other").messageID != id)
    #expect(try Self.digest(from: "alerts@example.com").messageID != id)
    let other = try MIMEMessage(
      from: try #require(MailAddress("alerts@example.com")), to: [try #require(MailAddress("a@b.c"))],
      subject: "s", date: Self.date.addingTimeInterval(1), plainText: "", html: "")
    let earlier = try MIMEMessage(
      from: try #require(MailAddress("alerts@example.com")), to: [try #require(MailAddress("a@b.c"))],
      subject: "s", date: Self.date, plainText: "", html: "")
    #expect(other.messageID != earlier.messageID)
  }

  @Test(
    arguments: [
      ("digest-2024-10-01@escalate.example", "digest-2024-10-01@escalate.example"),
      ("<abc.def@host>", "abc.def@host"),
    ])
  func acceptsGivenMessageIDs(given: String, stored: String) throws {
    let message = try Self.digest(messageID: given)
    #expect(message.messageID == stored)
    #expect(message.render().contains("\r\nMessage-ID: <\(stored)>\r\n"))
  }

  @Test(arguments: ["", "no-at-sign", "a@b@c", "a b@c", "a@b\r\nBcc: x@y", "<a@b", "a..b@c", "é@x", "@x", "a@"])
  func rejectsInvalidMessageIDs(given: String) {
    #expect(throws: MIMEMessage.BuildError.invalidMessageID(given)) { try Self.digest(messageID: given) }
  }

  @Test func requiresARecipient() throws {
    let from = try #require(MailAddress("a@b.c"))
    #expect(throws: MIMEMessage.BuildError.noRecipients) {
      try MIMEMessage(from: from, to: [], subject: "s", date: Self.date, plainText: "", html: "")
    }
  }

  @Test func boundaryNeverOccursInTheParts() throws {
    // Bodies full of boundary-like text: quoted-printable encodes their `=`, so the boundary stays unique.
    let trap = "--=_escalate_\n=_escalate_ =3D_escalate_ --\n"
    let message = try MIMEMessage(
      from: try #require(MailAddress("a@b.c")), to: [try #require(MailAddress("d@e.f"))], subject: "s",
      date: Self.date, plainText: String(repeating: trap, count: 5), html: trap)
    let rendered = message.render()
    let (fields, body) = try MailReader.split(Substring(rendered))
    let contentType = try MailReader.decodedValue(try #require(fields.last))
    let boundary = try #require(contentType.split(separator: "\"").dropFirst().first)
    #expect(body.components(separatedBy: "--\(boundary)").count == 4)
  }
}
