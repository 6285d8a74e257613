/// Builds JSON text by hand, so output is byte-for-byte deterministic (keys in the order
/// written) and numbers are written exactly as decimal, never through a Double.
///
/// It appends UTF-8 bytes rather than growing a `String`: a million-alert JSON Lines run spends
/// most of its output time here, and escaping a string is then one pass over its bytes.
struct JSONWriter {
  /// The JSON written so far, as UTF-8; settable so that ``AlertMemo`` can copy into it in
  /// place.
  var bytes: [UInt8] = []
  /// What ``alert(_:)`` writes once and copies after.
  var alertMemo = AlertMemo()

  init() {}

  /// A writer that writes into `buffer`, emptied first, keeping its room.
  init(reusing buffer: [UInt8]) {
    bytes = buffer
    bytes.removeAll(keepingCapacity: true)
  }

  /// The text written so far.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func string(_ value: String) {
    // Native strings lend their bytes in place; only others are copied to be made contiguous.
    if value.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) == nil {
      var value = value
      value.withUTF8 { string(utf8: $0) }
    }
  }

  /// A string given as UTF-8 bytes.
  mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
    var start = Self.firstToEscape(in: utf8, from: 0)
    guard start < utf8.count else {
      // Nearly every string: nothing to escape, so it goes in one piece with its quotes.
      bytes.append(count: utf8.count + 2) { room in
        room.initialize(to: UInt8(ascii: "\""))
        if let source = utf8.baseAddress { (room + 1).initialize(from: source, count: utf8.count) }
        (room + utf8.count + 1).initialize(to: UInt8(ascii: "\""))
      }
      return
    }
    bytes.append(UInt8(ascii: "\""))
    // Every byte that needs escaping is ASCII, so multi-byte characters pass through whole.
    bytes.append(bytes: UnsafeBufferPointer(rebasing: utf8[..<start]))
    while start < utf8.count {
      escape(utf8[start])
      let next = Self.firstToEscape(in: utf8, from: start + 1)
      bytes.append(bytes: UnsafeBufferPointer(rebasing: utf8[(start + 1)..<next]))
      start = next
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The offset of the first byte at or after `start` that must be escaped (a control
  /// character, quote or backslash), or the end; eight bytes at a time, since most strings,
  /// messages above all, have none.
  static func firstToEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    if let base = UnsafeRawPointer(utf8.baseAddress) {
      let every: UInt64 = 0x0101_0101_0101_0101
      while index + 8 <= utf8.count {
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        // A byte below 0x20 is one whose top three bits are clear.
        let found =
          (SpecialBytes.zeroBytes(word & (0xE0 &* every)) | SpecialBytes.zeroBytes(word ^ (0x22 &* every))
            | SpecialBytes.zeroBytes(word ^ (0x5C &* every))) & (0x80 &* every)
        if found != 0 { return index + found.trailingZeroBitCount / 8 }
        index += 8
      }
    }
    while index < utf8.count {
      let byte = utf8[index]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
      index += 1
    }
    return index
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): literal("\\\"")
    case UInt8(ascii: "\\"): literal("\\\\")
    case UInt8(ascii: "\n"): literal("\\n")
    case UInt8(ascii: "\r"): literal("\\r")
    case UInt8(ascii: "\t"): literal("\\t")
    default:
      let hex = Array("0123456789abcdef".utf8)
      literal("\\u00")
      bytes.append(hex[Int(byte >> 4)])
      bytes.append(hex[Int(byte & 0xF)])
    }
  }

  mutating func raw(_ value: String) { bytes.append(contentsOf: value.utf8) }

  /// JSON text fixed in the source, copied as one block of bytes: the keys and punctuation
  /// written for every alert of a large run.
  mutating func literal(_ value: StaticString) {
    value.withUTF8Buffer { bytes.append(bytes: $0) }
  }

  /// A whole number, digit by digit rather than through a `String`.
  mutating func integer(_ value: Int) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDecimal(value.magnitude, to: &bytes)
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
    if let value { string(value) } else { literal("null") }
  }

  /// A value as evidence shows it: amounts and numbers as JSON numbers, ratings by name,
  /// dates in ISO form, missing as null.
  mutating func value(_ value: Value) {
    switch value {
    case .missing: literal("null")
    case .bool(let b): literal(b ? "true" : "false")
    case .number(let n):
      // Whole amounts, nearly every one, go digit by digit without a `String` in between.
      if n.scale == 0, let whole = Int(exactly: n.significand) { integer(whole) } else { raw(n.description) }
    case .text(let s): string(s)
    case .rag(let rag): string(rag.rawValue)
    case .date(let day):
      // An ISO date has nothing to escape.
      bytes.append(UInt8(ascii: "\""))
      day.appendISOText(to: &bytes)
      bytes.append(UInt8(ascii: "\""))
    case .list(let items): array(items) { $0.value($1) }
    }
  }
}
