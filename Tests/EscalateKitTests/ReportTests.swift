import Foundation
import Testing

@testable import EscalateKit

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `escalate report`: the board pack in Markdown and HTML on the seed returns, and HTML that no
/// data value can break.
@Suite struct ReportTests {
  static let arguments = [
    "--as-of", "2019-09-26", "examples/collaboration-2019-06.csv", "examples/collaboration-2019-09.csv",
  ]

  @Test(arguments: ["markdown", "html"])
  func theSeedBoardPackMatchesItsGoldenFile(format: String) throws {
    let result = try CommandRunner.run(["report", "--format", format] + Self.arguments)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "report/collaboration-2019-09.\(format == "html" ? "html" : "md")")
  }

  @Test func trendsFollowTheHistory() throws {
    let result = try CommandRunner.run(["report", "--format", "markdown"] + Self.arguments)
    #expect(
      result.stdout.contains("| 7F-PEQF PEQF | 7 Force Strategic Collaboration Programme | Amber | Green | worse |"))
    #expect(
      result.stdout.contains(
        "| 7F-PROCUREMENT Procurement | 7 Force Strategic Collaboration Programme | Green | Green | same |"))
    #expect(result.stdout.contains("| 7F-DRIVER-MGMT "))
    #expect(result.stdout.contains("| new |"))
  }

  @Test func theHTMLIsSelfContainedAndWrittenAtomically() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString).html").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CommandRunner.run(["report", "-o", path] + Self.arguments)
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
    #expect(html.contains("@page { size: A4 landscape"))
    #expect(html.contains("<td class=\"rag rag-amber\">Amber</td>"), "a colour always comes with its word")
  }

  /// Markup in every data field stays text: the document's structure is the renderer's alone.
  @Test func hostileDataCannotChangeTheDocument() throws {
    let evil = #"<script>alert(1)</script>"onmouseover="x"</td></tr><img src=x>&amp;"#
    let header = Schema.workstream.columns.map(\.name)
    var cells = Dictionary(uniqueKeysWithValues: header.map { ($0, evil) })
    for (column, value) in [
      ("overall", "R"), ("time", "A"), ("cost", "G"), ("savings", "G"), ("benefits", "G"), ("prev_overall", "A"),
      ("budget", "1"), ("spend_to_date", "1"), ("forecast", "2"), ("savings_target", ""), ("savings_achieved", ""),
      ("benefits_target", ""), ("benefits_profiled", ""), ("last_updated", "2024-01-01"), ("next_board", "2024-01-01"),
      ("period", "2024-Q3"),
    ] { cells[column] = value }
    let quote = { (text: String) in "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    let csv = header.joined(separator: ",") + "\n" + header.map { quote(cells[$0]!) }.joined(separator: ",") + "\n"
    let data = try DataFileTests.temporaryFile(csv, name: "evil.csv")
    let result = try CommandRunner.run(["report", "--as-of", "2024-10-01", data])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("<script>"))
    #expect(!result.stdout.contains("<img"))
    #expect(result.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;x&quot;&lt;/td&gt;"))
    // The structure: as many rows in the dashboard as records, however many "</tr>" the data holds.
    let parser = XMLParser(data: Data(result.stdout.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").utf8))
    let counter = ElementCounter()
    parser.delegate = counter
    #expect(parser.parse(), "the report is well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
    #expect(counter.counts["script"] == nil)
    #expect(counter.counts["img"] == nil)
    #expect(counter.counts["h2"] == 3)
  }
}

/// Counts the elements of an XML document by name.
final class ElementCounter: NSObject, XMLParserDelegate, @unchecked Sendable {
  var counts: [String: Int] = [:]

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    counts[name, default: 0] += 1
  }
}
