/// `escalate report --format markdown`: the board pack as Markdown, ready to paste into a paper.
public struct ReportMarkdownRenderer: ReportRenderer {
  /// Creates the renderer.
  public init() {}

  /// The summary tables and the workstream dashboard, then the queue's own Markdown with its
  /// headings one level down.
  public func render(_ report: BoardReport) -> String {
    var text = "# Board pack, \(report.reportDate.longText)\n\n## Summary\n\n"
    text += "| Severity | Alerts |\n|---|---|\n"
    for (severity, count) in report.severityCounts { text += "| \(severity.rawValue) | \(count) |\n" }
    text += "\n| Section | Workstreams | Red | Amber | Alerts |\n|---|---|---|---|---|\n"
    for section in report.sections {
      text +=
        "| \(markdownCell(section.name)) | \(section.workstreams) | \(section.red) | \(section.amber) | "
        + "\(section.alerts) |\n"
    }
    let dimensions = report.workstreams.first?.dimensions.map(\.name) ?? []
    text +=
      "\n## Workstreams\n\n| Workstream | Section | Overall | Previous | Trend | "
      + dimensions.map { markdownCell($0.capitalized) + " | " }.joined() + "Alerts |\n"
    text += "|" + String(repeating: "---|", count: 6 + dimensions.count) + "\n"
    for row in report.workstreams {
      let workstream = [row.id, row.name].compactMap { $0 }.map(markdownCell).joined(separator: " ")
      let alerts = row.alerts.map {
        "**\(markdownCell($0.rule))** (\($0.severity.rawValue)): \(markdownCell($0.message))"
      }
      let cells =
        [
          workstream, markdownCell(row.section ?? ""), rating(row.overall), rating(row.previous), row.trend.rawValue,
        ] + row.dimensions.map { rating($0.rating) } + [alerts.joined(separator: "<br>")]
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    // The queue's own Markdown, its headings one level down to sit under the pack's.
    let queue = MarkdownRenderer().render(report.queue).split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("#") ? "#" + $0 : String($0) }.joined(separator: "\n")
    return text + "\n" + queue
  }

  private func rating(_ rag: RAG?) -> String {
    rag?.rawValue ?? ""
  }
}

/// Turns a board report into one output format.
public protocol ReportRenderer: Sendable {
  /// The whole document; the same report always renders to the same bytes.
  func render(_ report: BoardReport) -> String
}
