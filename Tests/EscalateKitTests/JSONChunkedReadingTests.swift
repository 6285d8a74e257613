import Testing

@testable import EscalateKit

/// Everything a reader yields, up to and including its first error.
private enum Outcome: Equatable {
  case records([JSONRecord], error: JSONError?)
}

/// Reads `input` whole.
private func whole(_ input: [UInt8]) -> Outcome {
  var reader = JSONRecordReader(bytes: input)
  return drain { () throws(JSONError) in try reader.next() }
}

/// Reads `input` given a few bytes at a time: `sizes` are the piece sizes, used in turn, and a
/// piece is never larger than the reader asks for.
private func chunked(_ input: [UInt8], sizes: [Int], from start: JSONResumePoint? = nil, to end: Int? = nil)
  -> Outcome
{
  var reader = JSONRecordReader(resuming: start)
  var offset = start?.offset ?? 0
  var turn = 0
  let limit = end ?? input.count
  return drain { () throws(JSONError) in
    try reader.next { _ in
      let size = min(sizes[turn % sizes.count], limit - offset)
      turn += 1
      defer { offset += size }
      return Array(input[offset..<offset + size])
    }
  }
}

private func drain(_ next: () throws(JSONError) -> JSONRecord?) -> Outcome {
  var records: [JSONRecord] = []
  do {
    while let record = try next() { records.append(record) }
    return .records(records, error: nil)
  } catch {
    return .records(records, error: error)
  }
}

@Suite struct JSONChunkedReadingTests {
  /// Documents that reach every state of the reader, with text that a cut could split: characters of several
  /// bytes, combining marks, escapes, surrogate pairs, long numbers and long runs of whitespace.
  static let seeds = [
    #"[{"a": "x\u00e9", "b": -1.5e3, "c": true}, {"d": null, "é": "e\u0301"}]"#,
    "\u{FEFF}[\n  {\n    \"name\": \"API 😀\",\n    \"owner\":\n      null\n  },\n  {}\n]\n",
    "{\"a\": 1}\r\n\n{\"b\": \"\\ud83d\\ude00\"}\n   \n{\"c\": 12345678901234567890.5e-3}",
    "{\"id\": \"WS-1\", \"rag\": \"Red\"}\n{\"id\": \"WS-2\", \"rag\": \"Am\u{301}ber\"}\n",
    "[" + String(repeating: " ", count: 40) + "{\"a\": \"" + String(repeating: "ü", count: 30) + "\"}"
      + String(repeating: "\n", count: 20) + "]",
    "{\"a\": 1}" + String(repeating: " ", count: 30) + "\n" + String(repeating: "\r\n", count: 30) + "{\"b\": 2}",
    "[{\"n\": " + String(repeating: "1", count: 300) + ".5}]",
  ]

  static let alphabet: [[UInt8]] =
    [
      "{", "}", "[", "]", "\"", ":", ",", "\\", "u", "0", "9", "e", ".", "-", "t", "n", " ", "\n", "\r", "é", "\u{301}",
      "😀",
    ].map { Array($0.utf8) } + [[0xFF], [0xED, 0xA0], [0xEF, 0xBB, 0xBF], [0xC3]]

  @Test(arguments: 0..<6)
  func readsPiecesAsItReadsTheWhole(seed: UInt64) {
    var rng = SeededGenerator(state: seed)
    for round in 0..<400 {
      var input = Array(Self.seeds[round % Self.seeds.count].utf8)
      // Half the inputs stay valid; the rest have a few bytes changed, so errors fall near cuts too.
      if round % 2 == 1 {
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          let index = Int.random(in: 0...input.count, using: &rng)
          let piece = Self.alphabet.randomElement(using: &rng)!
          switch Int.random(in: 0..<3, using: &rng) {
          case 0 where index < input.count: input.replaceSubrange(index..<index + 1, with: piece)
          case 1 where index < input.count: input.remove(at: index)
          default: input.insert(contentsOf: piece, at: index)
          }
        }
      }
      let expected = whole(input)
      let sizes = (0..<3).map { _ in Int.random(in: 1...7, using: &rng) }
      for pieces in [[1], [2], sizes, [input.count + 1]] {
        #expect(
          chunked(input, sizes: pieces) == expected,
          "pieces \(pieces) of \(String(decoding: input, as: UTF8.self).debugDescription)")
      }
    }
  }

  @Test(arguments: seeds.indices)
  func resumesAtAnyRecord(seed: Int) throws {
    let input = Array(Self.seeds[seed].utf8)
    guard case .records(let records, error: nil) = whole(input) else {
      Issue.record("seed \(seed) does not read")
      return
    }
    var reader = JSONRecordReader(bytes: input)
    _ = try reader.next()
    let isArray = reader.isArray
    let starts = records.map {
      JSONResumePoint(offset: $0.byteOffset, line: $0.line, column: $0.column, isArray: isArray)
    }
    for (index, start) in starts.enumerated() {
      for next in index + 1...starts.count {
        let end = next < starts.count ? starts[next].offset : nil
        for pieces in [[1], [3], [input.count]] {
          #expect(
            chunked(input, sizes: pieces, from: start, to: end)
              == .records(Array(records[index..<next]), error: nil), "seed \(seed) from \(index) to \(next)")
        }
      }
    }
  }

  @Test func holdsOnlyTheRecordBeingRead() throws {
    // Ten thousand records and a long run of blank lines pass through a reader that never
    // holds more than a record and a piece.
    let record = Array(#"{"id": "WS-1", "rag": "Red"}"#.utf8) + [10]
    let input = Array(repeating: record, count: 10_000).flatMap { $0 } + Array(repeating: 10, count: 100_000)
    var reader = JSONRecordReader(resuming: nil)
    var offset = 0
    var largest = 0
    var count = 0
    while try reader.next(more: { held in
      largest = max(largest, held)
      let size = min(64, input.count - offset)
      defer { offset += size }
      return Array(input[offset..<offset + size])
    }) != nil {
      count += 1
    }
    #expect(count == 10_000)
    #expect(largest <= record.count)
  }
}
