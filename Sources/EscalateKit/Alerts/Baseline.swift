import Foundation

/// Today's alerts, recorded so that a CI gate fails only on alerts that are not among them, as
/// SwiftLint's and Ruff's baselines do.
public struct Baseline: Sendable, Equatable {
  /// One recorded alert.
  public struct Entry: Sendable, Equatable {
    /// The alert's ``Alert/fingerprint``, the only part the comparison matches on.
    public var fingerprint: String
    /// The id of the rule that fired.
    public var rule: String
    /// The id of the record it fired on.
    public var id: String
    /// The alert's message when recorded, for people reading the file; empty when it has none.
    public var message: String
  }

  /// Entries sorted by fingerprint.
  public var entries: [Entry]

  /// The baseline of `alerts`.
  public init(alerts: [Alert]) {
    var seen: Set<String> = []
    entries = alerts.compactMap { alert in
      guard seen.insert(alert.fingerprint).inserted else { return nil }
      return Entry(fingerprint: alert.fingerprint, rule: alert.rule, id: alert.recordID, message: alert.message)
    }.sorted { $0.fingerprint < $1.fingerprint }
  }

  init(entries: [Entry]) {
    self.entries = entries
  }

  /// The alerts not in the baseline, and the baseline's entries that no longer fire.
  public func compare(_ alerts: [Alert]) -> (new: [Alert], gone: [Entry]) {
    let known = Set(entries.map(\.fingerprint))
    let firing = Set(alerts.map(\.fingerprint))
    return (alerts.filter { !known.contains($0.fingerprint) }, entries.filter { !firing.contains($0.fingerprint) })
  }

  /// The baseline file: a JSON array with one entry per line, so a shrinking baseline reads as a
  /// small diff.
  public var text: String {
    var text = "["
    for (index, entry) in entries.enumerated() {
      var writer = JSONWriter()
      writer.object([
        ("fingerprint", { $0.string(entry.fingerprint) }), ("rule", { $0.string(entry.rule) }),
        ("id", { $0.string(entry.id) }), ("message", { $0.string(entry.message) }),
      ])
      text += (index == 0 ? "\n  " : ",\n  ") + writer.text
    }
    return text + (entries.isEmpty ? "]\n" : "\n]\n")
  }

  /// Reads a baseline file written by `escalate baseline`.
  public static func read(path: String) -> (baseline: Baseline?, diagnostics: [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      return (nil, [Diagnostic(.unreadableFile, "cannot read baseline file '\(path)'", at: nil)])
    }
    var reader = JSONRecordReader(bytes: [UInt8](data))
    var entries: [Entry] = []
    do throws(JSONError) {
      while let record = try reader.next() {
        var cells: [String: String] = [:]
        for field in record.fields {
          if case .string(let text) = field.cell { cells[field.name] = text }
        }
        guard let fingerprint = cells["fingerprint"], let rule = cells["rule"], let id = cells["id"] else {
          return (
            nil,
            [
              Diagnostic(
                .malformedJSON, "this baseline entry lacks its fingerprint, rule or id",
                at: .file(path: path, line: record.line, column: 1), hint: "write the baseline with 'escalate baseline'"
              )
            ]
          )
        }
        entries.append(Entry(fingerprint: fingerprint, rule: rule, id: id, message: cells["message"] ?? ""))
      }
    } catch {
      return (
        nil, [Diagnostic(.malformedJSON, error.message, at: .file(path: path, line: error.line, column: error.column))]
      )
    }
    return (Baseline(entries: entries), [])
  }
}
