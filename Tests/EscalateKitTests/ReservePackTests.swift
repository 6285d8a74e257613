import EscalateKit
import Foundation
import Testing

/// The second shipped pack, `rules/reserve/`, on the reserve bids transcribed from the 2020
/// transformation-reserve monitoring report (examples/reserve-bids-2020.csv).
@Suite struct ReservePackTests {
  static let arguments = ["--rules", "rules/reserve", "--as-of", "2020-04-23", "examples/reserve-bids-2020.csv"]

  @Test func thePackChecksCleanlyAgainstItsOwnSchema() throws {
    let (pack, loadDiagnostics) = RulePack.load(path: Repository.path("rules/reserve"))
    #expect(loadDiagnostics.isEmpty)
    let (ruleSet, diagnostics) = try #require(pack).check()
    #expect(diagnostics.isEmpty)
    let rules = try #require(ruleSet)
    #expect(rules.schema.name == "reserve-bid")
    #expect(
      rules.rules.map(\.id) == [
        "spend-over-approved", "underspend-to-return", "negative-balance", "open-without-spend",
        "proposed-for-cancellation", "benefits-not-delivered", "benefits-not-reported", "funding-increase-requested",
      ])
    for rule in rules.rules { #expect((rule.description ?? "").count > 40, "\(rule.id) needs a description") }
  }

  /// What a careful reader of the report flags (examples/EXPECTATIONS.md), as (bid, rule).
  @Test func theReportsFindingsAreFlagged() throws {
    let result = try CommandRunner.run(["check", "--format", "jsonl"] + Self.arguments)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    var found: Set<String> = []
    for line in result.stdout.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      found.insert("\(object["id"]!) \(object["rule"]!)")
    }
    #expect(
      found == [
        "OTR-FI-POCA unreadable-value", "OTR-YOUGOV benefits-not-delivered", "OTR-STAFF-SURVEY underspend-to-return",
        "OTR-OP-METEOR underspend-to-return", "OTR-OP-METEOR benefits-not-delivered",
        "OTR-MISPER-TOOL benefits-not-delivered", "OTR-IT-RD open-without-spend", "OTR-BWV-STORAGE open-without-spend",
        "OTR-PREDICT-DA proposed-for-cancellation", "OTR-ECDA benefits-not-reported",
        "OTR-FCR-HUB funding-increase-requested",
      ])
  }

  @Test func textOutputMatchesItsGoldenFile() throws {
    let result = try CommandRunner.run(["check"] + Self.arguments)
    #expect(result.status == 0)
    Golden.check(result.stdout, against: "seeds/reserve-bids-2020.txt")
  }

  @Test func validateReadsTheBidsThroughTheReserveSchema() throws {
    let result = try CommandRunner.run(["validate", "--rules", "rules/reserve", "examples/reserve-bids-2020.csv"])
    #expect(result.status == 2)
    #expect(
      result.stdout == """
        examples/reserve-bids-2020.csv:5:94: error: cannot read '£251,947 Bid revised to £70,079' in column 'approved' as an amount of money [unreadable-value]
          hint: amounts are one figure such as £1.977m, £136K, £120,000, 1735728, (5,000) or nil
        examples/reserve-bids-2020.csv: 18 records, 1 unreadable cell in approved

        """)
  }
}
