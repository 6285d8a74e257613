import Foundation

/// Reads and writes the state file of `--state`: a JSON array with one alert per line, sorted by
/// fingerprint, so a change between runs reads as a small diff.
public enum QueueStateFile {
  /// The state in `path`; an empty state when the file does not exist yet.
  public static func read(path: String) -> (state: QueueState?, diagnostics: [Diagnostic]) {
    guard FileManager.default.fileExists(atPath: path) else { return (QueueState(alerts: []), []) }
    guard let data = FileManager.default.contents(atPath: path) else {
      return (nil, [Diagnostic(.unreadableFile, "cannot read state file '\(path)'", at: nil)])
    }
    var reader = JSONRecordReader(bytes: [UInt8](data))
    var alerts: [StoredAlert] = []
    do throws(JSONError) {
      while let record = try reader.next() {
        var cells: [String: String] = [:]
        for field in record.fields {
          if case .string(let text) = field.cell { cells[field.name] = text }
        }
        guard let fingerprint = cells["fingerprint"], let rule = cells["rule"], let id = cells["id"],
          let forum = cells["forum"], let severity = cells["severity"].flatMap(Severity.init(rawValue:)),
          let firstSeen = cells["first_seen"].flatMap({ Day(iso: $0) }),
          let lastSeen = cells["last_seen"].flatMap({ Day(iso: $0) })
        else {
          return (
            nil,
            [
              Diagnostic(
                .malformedJSON, "this state entry lacks a field or has one that cannot be read",
                at: .file(path: path, line: record.line, column: 1),
                hint: "entries need fingerprint, rule, id, forum, severity, first_seen and last_seen; "
                  + "delete the file to start afresh")
            ]
          )
        }
        alerts.append(
          StoredAlert(
            fingerprint: fingerprint, rule: rule, id: id, forum: forum, severity: severity,
            message: cells["message"] ?? "", firstSeen: firstSeen, lastSeen: lastSeen))
      }
    } catch {
      return (
        nil, [Diagnostic(.malformedJSON, error.message, at: .file(path: path, line: error.line, column: error.column))]
      )
    }
    return (QueueState(alerts: alerts), [])
  }

  /// The file's text for `state`.
  public static func text(_ state: QueueState) -> String {
    var writer = JSONWriter()
    writer.raw("[")
    for (index, alert) in state.alerts.enumerated() {
      writer.raw(index == 0 ? "\n  " : ",\n  ")
      writer.object([
        ("fingerprint", { $0.string(alert.fingerprint) }), ("rule", { $0.string(alert.rule) }),
        ("id", { $0.string(alert.id) }), ("forum", { $0.string(alert.forum) }),
        ("severity", { $0.string(alert.severity.rawValue) }), ("first_seen", { $0.string(alert.firstSeen.isoText) }),
        ("last_seen", { $0.string(alert.lastSeen.isoText) }), ("message", { $0.string(alert.message) }),
      ])
    }
    writer.raw(state.alerts.isEmpty ? "]\n" : "\n]\n")
    return writer.text
  }

  /// Writes `state` to `path` atomically: a reader never sees half a file, and a failed write
  /// leaves the old state in place.
  public static func write(_ state: QueueState, to path: String) -> Diagnostic? {
    AtomicFileWriter.replace(path, with: text(state), noun: "state file")
  }
}
