/// Checks `waive` declarations: each needs a reason, who approved it and an expiry date, and
/// may only name rules the pack has.
enum WaiverChecker {
  static func check(_ files: [RuleFileSyntax], knownRules: Set<String>) -> (
    waivers: [Waiver], diagnostics: [Diagnostic]
  ) {
    var waivers: [Waiver] = []
    var diagnostics: [Diagnostic] = []
    for file in files {
      for case .waiver(let decl) in file.declarations {
        let at = SourceRange(file: file.file, bytes: decl.keyword)
        let missing = [
          decl.reason == nil ? "a reason" : nil, decl.approvedBy == nil ? "who approved it ('approved by')" : nil,
          decl.until == nil ? "an expiry date ('until')" : nil,
        ].compactMap { $0 }
        if !missing.isEmpty {
          let list =
            missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
          diagnostics.append(
            Diagnostic(
              .missingClause, "waiver lacks \(list)", at: at,
              hint: "a waiver needs 'reason \"...\"', 'approved by \"...\"' and 'until YYYY-MM-DD'"))
        }
        if let rule = decl.rule, !knownRules.contains(rule.value) {
          diagnostics.append(
            Diagnostic(
              .unknownRule, "waiver names unknown rule '\(rule.value)'",
              at: SourceRange(file: file.file, bytes: rule.range),
              hint: Suggestion.hint(for: rule.value, in: knownRules.sorted())))
          continue
        }
        guard let reason = decl.reason, let approvedBy = decl.approvedBy, let until = decl.until else { continue }
        let (line, _) = at.start
        waivers.append(
          Waiver(
            rule: decl.rule?.value, workstream: decl.workstream?.value, reason: reason, approvedBy: approvedBy,
            until: until, location: RecordSource(path: file.file.path, line: line)))
      }
    }
    return (waivers, diagnostics)
  }
}
