/// A word or a double-quoted string of one line of a test file.
struct TestToken: Sendable {
  enum Kind: Sendable, Equatable {
    case word, string
  }

  var kind: Kind
  /// The word, or the string with its escapes resolved.
  var text: String
  /// The bytes in the file, quotes included.
  var range: Range<Int>

  /// Whether the token is the unquoted word `keyword`.
  func `is`(_ keyword: String) -> Bool { kind == .word && text == keyword }
}

/// A syntax error in a line, as a diagnostic.
struct TestLineError: Error {
  var diagnostic: Diagnostic

  init(_ id: DiagnosticID, _ message: String, at range: SourceRange, hint: String) {
    diagnostic = Diagnostic(id, message, at: range, hint: hint)
  }
}

/// Splits a clause line of a test file into words and strings.
///
/// A word runs to the next space or tab. A string is double-quoted, on one line, with the rule
/// language's escapes. A `#` that starts a token starts a comment to the end of the line.
enum TestLineScanner {
  static let escapes: [UInt8: UInt8] = [
    UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "n"): 10,
    UInt8(ascii: "t"): 9, UInt8(ascii: "{"): UInt8(ascii: "{"), UInt8(ascii: "}"): UInt8(ascii: "}"),
  ]

  /// The tokens of `range` (one line, without its line ending), or the first error in it.
  static func scan(_ file: SourceFile, _ range: Range<Int>) -> Result<[TestToken], TestLineError> {
    let bytes = file.bytes
    var tokens: [TestToken] = []
    var position = range.lowerBound
    while position < range.upperBound {
      let byte = bytes[position]
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
        position += 1
      } else if byte == UInt8(ascii: "#") {
        break
      } else if byte == UInt8(ascii: "\"") {
        switch string(file, from: position, end: range.upperBound) {
        case .success(let token):
          tokens.append(token)
          position = token.range.upperBound
        case .failure(let diagnostic):
          return .failure(diagnostic)
        }
      } else {
        let start = position
        while position < range.upperBound, bytes[position] != UInt8(ascii: " "), bytes[position] != UInt8(ascii: "\t") {
          position += 1
        }
        tokens.append(TestToken(kind: .word, text: file.text(start..<position), range: start..<position))
      }
    }
    return .success(tokens)
  }

  /// The string that opens at `start`.
  static func string(_ file: SourceFile, from start: Int, end: Int) -> Result<TestToken, TestLineError> {
    let bytes = file.bytes
    var text: [UInt8] = []
    var position = start + 1
    while position < end {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let token = TestToken(kind: .string, text: String(decoding: text, as: UTF8.self), range: start..<position + 1)
        return .success(token)
      }
      if byte == UInt8(ascii: "\\"), position + 1 < end {
        let next = bytes[position + 1]
        guard let resolved = escapes[next] else {
          // The whole character after the backslash, however many bytes it takes.
          var after = position + 2
          while after < end, bytes[after] & 0xC0 == 0x80 { after += 1 }
          return .failure(
            TestLineError(
              .invalidEscape, "unknown escape '\(file.text(position..<after))'",
              at: SourceRange(file: file, bytes: position..<after), hint: #"use \", \\, \n, \t, \{ or \}"#))
        }
        text.append(resolved)
        position += 2
        continue
      }
      text.append(byte)
      position += 1
    }
    return .failure(
      TestLineError(
        .unterminatedString, "unterminated string", at: SourceRange(file: file, bytes: start..<start + 1),
        hint: "add a closing '\"' before the end of the line"))
  }

  /// The end of the text before a comment: a `#` after a space or tab (or at `start`) outside
  /// a string.
  static func endBeforeComment(_ file: SourceFile, _ range: Range<Int>) -> Int {
    let bytes = file.bytes
    var inString = false
    var position = range.lowerBound
    while position < range.upperBound {
      let byte = bytes[position]
      if inString {
        if byte == UInt8(ascii: "\\") {
          position += 1
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "#"),
        position == range.lowerBound || bytes[position - 1] == UInt8(ascii: " ")
          || bytes[position - 1] == UInt8(ascii: "\t")
      {
        return position
      }
      position += 1
    }
    return range.upperBound
  }
}
