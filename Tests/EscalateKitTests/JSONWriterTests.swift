import Testing

@testable import EscalateKit

/// JSON strings are scanned for what needs escaping eight bytes at a time; the result must be
/// what escaping character by character gives, wherever in a word the special bytes fall.
@Suite struct JSONWriterTests {
  /// Escaping one scalar at a time, as the writer did before it scanned words.
  static func reference(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u00" + (hex.count == 1 ? "0" : "") + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  @Test(arguments: 0..<40)
  func stringsAreEscapedAsCharacterByCharacter(seed: Int) {
    var random = SeededGenerator(state: UInt64(seed) &* 104_729 &+ 1)
    let pieces = [
      "a", "Bc", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", " ", "é", "£", "–", "😀", "\u{7F}", "xyz12345",
    ]
    for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 40] {
      let text = (0..<length).map { _ in pieces.randomElement(using: &random)! }.joined()
      var writer = JSONWriter()
      writer.string(text)
      #expect(writer.text == Self.reference(text), "\(text.debugDescription)")
    }
  }

  /// A streamed check's writer writes each rule's first members, and a file's source, once and
  /// copies them after; every alert must read as if written whole on its own, whatever the
  /// order of rules, files and alerts written without a rule position.
  @Test func alertsReadTheSameWhenTheirRepeatedPartsAreCopied() {
    let alerts: [(rule: String, severity: Severity, path: String, position: Int?)] = [
      ("stale-update", .warning, "data/a.csv", 0), ("grey-overdue", .error, "data/a.csv", 1),
      ("stale-update", .warning, "data/a.csv", 0), ("say \"hi\"", .critical, "data/a.csv", 3),
      ("grey-overdue", .error, "data/b \"2\".csv", 1), ("built", .info, "data/a.csv", nil),
      ("grey-overdue", .error, "data/a.csv", 1), ("say \"hi\"", .critical, "data/a.csv", 3),
    ]
    func write(_ index: Int, to writer: inout JSONWriter) {
      let alert = alerts[index]
      let cells: [Value] = [.text("WS-\(index)"), .text("Name \(index)"), .missing]
      let message = Array("message \(index)".utf8)
      cells.withUnsafeBufferPointer { cells in
        message.withUnsafeBufferPointer { message in
          writer.alert(
            rule: alert.rule, severity: alert.severity, memoAt: alert.position, cells: cells,
            described: Check.Describing(id: 0, name: 1, period: 2), message: message,
            forum: index.isMultiple(of: 2) ? nil : "SCCB", source: RecordSource(path: alert.path, line: index + 2)
          ) { writer in
            writer.key("index", first: true)
            writer.integer(index)
          }
        }
      }
    }
    var copying = JSONWriter()
    var whole = ""
    for index in alerts.indices {
      write(index, to: &copying)
      var alone = JSONWriter()
      write(index, to: &alone)
      whole += alone.text
    }
    #expect(copying.text == whole)
    #expect(copying.alertMemo.heads.count == 4)
    #expect(copying.alertMemo.heads.filter { !$0.isEmpty }.count == 3)
  }
}
