import Testing

@testable import EscalateKit

/// Arithmetic, fallbacks, functions, message formatting and overflow, through compiled rules.
@Suite struct EvaluatorArithmeticTests {
  // MARK: Arithmetic

  static let arithmeticTable: [EvalHarnessTextCase] = [
    // Money
    EvalHarnessTextCase("budget + forecast", ["budget": "1000", "forecast": "250.5"], "£1,250.50"),
    EvalHarnessTextCase("budget - forecast", ["budget": "1000", "forecast": "1500"], "-£500"),
    EvalHarnessTextCase("budget * 2", ["budget": "1000"], "£2,000"),
    EvalHarnessTextCase("2 * budget", ["budget": "1000"], "£2,000"),
    EvalHarnessTextCase("budget * (1 + 5%)", ["budget": "1000000"], "£1,050,000"),
    EvalHarnessTextCase("budget * (1 + 5%)", ["budget": "999999"], "£1,049,998.95"),
    EvalHarnessTextCase("budget * 105%", ["budget": "1977000"], "£2,075,850"),
    EvalHarnessTextCase("5% * budget", ["budget": "1977000"], "£98,850"),
    EvalHarnessTextCase("budget / 4", ["budget": "1000"], "£250"),
    EvalHarnessTextCase("budget / 3", ["budget": "1000"], "£333.33"),
    EvalHarnessTextCase("budget / 8", ["budget": "1"], "£0.12"),
    EvalHarnessTextCase("budget / 50%", ["budget": "1000"], "£2,000"),
    EvalHarnessTextCase("budget * -5%", ["budget": "1000"], "-£50"),
    EvalHarnessTextCase("£10 / 3 * 3", "£10"),
    EvalHarnessTextCase("forecast / budget", ["budget": "1000", "forecast": "1500"], "1.5"),
    EvalHarnessTextCase("forecast - budget * 105%", ["budget": "1000000", "forecast": "1050001"], "£1"),
    EvalHarnessTextCase("£1m + £250k", "£1,250,000"),
    // Numbers
    EvalHarnessTextCase("1 + 2 * 3", "7"),
    EvalHarnessTextCase("(1 + 2) * 3", "9"),
    EvalHarnessTextCase("10 - 2 - 3", "5"),
    EvalHarnessTextCase("12 / 2 / 3", "2"),
    EvalHarnessTextCase("1 / 3", "0.33333333333333333333"),
    EvalHarnessTextCase("2 / 3", "0.66666666666666666667"),
    EvalHarnessTextCase("0.1 + 0.2", "0.3"),
    EvalHarnessTextCase("1234567.5 * 2", "2,469,135"),
    EvalHarnessTextCase("2 - 5", "-3"),
    EvalHarnessTextCase("1 + 5%", "1.05"),
    // Percentages
    EvalHarnessTextCase("5% + 2.5%", "7.5%"),
    EvalHarnessTextCase("5% - 10%", "-5%"),
    EvalHarnessTextCase("5% * 2", "10%"),
    EvalHarnessTextCase("10% / 4", "2.5%"),
    EvalHarnessTextCase("50% * 50%", "25%"),
    EvalHarnessTextCase("10% / 5%", "2"),
    EvalHarnessTextCase("2 / 50%", "4"),
    // Quotients are rounded half-to-even at 20 decimal places.
    EvalHarnessTextCase("0.00000000000000000003 / 2", "0.00000000000000000002"),
    EvalHarnessTextCase("0.00000000000000000001 / 2", "0"),
    EvalHarnessTextCase("0.00000000000000000005 / 2", "0.00000000000000000002"),
    EvalHarnessTextCase("0.00000000000000000007 / 2", "0.00000000000000000004"),
    // Dates and durations
    EvalHarnessTextCase("report_date - 90 days", "3 Jul 2024"),
    EvalHarnessTextCase("report_date + 1 week", "8 Oct 2024"),
    EvalHarnessTextCase("2 weeks + report_date", "15 Oct 2024"),
    EvalHarnessTextCase("last_updated + 30 days", ["last_updated": "2024-01-31"], "1 Mar 2024"),
    EvalHarnessTextCase("last_updated - 1 day", ["last_updated": "2024-03-01"], "29 Feb 2024"),
    EvalHarnessTextCase("last_updated - 1 day", ["last_updated": "2023-03-01"], "28 Feb 2023"),
    EvalHarnessTextCase("2024-12-31 + 1 day", "1 Jan 2025"),
    EvalHarnessTextCase(
      "last_updated + (next_board - last_updated)", ["last_updated": "2024-01-31", "next_board": "2024-11-05"],
      "5 Nov 2024"),
    EvalHarnessTextCase("report_date - last_updated", ["last_updated": "2024-07-03"], "90 days"),
    EvalHarnessTextCase("report_date - last_updated", ["last_updated": "2024-07-02"], "91 days"),
    EvalHarnessTextCase("report_date - last_updated", ["last_updated": "2024-09-30"], "1 day"),
    EvalHarnessTextCase("report_date - last_updated", ["last_updated": "2024-10-01"], "0 days"),
    EvalHarnessTextCase("report_date - last_updated", ["last_updated": "2024-10-02"], "-1 day"),
    EvalHarnessTextCase("report_date - last_updated", ["last_updated": "2023-10-01"], "366 days"),
    EvalHarnessTextCase(
      "next_board - last_updated", ["last_updated": "2024-02-28", "next_board": "2024-03-01"], "2 days"),
    EvalHarnessTextCase("90 days + 2 weeks", "104 days"),
    EvalHarnessTextCase("90 days - 91 days", "-1 day"),
    EvalHarnessTextCase("(report_date - last_updated) - 30 days", ["last_updated": "2024-07-03"], "60 days"),
    // Unary minus
    EvalHarnessTextCase("-budget", ["budget": "5000"], "-£5,000"),
    EvalHarnessTextCase("-(-budget)", ["budget": "5000"], "£5,000"),
    EvalHarnessTextCase("-(budget - forecast)", ["budget": "1000", "forecast": "1500"], "£500"),
    EvalHarnessTextCase("-5%", "-5%"),
    EvalHarnessTextCase("-90 days", "-90 days"),
    EvalHarnessTextCase("-3", "-3"),
    EvalHarnessTextCase("-(2 - 5)", "3"),
    EvalHarnessTextCase("report_date + -1 day", "30 Sep 2024"),
  ]

  @Test(arguments: arithmeticTable)
  func arithmetic(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  static let divisionByZero: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("budget / 0", ["budget": "5"], "missing"),
    EvalHarnessTextCase("budget / 0%", ["budget": "5"], "missing"),
    EvalHarnessTextCase("budget / forecast", ["budget": "5", "forecast": "0"], "missing"),
    EvalHarnessTextCase("budget / forecast", ["budget": "0", "forecast": "0"], "missing"),
    EvalHarnessTextCase("budget / (forecast - forecast)", ["budget": "5", "forecast": "7"], "missing"),
    EvalHarnessTextCase("2 / 0", "missing"),
    EvalHarnessTextCase("0 / 0", "missing"),
    EvalHarnessTextCase("5% / 0", "missing"),
    EvalHarnessTextCase("(budget / 0) or £7", ["budget": "5"], "£7"),
    EvalHarnessTextCase("0 / 5", "0"),
  ]

  @Test(arguments: divisionByZero)
  func divisionByZeroIsMissing(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  static let divisionByZeroConditions: [EvalHarnessCase] = [
    EvalHarnessCase("budget / forecast > 1", ["budget": "5", "forecast": "0"], false),
    EvalHarnessCase("budget / forecast <= 1", ["budget": "5", "forecast": "0"], false),
    EvalHarnessCase("(budget / forecast) is missing", ["budget": "5", "forecast": "0"], true),
    EvalHarnessCase("(budget / forecast) is present", ["budget": "5", "forecast": "0"], false),
    EvalHarnessCase("(budget / forecast) is present", ["budget": "5", "forecast": "2"], true),
  ]

  @Test(arguments: divisionByZeroConditions)
  func divisionByZeroInConditions(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  static let arithmeticConditions: [EvalHarnessCase] = [
    // Exact, not approximately equal: a rounded quotient times the divisor is not the dividend.
    EvalHarnessCase("£10 / 3 * 3 == £10", false),
    EvalHarnessCase("£10 / 4 * 4 == £10", true),
    EvalHarnessCase("0.1 + 0.2 == 0.3", true),
    EvalHarnessCase("forecast > budget * (1 + 5%)", ["budget": "1000000", "forecast": "1050000"], false),
    EvalHarnessCase("forecast > budget * (1 + 5%)", ["budget": "1000000", "forecast": "1050001"], true),
    EvalHarnessCase("forecast > budget * (1 + 5%)", ["budget": "20", "forecast": "21"], false),
    EvalHarnessCase("forecast > budget * (1 + 5%)", ["budget": "20", "forecast": "21.01"], true),
    EvalHarnessCase("report_date - last_updated > 90 days", ["last_updated": "2024-07-02"], true),
    EvalHarnessCase("report_date - last_updated > 90 days", ["last_updated": "2024-07-03"], false),
    EvalHarnessCase("last_updated < report_date - 90 days", ["last_updated": "2024-07-02"], true),
    EvalHarnessCase("last_updated < report_date - 90 days", ["last_updated": "2024-07-03"], false),
    EvalHarnessCase("report_date - 90 days == 2024-07-03", true),
    EvalHarnessCase("next_board - report_date < 0 days", ["next_board": "2024-09-30"], true),
    EvalHarnessCase("next_board - report_date < 0 days", ["next_board": "2024-10-01"], false),
    EvalHarnessCase("budget - spend_to_date < £0", ["budget": "100", "spend_to_date": "100.01"], true),
    EvalHarnessCase("-budget < £0", ["budget": "1"], true),
    EvalHarnessCase(
      "savings_achieved / savings_target < 50%", ["savings_target": "200", "savings_achieved": "99"], true),
    EvalHarnessCase(
      "savings_achieved / savings_target < 50%", ["savings_target": "200", "savings_achieved": "100"], false),
  ]

  @Test(arguments: arithmeticConditions)
  func arithmeticInConditions(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  @Test func reportDateComesFromTheCompiler() throws {
    let newYear = EvalHarness.day("2025-01-01")
    #expect(try EvalHarness.text("report_date", reportDate: newYear) == "1 Jan 2025")
    #expect(try EvalHarness.text("report_date - 90 days", reportDate: newYear) == "3 Oct 2024")
    #expect(try EvalHarness.text("report_date", [:]) == "1 Oct 2024")
    let stale = ["last_updated": "2024-10-02"]
    #expect(try EvalHarness.fires("last_updated < report_date - 90 days", stale, reportDate: newYear))
    #expect(try !EvalHarness.fires("last_updated < report_date - 90 days", stale))
  }

  @Test func constantsAndParametersMayUseTheReportDate() throws {
    let source = """
      const cutoff = report_date - 90 days

      rule t {
        severity info
        param horizon = report_date + 2 weeks
        when last_updated < cutoff or next_board > horizon
        message "{cutoff} {horizon}"
      }
      """
    let pack = RulePack(files: [SourceFile(path: "dates.rules", text: source)])
    let records = [
      ["last_updated": "2024-07-02", "next_board": "2024-10-15"],
      ["last_updated": "2024-07-03", "next_board": "2024-10-16"],
      ["last_updated": "2024-07-03", "next_board": "2024-10-15"],
    ]
    let october = try EvalHarness.evaluate(EvalHarness.compile(pack), records)
    #expect(october.alerts.map(\.source.line) == [2, 3])
    #expect(october.alerts.map(\.message) == ["3 Jul 2024 15 Oct 2024", "3 Jul 2024 15 Oct 2024"])
    let january = try EvalHarness.evaluate(
      EvalHarness.compile(pack, reportDate: EvalHarness.day("2025-01-01")), records)
    #expect(january.alerts.map(\.source.line) == [2, 3, 4])
    #expect(january.alerts.first?.message == "3 Oct 2024 15 Jan 2025")
  }

  // MARK: or as a fallback

  static let coalesce: [EvalHarnessTextCase] = [
    EvalHarnessTextCase(#"escalated_to or "nobody""#, ["escalated_to": ""], "nobody"),
    EvalHarnessTextCase(#"escalated_to or "nobody""#, ["escalated_to": "COG"], "COG"),
    EvalHarnessTextCase(#"owner or name or "nobody""#, ["name": "Alpha"], "Alpha"),
    EvalHarnessTextCase(#"owner or name or "nobody""#, [:], "nobody"),
    EvalHarnessTextCase("forecast or budget", ["budget": "5000"], "£5,000"),
    EvalHarnessTextCase("forecast or budget", ["budget": "5000", "forecast": "0"], "£0"),
    EvalHarnessTextCase("forecast or budget", [:], "missing"),
    EvalHarnessTextCase("budget or £0", [:], "£0"),
    EvalHarnessTextCase("prev_overall or Grey", ["prev_overall": ""], "Grey"),
    EvalHarnessTextCase("prev_overall or Grey", ["prev_overall": "A"], "Amber"),
    EvalHarnessTextCase("prev_overall or Grey", ["prev_overall": "N/A"], "N/A"),
    EvalHarnessTextCase("last_updated or report_date", [:], "1 Oct 2024"),
    EvalHarnessTextCase("(5% / 0) or 5%", "5%"),
  ]

  @Test(arguments: coalesce)
  func orAsAFallback(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  static let coalesceConditions: [EvalHarnessCase] = [
    EvalHarnessCase(#"(escalated_to or "none") == "none""#, [:], true),
    EvalHarnessCase(#"(escalated_to or "none") in ["COG"]"#, [:], false),
    EvalHarnessCase(#"(escalated_to or "none") not in ["COG"]"#, [:], true),
    EvalHarnessCase("(forecast or £0) > £10", ["forecast": ""], false),
    EvalHarnessCase("(forecast or budget) > £10", ["budget": "11"], true),
    EvalHarnessCase("(prev_overall or Green) worse than Green", ["prev_overall": ""], false),
    EvalHarnessCase("overall worse than (prev_overall or Green)", ["overall": "A"], true),
  ]

  @Test(arguments: coalesceConditions)
  func orAsAFallbackInConditions(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: is missing, is present

  static let presenceTable: [EvalHarnessCase] = [
    EvalHarnessCase("budget is missing", ["budget": ""], true),
    EvalHarnessCase("budget is present", ["budget": ""], false),
    EvalHarnessCase("budget is missing", ["budget": "1"], false),
    EvalHarnessCase("budget is present", ["budget": "1"], true),
    EvalHarnessCase("not (budget is missing)", ["budget": "1"], true),
    EvalHarnessCase("budget is present and forecast is present", ["budget": "1"], false),
    EvalHarnessCase("budget is present or forecast is present", ["budget": "1"], true),
  ]

  @Test(arguments: presenceTable)
  func presence(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: count, any, all

  private static let dims = ["time": "A", "cost": "A", "savings": "G", "benefits": "R"]
  private static let unrated = ["time": "Grey", "cost": "N/A", "savings": "Grey", "benefits": "N/A"]

  static let quantifierTexts: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("count(dimensions == Amber)", dims, "2"),
    EvalHarnessTextCase("count(dimensions == Red)", dims, "1"),
    EvalHarnessTextCase("count(dimensions == Grey)", dims, "0"),
    EvalHarnessTextCase("count(dimensions != Green)", dims, "3"),
    EvalHarnessTextCase("count(dimensions in [Red, Amber])", dims, "3"),
    EvalHarnessTextCase("count(dimensions worse than Green)", dims, "3"),
    EvalHarnessTextCase("count(dimensions worse than overall)", dims.merging(["overall": "A"]) { $1 }, "1"),
    EvalHarnessTextCase(
      "count(dimensions == Amber)", ["time": "A", "cost": "A", "savings": "A", "benefits": "A"], "4"),
    EvalHarnessTextCase("count(dimensions worse than Green)", unrated, "0"),
    EvalHarnessTextCase("count(dimensions == N/A)", unrated, "2"),
    EvalHarnessTextCase("any(dimensions == Red)", dims, "true"),
    EvalHarnessTextCase("all(dimensions == Red)", dims, "false"),
    EvalHarnessTextCase("dimensions", dims, "Amber, Amber, Green, Red"),
  ]

  @Test(arguments: quantifierTexts)
  func quantifierValues(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  static let quantifiers: [EvalHarnessCase] = [
    EvalHarnessCase("any(dimensions == Red)", dims, true),
    EvalHarnessCase("any(dimensions == Grey)", dims, false),
    EvalHarnessCase("all(dimensions == Green)", ["time": "G", "cost": "G", "savings": "G", "benefits": "G"], true),
    EvalHarnessCase("all(dimensions == Green)", ["time": "G", "cost": "G", "savings": "G", "benefits": "A"], false),
    EvalHarnessCase("all(dimensions != Red)", dims, false),
    EvalHarnessCase("all(dimensions in [Grey, N/A])", unrated, true),
    EvalHarnessCase("any(dimensions better than Amber)", dims, true),
    EvalHarnessCase("count(dimensions == Amber) >= 2", dims, true),
    EvalHarnessCase("count(dimensions == Amber) >= 3", dims, false),
    EvalHarnessCase("not any(dimensions == Red)", dims, false),
    EvalHarnessCase("overall == Green and any(dimensions == Red)", dims.merging(["overall": "G"]) { $1 }, true),
  ]

  @Test(arguments: quantifiers)
  func quantifier(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: worst, best

  static let worstAndBestTable: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("worst(dimensions)", ["time": "G", "cost": "A", "savings": "R", "benefits": "Grey"], "Red"),
    EvalHarnessTextCase("best(dimensions)", ["time": "Grey", "cost": "A", "savings": "R", "benefits": "N/A"], "Amber"),
    EvalHarnessTextCase(
      "worst(dimensions)", ["time": "N/A", "cost": "G", "savings": "Grey", "benefits": "A"], "Amber"),
    EvalHarnessTextCase("best(dimensions)", ["time": "G", "cost": "A", "savings": "R", "benefits": "G"], "Green"),
    EvalHarnessTextCase("worst(dimensions)", unrated, "missing"),
    EvalHarnessTextCase("best(dimensions)", unrated, "missing"),
    EvalHarnessTextCase("worst(dimensions)", [:], "missing"),
    EvalHarnessTextCase("worst(dimensions)", ["time": "", "cost": "G", "savings": "", "benefits": ""], "Green"),
    EvalHarnessTextCase("worst(time, cost)", ["time": "A", "cost": "G"], "Amber"),
    EvalHarnessTextCase("best(time, cost)", ["time": "A", "cost": "G"], "Green"),
    EvalHarnessTextCase("worst(overall, dimensions)", ["overall": "R", "time": "G"], "Red"),
    EvalHarnessTextCase("best(overall, dimensions)", ["overall": "R", "time": "A", "cost": "Grey"], "Amber"),
    EvalHarnessTextCase("worst(Amber)", "Amber"),
    EvalHarnessTextCase("worst(Green, Red, Amber)", "Red"),
    EvalHarnessTextCase("best(Green, Red, Amber)", "Green"),
    EvalHarnessTextCase("best(Grey, N/A)", "missing"),
    EvalHarnessTextCase("worst([Green, Amber], Grey)", "Amber"),
  ]

  @Test(arguments: worstAndBestTable)
  func worstAndBest(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  static let worstAndBestConditions: [EvalHarnessCase] = [
    EvalHarnessCase("worst(dimensions) == Red", ["time": "R"], true),
    EvalHarnessCase("worst(dimensions) == Grey", unrated, false),
    EvalHarnessCase("worst(dimensions) is missing", unrated, true),
    EvalHarnessCase("worst(dimensions) worse than overall", ["overall": "G", "cost": "A"], true),
    EvalHarnessCase("best(dimensions) != Green", ["time": "A", "cost": "R"], true),
  ]

  @Test(arguments: worstAndBestConditions)
  func worstAndBestInConditions(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: Text functions

  static let textFunctions: [EvalHarnessCase] = [
    EvalHarnessCase(#"contains(narrative, "risk")"#, ["narrative": "a key risk remains"], true),
    EvalHarnessCase(#"contains(narrative, "Risk")"#, ["narrative": "a key risk remains"], false),
    EvalHarnessCase(#"contains(narrative, "risks")"#, ["narrative": "a key risk remains"], false),
    EvalHarnessCase(#"contains(narrative, "")"#, ["narrative": "anything"], true),
    EvalHarnessCase(#"contains(narrative, owner)"#, ["narrative": "Ann says yes", "owner": "Ann"], true),
    EvalHarnessCase(#"contains("COG, SCCB", escalated_to)"#, ["escalated_to": "SCCB"], true),
    EvalHarnessCase(#"starts_with(name, "Alpha")"#, ["name": "Alpha Programme"], true),
    EvalHarnessCase(#"starts_with(name, "alpha")"#, ["name": "Alpha Programme"], false),
    EvalHarnessCase(#"starts_with(name, "Programme")"#, ["name": "Alpha Programme"], false),
    EvalHarnessCase(#"starts_with(name, "")"#, ["name": "Alpha Programme"], true),
    EvalHarnessCase(#"ends_with(name, "Programme")"#, ["name": "Alpha Programme"], true),
    EvalHarnessCase(#"ends_with(name, "programme")"#, ["name": "Alpha Programme"], false),
    EvalHarnessCase(#"ends_with(name, "Alpha")"#, ["name": "Alpha Programme"], false),
    EvalHarnessCase(#"ends_with(name, "")"#, ["name": "Alpha Programme"], true),
    EvalHarnessCase(#"lower(owner) == "ann""#, ["owner": "ANN"], true),
    EvalHarnessCase(#"upper(owner) == "ANN""#, ["owner": "aNn"], true),
    EvalHarnessCase(#"contains(lower(narrative), "risk")"#, ["narrative": "RISK noted"], true),
  ]

  @Test(arguments: textFunctions)
  func textFunction(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  static let caseFunctions: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("lower(name)", ["name": "Alpha Programme"], "alpha programme"),
    EvalHarnessTextCase("upper(name)", ["name": "Alpha Programme"], "ALPHA PROGRAMME"),
    EvalHarnessTextCase("upper(owner)", ["owner": "Zoë"], "ZOË"),
    EvalHarnessTextCase("lower(owner)", ["owner": "ÉLODIE"], "élodie"),
    EvalHarnessTextCase(#"lower("MiXeD 123")"#, "mixed 123"),
  ]

  @Test(arguments: caseFunctions)
  func caseFunction(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  // MARK: Message formatting

  static let formattingTable: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("budget", ["budget": "1977000"], "£1,977,000"),
    EvalHarnessTextCase("budget", ["budget": "1977000.5"], "£1,977,000.50"),
    EvalHarnessTextCase("budget", ["budget": "0"], "£0"),
    EvalHarnessTextCase("budget", ["budget": "-5000"], "-£5,000"),
    EvalHarnessTextCase("budget", ["budget": "999"], "£999"),
    EvalHarnessTextCase("next_board", ["next_board": "2024-10-01"], "1 Oct 2024"),
    EvalHarnessTextCase("next_board", ["next_board": "2025-01-09"], "9 Jan 2025"),
    EvalHarnessTextCase("5%", "5%"),
    EvalHarnessTextCase("12.5%", "12.5%"),
    EvalHarnessTextCase("90 days", "90 days"),
    EvalHarnessTextCase("1 day", "1 day"),
    EvalHarnessTextCase("2 weeks", "14 days"),
    EvalHarnessTextCase("1234567", "1,234,567"),
    EvalHarnessTextCase("1234.5", "1,234.5"),
    EvalHarnessTextCase("-1234.5", "-1,234.5"),
    EvalHarnessTextCase("£99.5", "£99.50"),
    EvalHarnessTextCase("£0.005", "£0"),
    EvalHarnessTextCase("£0.015", "£0.02"),
    EvalHarnessTextCase("-£0.004", "£0"),
    EvalHarnessTextCase("£0.214M", "£214,000"),
    EvalHarnessTextCase("£2bn", "£2,000,000,000"),
    EvalHarnessTextCase("overall", ["overall": "R"], "Red"),
    EvalHarnessTextCase("overall", ["overall": "N/A"], "N/A"),
    EvalHarnessTextCase("overall", ["overall": "Grey"], "Grey"),
    EvalHarnessTextCase("owner", ["owner": "Ann"], "Ann"),
    EvalHarnessTextCase("overall == Red", ["overall": "R"], "true"),
    EvalHarnessTextCase("overall == Red", ["overall": "A"], "false"),
    EvalHarnessTextCase("[£1, £2k]", "£1, £2,000"),
    EvalHarnessTextCase("budget", [:], "missing"),
  ]

  @Test(arguments: formattingTable)
  func formatting(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  @Test func messageJoinsTextAndValues() throws {
    let source = EvalHarness.source(
      when: "true",
      message: #"A {budget} B {next_board} C {5%} D {90 days} E {prev_overall} F \{literal\} G {owner or "?"}"#)
    let rules = try EvalHarness.ruleSet(source)
    let record = try EvalHarness.record(["budget": "1977000", "next_board": "2024-10-01"], for: rules)
    let message = try Compiler.compile(rules, reportDate: EvalHarness.reportDate).rules[0].message(for: Cursor(record))
    #expect(message == "A £1,977,000 B 1 Oct 2024 C 5% D 90 days E missing F {literal} G ?")
  }

  @Test func parametersAreFormattedByType() throws {
    let source = """
      rule t {
        severity info
        param tolerance = 5%
        param max_age = 13 weeks
        param floor = £250k
        param cutoff = 2024-07-03
        when true
        message "{tolerance} {max_age} {floor} {cutoff}"
      }
      """
    let rules = try EvalHarness.ruleSet(source)
    let message = try Compiler.compile(rules, reportDate: EvalHarness.reportDate).rules[0]
      .message(for: Cursor(EvalHarness.record([:], for: rules)))
    #expect(message == "5% 91 days £250,000 3 Jul 2024")
  }

  // MARK: Overflow

  @Test func arithmeticOverflowIsADiagnosticNotACrash() throws {
    let source = """
      rule t {
        severity info
        when \(budgetToTheFourth) > £1
        message "power"
      }

      rule u {
        severity info
        when budget is present
        message "next"
      }
      """
    let compiled = try EvalHarness.compile(RulePack(files: [SourceFile(path: "overflow.rules", text: source)]))
    let outcome = try EvalHarness.evaluate(compiled, [["budget": "10000000000"], ["budget": "2"]])
    // The overflowing rule is skipped on line 2 only; every other evaluation goes ahead.
    #expect(outcome.alerts.map(\.rule) == ["u", "t", "u"])
    #expect(outcome.alerts.map(\.source.line) == [2, 3, 3])
    #expect(outcome.diagnostics.count == 1)
    let diagnostic = try #require(outcome.diagnostics.first)
    #expect(diagnostic.id == .arithmeticOverflow)
    #expect(diagnostic.severity == .error)
    #expect(
      diagnostic.message
        == "rule 't' could not be evaluated on this record: the result of '\(budgetToTheFourth)' is too large")
    #expect(diagnostic.locationText == "eval-harness.csv:2:1")
  }

  struct OverflowCase: Sendable, CustomTestStringConvertible {
    var condition: String
    var cells: [String: String]
    /// The expression the diagnostic must quote.
    var culprit: String

    var testDescription: String { condition }
  }

  private static let nines37 = String(repeating: "9", count: 37)
  private static let nines38 = String(repeating: "9", count: 38)

  static let overflows: [OverflowCase] = [
    OverflowCase(condition: "budget + budget > £0", cells: ["budget": nines38], culprit: "budget + budget"),
    OverflowCase(
      condition: "budget - forecast > £0", cells: ["budget": nines38, "forecast": "-" + nines38],
      culprit: "budget - forecast"),
    OverflowCase(condition: "budget * 1000 > £0", cells: ["budget": nines37], culprit: "budget * 1000"),
    OverflowCase(condition: "budget / 0.001 > £0", cells: ["budget": nines37], culprit: "budget / 0.001"),
    OverflowCase(
      condition: "last_updated + 9999999 days > report_date", cells: ["last_updated": "2024-01-01"],
      culprit: "last_updated + 9999999 days"),
    OverflowCase(
      condition: "report_date - 3650001 days < last_updated", cells: ["last_updated": "2024-01-01"],
      culprit: "report_date - 3650001 days"),
  ]

  @Test(arguments: overflows)
  func overflowNamesTheExpression(_ c: OverflowCase) throws {
    let file = SourceFile(path: "o.rules", text: EvalHarness.source(when: c.condition))
    let outcome = try EvalHarness.evaluate(EvalHarness.compile(RulePack(files: [file])), [c.cells])
    #expect(outcome.alerts.isEmpty)
    #expect(outcome.diagnostics.map(\.id) == [.arithmeticOverflow])
    #expect(
      outcome.diagnostics.first?.message
        == "rule 't' could not be evaluated on this record: the result of '\(c.culprit)' is too large")
  }

  @Test func overflowInAMessageIsADiagnostic() throws {
    let source = EvalHarness.source(when: "budget > £0", message: "{\(budgetToTheFourth)}")
    let compiled = try EvalHarness.compile(RulePack(files: [SourceFile(path: "m.rules", text: source)]))
    let outcome = try EvalHarness.evaluate(compiled, [["budget": hugeBudget], ["budget": "10"]])
    #expect(outcome.alerts.map(\.message) == ["£10,000"])
    #expect(outcome.diagnostics.map(\.id) == [.arithmeticOverflow])
    #expect(outcome.diagnostics.first?.locationText == "eval-harness.csv:2:1")
  }

  @Test func shiftingADateToTheEdgeOfTheRangeIsAllowed() throws {
    #expect(try EvalHarness.fires("report_date + 3650000 days > report_date"))
    #expect(try EvalHarness.fires("report_date - 3650000 days < report_date"))
  }
}
