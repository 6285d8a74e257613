import Foundation
import Testing

@testable import EscalateKit

/// The survey reads one field of each record through ``CSVRecordSkimmer``, and the evaluating
/// cores read every field's span through it (``TableSource/selectSpans(_:)``); both fall back to
/// ``CSVReader`` for anything unusual. Every way must give the same text, lines, offsets and
/// errors, or streaming would cut segments, count ids or decode cells differently from a whole
/// read.
@Suite struct CSVRecordSkimmerTests {
  /// Every record of `bytes` read through `nextField(field, _:)`, through rows of spans and through
  /// `nextRecord()`, as lines of text, until the end or an error that ends reading.
  static func everyWay(
    _ bytes: [UInt8], field: Int, chunkSize: Int
  ) throws -> (skimmed: [String], spans: [String], read: [String]) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("data.csv").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    func open() -> ChunkedCSVSource? {
      guard case .success(var source)? = ChunkedCSVSource.open(path: path, delimiter: comma, chunkSize: chunkSize)
      else { return nil }
      var wanted = [Bool](repeating: false, count: source.header.count)
      if field < wanted.count { wanted[field] = true }
      source.select(wanted)
      return source
    }
    guard var fast = open(), var rows = open(), var slow = open(), field < fast.header.count else {
      return ([], [], [])
    }
    let skimmed = drain { () throws(TableSourceError) in
      try fast.nextField(field) { String(decoding: $0, as: UTF8.self) }.map { ($0.value, $0.line, $0.offset) }
    }
    rows.selectSpans([Bool](repeating: true, count: rows.header.count))
    let spans = drain { () throws(TableSourceError) in
      try rows.next().map { row in (row.text(field), row.line, row.offset) }
    }
    let read = drain { () throws(TableSourceError) in
      try slow.nextRecord().map { (record, offset) in (record.fields[field], record.line, offset) }
    }
    return (skimmed, spans, read)
  }

  static func drain(
    _ next: () throws(TableSourceError) -> (text: String, line: Int, offset: Int)?
  ) -> [String] {
    var seen: [String] = []
    while true {
      do throws(TableSourceError) {
        guard let (text, line, offset) = try next() else { return seen }
        seen.append("\(line) @\(offset): \(text.debugDescription)")
      } catch {
        seen.append("error: \(error.diagnostic.message) at \(String(describing: error.diagnostic.location))")
        if !error.canContinue { return seen }
      }
    }
  }

  static let tricky: [(String, [UInt8])] = [
    ("plain", Array("id,amount,note\nA-1,-1200,x\nA-2,£1.2m,\"1,200,000\"\n".utf8)),
    ("CRLF, CR and blank lines", Array("id,amount,note\r\n\r\nA-1,1,x\r\rA-2,2,y\n\n\nA-3,3,z\r\n".utf8)),
    ("quoted ids with doubled quotes", Array("id,amount,note\n\"A \"\"1\"\"\",1,x\n\"\",2,y\n\" \",3,z\n".utf8)),
    ("quoted line breaks", Array("id,amount,note\nA-1,1,\"one\ntwo\r\nthree\rfour\"\nA-2,2,x\n".utf8)),
    ("non-ASCII", Array("id,amount,note\nCafé,£70k,\"naïve – ok\"\nCafe\u{301},1,x\n".utf8)),
    ("blanks and dates", Array("id,amount,note\nA-1,,\nA-2, ,19th March 2020\n".utf8)),
    ("invalid UTF-8", Array("id,amount,note\nA-1,1,x\nA-2,".utf8) + [0xC3, 0x28] + Array(",y\nA-3,3,z\n".utf8)),
    ("invalid UTF-8 in a quoted field", Array("id,amount,note\nA-1,1,\"".utf8) + [0xFF] + Array("\"\n".utf8)),
    ("a ragged row, then more", Array("id,amount,note\nA-1,1\nA-2,2,x,y\nA-3,3,z\n".utf8)),
    ("a stray quote", Array("id,amount,note\nA-1,1,x\"y\nA-2,2,z\n".utf8)),
    ("text after a closing quote", Array("id,amount,note\nA-1,1,\"x\"y\nA-2,2,z\n".utf8)),
    ("an unterminated quote", Array("id,amount,note\nA-1,1,x\nA-2,2,\"open\n".utf8)),
    ("a byte order mark mid-file", Array("id,amount,note\nA-1,1,x\n\u{FEFF}id,amount,note\nA-2,2,y\n".utf8)),
    ("0xEF that is not a byte order mark", Array("id,amount,note\n\u{F000}A,1,x\nA-2,2,y\n".utf8)),
    ("no line ending at the end", Array("id,amount,note\nA-1,1,x\nA-2,2,y".utf8)),
    ("a lone CR at the end", Array("id,amount,note\nA-1,1,x\r".utf8)),
    ("an empty last field", Array("id,amount,note\nA-1,1,\nA-2,2,".utf8)),
    (
      "a field over the size limit",
      Array("id,amount,note\nA-1,1,x\nA-2,2,".utf8) + [UInt8](repeating: 0x61, count: DataLimits.maximumFieldBytes + 1)
        + Array("\nA-3,3,z\n".utf8)
    ),
  ]

  @Test(arguments: tricky.indices)
  func skimmingReadsWhatTheReaderReads(case index: Int) throws {
    let (name, bytes) = Self.tricky[index]
    for field in 0..<3 {
      // Small chunks over a field of a mebibyte would take minutes to read.
      for chunkSize in bytes.count > 1 << 20 ? [1 << 20] : [1, 3, 7, 64, 1 << 20] {
        let (skimmed, spans, read) = try Self.everyWay(bytes, field: field, chunkSize: chunkSize)
        #expect(skimmed == read, "\(name), field \(field), chunks of \(chunkSize)")
        #expect(spans == read, "\(name), field \(field), chunks of \(chunkSize), spans")
        #expect(!read.isEmpty, "\(name)")
      }
    }
  }

  @Test(arguments: 0..<60)
  func skimmingReadsWhatTheReaderReadsOnRandomFiles(seed: Int) throws {
    let bytes = Array(StreamingTests.randomCSV(seed: seed).utf8)
    for field in 0..<3 {
      for chunkSize in [1, 2, 5, 64, 1 << 20] {
        let (skimmed, spans, read) = try Self.everyWay(bytes, field: field, chunkSize: chunkSize)
        #expect(skimmed == read, "field \(field), chunks of \(chunkSize)")
        #expect(spans == read, "field \(field), chunks of \(chunkSize), spans")
      }
    }
  }

  /// Records as wide as a status return's, with runs of short fields, long unquoted text,
  /// quoted fields anywhere and, now and then, a broken field or a record of the wrong width.
  static func wideRecords(seed: Int) -> [UInt8] {
    var random = SeededGenerator(state: UInt64(seed) &* 104_729)
    let good: [[UInt8]] = [
      "A", "Grey", "12345678", "", "Estates rationalisation phase 2", "\"Recruitment, 3 posts\"",
      "\"naïve – £70k\nline two\"", "Café refit – wave 3", "\"quote \"\"inside\"\"\"", "2024-10-01", "\"\"",
    ].map { Array($0.utf8) }
    let broken: [[UInt8]] = [
      Array("x\"y".utf8), Array("\"a\"b".utf8), [0xC3, 0x28], [0xE2, 0x80], Array("\"open".utf8),
    ]
    let endings: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
    var bytes: [UInt8] = []
    for _ in 0..<30 {
      let width = Int.random(in: 0..<10, using: &random) == 0 ? Int.random(in: 11...13, using: &random) : 12
      for field in 0..<width {
        if field > 0 { bytes.append(comma) }
        let pieces = Int.random(in: 0..<40, using: &random) == 0 ? broken : good
        bytes += pieces.randomElement(using: &random)!
      }
      bytes += endings.randomElement(using: &random)!
    }
    return bytes
  }

  /// Records as wide as a status return's read the same every way too, whichever field is
  /// wanted: the skimmer steps over their runs of short fields a word at a time.
  @Test(arguments: 0..<20)
  func wideRecordsReadWhatTheReaderReads(seed: Int) throws {
    let header = Array((0..<12).map { "c\($0)" }.joined(separator: ",").utf8) + [0x0A]
    let bytes = header + Self.wideRecords(seed: seed)
    for field in [0, 5, 11] {
      for chunkSize in [7, 64, 1 << 20] {
        let (skimmed, spans, read) = try Self.everyWay(bytes, field: field, chunkSize: chunkSize)
        #expect(skimmed == read, "seed \(seed), field \(field), chunks of \(chunkSize)")
        #expect(spans == read, "seed \(seed), field \(field), chunks of \(chunkSize), spans")
      }
    }
  }

  /// Counting the fields past those wanted accepts exactly the records that locating every
  /// field accepts, and places them the same: were it to give up on more, the survey would
  /// read them with the reader instead, rightly but slowly, and no other test would notice.
  /// (It also gives up on a record of over a mebibyte, which no case here has.)
  @Test(arguments: 0..<40)
  func countingFieldsAcceptsWhatLocatingThemAccepts(seed: Int) {
    let bytes = Self.wideRecords(seed: seed)
    var accepted = 0
    bytes.withUnsafeBufferPointer { buffer in
      for start in buffer.indices where start == 0 || buffer[start - 1] == 0x0A || buffer[start - 1] == 0x0D {
        var all: [CSVSpan] = []
        let whole = CSVRecordSkimmer.skim(buffer, at: start, line: 1, columns: 12, delimiter: comma, spans: &all)
        if whole != nil { accepted += 1 }
        for locating in [0, 1, 3] {
          var some: [CSVSpan] = []
          let counted = CSVRecordSkimmer.skim(
            buffer, at: start, line: 1, columns: 12, delimiter: comma, spans: &some, locating: locating)
          #expect(
            counted.map { [$0.start, $0.line, $0.end, $0.endLine] }
              == whole.map { [$0.start, $0.line, $0.end, $0.endLine] },
            "seed \(seed), record at \(start), \(locating) located")
          if whole != nil, counted != nil { #expect(some[..<locating] == all[..<locating]) }
        }
      }
    }
    #expect(accepted >= 10, "seed \(seed): too few whole records to compare")
  }
}

private let comma = UInt8(ascii: ",")
