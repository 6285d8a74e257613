/// Finds the next byte of a CSV record that needs a look, eight bytes at a time: one of four
/// ASCII bytes (a delimiter, quote or line ending), or any byte of a multi-byte character. Most
/// bytes of a name or a narrative need none, and are stepped over a word at a time.
struct SpecialBytes {
  private let patterns: (UInt64, UInt64, UInt64, UInt64)
  private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  static let highs: UInt64 = 0x8080_8080_8080_8080

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

/// Steps over unquoted CSV fields a word at a time, across their delimiters, counting them:
/// where a survey needs neither a field's place nor its text, a run of short fields such as
/// ratings and amounts costs a few operations per eight bytes rather than some per field.
struct UnquotedRun {
  private let delimiter: UInt8
  private let delimiters: UInt64
  private let stops: (UInt64, UInt64, UInt64)

  init(delimiter: UInt8) {
    let every: UInt64 = 0x0101_0101_0101_0101
    self.delimiter = delimiter
    delimiters = UInt64(delimiter) &* every
    let (quote, lf, cr) = (UInt64(UInt8(ascii: "\"")), UInt64(UInt8(ascii: "\n")), UInt64(UInt8(ascii: "\r")))
    stops = (quote &* every, lf &* every, cr &* every)
  }

  /// The offset of the first quote or line ending at or after `position` (or the end), and how
  /// many delimiters come before it. Every byte read is or-ed into `bits`, some past the end
  /// returned: enough to tell that all of them are ASCII.
  func step(in buf: UnsafeBufferPointer<UInt8>, from position: Int, bits: inout UInt64) -> (end: Int, delimiters: Int) {
    var position = position
    var count = 0
    if let base = UnsafeRawPointer(buf.baseAddress) {
      while position + 8 <= buf.count {
        let (found, stop) = classify(base, at: position, bits: &bits)
        if stop != 0 {
          // The delimiters in the bytes before the first stop: every bit below its own.
          count += Self.highBits(in: found & ((stop & (0 &- stop)) &- 1))
          return (position + stop.trailingZeroBitCount / 8, count)
        }
        count += Self.highBits(in: found)
        position += 8
      }
    }
    while position < buf.count, !Self.isStop(buf[position]) {
      bits |= UInt64(buf[position])
      if buf[position] == delimiter { count += 1 }
      position += 1
    }
    return (position, count)
  }

  /// Steps over unquoted fields as ``step(in:from:bits:)`` does, but writes the span of each
  /// field a delimiter ends into `spans`, from index `field` on, a word's delimiters at a time.
  /// Returns where it stopped and where the field that stop interrupts began; nil when more
  /// fields end than `spans` has room for.
  func locate(
    in buf: UnsafeBufferPointer<UInt8>, from position: Int, field: inout Int,
    spans: UnsafeMutableBufferPointer<CSVSpan>, bits: inout UInt64
  ) -> (end: Int, start: Int)? {
    var position = position
    var start = position
    if let base = UnsafeRawPointer(buf.baseAddress) {
      while position + 8 <= buf.count {
        var (found, stop) = classify(base, at: position, bits: &bits)
        if stop != 0 { found &= (stop & (0 &- stop)) &- 1 }
        while found != 0 {
          let end = position + found.trailingZeroBitCount / 8
          guard field < spans.count else { return nil }
          spans[field] = CSVSpan(bytes: start..<end, escaped: false)
          field += 1
          start = end + 1
          found &= found &- 1
        }
        if stop != 0 { return (position + stop.trailingZeroBitCount / 8, start) }
        position += 8
      }
    }
    while position < buf.count, !Self.isStop(buf[position]) {
      bits |= UInt64(buf[position])
      if buf[position] == delimiter {
        guard field < spans.count else { return nil }
        spans[field] = CSVSpan(bytes: start..<position, escaped: false)
        field += 1
        start = position + 1
      }
      position += 1
    }
    return (position, start)
  }

  /// The eight bytes at `position`: the high bit of each that is a delimiter, and of each that
  /// is a quote or a line ending. Their bits are or-ed into `bits`.
  private func classify(
    _ base: UnsafeRawPointer, at position: Int, bits: inout UInt64
  ) -> (delimiters: UInt64, stops: UInt64) {
    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    bits |= word
    // `zeroBytes` sets low bits too, for other bytes: only the high ones count.
    let found = SpecialBytes.zeroBytes(word ^ delimiters) & SpecialBytes.highs
    let stop =
      (SpecialBytes.zeroBytes(word ^ stops.0) | SpecialBytes.zeroBytes(word ^ stops.1)
        | SpecialBytes.zeroBytes(word ^ stops.2)) & SpecialBytes.highs
    return (found, stop)
  }

  /// Whether `byte` ends a run of unquoted fields: a quote or a line ending.
  private static func isStop(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
  }

  /// How many bytes of `word` have their high bit set, `word` having no other bit set: the
  /// bytes' sum, in the top byte of a multiplication, which is cheaper than counting bits where
  /// the processor has no instruction for it.
  private static func highBits(in word: UInt64) -> Int {
    Int(((word >> 7) &* 0x0101_0101_0101_0101) >> 56)
  }
}
