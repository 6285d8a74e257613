import EscalateKit
import Testing

/// Each output format rendered from one shared fixture and compared with its golden file.
/// The fixture has quotes, a backslash, markup, non-ASCII text, a multi-line cell, a missing
/// name and a missing rating, so every renderer's escaping is exercised.
@Suite struct RendererGoldenTests {
  static func output(_ format: OutputFormat) -> String {
    let result = CheckCommand.run(
      CheckOptions(
        reportDate: Day(iso: "2024-10-01")!, format: format, dataPaths: [Repository.fixture("render/input.csv")]))
    #expect(result.exitCode == 0)
    #expect(result.diagnostics.isEmpty)
    // Paths in the output are the caller's; make them relative so the golden files hold on any machine.
    return result.output.replacingOccurrences(of: Repository.root.path + "/", with: "")
  }

  @Test(arguments: OutputFormat.allCases)
  func rendersLikeTheGoldenFile(format: OutputFormat) {
    Golden.check(Self.output(format), against: "render/expected.\(format.rawValue)")
  }

  @Test func sameInputRendersTheSameBytes() {
    for format in OutputFormat.allCases { #expect(Self.output(format) == Self.output(format)) }
  }
}
