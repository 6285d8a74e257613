/// Finds the next byte of a CSV record that needs a look, eight bytes at a time: one of four
/// ASCII bytes (a delimiter, quote or line ending), or any byte of a multi-byte character. Most
/// bytes of a name or a narrative need none, and are stepped over a word at a time.
struct SpecialBytes {
  private let patterns: (UInt64, UInt64, UInt64, UInt64)
  private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
    let every: UInt64 = 0x0101_0101_0101_0101
    patterns = (UInt64(a) &* every, UInt64(b) &* every, UInt64(c) &* every, UInt64(d) &* every)
  }

  /// The offset of the first byte at or after `position` that may be special: the bytes before
  /// it are not. Within the last eight bytes it returns `position`, leaving the caller to look
  /// at each.
  func next(in buf: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
    guard let base = UnsafeRawPointer(buf.baseAddress) else { return position }
    var position = position
    while position + 8 <= buf.count {
      let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
      let found =
        (Self.zeroBytes(word ^ patterns.0) | Self.zeroBytes(word ^ patterns.1) | Self.zeroBytes(word ^ patterns.2)
          | Self.zeroBytes(word ^ patterns.3) | word) & Self.highs
      if found != 0 { return position + found.trailingZeroBitCount / 8 }
      position += 8
    }
    return position
  }

  /// The high bit of each byte of `word` that is zero, and no other high bit: exact, since no
  /// byte's sum carries into the next.
  static func zeroBytes(_ word: UInt64) -> UInt64 {
    ~(((word & lows) &+ lows) | word)
  }
}
