import Foundation

/// The rule files of a pack, read from disk or from the copy of `rules/` built into escalate.
public struct RulePack: Sendable {
  /// The files in the order their rules run: sorted by name.
  public var files: [SourceFile]

  /// Creates a pack from files already in memory.
  public init(files: [SourceFile]) {
    self.files = files
  }

  /// The default pack, from the copy embedded in the binary, so `escalate` works from any
  /// directory. Its files are shown as `<default>/NAME.rules`.
  public static var builtIn: RulePack {
    RulePack(files: DefaultPack.files.map { SourceFile(path: "<default>/\($0.name)", text: $0.text) })
  }

  /// Reads a pack: a single rule file, or every `*.rules` file directly inside a directory
  /// (subdirectories are other packs and are not read).
  public static func load(path: String) -> (pack: RulePack?, diagnostics: [Diagnostic]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return (nil, [Diagnostic(.unreadableFile, "cannot read rules '\(path)': no such file or directory", at: nil)])
    }
    var paths = [path]
    if isDirectory.boolValue {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      let prefix = path.hasSuffix("/") ? path : path + "/"
      paths = names.filter { $0.hasSuffix(".rules") }.sorted().map { prefix + $0 }
      if paths.isEmpty {
        return (nil, [Diagnostic(.emptyPack, "no *.rules files in '\(path)'", at: nil)])
      }
    }
    var files: [SourceFile] = []
    var diagnostics: [Diagnostic] = []
    for file in paths {
      guard let data = FileManager.default.contents(atPath: file) else {
        diagnostics.append(Diagnostic(.unreadableFile, "cannot read rule file '\(file)'", at: nil))
        continue
      }
      guard let text = String(validating: data, as: UTF8.self) else {
        diagnostics.append(Diagnostic(.unreadableFile, "rule file '\(file)' is not valid UTF-8", at: nil))
        continue
      }
      files.append(SourceFile(path: file, text: text))
    }
    return (diagnostics.isEmpty ? RulePack(files: files) : nil, diagnostics)
  }

  /// Parses and checks the pack, applying parameter overrides.
  public func check(
    schema: Schema = .workstream, overrides: [ParameterOverride] = []
  ) -> (ruleSet: RuleSet?, diagnostics: [Diagnostic]) {
    var syntax: [RuleFileSyntax] = []
    var diagnostics: [Diagnostic] = []
    for file in files {
      let parsed = Parser.parse(file)
      syntax.append(parsed.syntax)
      diagnostics += parsed.diagnostics
    }
    // The checker runs even after parse errors, so one run reports every error; what did not
    // parse is absent from the tree (or kept as a name only) and so adds no second error.
    var checked = Checker.check(syntax, schema: schema, overrides: overrides)
    // A rule that failed to parse is still a rule: the pack is not empty, only broken.
    if diagnostics.hasErrors { checked.diagnostics.removeAll { $0.id == .emptyPack } }
    let all = (diagnostics + checked.diagnostics).sortedByLocation()
    return (all.hasErrors ? nil : checked.ruleSet, all)
  }
}
