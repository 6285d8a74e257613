import Foundation
import Testing

@testable import EscalateKit

/// `check` streams JSON as it streams CSV: in chunks, cut into segments at records that may
/// start in the middle of a line, with output the bytes of the in-memory run.
@Suite struct JSONStreamingTests {
  enum Layout: String, CaseIterable, Sendable {
    /// An array on one line, as a program writes it.
    case minified
    /// An array with one field per line, as a person formats it.
    case pretty
    /// JSON Lines.
    case lines
  }

  /// The records of ``StreamingTests/generate(count:periods:lineEnding:prefix:seed:)`` as JSON:
  /// digits become numbers, empty cells are left out or `null`, and some amounts are unreadable,
  /// so that located data-quality alerts come from records that start mid-line.
  static func generate(
    count: Int, periods: Int, layout: Layout, prefix: String = "WS", seed: UInt64
  ) throws -> String {
    let csv = StreamingTests.generate(count: count, periods: periods, lineEnding: "\n", prefix: prefix, seed: seed)
    let path = try StreamingTests.write(csv, name: "generated.csv")
    var source = try #require(ChunkedCSVSource.open(path: path, delimiter: UInt8(ascii: ","))).get()
    var records: [String] = []
    while let row = try source.next() {
      var fields: [String] = []
      for (name, cell) in zip(source.header, row.fields) {
        var value = cell
        if name == "budget" && records.count % 97 == 5 { value = "about £5k" }
        if value.isEmpty {
          if records.count % 2 == 0 { fields.append(Self.quoted(name) + ": null") }
          continue
        }
        let isNumber = value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber) && !value.hasPrefix("0")
        fields.append(Self.quoted(name) + ": " + (isNumber ? value : Self.quoted(value)))
      }
      records.append(fields.joined(separator: layout == .pretty ? ",\n    " : ", "))
    }
    switch layout {
    case .minified: return "[" + records.map { "{" + $0 + "}" }.joined(separator: ",") + "]"
    case .pretty: return "[\n  {\n    " + records.joined(separator: "\n  },\n  {\n    ") + "\n  }\n]\n"
    case .lines: return records.map { "{" + $0 + "}" }.joined(separator: "\n") + "\n"
    }
  }

  static func quoted(_ text: String) -> String {
    var writer = JSONWriter()
    writer.string(text)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  @Test(arguments: Layout.allCases, [1, 3])
  func streamedOutputIsTheInMemoryOutput(layout: Layout, periods: Int) throws {
    let text = try Self.generate(count: 6_000, periods: periods, layout: layout, seed: UInt64(periods))
    #expect(text.utf8.count > 2 * FileChunks.defaultChunkSize)
    let path = try StreamingTests.write(text, name: "return.json")
    var segments = 0
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let check = Check(rules: Compiler.compile(ruleSet, reportDate: StreamingTests.reportDate))
    #expect(check.stream(paths: [path], into: 0, render: { _, _ in }, emit: { _ in segments += 1 }) != nil)
    #expect(segments > 4, "the file is read in several segments")
    let (expected, streamed, exitCode) = try StreamingTests.bothWays([path])
    #expect(exitCode == 0)
    #expect(expected.contains("about £5k"))
    #expect(expected.split(separator: "\n").count > 2_000)
    #expect(streamed == expected)
  }

  @Test func csvAndJSONStreamTogether() throws {
    let csv = try StreamingTests.write(StreamingTests.generate(count: 400, periods: 2, seed: 5), name: "q1.csv")
    let json = try StreamingTests.write(
      try Self.generate(count: 400, periods: 2, layout: .lines, prefix: "JS", seed: 6), name: "q2.jsonl")
    let (expected, streamed, _) = try StreamingTests.bothWays([json, csv])
    #expect(streamed == expected)
  }

  /// Hostile shapes of JSON stream to the in-memory result: a record longer than a chunk, runs
  /// of whitespace longer than a chunk, and a text over the field limit, which is a located error.
  @Test func hostileShapesStreamAsTheyReadWhole() throws {
    let long = String(repeating: "é", count: 300_000)
    let records = (0..<40).map { #"{"id": "H-\#($0)", "period": "2024-Q3", "overall": "R", "narrative": "x"}"# }
    let longRecord = #"{"id": "L", "overall": "A", "name": "\#(long)", "narrative": "\#(long)"}"#
    #expect(longRecord.utf8.count > FileChunks.defaultChunkSize)
    let cases = [
      ("long-record.jsonl", ([records[0], longRecord] + records.dropFirst()).joined(separator: "\n")),
      (
        "whitespace.json",
        "[" + records[0] + "," + String(repeating: " \n", count: 700_000) + records.dropFirst().joined(separator: ",")
          + "]"
      ),
      (
        "over-limit.jsonl",
        records.joined(separator: "\n") + "\n" + #"{"id": "Z", "narrative": ""#
          + String(repeating: "x", count: DataLimits.maximumFieldBytes + 1) + "\"}"
      ),
    ]
    for (name, text) in cases {
      let path = try StreamingTests.write(text, name: name)
      let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
      let check = Check(rules: Compiler.compile(ruleSet, reportDate: StreamingTests.reportDate))
      let inMemory = check.run(paths: [path])
      var streamed: [Alert] = []
      let stream = check.stream(paths: [path], into: [Alert](), render: { $0 += $1.alerts }, emit: { streamed += $0 })
      let outcome = try #require(stream, "\(name)")
      let shown = { (found: [Diagnostic]) in found.map { "\($0.id) \($0.locationText ?? "") \($0.message)" } }
      #expect(shown(outcome.diagnostics) == shown(inMemory.diagnostics), "\(name)")
      #expect(streamed.count == (inMemory.diagnostics.hasErrors ? 0 : inMemory.alerts.count), "\(name)")
      if name == "over-limit.jsonl" {
        #expect(outcome.diagnostics.map(\.locationText) == ["\(path):41:26"])
        #expect(outcome.diagnostics.first?.message.hasPrefix("a text of 1048577 bytes") == true)
      } else {
        #expect(!inMemory.alerts.isEmpty && !inMemory.diagnostics.hasErrors, "\(name)")
      }
    }
  }

  /// A broken file is left to the in-memory run, which reports it; nothing is written first.
  @Test func aBrokenFileFailsBeforeAnythingIsWritten() throws {
    let good = try Self.generate(count: 300, periods: 1, layout: .minified, seed: 2)
    for (name, text) in [
      ("trailing.json", String(good.dropLast()) + ",]"),
      ("nested.json", good.replacingOccurrences(of: "\"name\": \"Workstream 250\"", with: "\"name\": [1]")),
      ("duplicate.json", String(good.dropLast()) + ",{\"id\": \"WS-3\", \"period\": \"2024-Q1\"}]"),
    ] {
      let path = try StreamingTests.write(text, name: name)
      var streamed: [UInt8] = []
      let result = CheckCommand.run(
        CheckOptions(reportDate: StreamingTests.reportDate, format: .jsonl, dataPaths: [path])
      ) { streamed += $0 }
      #expect(result.exitCode == 2, "\(name)")
      #expect(streamed.isEmpty, "\(name)")
    }
  }
}
