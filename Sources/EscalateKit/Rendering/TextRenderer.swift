/// `--format text`: alerts grouped by record, the most severe records first, then a summary.
///
/// ```
/// COL-015  National ANPR Service (NAS)  2019-Q2  examples/quarterly-2019-q2.csv:16
///   critical  red-needs-senior-forum  National ANPR Service (NAS) is Red overall but ... [to senior forum]
/// ```
public struct TextRenderer: AlertRenderer {
  /// Creates the renderer.
  public init() {}

  /// The records with alerts, most severe first, then the summary line; escaped for a terminal.
  public func render(_ report: CheckReport) -> String {
    var groups: [RecordSource: [Alert]] = [:]
    var order: [RecordSource] = []
    for alert in report.alerts {
      if groups[alert.source] == nil { order.append(alert.source) }
      groups[alert.source, default: []].append(alert)
    }
    let ranked = order.enumerated().map { (position: $0.offset, source: $0.element) }
      .sorted { a, b in
        let (sa, sb) = (maxSeverity(groups[a.source]!), maxSeverity(groups[b.source]!))
        return sa != sb ? sa > sb : a.position < b.position
      }
    let ruleWidth = report.alerts.map(\.rule.count).max() ?? 0
    var text = ""
    for (_, source) in ranked {
      let alerts = groups[source]!.sorted { a, b in
        a.severity != b.severity ? a.severity > b.severity : a.ruleIndex < b.ruleIndex
      }
      let first = alerts[0]
      let heading = [first.recordID, first.name, first.period, "\(source.path):\(source.line)"].compactMap { $0 }
      text += heading.joined(separator: "  ") + "\n"
      for alert in alerts {
        let severity = alert.severity.rawValue.padding(to: 8)
        let rule = alert.rule.padding(to: ruleWidth)
        let forum = alert.forum.map { " [to \($0)]" } ?? ""
        text += "  \(severity)  \(rule)  \(singleLine(alert.message))\(forum)\n"
      }
      text += "\n"
    }
    text += summaryLine(report) + "\n"
    return TerminalEscaping.escape(text)
  }

  private func maxSeverity(_ alerts: [Alert]) -> Severity {
    alerts.map(\.severity).max() ?? .info
  }

  /// Messages can quote multi-line cells; one alert stays on one line of a terminal.
  private func singleLine(_ text: String) -> String {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
  }

  func summaryLine(_ report: CheckReport) -> String {
    let summary = report.summary
    var records = "\(report.records) record\(report.records == 1 ? "" : "s")"
    if report.workstreams != report.records {
      records += " of \(report.workstreams) workstream\(report.workstreams == 1 ? "" : "s")"
    }
    let rules = "\(report.rules) rule\(report.rules == 1 ? "" : "s")"
    let head = "\(records) checked against \(rules) as of \(report.reportDate.longText)"
    guard summary.total > 0 else { return head + ": no alerts" }
    let counts = Severity.allCases.reversed().compactMap { severity in
      summary.counts[severity].map { "\($0) \(severity.rawValue)" }
    }
    return head + ": \(summary.total) alert\(summary.total == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
