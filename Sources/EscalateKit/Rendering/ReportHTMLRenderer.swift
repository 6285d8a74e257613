/// `escalate report --format html`: the board pack as one self-contained HTML file: no external
/// requests and no scripts, printable on A4, every colour also written as text, every data value
/// escaped.
public struct ReportHTMLRenderer: ReportRenderer {
  /// Creates the renderer.
  public init() {}

  /// A complete page: the summary tables, the workstream dashboard and the queue.
  public func render(_ report: BoardReport) -> String {
    let title = "Board pack, \(report.reportDate.longText)"
    var html = """
      <!DOCTYPE html>
      <html lang="en-GB">
      <head>
      <meta charset="utf-8">
      <title>\(title.markupEscaped)</title>
      <style>
      \(Self.css)
      </style>
      </head>
      <body>
      <h1>\(title.markupEscaped)</h1>

      """
    html += summary(report)
    html += dashboard(report)
    html += queue(report.queue)
    return html + "</body>\n</html>\n"
  }

  /// Colours meet WCAG AA contrast with their text; each RAG cell also says its rating in words.
  static let css = """
    body { font-family: "Segoe UI", Arial, sans-serif; color: #111; margin: 2em; font-size: 11pt; }
    h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.5em; } h3 { font-size: 12pt; }
    table { border-collapse: collapse; margin: 0.5em 0 1em; }
    th, td { border: 1px solid #767676; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
    th { background: #f0f0f0; }
    td.number { text-align: right; }
    .rag { font-weight: bold; white-space: nowrap; }
    .rag-red { background: #b10e1e; color: #fff; }
    .rag-amber-red { background: #d4351c; color: #fff; }
    .rag-amber { background: #ffdd00; color: #0b0c0c; }
    .rag-amber-green { background: #85994b; color: #0b0c0c; }
    .rag-green { background: #00703c; color: #fff; }
    .rag-grey { background: #dddddd; color: #0b0c0c; }
    .rag-na { background: #fff; color: #0b0c0c; }
    .severity-critical, .severity-error { font-weight: bold; }
    ul.alerts { margin: 0; padding-left: 1.2em; }
    @page { size: A4 landscape; margin: 12mm; }
    @media print {
      body { margin: 0; font-size: 9pt; }
      tr, li { page-break-inside: avoid; }
      h2 { page-break-after: avoid; }
    }
    """

  private func summary(_ report: BoardReport) -> String {
    var html = "<h2>Summary</h2>\n<table>\n<caption>Alerts by severity</caption>\n"
    html += "<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Alerts</th></tr></thead>\n<tbody>\n"
    for (severity, count) in report.severityCounts {
      html += "<tr><th scope=\"row\">\(severity.rawValue)</th><td class=\"number\">\(count)</td></tr>\n"
    }
    html += "</tbody>\n</table>\n<table>\n<caption>By section</caption>\n<thead><tr>"
    html += ["Section", "Workstreams", "Red", "Amber", "Alerts"].map { "<th scope=\"col\">\($0)</th>" }.joined()
    html += "</tr></thead>\n<tbody>\n"
    for section in report.sections {
      html +=
        "<tr><th scope=\"row\">\(section.name.markupEscaped)</th>"
        + [section.workstreams, section.red, section.amber, section.alerts].map { "<td class=\"number\">\($0)</td>" }
        .joined() + "</tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func dashboard(_ report: BoardReport) -> String {
    let dimensions = report.workstreams.first?.dimensions.map(\.name) ?? []
    var html = "<h2>Workstreams</h2>\n<table>\n<thead><tr>"
    html += (["Workstream", "Section", "Overall", "Previous", "Trend"] + dimensions.map(\.capitalized) + ["Alerts"])
      .map { "<th scope=\"col\">\($0.markupEscaped)</th>" }.joined()
    html += "</tr></thead>\n<tbody>\n"
    for row in report.workstreams {
      let name = [row.id, row.name].compactMap { $0 }.joined(separator: " ")
      html += "<tr><th scope=\"row\">\(name.markupEscaped)</th><td>\((row.section ?? "").markupEscaped)</td>"
      html += cell(row.overall) + cell(row.previous) + "<td>\(row.trend.rawValue)</td>"
      html += row.dimensions.map { cell($0.rating) }.joined()
      html += "<td>" + alerts(row.alerts.map { ($0, nil) }) + "</td></tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func queue(_ queue: EscalationQueue) -> String {
    var html = "<h2>Escalation queue</h2>\n"
    if queue.forums.isEmpty { html += "<p>Nothing to escalate.</p>\n" }
    for forum in queue.forums {
      html += "<h3>\(forum.forum.markupEscaped)</h3>\n<table>\n<thead><tr>"
      html += ["Workstream", "Severity", "Status", "Since", "Next board", "Already escalated", "Reasons"]
        .map { "<th scope=\"col\">\($0)</th>" }.joined()
      html += "</tr></thead>\n<tbody>\n"
      for entry in forum.entries {
        let name = [entry.id, entry.name].compactMap { $0 }.joined(separator: " ")
        html += "<tr><th scope=\"row\">\(name.markupEscaped)</th>"
        html += "<td class=\"severity-\(entry.severity.rawValue)\">\(entry.severity.rawValue)</td>"
        html += "<td>\(entry.lifecycle.rawValue)</td><td>\((entry.since ?? "").markupEscaped)</td>"
        html += "<td>\(entry.context.nextBoard?.longText ?? "")</td><td>\(entry.alreadyEscalated ? "yes" : "no")</td>"
        html += "<td>" + alerts(entry.alerts.map { ($0.alert, $0.suppressedBy) }) + "</td></tr>\n"
      }
      html += "</tbody>\n</table>\n"
    }
    return html
  }

  private func alerts(_ alerts: [(alert: Alert, suppressedBy: String?)]) -> String {
    guard !alerts.isEmpty else { return "" }
    let items = alerts.map { alert, suppressedBy in
      "<li><span class=\"severity-\(alert.severity.rawValue)\">\(alert.severity.rawValue)</span> "
        + "<strong>\(alert.rule.markupEscaped)</strong>: \(alert.message.markupEscaped)"
        + (suppressedBy.map { " <em>(suppressed by \($0.markupEscaped))</em>" } ?? "") + "</li>"
    }
    return "<ul class=\"alerts\">" + items.joined() + "</ul>"
  }

  /// A rating as coloured text: the colour helps, the word carries the meaning.
  private func cell(_ rag: RAG?) -> String {
    guard let rag else { return "<td></td>" }
    let name: String =
      switch rag {
      case .red: "red"
      case .amberRed: "amber-red"
      case .amber: "amber"
      case .amberGreen: "amber-green"
      case .green: "green"
      case .grey: "grey"
      case .notApplicable: "na"
      }
    return "<td class=\"rag rag-\(name)\">\(rag.rawValue.markupEscaped)</td>"
  }
}
