import Foundation
import Testing

@testable import EscalateKit

/// Every file escalate writes goes through `AtomicFileWriter`; a write that fails midway must
/// leave the old file whole and no temporary file behind.
@Suite struct AtomicFileWriterTests {
  struct DiskFull: Error {}

  static func directory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test func aWriteThatFailsMidwayLeavesTheOldFileWhole() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("state.json").path
    try "old state\n".write(toFile: path, atomically: false, encoding: .utf8)
    let problem = AtomicFileWriter.replace(path, with: String(repeating: "new ", count: 10_000), noun: "state file") {
      data, url in
      // Half the bytes reach the disk, then it is full.
      try data.prefix(data.count / 2).write(to: url)
      throw DiskFull()
    }
    let diagnostic = try #require(problem)
    #expect(diagnostic.message.hasPrefix("cannot write state file '\(path)'"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old state\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.json"])
  }

  @Test func aNewFileIsCreatedAndAnOldOneKeepsItsPermissionsAndLinks() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let fresh = directory.appendingPathComponent("report.html").path
    #expect(AtomicFileWriter.replace(fresh, with: "<p>new</p>\n") == nil)
    #expect(try String(contentsOfFile: fresh, encoding: .utf8) == "<p>new</p>\n")

    let target = directory.appendingPathComponent("pack.rules").path
    try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
    let link = directory.appendingPathComponent("link.rules").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(AtomicFileWriter.replace(link, with: "new\n") == nil)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    #expect(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int == 0o600)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
        "link.rules", "pack.rules", "report.html",
      ])
  }

  @Test func aStateFileInAMissingDirectoryIsAnErrorNotACrash() {
    let path = "/nonexistent-\(UUID().uuidString)/state.json"
    let problem = QueueStateFile.write(QueueState(alerts: []), to: path)
    #expect(problem?.message.hasPrefix("cannot write state file '\(path)'") == true)
  }
}
