import Testing

@testable import EscalateKit

/// The UTF-8 check steps over ASCII a word at a time and jumps to a word's first multi-byte
/// character; wherever in a word the characters and errors fall, it must find the offset that
/// the standard library's own decoder stops at.
@Suite struct TextEncodingTests {
  /// The offset of the first ill-formed sequence, as Swift's UTF-8 parser finds it.
  static func reference(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  @Test(arguments: 0..<60)
  func findsTheFirstIllFormedSequenceAsTheStandardLibraryDoes(seed: Int) {
    var random = SeededGenerator(state: UInt64(seed) &* 7919 &+ 3)
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("Naive 12".utf8), Array("é".utf8), Array("£".utf8), Array("–".utf8), Array("😀".utf8),
      [0xFF], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3],
    ]
    for length in [0, 1, 3, 7, 8, 9, 16, 24] {
      // Mostly well-formed, as records are: an ill-formed piece in about one text in three.
      let bytes = (0..<length).flatMap { _ in
        let index = Int.random(in: 0..<(pieces.count * 6), using: &random)
        return index < 6 * 6 ? pieces[index % 6] : pieces[index % pieces.count]
      }
      let found = bytes.withUnsafeBufferPointer { TextEncoding.firstInvalidUTF8(in: $0, range: 0..<$0.count) }
      #expect(found == Self.reference(bytes), "\(bytes)")
    }
  }
}
