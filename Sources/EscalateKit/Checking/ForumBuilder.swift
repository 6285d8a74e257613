/// Collects a pack's `forum` and `forum group` declarations into ``Forums``, reporting
/// duplicates, unknown members and more than one default.
struct ForumBuilder {
  var diagnostics: [Diagnostic] = []

  mutating func build(_ files: [RuleFileSyntax]) -> Forums {
    var forums: [Forums.Forum] = []
    var seen: [String: SourceRange] = [:]
    var defaultForum: String?
    var groups: [String: [String]] = [:]
    for file in files {
      for case .forum(let decl) in file.declarations {
        let key = decl.name.value.lowercased()
        if let first = seen[key] {
          let (line, column) = first.start
          report(
            .duplicateName, "forum '\(decl.name.value)' is declared twice", file.file, decl.name.range,
            hint: "first declared at \(first.file.path):\(line):\(column)")
          continue
        }
        seen[key] = SourceRange(file: file.file, bytes: decl.name.range)
        forums.append(Forums.Forum(name: decl.name.value, level: decl.level, isSenior: decl.isSenior))
        if decl.isDefault {
          if let existing = defaultForum {
            report(
              .duplicateClause, "forums '\(existing)' and '\(decl.name.value)' are both marked default", file.file,
              decl.name.range, hint: "alerts that name no forum go to one default forum")
          } else {
            defaultForum = decl.name.value
          }
        }
      }
    }
    for file in files {
      for case .forumGroup(let decl) in file.declarations {
        if seen[decl.name.value.lowercased()] != nil {
          report(.duplicateName, "forum group '\(decl.name.value)' has the name of a forum", file.file, decl.name.range)
          continue
        }
        for member in decl.members where seen[member.value.lowercased()] == nil {
          report(
            .unknownForum, "unknown forum '\(member.value)' in group '\(decl.name.value)'", file.file, member.range,
            hint: Suggestion.hint(for: member.value, in: forums.map(\.name)))
        }
        groups[decl.name.value] = decl.members.map(\.value)
      }
    }
    return Forums(forums: forums, defaultForum: defaultForum, groups: groups)
  }

  private mutating func report(
    _ id: DiagnosticID, _ message: String, _ file: SourceFile, _ range: Range<Int>, hint: String? = nil
  ) {
    diagnostics.append(Diagnostic(id, message, at: SourceRange(file: file, bytes: range), hint: hint))
  }
}
