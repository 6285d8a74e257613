import Foundation
import Testing

/// A run whose output is closed early (`| head`) ends as SIGPIPE would, and leaves no temporary
/// file behind: standard input is copied to one so that it can be read more than once.
@Suite struct EarlyEndTests {
  @Test func aClosedOutputEndsTheRunAndRemovesItsCopies() throws {
    let input = try StreamingTests.write(StreamingTests.generate(count: 20_000, seed: 71), name: "big.csv")
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("early-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = ["check", "--as-of", "2024-10-01", "--format", "jsonl", "-"]
    process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 }
    process.standardInput = try #require(FileHandle(forReadingAtPath: input))
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let start = try out.fileHandleForReading.read(upToCount: 100) ?? Data()
    try out.fileHandleForReading.close()
    process.waitUntilExit()
    #expect(!start.isEmpty)
    #expect(process.terminationStatus == 141)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
  }
}
