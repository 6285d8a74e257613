import Foundation

/// `escalate fmt`: rewrites rule files in the canonical layout of ``RuleFormatter``, or with
/// `check`, only lists the files that are not in it.
public enum FormatCommand {
  /// Formats every rule file at `paths`: a file as given, or every `*.rules` file under a
  /// directory, subdirectories included, in name order (hidden ones are skipped).
  ///
  /// The output lists the files that were rewritten, or with `check` would be, one path per line.
  /// Each is rewritten atomically, and only when its text changes. A file with syntax errors is
  /// never rewritten: its diagnostics are returned and the other files are still formatted.
  ///
  /// Exit status: 0 when every file is (now) formatted; with `check`, 1 when a file would
  /// change; 2, whatever else, when a file could not be read, parsed or written.
  public static func run(paths: [String], check: Bool) -> CommandResult {
    var diagnostics: [Diagnostic] = []
    var files: [String] = []
    var seen: Set<String> = []
    for path in paths {
      let found = ruleFiles(at: path)
      diagnostics += found.diagnostics
      // A file named twice, directly or inside a directory, is formatted once.
      files += found.files.filter { seen.insert($0).inserted }
    }
    var changed: [String] = []
    for path in files {
      guard let file = read(path, into: &diagnostics) else { continue }
      switch RuleFormatter.format(file) {
      case .failure(let failure):
        diagnostics += failure.diagnostics
      case .success(let text):
        guard Array(text.utf8) != file.bytes else { continue }
        if !check, let problem = AtomicFileWriter.replace(path, with: text, noun: "rule file") {
          diagnostics.append(problem)
          continue
        }
        changed.append(path)
      }
    }
    let exitCode: Int32 = diagnostics.hasErrors ? 2 : check && !changed.isEmpty ? 1 : 0
    return CommandResult(output: changed.map { $0 + "\n" }.joined(), diagnostics: diagnostics, exitCode: exitCode)
  }

  /// The file at `path`, or the `*.rules` files under the directory at `path`, sorted.
  private static func ruleFiles(at path: String) -> (files: [String], diagnostics: [Diagnostic]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return ([], [Diagnostic(.unreadableFile, "cannot read rules '\(path)': no such file or directory", at: nil)])
    }
    guard isDirectory.boolValue else { return ([path], []) }
    let prefix = path.hasSuffix("/") ? path : path + "/"
    var relative: [String] = []
    let entries = FileManager.default.enumerator(atPath: path)
    while let entry = entries?.nextObject() as? String {
      let name = (entry as NSString).lastPathComponent
      // Hidden directories such as .build and .git hold copies and history, not the pack.
      if name.hasPrefix(".") {
        entries?.skipDescendants()
        continue
      }
      var isDirectory: ObjCBool = false
      if name.hasSuffix(".rules"), FileManager.default.fileExists(atPath: prefix + entry, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        relative.append(entry)
      }
    }
    guard !relative.isEmpty else {
      return ([], [Diagnostic(.emptyPack, "no *.rules files in '\(path)'", at: nil)])
    }
    return (relative.sorted().map { prefix + $0 }, [])
  }

  /// The rule file at `path`, or nil after reporting why it cannot be read.
  private static func read(_ path: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
    guard let data = FileManager.default.contents(atPath: path) else {
      diagnostics.append(Diagnostic(.unreadableFile, "cannot read rule file '\(path)'", at: nil))
      return nil
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      diagnostics.append(Diagnostic(.unreadableFile, "rule file '\(path)' is not valid UTF-8", at: nil))
      return nil
    }
    return SourceFile(path: path, text: text)
  }
}
