/// `--format jsonl`: one alert object per line, in input order, for streaming into other tools.
public struct JSONLinesRenderer: AlertRenderer {
  /// Creates the renderer.
  public init() {}

  /// Each alert as a JSON object on a line of its own, in input order.
  public func render(_ report: CheckReport) -> String {
    var writer = JSONWriter()
    for alert in report.alerts { Self.write(alert, to: &writer) }
    return writer.text
  }

  /// One alert's line.
  static func write(_ alert: Alert, to writer: inout JSONWriter) {
    writer.alert(alert)
    writer.raw("\n")
  }

  /// A line for each alert of `batch`, written from it in place.
  static func write(_ batch: borrowing AlertBatch, to writer: inout JSONWriter) {
    writer.alertLines(of: batch)
  }
}
