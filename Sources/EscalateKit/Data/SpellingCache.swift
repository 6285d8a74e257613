/// Remembers how a column's repeated spellings read, so that ratings and periods, which take a
/// handful of spellings repeated on every record, are parsed once per spelling.
///
/// Texts of up to 7 bytes (`R`, `Grey`, `2024-Q3`) are compared as one integer, which is much
/// cheaper than hashing a string; longer ones go to a dictionary. Both are bounded, so a column
/// of all-different junk cannot grow them.
struct SpellingCache<Reading: Sendable>: Sendable {
  private var short: [(key: UInt64, reading: Reading)] = []
  private var long: [String: Reading] = [:]
  private static var shortLimit: Int { 16 }
  private static var longLimit: Int { 256 }

  /// What `text` reads as, from `read` the first time it is seen.
  mutating func reading(of text: String, _ read: (String) -> Reading) -> Reading {
    if let key = Self.key(text) {
      for entry in short where entry.key == key { return entry.reading }
      if short.count < Self.shortLimit {
        let reading = read(text)
        short.append((key, reading))
        return reading
      }
    }
    if let known = long[text] { return known }
    let reading = read(text)
    if long.count < Self.longLimit { long[text] = reading }
    return reading
  }

  /// What `bytes` read as, if they are a short spelling already met; nil otherwise, and the
  /// caller reads them as text.
  func known(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading? {
    guard let key = Self.key(bytes) else { return nil }
    for entry in short where entry.key == key { return entry.reading }
    return nil
  }

  /// The text's length and bytes packed into one integer; nil past 7 bytes.
  private static func key(_ text: String) -> UInt64? {
    text.utf8.withContiguousStorageIfAvailable(key) ?? key(text.utf8)
  }

  private static func key<Bytes: Collection<UInt8>>(_ utf8: Bytes) -> UInt64? {
    guard utf8.count <= 7 else { return nil }
    var key = UInt64(utf8.count)
    for byte in utf8 { key = key << 8 | UInt64(byte) }
    return key
  }
}
