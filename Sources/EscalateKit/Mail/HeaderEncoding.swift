import Foundation

/// Mail header fields: RFC 2047 encoded-words for text ASCII cannot carry, RFC 5322 folding, and no way for a value
/// to start a header line of its own.
///
/// Values are one line of prose: control characters (CR and LF among them) and Unicode line separators become
/// spaces, runs of spaces collapse to one and the ends are trimmed, so what a reader sees is what was meant and a
/// folded line is never blank. Words of printable ASCII are written as they are; any other word, with the spaces
/// between it and its neighbours of the same kind, becomes encoded-words of at most 75 characters, in Q or B
/// (whichever is shorter for that run). Lines are folded at spaces so none exceeds 78 characters; the one exception
/// is an addr-spec too long for a line of its own, which RFC 5322 gives no way to fold (such a line is still far
/// below the 998-character hard limit, as addresses are at most 254 characters).
public enum HeaderEncoding {
  /// The longest header line written, excluding the CRLF, except for an addr-spec too long to fit (RFC 5322 §2.1.1).
  public static let maxLineLength = 78
  /// The longest encoded-word written (RFC 2047 §2).
  public static let maxEncodedWordLength = 75

  /// `name: value` for an unstructured field such as `Subject`: folded lines joined by CRLF, without a final CRLF.
  ///
  /// `name` must be a field name (printable ASCII without `:`); it is the caller's constant, so anything else is a
  /// programming error and traps rather than risk writing a second header.
  public static func unstructuredField(_ name: String, _ value: String) -> String {
    var pieces: [Piece] = []
    var run: [String] = []
    func flush() {
      if !run.isEmpty { pieces.append(.encoded(run.joined(separator: " "))) }
      run = []
    }
    for word in words(sanitized(value)) {
      if isPlain(word, allowed: { (0x21...0x7E).contains($0.value) }) {
        flush()
        pieces.append(.literal(word))
      } else {
        run.append(word)
      }
    }
    flush()
    return fold(name, pieces)
  }

  /// `name: address, address, ...` for `From`, `To` or `Cc`: folded lines joined by CRLF, without a final CRLF.
  ///
  /// A display name of atoms is written as it is, one of other printable ASCII as a quoted-string, and non-ASCII
  /// words as encoded-words. `name` must be a field name, as for ``unstructuredField(_:_:)``; `addresses` should not
  /// be empty, as RFC 5322 requires at least one.
  public static func addressField(_ name: String, _ addresses: [MailAddress]) -> String {
    var pieces: [Piece] = []
    for (index, address) in addresses.enumerated() {
      let comma = index < addresses.count - 1 ? "," : ""
      let name = address.displayName.map { phrasePieces($0) } ?? []
      pieces += name
      pieces.append(.literal(name.isEmpty ? address.addrSpec + comma : "<\(address.addrSpec)>\(comma)"))
    }
    return fold(name, pieces)
  }

  /// `text` as header prose: every control character and line separator replaced by a space, runs of spaces
  /// collapsed to one, and the ends trimmed. This is what a decoder recovers from the fields written here.
  public static func sanitized(_ text: String) -> String {
    var spaced = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let isBreak = scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
      spaced.append(isBreak ? " " : scalar)
    }
    return words(String(spaced)).joined(separator: " ")
  }

  // MARK: - Pieces

  /// A unit of a field value, written after a space at which the line may fold.
  private enum Piece {
    /// ASCII written as it is.
    case literal(String)
    /// Text written as one or more encoded-words, split wherever a line needs it.
    case encoded(String)
  }

  /// A display name as phrase pieces: atoms, else one quoted-string, else encoded-words.
  private static func phrasePieces(_ displayName: String) -> [Piece] {
    let name = sanitized(displayName)
    let nameWords = words(name)
    if nameWords.allSatisfy({ isPlain($0, allowed: MailAddress.isAtext) }) { return nameWords.map(Piece.literal) }
    if name.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
      let quoted = MailAddress.quoted(name)
      // A quoted-string is not folded inside, so one too long for a line is encoded instead.
      return quoted.utf8.count < maxLineLength ? [.literal(quoted)] : [.encoded(name)]
    }
    var pieces: [Piece] = []
    var run: [String] = []
    for word in nameWords {
      if isPlain(word, allowed: MailAddress.isAtext) {
        if !run.isEmpty { pieces.append(.encoded(run.joined(separator: " "))) }
        run = []
        pieces.append(.literal(word))
      } else {
        run.append(word)
      }
    }
    if !run.isEmpty { pieces.append(.encoded(run.joined(separator: " "))) }
    return pieces
  }

  /// Whether `word` can be written as it is: only `allowed` characters, short enough to fit on a continuation line,
  /// and no `=?`, which a decoder could take for the start of an encoded-word.
  private static func isPlain(_ word: String, allowed: (Unicode.Scalar) -> Bool) -> Bool {
    word.utf8.count < maxLineLength && !word.contains("=?") && word.unicodeScalars.allSatisfy(allowed)
  }

  /// The words of `text`, split at U+0020 only (at scalars, so a combining mark after a space cannot hide it).
  private static func words(_ text: String) -> [String] {
    text.unicodeScalars.split(separator: " ").map { String(String.UnicodeScalarView($0)) }
  }

  // MARK: - Folding

  /// `name:` followed by each piece after a space, starting a continuation line (CRLF and a space) before any piece
  /// that would make the current line longer than ``maxLineLength``.
  private static func fold(_ name: String, _ pieces: [Piece]) -> String {
    precondition(
      !name.isEmpty && name.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && $0 != ":" },
      "invalid header field name")
    var lines: [String] = []
    var line = name + ":"
    func append(_ text: String) {
      // An empty line is a fresh continuation line: what goes there stays, even if it is too long to fit.
      if !line.isEmpty && line.utf8.count + 1 + text.utf8.count > maxLineLength {
        lines.append(line)
        line = ""
      }
      line += " " + text
    }
    for piece in pieces {
      switch piece {
      case .literal(let text):
        append(text)
      case .encoded(let text):
        let encoding = WordEncoding.shorter(for: Array(text.utf8))
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first {
          var room = maxLineLength - line.utf8.count - 1
          if room < WordEncoding.overhead + encoding.length(of: Array(String(first).utf8)) {
            lines.append(line)
            line = ""
            room = maxLineLength - 1
          }
          let budget = min(maxEncodedWordLength, room) - WordEncoding.overhead
          // Whole scalars only: RFC 2047 §5 forbids splitting a character between encoded-words.
          var bytes: [UInt8] = []
          while let scalar = scalars.first {
            let more = bytes + Array(String(scalar).utf8)
            if !bytes.isEmpty && encoding.length(of: more) > budget { break }
            bytes = more
            scalars = scalars.dropFirst()
          }
          append(encoding.word(bytes))
        }
      }
    }
    lines.append(line)
    return lines.joined(separator: "\r\n")
  }

  // MARK: - Encoded-words

  /// The two RFC 2047 encodings.
  private enum WordEncoding {
    case quoted
    case base64

    /// The length of `=?UTF-8?Q?` and `?=`.
    static let overhead = 12

    /// Q when it is no longer than B for `bytes`: it keeps mostly-ASCII text readable in the raw message.
    static func shorter(for bytes: [UInt8]) -> WordEncoding {
      quoted.length(of: bytes) <= base64.length(of: bytes) ? .quoted : .base64
    }

    /// The length of the encoded text of `bytes`, without the overhead.
    func length(of bytes: [UInt8]) -> Int {
      switch self {
      case .quoted: bytes.reduce(0) { $0 + (Self.isQSafe($1) ? 1 : 3) }
      case .base64: (bytes.count + 2) / 3 * 4
      }
    }

    /// The encoded-word for `bytes`.
    func word(_ bytes: [UInt8]) -> String {
      switch self {
      case .base64:
        return "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
      case .quoted:
        var text = ""
        for byte in bytes {
          if byte == 0x20 {
            text += "_"
          } else if Self.isQSafe(byte) {
            text.unicodeScalars.append(Unicode.Scalar(byte))
          } else {
            text += "=" + Self.hexDigits[Int(byte >> 4)] + Self.hexDigits[Int(byte & 0xF)]
          }
        }
        return "=?UTF-8?Q?\(text)?="
      }
    }

    private static let hexDigits = "0123456789ABCDEF".map(String.init)

    /// Bytes Q writes as themselves (space as `_`): the set RFC 2047 §5(3) allows even in a display name, so one
    /// encoder serves every context.
    private static func isQSafe(_ byte: UInt8) -> Bool {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        true
      default:
        byte == 0x20 || "!*+-/".utf8.contains(byte)
      }
    }
  }
}
