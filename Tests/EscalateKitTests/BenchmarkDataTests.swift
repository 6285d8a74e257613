import EscalateKit
import Foundation
import Testing

/// The acceptance test of the default pack: on the benchmark's generated 10k file, escalate
/// must raise exactly the alerts that seven independent engines agree on.
@Suite struct BenchmarkDataTests {
  @Test func defaultPackMatchesTheReferenceAlertForAlert() throws {
    let result = CheckCommand.run(
      CheckOptions(
        reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [Repository.fixture("bench-10k/data.csv")]))
    #expect(result.exitCode == 0)
    #expect(result.diagnostics.isEmpty)

    let expected = try String(contentsOfFile: Repository.fixture("bench-10k/expected.tsv"), encoding: .utf8)
      .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    var actual: [String] = []
    for line in result.output.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      // The pack's rules beyond the benchmark's ten never fire on its data: it never lacks a
      // rating and has one period per workstream.
      #expect(!["missing-rating", "dimension-worsened"].contains(object["rule"] as? String))
      actual.append("\(object["id"]!)\t\(object["rule"]!)\t\(object["severity"]!)")
    }
    #expect(actual.count == 10_269)
    #expect(actual.sorted() == expected.sorted())
  }
}
