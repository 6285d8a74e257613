import Foundation

/// Which records of the data files changed since a git revision, so a CI gate can fail only on
/// what a change brought.
public enum ChangedRecords {
  /// The sources (file and line) of every record that is new or different in the working copy
  /// compared with `revision`. A file that did not exist at the revision is all new.
  public static func find(
    since revision: String, paths: [String], ruleSet: RuleSet, data: DataOptions
  ) -> (records: Set<RecordSource>?, diagnostics: [Diagnostic]) {
    var changed: Set<RecordSource> = []
    let schema = ruleSet.schema
    let columns = ruleSet.usedColumns
    for path in paths {
      guard path != "-" else {
        return (nil, [Diagnostic(.gitFailed, "--changed-since cannot compare standard input with a revision", at: nil)])
      }
      let (old, problem) = oldVersion(of: path, at: revision)
      if let problem { return (nil, [problem]) }
      var before: Set<String> = []
      if let old {
        let temporary = FileManager.default.temporaryDirectory
          .appendingPathComponent("escalate-\(UUID().uuidString)-\((path as NSString).lastPathComponent)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        guard (try? old.write(to: temporary)) != nil else {
          return (nil, [Diagnostic(.gitFailed, "cannot write a temporary copy of '\(path)'", at: nil)])
        }
        _ = DataFile.read(path: temporary.path, schema: schema, columns: columns, options: data) { decoded in
          before.insert(key(decoded.record))
          return []
        }
      }
      _ = DataFile.read(path: path, schema: schema, columns: columns, options: data) { decoded in
        if !before.contains(key(decoded.record)) { changed.insert(decoded.record.source) }
        return []
      }
    }
    return (changed, [])
  }

  /// A record's content, without where it is: reordering rows changes nothing.
  private static func key(_ record: Record) -> String {
    record.values.map { "\($0)" }.joined(separator: "\u{1F}")
  }

  /// The file's content at `revision`, nil when it did not exist there.
  private static func oldVersion(of path: String, at revision: String) -> (Data?, Diagnostic?) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory.path, "show", "\(revision):./\(url.lastPathComponent)"]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      return (nil, Diagnostic(.gitFailed, "cannot run git: \(error.localizedDescription)", at: nil))
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if process.terminationStatus == 0 { return (data, nil) }
    // git says "exists on disk, but not in" or "does not exist in" for a file the revision lacks.
    if message.contains("exists on disk, but not in") || message.contains("does not exist in") { return (nil, nil) }
    let reason = message.split(separator: "\n").first.map(String.init) ?? "git exited with \(process.terminationStatus)"
    return (
      nil,
      Diagnostic(
        .gitFailed, "cannot read '\(path)' at revision '\(revision)': \(reason)", at: nil,
        hint: "--changed-since needs the data files in a git repository and a revision it knows")
    )
  }
}
