import EscalateKit
import Foundation
import Testing

/// Reading data files: header matching, located errors, the error cap, and packs on disk.
@Suite struct DataFileTests {
  /// Writes `text` to a fresh temporary file and returns its path.
  static func temporaryFile(_ text: String, name: String = "data.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("escalate-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func run(
    _ csv: String, rules: String = "rule r {\n severity info\n when overall == Red\n message \"{id}\"\n}\n",
    strict: Bool = false
  ) throws -> (result: CommandResult, path: String) {
    let path = try temporaryFile(csv)
    let rulesPath = try temporaryFile(rules, name: "pack.rules")
    let result = CheckCommand.run(
      CheckOptions(
        rulesPath: rulesPath, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [path],
        data: DataOptions(strict: strict)))
    return (result, path)
  }

  @Test func headerNamesMatchIgnoringCaseSpacesAndHyphens() throws {
    let (result, _) = try Self.run("ID,Overall,Escalated To\r\nWS-1, red ,\r\nWS-2,G,\r\n")
    #expect(result.exitCode == 0)
    #expect(result.output.split(separator: "\n").count == 1)
    #expect(result.output.contains("\"id\":\"WS-1\""))
  }

  @Test func aMissingColumnIsReportedWithADidYouMean() throws {
    let (result, path) = try Self.run("id,overal\nWS-1,R\n")
    #expect(result.exitCode == 2)
    #expect(result.output.isEmpty)
    #expect(
      DiagnosticRenderer().render(result.diagnostics)
        == "\(path):1:1: error: the header has no column 'overall', which the rules read [missing-column]\n"
        + "  hint: did you mean 'overal'?\n")
  }

  @Test func theIdColumnIsAlwaysRequired() throws {
    let (result, path) = try Self.run("name,overall\nA,R\n")
    #expect(result.exitCode == 2)
    #expect(result.diagnostics.map(\.id) == [.missingColumn])
    #expect(result.diagnostics.first?.locationText == "\(path):1:1")
  }

  @Test func readingStopsAfterTwentyErrors() throws {
    let rows = (1...30).map { "WS-\($0),Purple\n" }.joined()
    let (result, path) = try Self.run("id,overall\n" + rows, strict: true)
    #expect(result.exitCode == 2)
    #expect(result.diagnostics.count == DataFile.maximumErrors + 1)
    #expect(result.diagnostics.last?.id == .tooManyErrors)
    #expect(result.diagnostics.last?.message == "stopped reading '\(path)' after 20 errors")
    #expect(result.diagnostics.first?.locationText == "\(path):2:6")
  }

  @Test func aCellAfterAMultiLineCellIsLocatedOnItsOwnLine() throws {
    let (result, path) = try Self.run("id,narrative,overall\nWS-1,\"two\nlines\",Purple\n", strict: true)
    #expect(result.diagnostics.map(\.locationText) == ["\(path):3:8"])
  }

  /// A lone CR inside quotes ends a line for the reader, so it does for the cells after it.
  @Test(arguments: ["\r", "\r\n", "\n"])
  func aCellAfterAQuotedLineBreakIsLocatedOnItsLine(lineBreak: String) throws {
    let csv = "id,narrative,overall\r\nWS-1,\"two\(lineBreak)lines\",Purple\r\n"
    let (result, path) = try Self.run(csv, strict: true)
    #expect(result.diagnostics.map(\.locationText) == ["\(path):3:8"])
  }

  /// A header read in pieces reports an error as a whole read would, even one that quotes text
  /// beyond the first piece.
  @Test func aHeaderErrorQuotesWhatAWholeReadQuotes() throws {
    let csv = "id," + String(repeating: "x", count: 4080) + ",abc\"" + String(repeating: "d", count: 100) + "\n"
    let (result, _) = try Self.run(csv)
    let whole = CSVReader(bytes: Array(csv.utf8))
    var expected = ""
    do throws(CSVError) { _ = try whole.header() } catch { expected = error.message }
    #expect(expected.contains("abc\"" + String(repeating: "d", count: 36)))
    #expect(result.diagnostics.map(\.message) == [expected])
  }

  @Test func arithmeticOverflowIsALocatedError() throws {
    let rules = "rule r {\n severity info\n when budget * 1000000000000 * 1000000000000 > £1\n message \"m\"\n}\n"
    let (result, path) = try Self.run("id,budget\nWS-1,1\nWS-2,99999999999999999999\n", rules: rules)
    #expect(result.exitCode == 2)
    #expect(result.diagnostics.map(\.id) == [.arithmeticOverflow])
    #expect(result.diagnostics.first?.locationText == "\(path):3:1")
  }

  @Test func aDirectoryWithoutRuleFilesIsAnEmptyPack() throws {
    let directory = (try Self.temporaryFile("not rules", name: "notes.txt") as NSString).deletingLastPathComponent
    let (pack, diagnostics) = RulePack.load(path: directory)
    #expect(pack == nil)
    #expect(diagnostics.map(\.message) == ["no *.rules files in '\(directory)'"])
    #expect(diagnostics.map(\.id) == [.emptyPack])
  }

  @Test func aPackOfOnlyConstantsDeclaresNoRules() {
    let (ruleSet, diagnostics) = RulePack(files: [SourceFile(path: "c.rules", text: "const x = 1\n")]).check()
    #expect(ruleSet == nil)
    #expect(diagnostics.map(\.id) == [.emptyPack])
  }

  @Test func packFilesLoadInNameOrderAndSubdirectoriesAreIgnored() throws {
    let b = try Self.temporaryFile("rule b-rule {\n severity info\n when true\n message \"b\"\n}\n", name: "b.rules")
    let directory = (b as NSString).deletingLastPathComponent
    try "rule a-rule {\n severity info\n when true\n message \"a\"\n}\n"
      .write(toFile: directory + "/a.rules", atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
    try "broken {".write(toFile: directory + "/sub/c.rules", atomically: true, encoding: .utf8)
    let (pack, diagnostics) = RulePack.load(path: directory)
    #expect(diagnostics.isEmpty)
    let ruleSet = try #require(pack?.check().ruleSet)
    #expect(ruleSet.rules.map(\.id) == ["a-rule", "b-rule"])
  }
}
