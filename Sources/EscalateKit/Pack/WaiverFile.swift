import Foundation

/// A file of `waive` blocks kept apart from the pack, as `--waivers FILE` reads it.
public enum WaiverFile {
  /// Reads and checks the waivers at `path` against the rules of `ruleSet`. Anything but
  /// `waive` blocks in the file is an error, so a rule cannot slip in through it.
  public static func load(path: String, ruleSet: RuleSet) -> (waivers: [Waiver], diagnostics: [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self)
    else {
      return ([], [Diagnostic(.unreadableFile, "cannot read waivers file '\(path)'", at: nil)])
    }
    let file = SourceFile(path: path, text: text)
    let (syntax, parseDiagnostics) = Parser.parse(file)
    var diagnostics = parseDiagnostics
    for declaration in syntax.declarations {
      let start: Int
      switch declaration {
      case .waiver: continue
      case .rule(let rule): start = rule.range.lowerBound
      case .const(let constant): start = constant.name.range.lowerBound
      case .schema(let schema): start = schema.name.range.lowerBound
      case .forum(let forum): start = forum.name.range.lowerBound
      case .forumGroup(let group): start = group.name.range.lowerBound
      }
      diagnostics.append(
        Diagnostic(
          .unexpectedToken, "a waivers file holds only 'waive' blocks",
          at: SourceRange(file: file, bytes: start..<start),
          hint: "put rules, constants, schemas and forums in the rule pack"))
    }
    let (waivers, checkDiagnostics) = WaiverChecker.check(
      [syntax], knownRules: Set(ruleSet.rules.map(\.id)).union(RuleSet.engineRules))
    return (waivers, (diagnostics + checkDiagnostics).sortedByLocation())
  }
}
