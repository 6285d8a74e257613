import EscalateKit
import Foundation
import Testing

/// The default pack ships twice, as `rules/` for people and embedded in the binary; they must
/// be the same text, and the pack must be what the issue and `rules.md` promise.
@Suite struct DefaultPackTests {
  @Test func embeddedCopyEqualsTheRulesDirectory() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Repository.path("rules"))
      .filter { $0.hasSuffix(".rules") }.sorted()
    #expect(names == DefaultPack.texts.keys.sorted(), "run scripts/embed-rules")
    for name in names {
      let onDisk = try Repository.read("rules/" + name)
      #expect(
        DefaultPack.texts[name] == onDisk, "rules/\(name) differs from the embedded copy: run scripts/embed-rules")
    }
  }

  @Test func packHasTheTwelveRulesEachDescribed() throws {
    let (ruleSet, diagnostics) = RulePack.builtIn.check()
    #expect(diagnostics.isEmpty)
    let rules = try #require(ruleSet).rules
    let expected: [String: Severity] = [
      "red-needs-senior-forum": .critical, "benefits-below-target": .warning, "forecast-overspend": .warning,
      "savings-shortfall": .warning, "rag-worsened": .warning, "red-dimension-under-green": .error,
      "stale-update": .warning, "grey-overdue": .warning, "ambers-under-green": .warning, "missing-narrative": .info,
      "missing-rating": .error, "dimension-worsened": .warning,
    ]
    #expect(Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0.severity) }) == expected)
    for rule in rules {
      #expect((rule.description ?? "").count > 40, "rule \(rule.id) needs a description saying why it matters")
    }
  }
}
