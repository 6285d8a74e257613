/// `--format github`: GitHub Actions workflow commands, one per alert, which the runner shows as
/// annotations on the data file's line.
///
/// ```
/// ::error file=returns/2024-q3.csv,line=12,title=red-needs-senior-forum::Alpha is Red overall ...
/// ```
public struct GitHubRenderer: AlertRenderer {
  /// Creates the renderer.
  public init() {}

  /// One `::error`, `::warning` or `::notice` line per alert, in input order.
  public func render(_ report: CheckReport) -> String {
    var text = ""
    for alert in report.alerts {
      let properties = [
        "file=\(property(alert.source.path))", "line=\(alert.source.line)",
        "title=\(property("\(alert.rule) (\(alert.recordID))"))",
      ]
      text += "::\(command(for: alert.severity)) \(properties.joined(separator: ","))::\(data(alert.message))\n"
    }
    return text
  }

  private func command(for severity: Severity) -> String {
    switch severity {
    case .critical, .error: "error"
    case .warning: "warning"
    case .info: "notice"
    }
  }

  /// Message text: `%`, CR and LF would end or corrupt the command, so they are encoded.
  private func data(_ text: String) -> String {
    encoded(text, alsoEncoding: [])
  }

  /// A property value: as data, and `:` and `,` too, which separate properties.
  private func property(_ text: String) -> String {
    encoded(text, alsoEncoding: [":", ","])
  }

  /// Works on scalars, not characters: a `,` followed by a combining mark is one `Character`,
  /// which a string replacement would pass over, but GitHub still reads the `,`.
  private func encoded(_ text: String, alsoEncoding separators: Set<Unicode.Scalar>) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": result += "%25"
      case "\r": result += "%0D"
      case "\n": result += "%0A"
      case _ where separators.contains(scalar): result += "%" + String(scalar.value, radix: 16, uppercase: true)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
