import Testing

@testable import EscalateKit

/// Parts of a rule that read no record are computed once when the pack is compiled; which parts
/// qualify decides both speed and, for overflow, where an error is reported.
@Suite struct ConstantFoldingTests {
  static let cases: [(expression: String, readsNoRecord: Bool)] = [
    ("report_date - 90 days", true),
    ("1 + 5%", true),
    ("£1m * (1 + 5%)", true),
    ("upper(\"cog\")", true),
    ("[\"SCCB\", \"COG\"]", true),
    ("\"COG\" in [\"SCCB\", \"COG\"]", true),
    ("budget * (1 + 5%)", false),
    ("previous(overall)", false),
    ("count(dimensions == Amber)", false),
    ("name or id", false),
  ]

  @Test(arguments: cases)
  func whatReadsNoRecord(_ item: (expression: String, readsNoRecord: Bool)) throws {
    let ruleSet = try EvalHarness.ruleSet(EvalHarness.source(when: "true", message: "{\(item.expression)}"))
    guard case .value(let expr) = try #require(ruleSet.rules.first?.message.first) else {
      Issue.record("the message does not start with a value")
      return
    }
    #expect(Compiler.readsNoRecord(expr) == item.readsNoRecord)
  }

  /// Folded or not, a part gives the same value on every record.
  @Test func aFoldedPartHasItsValueOnEveryRecord() throws {
    let source = EvalHarness.source(
      when: "last_updated < report_date - 90 days", message: "{report_date - 90 days} {£1m * (1 + 5%)}")
    let compiled = try EvalHarness.compile(RulePack(files: [SourceFile(path: "f.rules", text: source)]))
    let outcome = try EvalHarness.evaluate(
      compiled, [["last_updated": "2024-01-01"], ["last_updated": "2024-09-30"], ["last_updated": "2023-05-05"]])
    #expect(outcome.alerts.map(\.message) == ["3 Jul 2024 £1,050,000", "3 Jul 2024 £1,050,000"])
  }

  /// `column OP constant` is compiled to compare the cell with the folded value directly;
  /// `constant MIRRORED-OP column` goes the general way, and the two must agree on every cell,
  /// missing ones included.
  @Test(arguments: [
    ("budget", ["", "100", "99", "£1.2m", "-5", "1000000"], ["£100", "£1m", "£0", "£1m * (1 + 5%)"], true),
    ("last_updated", ["2024-01-01", "2024-07-03", ""], ["report_date - 90 days", "report_date"], true),
    ("overall", ["R", "A", "G", "Grey", "N/A", ""], ["Red", "Green", "Amber"], false),
    ("name", ["x", "", "X"], ["\"x\""], false),
  ])
  func aColumnAgainstAConstantComparesAsTheGeneralWay(
    column: String, cells: [String], constants: [String], ordered: Bool
  ) throws {
    let mirrored =
      ordered
      ? [("==", "=="), ("!=", "!="), ("<", ">"), ("<=", ">="), (">", "<"), (">=", "<=")] : [("==", "=="), ("!=", "!=")]
    for cell in cells {
      for constant in constants {
        for (op, mirror) in mirrored {
          let direct = try EvalHarness.fires("\(column) \(op) \(constant)", [column: cell])
          let general = try EvalHarness.fires("\(constant) \(mirror) \(column)", [column: cell])
          #expect(direct == general, "\(column) = '\(cell)': \(column) \(op) \(constant)")
        }
      }
    }
  }

  /// Two columns compared, and a column tested for missing, are read directly too; wrapping a
  /// column in arithmetic or a function that keeps its value sends it the general way.
  @Test func columnsComparedOrTestedDirectlyAgreeWithTheGeneralWay() throws {
    let pairs = [
      ("forecast < budget", "forecast + £0 < budget"), ("forecast >= budget", "forecast + £0 >= budget"),
      ("forecast == budget", "forecast + £0 == budget"), ("forecast != budget", "forecast + £0 != budget"),
      ("budget is missing", "budget + £0 is missing"), ("budget is present", "budget + £0 is present"),
      ("name is missing", "lower(name) is missing"), ("name is present", "lower(name) is present"),
    ]
    for budget in ["", "100", "£1.2m"] {
      for forecast in ["", "99", "100", "1200000"] {
        for name in ["", "x"] {
          let cells = ["budget": budget, "forecast": forecast, "name": name]
          for (direct, general) in pairs {
            #expect(try EvalHarness.fires(direct, cells) == EvalHarness.fires(general, cells), "\(direct) on \(cells)")
          }
        }
      }
    }
  }
}
