/// Builds JSON text by hand, so output is byte-for-byte deterministic (keys in the order
/// written) and numbers are written exactly as decimal, never through a Double.
///
/// It appends UTF-8 bytes rather than growing a `String`: a million-alert JSON Lines run spends
/// most of its output time here, and escaping a string is then one pass over its bytes.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []

  /// The text written so far.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    // Native strings lend their bytes in place; only others are copied to be made contiguous.
    if value.utf8.withContiguousStorageIfAvailable({ escaping($0) }) == nil {
      var value = value
      value.withUTF8 { escaping($0) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends `utf8` with the characters JSON strings cannot hold escaped.
  private mutating func escaping(_ utf8: UnsafeBufferPointer<UInt8>) {
    // Every byte that needs escaping is ASCII, so multi-byte characters pass through whole.
    var start = 0
    for index in utf8.indices {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
      escape(byte)
      start = index + 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): raw("\\\"")
    case UInt8(ascii: "\\"): raw("\\\\")
    case UInt8(ascii: "\n"): raw("\\n")
    case UInt8(ascii: "\r"): raw("\\r")
    case UInt8(ascii: "\t"): raw("\\t")
    default:
      let hex = Array("0123456789abcdef".utf8)
      raw("\\u00")
      bytes.append(hex[Int(byte >> 4)])
      bytes.append(hex[Int(byte & 0xF)])
    }
  }

  mutating func raw(_ value: String) { bytes.append(contentsOf: value.utf8) }

  /// A whole number, digit by digit rather than through a `String`.
  mutating func integer(_ value: Int) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    // Written from the right into room on the stack, then appended in one piece.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = digits.count
      var rest = value.magnitude
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
    }
  }

  /// A key and its colon, inside an object the caller opens and closes.
  mutating func key(_ name: String, first: Bool = false) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    string(name)
    bytes.append(UInt8(ascii: ":"))
  }

  /// An object with the given members, each written by its closure, in order.
  mutating func object(_ members: [(String, (inout JSONWriter) -> Void)]) {
    raw("{")
    for (index, (name, write)) in members.enumerated() {
      key(name, first: index == 0)
      write(&self)
    }
    raw("}")
  }

  /// An array of `items`, each written by `write`, on one line.
  mutating func array<Item>(_ items: [Item], _ write: (inout JSONWriter, Item) -> Void) {
    raw("[")
    for (index, item) in items.enumerated() {
      if index > 0 { raw(",") }
      write(&self, item)
    }
    raw("]")
  }

  mutating func optionalString(_ value: String?) {
    if let value { string(value) } else { raw("null") }
  }

  /// A value as evidence shows it: amounts and numbers as JSON numbers, ratings by name,
  /// dates in ISO form, missing as null.
  mutating func value(_ value: Value) {
    switch value {
    case .missing: raw("null")
    case .bool(let b): raw(b ? "true" : "false")
    case .number(let n):
      // Whole amounts, nearly every one, go digit by digit without a `String` in between.
      if n.scale == 0, let whole = Int(exactly: n.significand) { integer(whole) } else { raw(n.description) }
    case .text(let s): string(s)
    case .rag(let rag): string(rag.rawValue)
    case .date(let day): string(day.isoText)
    case .list(let items): array(items) { $0.value($1) }
    }
  }
}
