import Foundation

/// Checks parsed tests against the pack they test: every rule an expectation or override names
/// exists, every override has a parameter of that name and a value of its type, and every
/// records file exists. Each error points at the test file.
enum RuleTestChecker {
  static func check(_ file: RuleTestFile, pack: RulePack, ruleSet: RuleSet) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let rules = ruleSet.rules.map(\.id)
    let known = Set(rules).union(RuleSet.engineRules)
    func unknownRule(_ id: String, at range: SourceRange) -> Diagnostic {
      Diagnostic(
        .unknownRule, "unknown rule '\(id)'", at: range,
        hint: Suggestion.hint(for: id, in: rules + RuleSet.engineRules.sorted())
          ?? "the pack's rules are \(rules.joined(separator: ", "))")
    }
    for test in file.tests {
      for expectation in test.expectations where !known.contains(expectation.rule) {
        diagnostics.append(unknownRule(expectation.rule, at: expectation.ruleRange))
      }
      for item in test.overrides {
        guard let rule = ruleSet.rules.first(where: { $0.id == item.override.rule }) else {
          diagnostics.append(unknownRule(item.override.rule, at: item.ruleRange))
          continue
        }
        let names = rule.parameters.map(\.name)
        guard names.contains(item.override.name) else {
          diagnostics.append(
            Diagnostic(
              .unknownParameter, "rule '\(rule.id)' has no parameter '\(item.override.name)'", at: item.nameRange,
              hint: Suggestion.hint(for: item.override.name, in: names)
                ?? (names.isEmpty
                  ? "rule '\(rule.id)' has no parameters" : "its parameters are \(names.joined(separator: ", "))")))
          continue
        }
        diagnostics += pack.check(overrides: [item.override]).diagnostics.filter { $0.severity == .error }.map {
          relocate($0, to: item)
        }
      }
      if case .files(let files) = test.records {
        for entry in files {
          let path = TestDataWriter.resolve(entry.path, relativeTo: file.source.path)
          var isDirectory: ObjCBool = false
          let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
          guard !exists || isDirectory.boolValue else { continue }
          diagnostics.append(
            Diagnostic(
              .unreadableFile,
              "cannot read records file '\(path)': \(exists ? "it is a directory" : "no such file")", at: entry.range))
        }
      }
    }
    return diagnostics
  }

  /// An error in an override's value, which the pack reports in a file of its own named after
  /// `--param`, moved to the value in the test file.
  static func relocate(_ diagnostic: Diagnostic, to item: TestOverride) -> Diagnostic {
    var moved = diagnostic
    let value = item.valueRange
    guard case .source(let range) = diagnostic.location, range.file.path.hasPrefix("--param ") else {
      moved.location = .source(value)
      return moved
    }
    let start = min(value.bytes.lowerBound + range.bytes.lowerBound, value.bytes.upperBound)
    let end = min(value.bytes.lowerBound + range.bytes.upperBound, value.bytes.upperBound)
    moved.location = .source(SourceRange(file: value.file, bytes: start..<max(start, end)))
    return moved
  }
}
