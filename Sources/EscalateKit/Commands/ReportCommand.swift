import Foundation

/// An output format of `escalate report`.
public enum ReportFormat: String, Sendable, CaseIterable {
  case html, markdown

  /// The renderer for this format.
  public var renderer: any ReportRenderer {
    switch self {
    case .html: ReportHTMLRenderer()
    case .markdown: ReportMarkdownRenderer()
    }
  }
}

/// `escalate report`: the board pack, from the same run and queue as `escalate queue`.
public enum ReportCommand {
  /// Renders the board pack; with `outputPath`, writes it there atomically and prints nothing.
  public static func run(_ options: QueueOptions, format: ReportFormat, outputPath: String?) -> CommandResult {
    switch QueueCommand.build(options, keepingRecords: true) {
    case .failure(let failed): return failed.result
    case .success(let built):
      let report = BoardReport(
        schema: built.run.ruleSet.schema, latest: built.run.outcome.latest, alerts: built.run.outcome.alerts,
        queue: built.queue, reportDate: options.check.reportDate)
      let text = format.renderer.render(report)
      guard let outputPath else { return CommandResult(output: text, diagnostics: built.diagnostics, exitCode: 0) }
      if let problem = OutputFile.write(text, to: outputPath, inputs: options.inputPaths) {
        return CheckCommand.failure(built.diagnostics + [problem])
      }
      return CommandResult(output: "", diagnostics: built.diagnostics, exitCode: 0)
    }
  }
}
