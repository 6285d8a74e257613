import Foundation
import Testing

/// An output file can never be one of the run's inputs, however it is named.
@Suite struct OutputFileTests {
  static let mail = ["--from", "governance@example.org", "--to", "board@example.org"]

  @Test(arguments: [
    (["report"], "data"),
    (["report", "--format", "markdown"], "symbolic link"),
    (["digest"] + mail, "hard link"),
    (["report", "--state", "STATE"], "state"),
    (["digest", "--waivers", "WAIVERS"] + mail, "waivers"),
  ])
  func anOutputThatIsAnInputIsRefused(command: [String], target: String) throws {
    let data = try DataFileTests.temporaryFile(
      try String(contentsOf: Repository.root.appendingPathComponent("examples/quarterly-2019-q2.csv"), encoding: .utf8),
      name: "returns.csv")
    let directory = URL(fileURLWithPath: data).deletingLastPathComponent()
    let state = directory.appendingPathComponent("state.json").path
    let waivers = directory.appendingPathComponent("waivers.rules").path
    #expect(try CommandRunner.run(["queue", "--as-of", "2019-06-27", "--state", state, data]).status == 0)
    try "".write(toFile: waivers, atomically: true, encoding: .utf8)
    let output: String
    switch target {
    case "symbolic link":
      output = directory.appendingPathComponent("link.csv").path
      try FileManager.default.createSymbolicLink(atPath: output, withDestinationPath: data)
    case "hard link":
      output = directory.appendingPathComponent("hard.csv").path
      try FileManager.default.linkItem(atPath: data, toPath: output)
    case "state": output = state
    case "waivers": output = waivers
    default: output = directory.appendingPathComponent(".").appendingPathComponent("returns.csv").path
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: output))
    let arguments = command.map { $0 == "STATE" ? state : $0 == "WAIVERS" ? waivers : $0 }
    let result = try CommandRunner.run(arguments + ["--as-of", "2019-06-27", "-o", output, data])
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: refusing to write '\(output)': it is the input"))
    #expect(result.stderr.contains("[output-is-input]"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)
  }
}
