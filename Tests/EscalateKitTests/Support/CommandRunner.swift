import Foundation
import Testing

/// Runs the built `escalate` executable, as a user would, and captures what it prints.
enum CommandRunner {
  struct Output {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  /// The executable sits beside the test bundle in the build's products directory.
  static var executable: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("escalate")
  }

  /// Runs `escalate` with `arguments` from the repository root.
  static func run(
    _ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Output {
    let path = executable.path
    try #require(
      FileManager.default.isExecutableFile(atPath: path), "escalate not built at \(path)",
      sourceLocation: sourceLocation)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = Repository.root
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
    try input.fileHandleForWriting.close()
    // Read before waiting, so a large output cannot fill the pipe and stall the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
      status: process.terminationStatus)
  }
}
