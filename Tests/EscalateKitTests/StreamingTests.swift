import Foundation
import Testing

@testable import EscalateKit

/// `check` streams large CSV files through chunks, segments and both cores; its output must be
/// the bytes the in-memory run gives, on every shape of input that streams, and it must step
/// aside (returning nil, emitting nothing) for input that needs the whole file.
@Suite struct StreamingTests {
  static let reportDate = Day(iso: "2024-10-01")!
  static let header =
    "id,name,section,period,overall,time,cost,savings,benefits,prev_overall,escalated_to,budget,spend_to_date,"
    + "forecast,savings_target,savings_achieved,benefits_target,benefits_profiled,last_updated,next_board,owner,narrative"

  /// A return of `count` records over 2.5 MB or so, so that reading crosses 1 MiB chunks and the
  /// file splits into many segments: quoted narratives with line breaks, doubled quotes and
  /// non-ASCII text, money with and without `£`, every rating, empty cells; `periods` records per
  /// id when above 1, in shuffled order, so that histories must be assembled.
  static func generate(
    count: Int, periods: Int = 1, lineEnding: String = "\r\n", prefix: String = "WS", seed: UInt64
  ) -> String {
    var random = SeededGenerator(state: seed)
    let ratings = ["R", "A", "G", "Grey", "N/A", "Red", ""]
    let forums = ["", "SCCB", "COG", "Project Board", "cog"]
    let narratives = [
      "", "On track.", "\"Go-live\" slipped;\nnew date agreed", "Café refit – phase 2, £70k below plan",
      "Line one\r\nline two", "Recruitment to 3 posts complete, 2 outstanding.",
    ]
    var lines = [header]
    var rows: [String] = []
    for index in 0..<count {
      let id = "\(prefix)-\(index / periods)"
      let quarter = 1 + index % periods
      var cells = [id, "Workstream \(index / periods)", ["Finance", "Digital & Data", "Estates"][index % 3]]
      cells.append("2024-Q\(min(quarter, 4))")
      for _ in 0..<6 { cells.append(ratings.randomElement(using: &random)!) }
      cells.append(forums.randomElement(using: &random)!)
      for _ in 0..<7 {
        let amount = Int.random(in: 0..<5_000_000, using: &random)
        cells.append(["", "\(amount)", "£\(amount / 1000)k", "\"1,\(amount % 1000 + 100)\""][amount % 4])
      }
      cells.append("2024-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))")
      cells.append("2024-10-0\(Int.random(in: 1...9, using: &random))")
      cells.append("Owner \(index % 17)")
      let narrative = narratives.randomElement(using: &random)!
      cells.append(narrative.isEmpty ? "" : "\"" + narrative.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
      rows.append(cells.joined(separator: ","))
    }
    if periods > 1 { rows.shuffle(using: &random) }
    lines += rows
    return lines.joined(separator: lineEnding) + lineEnding
  }

  static func write(_ text: String, name: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The default pack's alerts as JSON Lines from the in-memory engine, and from `check` streaming.
  static func bothWays(_ paths: [String], data: DataOptions = DataOptions()) throws -> (String, String, Int32) {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let check = Check(rules: Compiler.compile(ruleSet, reportDate: reportDate), options: data)
    let outcome = check.run(paths: paths)
    #expect(!outcome.diagnostics.hasErrors)
    let report = CheckReport(
      alerts: outcome.alerts, records: outcome.records, workstreams: outcome.workstreams, rules: [],
      reportDate: reportDate)
    var streamed: [UInt8] = []
    let result = CheckCommand.run(
      CheckOptions(reportDate: reportDate, format: .jsonl, dataPaths: paths, data: data)
    ) { streamed += $0 }
    #expect(result.output.isEmpty)
    return (JSONLinesRenderer().render(report), String(decoding: streamed, as: UTF8.self), result.exitCode)
  }

  @Test(arguments: [
    (periods: 1, lineEnding: "\r\n", allPeriods: false),
    (periods: 1, lineEnding: "\n", allPeriods: false),
    (periods: 3, lineEnding: "\r\n", allPeriods: false),
    (periods: 3, lineEnding: "\n", allPeriods: true),
  ])
  func streamedOutputIsTheInMemoryOutput(periods: Int, lineEnding: String, allPeriods: Bool) throws {
    let text = Self.generate(count: 14_000, periods: periods, lineEnding: lineEnding, seed: UInt64(periods))
    #expect(text.utf8.count > 2 * ChunkedCSVSource.defaultChunkSize)
    let path = try Self.write(text, name: "return.csv")
    var data = DataOptions()
    data.allPeriods = allPeriods
    let (expected, streamed, exitCode) = try Self.bothWays([path], data: data)
    #expect(exitCode == 0)
    #expect(expected.split(separator: "\n").count > 5_000)
    #expect(streamed == expected)
  }

  @Test func severalFilesStreamInTheOrderGiven() throws {
    let first = try Self.write(Self.generate(count: 3_000, periods: 2, seed: 7), name: "q1.csv")
    let second = try Self.write(Self.generate(count: 500, prefix: "OTHER", seed: 8), name: "q2.csv")
    let (expected, streamed, _) = try Self.bothWays([second, first])
    #expect(streamed == expected)
  }

  /// A quoted field that spans the point where a chunk ends is read again whole from the next chunk.
  @Test func aRecordAcrossAChunkBoundaryIsReadWhole() throws {
    var text = Self.header + "\n"
    var record = 0
    while text.utf8.count < ChunkedCSVSource.defaultChunkSize - 40 {
      text += "WS-\(record),Name,S,2024-Q3,G,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,\"ok\"\n"
      record += 1
    }
    let long = String(repeating: "x", count: 100) + "\n" + String(repeating: "y", count: 100)
    text += "LAST,Name,S,2024-Q3,G,G,G,G,G,,,,,,,,,,2024-01-01,2024-10-02,O,\"\(long)\"\r\n"
    let path = try Self.write(text, name: "boundary.csv")
    guard case .success(var source)? = ChunkedCSVSource.open(path: path, delimiter: UInt8(ascii: ",")) else {
      Issue.record("the file did not open")
      return
    }
    let rows = Self.drain(&source)
    #expect(rows.count == record + 1)
    let last =
      ["LAST", "Name", "S", "2024-Q3", "G", "G", "G", "G", "G"] + Array(repeating: "", count: 9)
      + ["2024-01-01", "2024-10-02", "O", long]
    #expect(rows.last == "\(record + 2): \(last)")
    let (expected, streamed, _) = try Self.bothWays([path])
    #expect(streamed == expected)
  }

  @Test func aDuplicateRecordFailsBeforeAnythingIsWritten() throws {
    let text =
      Self.generate(count: 2_000, seed: 3)
      + "WS-5,Again,Finance,2024-Q1,G,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,x\r\n"
    let path = try Self.write(text, name: "duplicate.csv")
    var streamed: [UInt8] = []
    let result = CheckCommand.run(CheckOptions(reportDate: Self.reportDate, format: .jsonl, dataPaths: [path])) {
      streamed += $0
    }
    #expect(result.exitCode == 2)
    #expect(streamed.isEmpty)
    #expect(result.diagnostics.map(\.id).contains(.duplicateRecord))
  }

  /// What needs the whole file is left to the in-memory run, which reports it as before.
  @Test func inputThatNeedsTheWholeFileDoesNotStream() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let check = Check(rules: Compiler.compile(ruleSet, reportDate: Self.reportDate))
    let good = Self.generate(count: 50, seed: 1)
    let lacking = try Self.write("id,name\nA,B\n", name: "lacking.csv")
    for path in [lacking] {
      var emitted = 0
      let streamed = check.stream(paths: [path], into: 0, render: { $0 += $1.count }, emit: { emitted += $0 })
      #expect(streamed == nil, "\(path)")
      #expect(emitted == 0)
    }
    let plain = try Self.write(good, name: "plain.csv")
    #expect(check.stream(paths: [plain], into: 0, render: { $0 += $1.count }, emit: { _ in }) != nil)
  }

  /// A file in Windows-1252 streams from a UTF-8 copy, which is named as the file: its alerts
  /// are those of the same file saved as UTF-8, after the warning.
  @Test func windows1252StreamsFromACopy() throws {
    let utf8 = Self.generate(count: 14_000, periods: 2, seed: 51)
    #expect(utf8.utf8.count > 2 * FileChunks.defaultChunkSize)
    let latin1 = Array(utf8.unicodeScalars).map { scalar -> UInt8 in
      switch scalar {
      case "£": 0xA3
      case "–": 0x96
      default: UInt8(scalar.value)
      }
    }
    let asUTF8 = try Self.write(utf8, name: "saved-as-utf8.csv")
    let as1252 = try Self.write("", name: "saved-as-1252.csv")
    try Data(latin1).write(to: URL(fileURLWithPath: as1252))
    let (expected, _, _) = try Self.bothWays([asUTF8])
    let (inMemory, streamed, exitCode) = try Self.bothWays([as1252])
    #expect(exitCode == 0)
    #expect(streamed == inMemory)
    #expect(streamed == expected.replacingOccurrences(of: asUTF8, with: as1252))
    let result = CheckCommand.run(
      CheckOptions(reportDate: Self.reportDate, format: .jsonl, dataPaths: [as1252])
    ) { _ in }
    #expect(result.diagnostics.map(\.id) == [.notUTF8])
    #expect(result.diagnostics.first?.locationText?.hasPrefix(as1252 + ":") == true)
  }

  /// With `--strict`, an unreadable cell is an error found before anything is written; a file
  /// without one streams as it would without `--strict`.
  @Test func strictStreamsAndFailsBeforeWriting() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let strict = Check(
      rules: Compiler.compile(ruleSet, reportDate: Self.reportDate), options: DataOptions(strict: true))
    let good = Self.generate(count: 2_000, periods: 2, seed: 41)
    let clean = try Self.write(good.replacingOccurrences(of: ",\"1,", with: ",\"1"), name: "clean.csv")
    let unreadable = try Self.write(
      good.replacingOccurrences(of: "2024-09-1", with: "2024-13-1"),
      name: "unreadable.csv")
    for path in [clean, unreadable] {
      let inMemory = strict.run(paths: [path])
      var streamed: [Alert] = []
      let stream = strict.stream(paths: [path], into: [Alert](), render: { $0 += $1.alerts }, emit: { streamed += $0 })
      let outcome = try #require(stream)
      let shown = { (found: [Diagnostic]) in found.map { "\($0.id) \($0.locationText ?? "") \($0.message)" } }
      #expect(shown(outcome.diagnostics) == shown(inMemory.diagnostics))
      #expect(streamed.count == (inMemory.diagnostics.hasErrors ? 0 : inMemory.alerts.count))
      #expect(inMemory.diagnostics.hasErrors == (path == unreadable))
    }
  }

  /// A file with errors is not evaluated; its errors are those of the in-memory run, found while
  /// holding only the records whose ids repeat.
  @Test func aBrokenFileGivesTheErrorsOfTheInMemoryRun() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let check = Check(rules: Compiler.compile(ruleSet, reportDate: Self.reportDate))
    let good = Self.generate(count: 3_000, periods: 2, seed: 1)
    let again = "\r\nWS-7,Again,Finance,2024-Q1,G,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,x\r\n"
    let cases = [
      try Self.write(good.replacingOccurrences(of: "\r\nWS-3,", with: "\r\n,"), name: "no-id.csv"),
      try Self.write("[{\"id\": \"A\"},]", name: "return.json"),
      try Self.write(good + "WS-X,too,few\r\n" + again, name: "ragged.csv"),
      try Self.write(good + "WS-Y,\"unterminated" + again, name: "unterminated.csv"),
    ]
    for paths in cases.map({ [$0] }) + [[cases[2], cases[0]]] {
      var emitted = 0
      let streamed = check.stream(paths: paths, into: 0, render: { $0 += $1.count }, emit: { emitted += $0 })
      let diagnostics = try #require(streamed, "\(paths)").diagnostics
      #expect(diagnostics.hasErrors)
      let shown = { (found: [Diagnostic]) in
        found.map { "\($0.id) \($0.locationText ?? "") \($0.message) \($0.hint ?? "")" }
      }
      #expect(shown(diagnostics) == shown(check.run(paths: paths).diagnostics), "\(paths)")
      #expect(emitted == 0)
      if paths.first == cases[2] { #expect(diagnostics.map(\.id).contains(.duplicateRecord)) }
    }
  }

  /// What a table source gives, row by row, until it ends or stops at an error.
  static func drain(_ source: inout some TableSource) -> [String] {
    var seen: [String] = []
    while true {
      do throws(TableSourceError) {
        guard let row = try source.next() else { return seen }
        seen.append("\(row.line): \(row.fields)")
      } catch {
        seen.append("error: \(error.diagnostic.message) at \(String(describing: error.diagnostic.location))")
        if !error.canContinue { return seen }
      }
    }
  }

  /// A small random CSV file with quoted line breaks, CR, LF and CRLF, blank lines, multi-byte
  /// characters, byte order marks, ragged rows, stray quotes and unterminated quotes.
  static func randomCSV(seed: Int) -> String {
    var random = SeededGenerator(state: UInt64(seed) &* 7919)
    let pieces = ["a", "bc", "é", "£1,000", " ", "", "\"\"", "x\ny", "r\r\ns", "\u{FEFF}"]
    let endings = ["\n", "\r\n", "\r", "\n\n"]
    var text = Bool.random(using: &random) ? "\u{FEFF}" : ""
    text += "id,name,note" + endings.randomElement(using: &random)!
    for _ in 0..<Int.random(in: 0...12, using: &random) {
      let count = Int.random(in: 0..<100, using: &random) < 90 ? 3 : Int.random(in: 1...4, using: &random)
      let cells = (0..<count).map { _ -> String in
        let piece = pieces.randomElement(using: &random)!
        let needsQuotes = piece.contains(where: { ",\"\r\n".contains($0) })
        if Int.random(in: 0..<50, using: &random) == 0 { return "\"" + piece }  // an unterminated quote
        return needsQuotes ? "\"" + piece.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : piece
      }
      text += cells.joined(separator: ",") + endings.randomElement(using: &random)!
    }
    if Bool.random(using: &random) { text = String(text.dropLast()) }
    return text
  }

  /// Reading a file in chunks of any size, down to one byte, gives the rows, lines and errors of
  /// reading it whole, on random files with quoted line breaks, CR, LF and CRLF, blank lines,
  /// multi-byte characters, ragged rows and stray quotes.
  @Test(arguments: 0..<60)
  func chunkedReadingMatchesWholeReading(seed: Int) throws {
    let text = Self.randomCSV(seed: seed)
    let path = try Self.write(text, name: "random.csv")
    // The whole file in one chunk is the reference.
    guard
      case .success(var whole)? = ChunkedCSVSource.open(
        path: path, delimiter: UInt8(ascii: ","), chunkSize: text.utf8.count + 1)
    else {
      #expect(
        ChunkedCSVSource.open(path: path, delimiter: UInt8(ascii: ","), chunkSize: 1).flatMap {
          if case .failure = $0 { return true } else { return nil }
        } == true)
      return
    }
    let expected = Self.drain(&whole)
    for chunkSize in [1, 2, 3, 5, 8, 64] {
      guard
        case .success(var chunked)? = ChunkedCSVSource.open(
          path: path, delimiter: UInt8(ascii: ","), chunkSize: chunkSize)
      else {
        Issue.record("the chunked reader could not read the header that the whole reader read")
        return
      }
      #expect(Self.drain(&chunked) == expected, "chunk size \(chunkSize)")
    }
  }

  /// Cases a review found where streaming and the in-memory run could part ways.
  @Test func aHeaderThatLacksAColumnFailsBeforeAnythingIsWritten() throws {
    let good = try Self.write(Self.generate(count: 300, seed: 4), name: "good.csv")
    let lacking = try Self.write("id,name,period\nX-1,One,2024-Q3\n", name: "lacking.csv")
    let empty = try Self.write("id,period\n", name: "empty.csv")
    for paths in [[good, lacking], [empty]] {
      var streamed: [UInt8] = []
      let result = CheckCommand.run(CheckOptions(reportDate: Self.reportDate, format: .jsonl, dataPaths: paths)) {
        streamed += $0
      }
      #expect(result.exitCode == 2)
      #expect(streamed.isEmpty)
      #expect(result.diagnostics.map(\.id).allSatisfy { $0 == .missingColumn })
      #expect(Set(result.diagnostics.map(\.message)).count == result.diagnostics.count, "each reported once")
    }
  }

  @Test func idsThatSwiftCallsEqualAreOneWorkstream() throws {
    let text =
      [
        String(Self.header),
        "Caf\u{E9},Cafe,S,2024-Q1,G,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,x",
        "Cafe\u{301},Cafe,S,2024-Q2,R,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,x",
      ].joined(separator: "\n") + "\n"
    let (expected, streamed, _) = try Self.bothWays([try Self.write(text, name: "cafe.csv")])
    #expect(expected.contains("rag-worsened"))
    #expect(streamed == expected)
  }

  @Test func twoByteOrderMarksAreReadAsAWholeReadReadsThem() throws {
    let text = "\u{FEFF}\u{FEFF}" + Self.generate(count: 50, seed: 9)
    let (expected, streamed, _) = try Self.bothWays([try Self.write(text, name: "boms.csv")])
    #expect(streamed == expected)
  }

  @Test func overflowsAreReportedInTheOrderOfTheInMemoryRun() throws {
    let nines = String(repeating: "9", count: 37)
    let pack = try Self.write(
      "rule t {\n  severity info\n  when budget * 1000 > £0\n  message \"x\"\n}\n", name: "t.rules")
    let data = try Self.write(
      ["id,period,budget", "Y,2024-Q1,\(nines)", "X,2024-Q1,1", "X,2024-Q2,\(nines)"].joined(separator: "\n") + "\n",
      name: "o.csv")
    let ruleSet = try #require(RulePack.load(path: pack).pack?.check().ruleSet)
    let inMemory = Check(rules: Compiler.compile(ruleSet, reportDate: Self.reportDate)).run(paths: [data])
    let options = CheckOptions(rulesPath: pack, reportDate: Self.reportDate, format: .jsonl, dataPaths: [data])
    let streamed = CheckCommand.run(options) { _ in }
    #expect(inMemory.diagnostics.map(\.locationText) == [data + ":2:1", data + ":4:1"])
    #expect(streamed.diagnostics.map(\.locationText) == inMemory.diagnostics.map(\.locationText))
  }

  @Test func aFileRewrittenDuringTheRunIsReported() throws {
    let path = try Self.write(Self.generate(count: 2_000, seed: 12), name: "moving.csv")
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let check = Check(rules: Compiler.compile(ruleSet, reportDate: Self.reportDate))
    var touched = false
    // The first part to arrive is the moment to append to the file, as another program might.
    let appendOnce = { (_: Int) in
      guard !touched else { return }
      touched = true
      let handle = FileHandle(forWritingAtPath: path)!
      handle.seekToEndOfFile()
      handle.write(Data("LATE,Late,S,2024-Q3,R,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,x\n".utf8))
      try? handle.close()
    }
    let streamed = check.stream(paths: [path], into: 0, render: { $0 += $1.count }, emit: appendOnce)
    let outcome = try #require(streamed)
    #expect(
      outcome.diagnostics.map(\.message) == [
        "'\(path)' changed while escalate was reading it; these alerts may mix two versions"
      ])
    #expect(outcome.diagnostics.hasErrors)
  }

  /// Standard input is copied to a temporary file and streamed like one, still named `<stdin>`.
  @Test func standardInputStreamsAsAFileWould() throws {
    let text = Self.generate(count: 3_000, periods: 2, seed: 21)
    let path = try Self.write(text, name: "piped.csv")
    let fromFile = try CommandRunner.run(["check", "--as-of", "2024-10-01", "--format", "jsonl", path])
    let fromStdin = try CommandRunner.run(["check", "--as-of", "2024-10-01", "--format", "jsonl", "-"], stdin: text)
    #expect(fromStdin.status == 0)
    #expect(
      fromStdin.stdout == fromFile.stdout.replacingOccurrences(of: "\"file\":\"\(path)\"", with: "\"file\":\"<stdin>\"")
    )
    #expect(fromStdin.stdout.contains("\"file\":\"<stdin>\""))
    let json = try CommandRunner.run(
      ["check", "--as-of", "2024-10-01", "-"], stdin: "[{\"id\": \"A\", \"overall\": \"R\"}]")
    #expect(json.status == 0)
    #expect(json.stdout.contains("A  <stdin>:1"))
  }

  /// Histories split between partitions by id give what one pass over every record gives:
  /// the alerts, and the errors in the same order.
  @Test(arguments: [false, true])
  func historiesSplitIntoPartitionsGiveTheSameResult(allPeriods: Bool) throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    var data = DataOptions()
    data.allPeriods = allPeriods
    var check = Check(rules: Compiler.compile(ruleSet, reportDate: Self.reportDate), options: data)
    check.historyPartitionSize = 150
    let good = Self.generate(count: 3_000, periods: 3, seed: 31) + Self.generate(count: 200, prefix: "ONE", seed: 32)
    let clashing = good.replacingOccurrences(of: "2024-Q2", with: "2024-Q1")
    for (name, text) in [("history.csv", good), ("clashing.csv", clashing)] {
      let path = try Self.write(text, name: name)
      let outcome = check.run(paths: [path])
      var streamed: [Alert] = []
      let stream = check.stream(paths: [path], into: [Alert](), render: { $0 += $1.alerts }, emit: { streamed += $0 })
      let result = try #require(stream)
      let shown = { (found: [Diagnostic]) in found.map { "\($0.locationText ?? "") \($0.message)" } }
      #expect(shown(result.diagnostics) == shown(outcome.diagnostics), "\(name)")
      if name == "clashing.csv" {
        #expect(outcome.diagnostics.count > 500)
      } else {
        let lines = { (alerts: [Alert]) in
          var writer = JSONWriter()
          for alert in alerts { JSONLinesRenderer.write(alert, to: &writer) }
          return String(decoding: writer.bytes, as: UTF8.self)
        }
        #expect(lines(streamed) == lines(outcome.alerts))
        #expect(result.workstreams == outcome.workstreams)
      }
    }
  }

  /// Cases a review of the third session found, each once a difference from the in-memory run.
  @Test func aFileNamedTwiceClashesWithItself() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let check = Check(rules: Compiler.compile(ruleSet, reportDate: Self.reportDate))
    let path = try Self.write(Self.generate(count: 300, seed: 61), name: "twice.csv")
    let stream = check.stream(paths: [path, path], into: [Alert](), render: { $0 += $1.alerts }, emit: { _ in })
    let streamed = try #require(stream).diagnostics
    let inMemory = check.run(paths: [path, path]).diagnostics
    #expect(streamed.map(\.message) == inMemory.map(\.message))
    #expect(streamed.filter { $0.id == .duplicateRecord }.count == 300)
  }

  @Test func idsEqualOnlyCanonicallyAreOneWorkstream() throws {
    let text =
      [
        String(Self.header),
        "WS-K,Kelvin,S,2024-Q1,G,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,x",
        "WS-\u{212A},Kelvin,S,2024-Q2,R,G,G,G,G,,,,,,,,,,2024-09-01,2024-10-02,O,x",
      ].joined(separator: "\n") + "\n"
    let (expected, streamed, _) = try Self.bothWays([try Self.write(text, name: "kelvin.csv")])
    #expect(expected.contains("rag-worsened"))
    #expect(streamed == expected)
    #expect(RepeatedIDs.hash("WS-K") == RepeatedIDs.hash("WS-\u{212A}"))
    #expect(RepeatedIDs.hash("Caf\u{E9}") == RepeatedIDs.hash("Cafe\u{301}"))
  }

  @Test func strictDiagnosisStopsWhereReadingStops() throws {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    let strict = Check(
      rules: Compiler.compile(ruleSet, reportDate: Self.reportDate), options: DataOptions(strict: true))
    let row = { (id: String, period: String, updated: String) in
      "\(id),N,S,\(period),G,G,G,G,G,,,,,,,,,,\(updated),2024-10-02,O,x"
    }
    let rows =
      [row("DUP", "2024-Q1", "2024-09-01"), row("DUP", "2024-Q2", "2024-09-01")]
      + (0..<20).map { row("U-\($0)", "2024-Q3", "2024-13-01") } + [row("DUP", "2024-Q2", "2024-09-01")]
    let path = try Self.write(([String(Self.header)] + rows).joined(separator: "\n") + "\n", name: "strict20.csv")
    let stream = strict.stream(paths: [path], into: [Alert](), render: { $0 += $1.alerts }, emit: { _ in })
    let streamed = try #require(stream).diagnostics
    #expect(streamed.map(\.message) == strict.run(paths: [path]).diagnostics.map(\.message))
    #expect(!streamed.contains { $0.id == .duplicateRecord })
  }

  @Test func jsonOnStandardInputMayStartWithMuchWhitespace() throws {
    let json = String(repeating: " ", count: 5_000) + "[{\"id\": \"A\", \"overall\": \"R\"}]"
    let result = try CommandRunner.run(["check", "--as-of", "2024-10-01", "-"], stdin: json)
    #expect(result.status == 0)
    #expect(result.stdout.contains("A  <stdin>:1"))
  }

  @Test func repeatedIDsAreFoundExactly() {
    let ids = RepeatedIDs(capacity: 4)
    for index in 0..<1_000 { ids.insert("WS-\(index)") }
    ids.insert("WS-17")
    ids.insert("WS-999")
    #expect(ids.isRepeated("WS-17"))
    #expect(ids.isRepeated("WS-999"))
    #expect(!ids.isRepeated("WS-18"))
    #expect(ids.repeated.count == 2)
  }
}

/// `check --format jsonl` skips the columns that only an alert's context shows.
@Suite struct AlertContextTests {
  @Test func withoutContextOnlyTheContextIsMissing() throws {
    let text = StreamingTests.generate(count: 300, seed: 11)
    let path = try StreamingTests.write(text, name: "context.csv")
    // A rule that reads a context column still gets it; `Unknown` names no declared forum.
    let source = """
      forum SCCB level 1
      rule by-section {
        severity info
        when overall == Red
        message "{id} in {section}"
      }
      """
    let pack = RulePack(files: [SourceFile(path: "c.rules", text: source)])
    let ruleSet = try #require(pack.check().ruleSet)
    var check = Check(rules: Compiler.compile(ruleSet, reportDate: StreamingTests.reportDate))
    let full = check.run(paths: [path])
    check.alertContext = false
    let bare = check.run(paths: [path])
    #expect(!full.diagnostics.hasErrors && bare.diagnostics.isEmpty == full.diagnostics.isEmpty)
    #expect(full.alerts.count == bare.alerts.count)
    #expect(full.alerts.contains { $0.rule == Check.unknownForumRule })
    #expect(full.alerts.contains { $0.message.contains(" in Digital & Data") })
    for (with, without) in zip(full.alerts, bare.alerts) {
      #expect(with.context.owner != nil && with.context.section != nil)
      // The rule reads `section`, so it is decoded (and shown) all the same.
      #expect(without.context.owner == nil && without.context.section == with.context.section)
      #expect(
        [with.rule, with.recordID, with.message, with.context.escalatedTo ?? "", "\(with.context.nextBoard as Any)"]
          == [
            without.rule, without.recordID, without.message, without.context.escalatedTo ?? "",
            "\(without.context.nextBoard as Any)",
          ])
    }
  }
}

/// The survey reads a large CSV file in parts, one per core, from line breaks that seem to start
/// records; it must cut and count as one part does, and find out a part that started inside
/// quotes.
@Suite struct SurveyInPartsTests {
  /// A return with, when `misleading`, a record in the middle whose quoted narrative holds lines
  /// that read as records of the header's width.
  static func file(misleading: Bool) throws -> String {
    let first = StreamingTests.generate(count: 6_000, seed: 21)
    let second = StreamingTests.generate(count: 6_000, prefix: "WT", seed: 22)
    var text = first
    if misleading {
      let fake = (0..<3_000).map { "FAKE-\($0)," + String(repeating: "x,", count: 20) + "x" }
      text +=
        "MIS-1,Misleading,Finance,2024-Q3,G,G,G,G,G,G,,1,1,1,,,,,2024-09-01,2024-10-05,Owner,\""
        + fake.joined(separator: "\n") + "\"\r\n"
    }
    // The second return without its header.
    text += second[second.range(of: "\r\n")!.upperBound...]
    return try StreamingTests.write(text, name: "parts.csv")
  }

  static func check(parts: Bool) throws -> Check {
    let ruleSet = try #require(RulePack.builtIn.check().ruleSet)
    var check = Check(rules: Compiler.compile(ruleSet, reportDate: StreamingTests.reportDate))
    check.partBytes = 1 << 16
    check.partsInParallel = parts
    return check
  }

  @Test(arguments: [false, true])
  func partsStreamAsOneWholeRead(misleading: Bool) throws {
    let path = try Self.file(misleading: misleading)
    let check = try Self.check(parts: true)
    let outcome = check.run(paths: [path])
    #expect(!outcome.diagnostics.hasErrors)
    var streamed: [UInt8] = []
    let stream = check.stream(
      paths: [path], into: JSONWriter(), render: { JSONLinesRenderer.write($1, to: &$0) },
      emit: { streamed += $0.bytes })
    #expect(stream?.diagnostics.isEmpty == true)
    #expect(stream?.records == outcome.records)
    let expected = JSONLinesRenderer().render(
      CheckReport(
        alerts: outcome.alerts, records: outcome.records, workstreams: 0, rules: [],
        reportDate: StreamingTests.reportDate))
    #expect(String(decoding: streamed, as: UTF8.self) == expected)
  }

  /// Every segment starts at a record, with that record's line and ordinal; with parts, a part's
  /// start adds a cut that one part does not make, unless a part was found out.
  @Test(arguments: [false, true])
  func partsCutAtRecords(misleading: Bool) throws {
    let path = try Self.file(misleading: misleading)
    guard case .cut(_, let serial) = try Self.check(parts: false).survey([path], [.csv]),
      case .cut(_, let parallel) = try Self.check(parts: true).survey([path], [.csv])
    else {
      Issue.record("the survey did not cut the file")
      return
    }
    guard case .success(var source)? = ChunkedCSVSource.open(path: path, delimiter: UInt8(ascii: ",")) else {
      Issue.record("the file did not open")
      return
    }
    var records: [Int: (line: Int, ordinal: Int)] = [:]
    while let (record, offset) = try source.nextRecord() { records[offset] = (record.line, records.count) }
    for segment in parallel {
      #expect(records[segment.start]?.line == segment.line, "segment at \(segment.start)")
      #expect(records[segment.start]?.ordinal == segment.ordinal, "segment at \(segment.start)")
    }
    #expect(zip(parallel.dropLast(), parallel.dropFirst()).allSatisfy { $0.end == $1.start })
    let cores = ProcessInfo.processInfo.activeProcessorCount
    #expect(Set(parallel.map(\.start)).subtracting(serial.map(\.start)).isEmpty == (misleading || cores == 1))
  }

  @Test func aRecordStartIsFoundAfterALineBreakOutsideQuotes() {
    let probe = Array("x\",1,2\nsecond \"\"line\"\nA,1,2\nB,1,2\nC,1,2\nD,1,2\nE".utf8)
    let start = Check.recordStart(in: probe, columns: 3, delimiter: UInt8(ascii: ","))
    #expect(start == Array("x\",1,2\nsecond \"\"line\"\n".utf8).count)
  }
}
