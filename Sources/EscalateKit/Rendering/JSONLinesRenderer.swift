/// `--format jsonl`: one alert object per line, in input order, for streaming into other tools.
public struct JSONLinesRenderer: AlertRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ report: CheckReport) -> String {
    var writer = JSONWriter()
    for alert in report.alerts {
      writer.alert(alert)
      writer.raw("\n")
    }
    return writer.text
  }
}
