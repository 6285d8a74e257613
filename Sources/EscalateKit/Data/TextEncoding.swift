/// UTF-8 validation, and the Windows-1252 fallback for files Excel on Windows saved in its
/// "ANSI" code page.
enum TextEncoding {
  /// The offset of the first byte of the first ill-formed sequence (Unicode Table 3-7) in
  /// `range`, or nil when the bytes are valid UTF-8.
  ///
  /// ASCII is stepped over eight bytes at a time: a record's text is nearly all ASCII, with a
  /// `£` or an accent here and there.
  static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
    guard let base = UnsafeRawPointer(bytes.baseAddress) else { return nil }
    var index = range.lowerBound
    while index < range.upperBound {
      if index + 8 <= range.upperBound {
        let high =
          UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) & 0x8080_8080_8080_8080
        if high == 0 {
          index += 8
          continue
        }
        // Straight to the word's first byte of a multi-byte character, past the ASCII before it.
        index += high.trailingZeroBitCount / 8
      }
      if bytes[index] < 0x80 {
        index += 1
        continue
      }
      guard let length = wellFormedLength(in: bytes, at: index, end: range.upperBound) else { return index }
      index += length
    }
    return nil
  }

  /// The length of the well-formed multi-byte sequence starting at `index` and ending by `end`,
  /// or nil when it is ill-formed there.
  private static func wellFormedLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
    var length = 0
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch bytes[index] {
    case 0xC2...0xDF: length = 2
    case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: (length, secondRange) = (3, 0x80...0x9F)
    case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
    case 0xF1...0xF3: length = 4
    case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
    default: return nil
    }
    guard index + length <= end, secondRange.contains(bytes[index + 1]) else { return nil }
    for next in index + 2..<index + length where bytes[next] & 0xC0 != 0x80 { return nil }
    return length
  }

  /// Windows-1252 bytes as UTF-8. Bytes 0x80–0x9F are the code page's own characters (`€`,
  /// `‘`, `’`, `–`, ...); the five it leaves undefined map to the C1 controls, as browsers do.
  static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 8)
    for byte in bytes {
      let scalar: UInt32 = byte >= 0x80 && byte < 0xA0 ? UInt32(high[Int(byte) - 0x80]) : UInt32(byte)
      if scalar < 0x80 {
        output.append(UInt8(scalar))
      } else {
        output.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
      }
    }
    return output
  }

  private static let high: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178,
  ]
}
