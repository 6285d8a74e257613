import Foundation
import Testing

@testable import EscalateKit

/// Same inputs, same bytes: across runs (the streamed check splits work over the cores), and,
/// where order should not matter, with the rows of a file shuffled.
@Suite struct DeterminismTests {
  static let reportDate = Day(iso: "2019-09-26")!
  static let examples = ["examples/collaboration-2019-06.csv", "examples/collaboration-2019-09.csv"].map(
    Repository.path)

  /// `path`'s data rows in a shuffled order, written beside a temporary copy of its header.
  static func shuffled(_ path: String, seed: UInt64, into directory: URL) throws -> String {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
    var random = SeededGenerator(state: seed)
    let rows = lines.dropFirst().shuffled(using: &random)
    let copy = directory.appendingPathComponent((path as NSString).lastPathComponent).path
    try ([lines[0]] + rows).joined(separator: "\n").appending("\n").write(
      toFile: copy, atomically: true, encoding: .utf8)
    return copy
  }

  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("order-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// Text with what names a place in a file (path and line) taken out, since shuffling moves records.
  static func placeless(_ text: String, directory: URL) -> String {
    text.replacingOccurrences(of: directory.path + "/", with: "examples/")
      .replacingOccurrences(of: Repository.path("examples") + "/", with: "examples/")
      .replacingOccurrences(of: #""line":\d+"#, with: "", options: .regularExpression)
  }

  @Test func aStreamedCheckGivesTheSameBytesEveryRun() throws {
    let path = try StreamingTests.write(StreamingTests.generate(count: 6_000, periods: 2, seed: 11), name: "big.csv")
    var runs: Set<[UInt8]> = []
    for _ in 0..<4 {
      var bytes: [UInt8] = []
      let result = CheckCommand.run(
        CheckOptions(reportDate: StreamingTests.reportDate, format: .jsonl, dataPaths: [path])
      ) { bytes += $0 }
      #expect(result.exitCode == 0)
      runs.insert(bytes)
    }
    #expect(runs.count == 1)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func shuffledRowsGiveTheSameAlertsAndQueue(seed: UInt64) throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let shuffled = try Self.examples.map { try Self.shuffled($0, seed: seed, into: directory) }
    func alerts(_ paths: [String]) -> [String] {
      let result = CheckCommand.run(CheckOptions(reportDate: Self.reportDate, format: .jsonl, dataPaths: paths))
      #expect(result.exitCode == 0)
      return Self.placeless(result.output, directory: directory).split(separator: "\n").map(String.init).sorted()
    }
    func queue(_ paths: [String]) -> String {
      let result = QueueCommand.run(
        QueueOptions(check: CheckOptions(reportDate: Self.reportDate, format: .json, dataPaths: paths)))
      #expect(result.exitCode == 0)
      return Self.placeless(result.output, directory: directory)
    }
    let original = alerts(Self.examples)
    #expect(original.count > 10)
    #expect(alerts(shuffled) == original)
    // The queue orders by severity, how long a condition has held, and id: never by input order.
    #expect(queue(shuffled) == queue(Self.examples))
  }
}
