import EscalateKit
import Foundation
import Testing

/// Portfolio rules: `rule ID for each COLUMN { ... }`, with aggregates over a group's workstreams.
@Suite struct PortfolioTests {
  static let header = "id,name,section,period,overall,budget,last_updated,owner,prev_overall\n"
  static let data =
    header + """
      A1,Alpha,Finance,2024-Q3,R,100,2024-09-01,Ann,
      A2,Beta,Finance,2024-Q3,A,£250,2024-08-01,,
      A3,Gamma,Finance,2024-Q3,G,,2024-07-01,Bo,
      B1,Delta,People,2024-Q3,G,50,2024-09-15,Cy,
      B2,Eps,People,2024-Q2,R,50,2024-06-01,Cy,
      B2,Eps,People,2024-Q3,G,60,2024-09-20,Cy,
      C1,Zeta,,2024-Q3,R,10,2024-09-01,Di,

      """

  static func messages(_ rule: String) throws -> [String] {
    let pack = try DataFileTests.temporaryFile(rule, name: "portfolio.rules")
    let path = try DataFileTests.temporaryFile(data, name: "returns.csv")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: pack, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [path]))
    #expect(result.exitCode == 0, "\(result.diagnostics.map(\.message))")
    return try result.output.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      return "\(object["id"]!): \(object["message"]!)"
    }
  }

  static func rule(_ condition: String, _ message: String) -> String {
    "rule p for each section {\n  severity warning\n  when \(condition)\n  message \"\(message)\"\n}\n"
  }

  @Test(arguments: [
    (
      "share(overall worse than Green) > 25%", "{share(overall worse than Green)} of {count()}",
      ["Finance: 66.67% of 3"]
    ),
    ("count(overall == Red) >= 1", "{count(overall == Red)} Red", ["Finance: 1 Red"]),
    ("true", "{sum(budget)}", ["Finance: £350", "People: £110"]),
    (
      "true", "{min(last_updated)} to {max(last_updated)}",
      ["Finance: 1 Jul 2024 to 1 Sep 2024", "People: 15 Sep 2024 to 20 Sep 2024"]
    ),
    ("any(owner is missing)", "an owner is missing", ["Finance: an owner is missing"]),
    ("all(overall == Green)", "all Green", ["People: all Green"]),
    ("sum(budget) > £300", "{section} spends {sum(budget)}", ["Finance: Finance spends £350"]),
    ("count(previous(overall) == Red) > 0", "was Red", ["People: was Red"]),
  ])
  func aggregatesOverEachGroup(condition: String, message: String, expected: [String]) throws {
    #expect(try Self.messages(Self.rule(condition, message)) == expected)
  }

  @Test func theAlertNamesTheGroupAndListsItsWorkstreams() throws {
    let pack = try DataFileTests.temporaryFile(Self.rule("count() > 2", "{count()} workstreams"), name: "p.rules")
    let path = try DataFileTests.temporaryFile(Self.data, name: "returns.csv")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: pack, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [path]))
    #expect(
      result.output.contains(
        #""id":"Finance","name":"section Finance","period":null,"message":"3 workstreams","forum":null"#))
    #expect(result.output.contains(#""evidence":{"section":"Finance","count()":3,"workstreams":["A1","A2","A3"]}"#))
  }

  @Test(arguments: [
    ("overall == Red", "s.rules:3:8 a portfolio rule reads 'overall' only inside an aggregate"),
    ("count(dimensions == Red) > 1", "s.rules:3:14 cannot compare List of RAG with RAG"),
    ("worsened(overall)", "s.rules:3:8 a portfolio rule uses worsened(...) only inside an aggregate"),
    ("share(budget) > 5%", "s.rules:3:14 share(...) needs a true/false condition, but this is Money"),
    ("sum(overall) > 1", "s.rules:3:12 cannot add up RAG values"),
    ("count(overall == Red, 1) > 1", "s.rules:3:8 count(...) takes one condition, but 2 were given"),
  ])
  func portfolioRulesAreChecked(condition: String, expected: String) {
    let (_, diagnostics) = RulePack(files: [SourceFile(path: "s.rules", text: Self.rule(condition, "m"))]).check()
    #expect(diagnostics.map { "\($0.locationText!) \($0.message)" } == [expected])
  }

  @Test func anUnknownGroupColumnIsReported() {
    let source = "rule p for each sectoin {\n  severity info\n  when true\n  message \"m\"\n}\n"
    let (_, diagnostics) = RulePack(files: [SourceFile(path: "s.rules", text: source)]).check()
    #expect(
      diagnostics.map { "\($0.locationText!) \($0.message) | \($0.hint!)" } == [
        "s.rules:1:17 unknown column 'sectoin' | did you mean 'section'?"
      ])
  }

  @Test func inAPortfolioRuleCountOverDimensionsIsTheQuantifierInsideAnAggregate() throws {
    let rule = Self.rule("count(count(dimensions == Red) >= 1) >= 0", "{count()}")
    let (_, diagnostics) = RulePack(files: [SourceFile(path: "s.rules", text: rule)]).check()
    #expect(diagnostics.isEmpty)
  }
}

extension PortfolioTests {
  @Test func portfolioAlertsRouteLikeAnyOther() throws {
    let rule = """
      forum "Governance Office" level 0 default
      forum SCCB level 2 senior
      rule p for each section {
        severity warning
        when share(overall == Red) >= 30%
        escalate to SCCB
        message "{section}: {share(overall == Red)} Red"
      }

      """
    let pack = try DataFileTests.temporaryFile(rule, name: "p.rules")
    let path = try DataFileTests.temporaryFile(Self.data, name: "returns.csv")
    let result = QueueCommand.run(
      QueueOptions(check: CheckOptions(rulesPath: pack, reportDate: Day(iso: "2024-10-01")!, dataPaths: [path])))
    #expect(result.output.contains("SCCB (level 2)\n  Finance  section Finance  [warning, new]\n"))
    #expect(result.output.contains("Finance: 33.33% Red (new)"))
  }
}
