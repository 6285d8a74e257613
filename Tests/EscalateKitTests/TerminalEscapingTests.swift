import Foundation
import Testing

@testable import EscalateKit

/// Data on its way to a terminal is shown, never obeyed.
@Suite struct TerminalEscapingTests {
  @Test(arguments: [
    ("Payroll", "Payroll"),
    ("two\nlines\tand a tab", "two\nlines\tand a tab"),
    ("\u{1B}[2J\u{1B}[31mRed", "\\u{1B}[2J\\u{1B}[31mRed"),
    ("over\rwrite", "over\\u{D}write"),
    ("nul\u{0}bell\u{7}del\u{7F}", "nul\\u{0}bell\\u{7}del\\u{7F}"),
    ("c1 \u{9B}31m", "c1 \\u{9B}31m"),
    ("abc\u{202E}fed\u{2066}", "abc\\u{202E}fed\\u{2066}"),
    ("Café £5m – “quoted”", "Café £5m – “quoted”"),
  ])
  func controlCharactersAreShownEscaped(text: String, shown: String) {
    #expect(TerminalEscaping.escape(text) == shown)
  }

  @Test func aCellWithAnEscapeSequenceIsInertInEveryTerminalOutput() throws {
    let header = try String(
      contentsOf: Repository.root.appendingPathComponent("examples/quarterly-2019-q2.csv"), encoding: .utf8
    )
    .split(whereSeparator: \.isNewline)[0]
    let blanks = String(repeating: ",", count: header.filter { $0 == "," }.count - 9)
    let data = try DataFileTests.temporaryFile(
      "\(header)\nWS-1,\"\u{1B}]0;owned\u{7}Pay\rroll\",S,2024-Q3,R,G,G,G,G,G\(blanks)\n", name: "ansi.csv")
    let outputs = [
      try CommandRunner.run(["check", "--as-of", "2024-10-01", data]).stdout,
      try CommandRunner.run(["queue", "--as-of", "2024-10-01", data]).stdout,
      try CommandRunner.run(["explain", "red-needs-senior-forum", "--as-of", "2024-10-01", "--id", "WS-1", data])
        .stdout,
    ]
    for output in outputs {
      #expect(output.contains("\\u{1B}]0;owned\\u{7}Pay"))
      #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    }
  }
}
