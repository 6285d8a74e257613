import EscalateKit
import Foundation
import Testing

/// Files as spreadsheets really export them: Windows-1252 bytes, byte order marks, CRLF,
/// quoted line breaks, ragged rows, other delimiters, and standard input.
@Suite struct EncodingAndLayoutTests {
  static let rules =
    "rule over {\n severity warning\n when forecast > budget\n message \"{name}: {forecast} > {budget}\"\n}\n"

  static func check(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws -> (CommandResult, String) {
    let path = try DataFileTests.temporaryFile("", name: "messy.csv")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let rulesPath = try DataFileTests.temporaryFile(rules, name: "pack.rules")
    let result = CheckCommand.run(
      CheckOptions(
        rulesPath: rulesPath, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [path],
        data: DataOptions(delimiter: delimiter)))
    return (result, path)
  }

  /// `Café – refit` and `£` in Windows-1252: 0xE9, 0x96, 0xA3.
  static let windows1252Row: [UInt8] =
    Array("WS-1,\"Caf".utf8) + [0xE9, 0x20, 0x96] + Array(" refit\",".utf8) + [0xA3] + Array("250k,".utf8) + [0xA3]
    + Array("300k\r\n".utf8)

  @Test func windows1252IsReadWithAWarning() throws {
    let bytes = Array("id,name,budget,forecast\r\n".utf8) + Self.windows1252Row
    let (result, path) = try Self.check(bytes)
    #expect(result.exitCode == 0)
    #expect(
      DiagnosticRenderer().render(result.diagnostics)
        == "\(path):2:10: warning: the file is not valid UTF-8 (byte 0xE9); it was read as Windows-1252 [not-utf8]\n"
        + "  hint: save it as UTF-8 (in Excel: CSV UTF-8) so no character is misread\n")
    #expect(result.output.contains(#""message":"Café – refit: £300,000 > £250,000""#))
  }

  /// The warning's column counts characters, also on a line far longer than a chunk.
  @Test(arguments: [false, true])
  func theWarningIsLocatedOnALongLine(byteOrderMark: Bool) throws {
    let before = String(repeating: "é a😀b e\u{301},", count: 30_000)
    let bytes =
      (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array("id,name,budget,forecast\r\nWS-1,x,1,2\r\nWS-2,\"".utf8)
      + Array(before.utf8) + [0xE9] + Array("\",1,2\r\n".utf8)
    let (result, path) = try Self.check(bytes)
    #expect(result.exitCode == 0)
    #expect(result.diagnostics.first?.locationText == "\(path):3:\(6 + before.count + 1)")
  }

  /// The documented result of everything at once: BOM, CRLF, Windows-1252 bytes, a quoted line
  /// break, and two ragged rows, each reported at its line, with reading carrying on past them.
  @Test func everythingAtOnce() throws {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF] + Array("id,name,budget,forecast\r\n".utf8) + Self.windows1252Row
      + Array("WS-2,\"two\r\nlines\",100,200\r\n".utf8) + Array("WS-3,short,100\r\n".utf8)
      + Array("WS-4,long,1,2,3\r\n".utf8) + Array("WS-5,fine,100,101\r\n".utf8)
    let (result, path) = try Self.check(bytes)
    #expect(result.exitCode == 2)
    #expect(result.output.isEmpty)
    #expect(
      DiagnosticRenderer().render(result.diagnostics) == """
        \(path):2:10: warning: the file is not valid UTF-8 (byte 0xE9); it was read as Windows-1252 [not-utf8]
          hint: save it as UTF-8 (in Excel: CSV UTF-8) so no character is misread
        \(path):5:1: error: row has 3 fields but the header has 4 [malformed-csv]
        \(path):6:1: error: row has 5 fields but the header has 4 [malformed-csv]

        """)
  }

  @Test func theSameFileWithoutRaggedRowsChecks() throws {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF] + Array("id,name,budget,forecast\r\n".utf8) + Self.windows1252Row
      + Array("WS-2,\"two\r\nlines\",100,200\r\n".utf8) + Array("WS-5,fine,100,101\r\n".utf8)
    let (result, _) = try Self.check(bytes)
    #expect(result.exitCode == 0)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].contains(#""message":"two\r\nlines: £200 > £100""#))
    #expect(lines[2].contains(#""line":5"#), "the record after a quoted line break starts on line 5")
  }

  @Test(arguments: [
    (UInt8(ascii: ";"), "id;name;budget;forecast\nWS-1;\"a;b\";1,000;1,001\n"),
    (UInt8(ascii: "\t"), "id\tname\tbudget\tforecast\nWS-1\ta;b\t1,000\t1,001\n"),
  ])
  func otherDelimiters(delimiter: UInt8, text: String) throws {
    let (result, _) = try Self.check(Array(text.utf8), delimiter: delimiter)
    #expect(result.exitCode == 0)
    #expect(result.output.contains(#""message":"a;b: £1,001 > £1,000""#))
  }

  /// The default pack reads every column of the workstream schema.
  static let header = Schema.workstream.columns.map(\.name)

  static func row(_ cells: [String: String], separator: String = ",") -> String {
    header.map { cells[$0] ?? "" }.joined(separator: separator) + "\n"
  }

  @Test func standardInputIsReadAsDash() throws {
    let csv = Self.header.joined(separator: ",") + "\n" + Self.row(["id": "WS-1", "name": "Piped", "overall": "Red"])
    let result = try CommandRunner.run(["check", "--as-of", "2024-10-01", "--format", "jsonl", "-"], stdin: csv)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.contains(#""source":{"file":"<stdin>","line":2}"#))
    #expect(result.stdout.contains(#""rule":"red-needs-senior-forum""#))
  }

  @Test func semicolonDelimiterFromTheCommandLine() throws {
    let result = try CommandRunner.run(
      ["check", "--as-of", "2024-10-01", "--delimiter", ";", "--format", "jsonl", "-"],
      stdin: Self.header.joined(separator: ";") + "\n"
        + Self.row(["id": "WS-1", "name": "Semi", "overall": "R", "escalated_to": "Project Board"], separator: ";"))
    #expect(result.status == 0)
    #expect(result.stdout.contains(#""escalated_to":"Project Board""#))
    let bad = try CommandRunner.run(["check", "--delimiter", "ab", "-"], stdin: "")
    #expect(bad.status == 2)
    #expect(
      bad.stderr
        == "escalate: error: --delimiter 'ab' is not one character; use ',', ';', 'tab' or another symbol\n"
        + "Run 'escalate check --help' for usage.\n")
  }
}
