import Foundation
import Testing

/// The catalogue of broken and hostile data files, each run through the `escalate` executable as
/// a user would: a clear, located error with exit status 2, or a documented safe result.
@Suite struct HostileDataTests {
  static let header = try! Repository.read("examples/quarterly-2019-q2.csv").split(whereSeparator: \.isNewline)[0]

  /// A data row of the built-in schema, with `name`, `overall` and the trailing cells replaceable.
  static func row(
    _ id: String, name: String = "Name", overall: String = "G", money: String = ",,,,,,",
    dates: String = "2024-09-01,2024-10-02",
    narrative: String = "ok"
  ) -> String {
    "\(id),\(name),Section,2024-Q3,\(overall),G,G,G,G,,,\(money),\(dates),Owner,\(narrative)"
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var arguments: [String] = []
    var status: Int32
    /// Each must appear on standard error; `FILE` stands for the data file's path.
    var stderr: [String] = []
    /// Each must appear on standard output.
    var stdout: [String] = []
    var testDescription: String { name }
  }

  static func text(_ lines: [String], ending: String = "\n") -> [UInt8] {
    Array((lines.joined(separator: ending) + ending).utf8)
  }

  static let cases: [Case] = [
    Case(
      name: "unterminated quote at the end of the file",
      bytes: Array((header + "\n" + row("WS-1", narrative: "\"never closed") + "\n").utf8), status: 2,
      stderr: ["FILE:2:", "unterminated quoted field", "[malformed-csv]"]),
    Case(
      name: "a field over 1 MiB",
      bytes: text([String(header), row("WS-1", narrative: "\"" + String(repeating: "x", count: 1_100_000) + "\"")]),
      status: 2, stderr: ["FILE:2:", "escalate reads fields of up to 1048576 bytes", "[malformed-csv]"]),
    Case(
      name: "a hundred thousand columns in the header",
      bytes: text([(0..<100_000).map { "c\($0)" }.joined(separator: ","), "x"]), status: 2,
      stderr: ["FILE:1:1: error: the header has no column 'id'", "[missing-column]"]),
    Case(
      name: "NUL bytes in a cell", bytes: text([String(header), row("WS-1", name: "Na\u{0}me", overall: "R")]),
      status: 0, stdout: ["Na\\u{0}me is Red overall"]),
    Case(
      name: "invalid UTF-8 in the middle",
      bytes: text([String(header), row("WS-1"), row("WS-2", name: "Caf#")]).map { $0 == UInt8(ascii: "#") ? 0xE9 : $0 },
      status: 0, stderr: ["FILE:3:9: warning: the file is not valid UTF-8 (byte 0xE9); it was read as Windows-1252"]),
    Case(
      name: "mixed line endings",
      bytes: Array(
        (header + "\r\n" + row("WS-1") + "\n" + row("WS-2") + "\r" + row("WS-3", overall: "R") + "\r\n").utf8),
      arguments: ["--format", "jsonl"], status: 0, stdout: ["\"line\":4"]),
    Case(
      name: "a header only", bytes: text([String(header)]), status: 0,
      stdout: ["0 records checked against 12 rules as of 1 Oct 2024: no alerts"]),
    Case(
      name: "a header after blank lines that lacks a column", bytes: Array("\n\nid,name\nWS-1,x\n".utf8), status: 2,
      stderr: ["FILE:3:1: error: the header has no column 'overall', which the rules read", "[missing-column]"]),
    Case(
      name: "an empty file", bytes: [], status: 2, stderr: ["FILE:1:1: error: the file is empty; expected a header row"]
    ),
    Case(
      name: "a byte order mark in the middle (two files joined)",
      bytes: text([String(header), row("WS-1")]) + [0xEF, 0xBB, 0xBF] + text([String(header), row("WS-2")]),
      status: 2, stderr: ["FILE:3:1: error: a byte order mark starts this line", "[malformed-csv]"]),
    Case(
      name: "duplicate ids in one period", bytes: text([String(header), row("WS-1"), row("WS-1")]), status: 2,
      stderr: ["FILE:3:1: error: workstream 'WS-1' has a second record for period '2024-Q3'", "first is at FILE:2"]),
    Case(
      name: "an amount too large to hold",
      bytes: text([String(header), row("WS-1", money: ",,£99999999999999999999999999999999999999999999m,,,,")]),
      arguments: ["--strict"], status: 2,
      stderr: ["FILE:2:", "cannot read '£99999999999999999999999999999999999999999999m'"]),
    Case(
      name: "a large amount is read exactly, not wrapped",
      bytes: text([String(header), row("WS-1", money: "1,,£9999999999999999999999m,,,,")]), status: 0,
      stdout: ["forecast £9,999,999,999,999,999,999,999,000,000 is over budget £1"]),
    Case(
      name: "minus zero is zero", bytes: text([String(header), row("WS-1", money: "-0,,1,,,,")]),
      arguments: ["--strict"],
      status: 0, stdout: ["forecast £1 is over budget £0"]),
    Case(
      name: "the 31st of February", bytes: text([String(header), row("WS-1", dates: "31/02/2024,2024-10-02")]),
      arguments: ["--strict"], status: 2,
      stderr: ["FILE:2:", "cannot read '31/02/2024' in column 'last_updated' as a date"]),
    Case(
      name: "the 29th of February in a common year",
      bytes: text([String(header), row("WS-1", dates: "2024-09-01,29/02/2023")]), arguments: ["--strict"], status: 2,
      stderr: ["FILE:2:", "cannot read '29/02/2023' in column 'next_board' as a date"]),
  ]

  @Test(arguments: cases)
  func eachCaseGivesItsDocumentedResult(_ item: Case) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("data.csv").path
    try Data(item.bytes).write(to: URL(fileURLWithPath: path))
    let output = try CommandRunner.run(["check", "--as-of", "2024-10-01"] + item.arguments + [path])
    #expect(output.status == item.status, "\(output.stderr)")
    for expected in item.stderr {
      #expect(output.stderr.contains(expected.replacingOccurrences(of: "FILE", with: path)), "\(output.stderr)")
    }
    for expected in item.stdout {
      #expect(output.stdout.contains(expected), "\(output.stdout.prefix(2_000))")
    }
    if item.status == 2 { #expect(output.stdout.isEmpty) }
    // Reading never changes the input.
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(item.bytes))
  }
}
