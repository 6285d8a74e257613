import Foundation
import Testing

/// Paths into the repository, found from this file's location so tests need no bundle resources
/// and no `../shared`.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  static func fixture(_ relative: String) -> String { path("Tests/EscalateKitTests/Fixtures/" + relative) }

  static func read(_ relative: String) throws -> String {
    try String(contentsOfFile: path(relative), encoding: .utf8)
  }
}

/// Compares output with a golden file. With `ESCALATE_RECORD=1` in the environment it rewrites
/// the file and still fails, so every change to an expected output is reviewed in git.
enum Golden {
  static func check(_ actual: String, against fixture: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = Repository.fixture(fixture)
    if ProcessInfo.processInfo.environment["ESCALATE_RECORD"] == "1" {
      try? FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try? actual.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record(
        "recorded \(fixture); review the change and run again without ESCALATE_RECORD", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record(
        "missing golden file \(fixture); run with ESCALATE_RECORD=1 to create it", sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "output differs from \(fixture)", sourceLocation: sourceLocation)
  }
}
