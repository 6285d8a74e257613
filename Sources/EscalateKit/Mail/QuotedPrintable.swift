/// RFC 2045 §6.7 quoted-printable for UTF-8 text bodies.
///
/// Text is encoded line by line: LF, CRLF and lone CR all end a line and are written as CRLF, the canonical form of
/// a `text/*` body. Printable ASCII other than `=` is written as it is; `=`, every other byte (so all of UTF-8 beyond
/// ASCII) and a space or tab at the end of a line are written as `=XX`. Longer lines get soft line breaks (`=` at
/// the end of a line) so that no encoded line exceeds 76 characters, and an `=XX` is never split. Two more
/// characters are encoded where a line of output starts with them, because transports alter them there: a `.`
/// (SMTP dot-stuffing, which a careless relay can leave behind) and the `F` of `From ` (mbox quoting, `>From `).
public enum QuotedPrintable {
  /// The longest encoded line, excluding the CRLF (RFC 2045 §6.7 rule 5).
  public static let maxLineLength = 76

  /// `text` as quoted-printable with CRLF line breaks; it ends with a CRLF exactly when `text` ends with a line break.
  public static func encode(_ text: String) -> String {
    var output = ""
    let bytes = Array(text.utf8)
    var lineStart = 0
    var index = 0
    while index <= bytes.count {
      guard index == bytes.count || bytes[index] == 0x0A || bytes[index] == 0x0D else {
        index += 1
        continue
      }
      if lineStart > 0 { output += "\r\n" }
      encodeLine(bytes[lineStart..<index], into: &output)
      if index < bytes.count && bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
        index += 1
      }
      index += 1
      lineStart = index
    }
    return output
  }

  /// The bytes `encoded` stands for, with hard line breaks as CRLF; nil if it is not valid quoted-printable: an `=`
  /// not followed by two hex digits or a line break, or a character other than printable ASCII, space and tab.
  ///
  /// As RFC 2045 asks, spaces and tabs at the end of a line are dropped, since a transport may have added them, and a
  /// bare LF is accepted as a line break. Lowercase hex digits are accepted too.
  public static func decode(_ encoded: String) -> [UInt8]? {
    var output: [UInt8] = []
    let lines = encoded.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (number, rawLine) in lines.enumerated() {
      var line = rawLine[...]
      if line.last == 0x0D { line = line.dropLast() }
      while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
      var soft = false
      var index = line.startIndex
      while index < line.endIndex {
        let byte = line[index]
        index = line.index(after: index)
        if byte == UInt8(ascii: "=") {
          if index == line.endIndex {
            soft = true
            break
          }
          let second = line.index(after: index)
          guard second < line.endIndex, let high = hexValue(line[index]), let low = hexValue(line[second]) else {
            return nil
          }
          output.append(high << 4 | low)
          index = line.index(after: second)
        } else if (0x20...0x7E).contains(byte) || byte == 0x09 {
          output.append(byte)
        } else {
          return nil
        }
      }
      if !soft && number < lines.count - 1 { output += [0x0D, 0x0A] }
    }
    return output
  }

  /// ``decode(_:)`` read as UTF-8; nil if either step fails.
  public static func decodeText(_ encoded: String) -> String? {
    decode(encoded).flatMap { String(validating: $0, as: UTF8.self) }
  }

  /// Appends one line of text, without its line break, adding soft line breaks as needed.
  private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout String) {
    var column = 0
    for index in line.indices {
      let isLast = index == line.endIndex - 1
      var token = self.token(line, index, atLineStart: column == 0)
      // Room for the `=` of a soft break is kept unless nothing follows on this line.
      if column + token.utf8.count > maxLineLength - (isLast ? 0 : 1) {
        output += "=\r\n"
        column = 0
        token = self.token(line, index, atLineStart: true)
      }
      output += token
      column += token.utf8.count
    }
  }

  /// How `line[index]` is written at its place in the output.
  private static func token(_ line: ArraySlice<UInt8>, _ index: Int, atLineStart: Bool) -> String {
    let byte = line[index]
    let literal: Bool
    switch byte {
    case 0x20, 0x09:
      literal = index != line.endIndex - 1
    case UInt8(ascii: "="):
      literal = false
    case UInt8(ascii: "."):
      literal = !atLineStart
    case UInt8(ascii: "F"):
      literal = !atLineStart || !line[index...].starts(with: "From ".utf8)
    case 0x21...0x7E:
      literal = true
    default:
      literal = false
    }
    if literal { return String(Unicode.Scalar(byte)) }
    return "=" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0xF)]
  }

  private static let hexDigits = "0123456789ABCDEF".map(String.init)

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    default: nil
    }
  }
}
