import Testing

@testable import EscalateKit

/// What every operator and function does with a missing value (an empty cell).
@Suite struct MissingValueTests {
  // MARK: Comparisons are false

  static let comparisonTable: [EvalHarnessCase] = [
    // Money, against a constant, either way round, and against another missing value.
    EvalHarnessCase("budget == £1", ["budget": ""], false),
    EvalHarnessCase("budget != £1", ["budget": ""], false),
    EvalHarnessCase("budget < £1", ["budget": ""], false),
    EvalHarnessCase("budget <= £1", ["budget": ""], false),
    EvalHarnessCase("budget > £1", ["budget": ""], false),
    EvalHarnessCase("budget >= £1", ["budget": ""], false),
    EvalHarnessCase("£1 == budget", ["budget": ""], false),
    EvalHarnessCase("£1 != budget", ["budget": ""], false),
    EvalHarnessCase("£1 < budget", ["budget": ""], false),
    EvalHarnessCase("£1 >= budget", ["budget": ""], false),
    EvalHarnessCase("budget == forecast", [:], false),
    EvalHarnessCase("budget != forecast", [:], false),
    EvalHarnessCase("budget <= forecast", [:], false),
    EvalHarnessCase("budget >= forecast", [:], false),
    EvalHarnessCase("benefits_profiled < benefits_target", ["benefits_target": "100"], false),
    EvalHarnessCase("benefits_profiled < benefits_target", ["benefits_profiled": "1"], false),
    // Text
    EvalHarnessCase(#"owner == "Ann""#, [:], false),
    EvalHarnessCase(#"owner != "Ann""#, [:], false),
    EvalHarnessCase(#"owner == """#, [:], false),
    EvalHarnessCase(#"owner != """#, [:], false),
    EvalHarnessCase("owner == name", ["name": "Alpha"], false),
    EvalHarnessCase("owner != name", ["name": "Alpha"], false),
    // RAG
    EvalHarnessCase("prev_overall == Green", [:], false),
    EvalHarnessCase("prev_overall != Green", [:], false),
    EvalHarnessCase("prev_overall == overall", ["overall": "G"], false),
    EvalHarnessCase("prev_overall != overall", ["overall": "G"], false),
    EvalHarnessCase("overall worse than prev_overall", ["overall": "R"], false),
    EvalHarnessCase("overall better than prev_overall", ["overall": "G"], false),
    EvalHarnessCase("prev_overall worse than overall", ["overall": "G"], false),
    EvalHarnessCase("prev_overall better than overall", ["overall": "R"], false),
    EvalHarnessCase("prev_overall worse than Green", [:], false),
    EvalHarnessCase("Red worse than prev_overall", [:], false),
    // Dates and durations
    EvalHarnessCase("last_updated < report_date", [:], false),
    EvalHarnessCase("last_updated >= report_date", [:], false),
    EvalHarnessCase("next_board != 2024-01-01", [:], false),
    EvalHarnessCase("report_date - last_updated > 90 days", [:], false),
    EvalHarnessCase("report_date - last_updated <= 90 days", [:], false),
    // Numbers from missing money
    EvalHarnessCase("forecast / budget > 1", ["forecast": "5"], false),
    EvalHarnessCase("forecast / budget <= 1", ["forecast": "5"], false),
  ]

  @Test(arguments: comparisonTable)
  func comparisonWithMissingIsFalse(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: in, not in

  static let membershipTable: [EvalHarnessCase] = [
    EvalHarnessCase(#"escalated_to in ["SCCB", "COG"]"#, [:], false),
    EvalHarnessCase(#"escalated_to not in ["SCCB", "COG"]"#, [:], true),
    EvalHarnessCase("escalated_to in []", [:], false),
    EvalHarnessCase("escalated_to not in []", [:], true),
    EvalHarnessCase("prev_overall in [Red, Amber, Green, Grey, N/A]", [:], false),
    EvalHarnessCase("prev_overall not in [Red, Amber, Green, Grey, N/A]", [:], true),
    EvalHarnessCase("budget in [£0]", [:], false),
    EvalHarnessCase("budget not in [£0]", [:], true),
    EvalHarnessCase("last_updated in [report_date]", [:], false),
    // A missing value is not found even in a list that holds a missing value.
    EvalHarnessCase("owner in [name]", [:], false),
    EvalHarnessCase("owner not in [name]", [:], true),
    EvalHarnessCase("prev_overall in dimensions", ["time": "G"], false),
    EvalHarnessCase("prev_overall not in dimensions", ["time": "G"], true),
    // Missing members of a list are skipped, not matched.
    EvalHarnessCase(#""Ann" in [owner, name]"#, ["name": "Ann"], true),
    EvalHarnessCase(#""Ann" in [owner, name]"#, [:], false),
    EvalHarnessCase("Red in dimensions", ["time": "", "cost": "R"], true),
    EvalHarnessCase("Red in dimensions", [:], false),
    EvalHarnessCase("Red not in dimensions", [:], true),
  ]

  @Test(arguments: membershipTable)
  func membershipOfMissing(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: not

  static let negationTable: [EvalHarnessCase] = [
    EvalHarnessCase("not (prev_overall == Green)", [:], true),
    EvalHarnessCase("not (prev_overall != Green)", [:], true),
    EvalHarnessCase("not (budget > £1)", [:], true),
    EvalHarnessCase("not (budget <= £1)", [:], true),
    EvalHarnessCase("not (overall worse than prev_overall)", ["overall": "R"], true),
    EvalHarnessCase(#"not (escalated_to in ["COG"])"#, [:], true),
    EvalHarnessCase(#"not (escalated_to not in ["COG"])"#, [:], false),
    EvalHarnessCase("not (budget is missing)", [:], false),
    EvalHarnessCase("not (budget is present)", [:], true),
    EvalHarnessCase(#"not contains(narrative, "risk")"#, [:], true),
  ]

  @Test(arguments: negationTable)
  func negationOfAComparisonWithMissing(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: Arithmetic gives missing

  static let arithmeticTable: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("budget + £1", [:], "missing"),
    EvalHarnessTextCase("£1 + budget", [:], "missing"),
    EvalHarnessTextCase("budget - forecast", ["budget": "5"], "missing"),
    EvalHarnessTextCase("forecast - budget", ["budget": "5"], "missing"),
    EvalHarnessTextCase("budget * 2", [:], "missing"),
    EvalHarnessTextCase("2 * budget", [:], "missing"),
    EvalHarnessTextCase("budget * (1 + 5%)", [:], "missing"),
    EvalHarnessTextCase("budget / 2", [:], "missing"),
    EvalHarnessTextCase("budget / forecast", ["budget": "5"], "missing"),
    EvalHarnessTextCase("forecast / budget", ["budget": "5"], "missing"),
    EvalHarnessTextCase("budget / 0", [:], "missing"),
    EvalHarnessTextCase("-budget", [:], "missing"),
    EvalHarnessTextCase("last_updated + 1 day", [:], "missing"),
    EvalHarnessTextCase("1 week + last_updated", [:], "missing"),
    EvalHarnessTextCase("last_updated - 1 week", [:], "missing"),
    EvalHarnessTextCase("report_date - last_updated", [:], "missing"),
    EvalHarnessTextCase("last_updated - report_date", [:], "missing"),
    EvalHarnessTextCase("next_board - last_updated", ["next_board": "2024-10-01"], "missing"),
    EvalHarnessTextCase("(report_date - last_updated) + 1 day", [:], "missing"),
    EvalHarnessTextCase("-(report_date - last_updated)", [:], "missing"),
    EvalHarnessTextCase("count(dimensions == Amber) + 1", [:], "1"),
  ]

  @Test(arguments: arithmeticTable)
  func arithmeticWithMissingIsMissing(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  static let arithmeticConditionTable: [EvalHarnessCase] = [
    EvalHarnessCase("budget + £1 > £0", [:], false),
    EvalHarnessCase("budget + £1 <= £0", [:], false),
    EvalHarnessCase("budget + £1 != £0", [:], false),
    EvalHarnessCase("forecast > budget * (1 + 5%)", ["forecast": "1050001"], false),
    EvalHarnessCase("forecast > budget * (1 + 5%)", ["budget": "1000000"], false),
    EvalHarnessCase("forecast <= budget * (1 + 5%)", ["forecast": "1"], false),
    EvalHarnessCase("last_updated < report_date - 90 days", [:], false),
    EvalHarnessCase("report_date - last_updated > 90 days", [:], false),
    EvalHarnessCase("(budget + £1) is missing", [:], true),
    EvalHarnessCase("(budget + £1) is present", [:], false),
    EvalHarnessCase("(last_updated + 1 day) is missing", [:], true),
    EvalHarnessCase("(budget + £1) is missing", ["budget": "0"], false),
  ]

  @Test(arguments: arithmeticConditionTable)
  func comparisonOfMissingArithmeticIsFalse(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: is missing, is present: an empty cell is missing whatever the column's type

  static let emptyColumns: [(column: String, present: String)] = [
    ("id", "WS-1"), ("name", "Alpha"), ("owner", "Ann"), ("narrative", "On track"), ("escalated_to", "COG"),
    ("overall", "G"), ("prev_overall", "A"), ("time", "R"), ("savings", "Grey"), ("benefits", "N/A"),
    ("budget", "1000"), ("forecast", "£1,000"), ("savings_target", "0"), ("benefits_profiled", "£0"),
    ("last_updated", "2024-07-03"), ("next_board", "2024-10-01"),
  ]

  static let presenceTable: [EvalHarnessCase] = emptyColumns.flatMap { column, present in
    // An empty id would be rejected by the decoder, so that column is given only as present.
    let empty = column == "id" ? [] : [[column: ""]]
    return empty.flatMap { cells in
      [
        EvalHarnessCase("\(column) is missing", cells, true),
        EvalHarnessCase("\(column) is present", cells, false),
      ]
    } + [
      EvalHarnessCase("\(column) is missing", [column: present], false),
      EvalHarnessCase("\(column) is present", [column: present], true),
    ]
  }

  @Test(arguments: presenceTable)
  func emptyCellIsMissing(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  static let missingTextTable: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("owner", [:], "missing"),
    EvalHarnessTextCase("overall", [:], "missing"),
    EvalHarnessTextCase("budget", [:], "missing"),
    EvalHarnessTextCase("last_updated", [:], "missing"),
    EvalHarnessTextCase("dimensions", ["cost": "A"], "missing, Amber, missing, missing"),
  ]

  @Test(arguments: missingTextTable)
  func missingIsShownAsMissing(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  /// Zero is an amount like any other: `0` and `£0` are present, and equal to £0.
  static let zeroTable: [EvalHarnessCase] = [
    EvalHarnessCase("budget is present", ["budget": "0"], true),
    EvalHarnessCase("budget is present", ["budget": "£0"], true),
    EvalHarnessCase("budget is present", ["budget": "0.00"], true),
    EvalHarnessCase("budget == £0", ["budget": "0"], true),
    EvalHarnessCase("budget == £0", ["budget": "£0"], true),
    EvalHarnessCase("budget < £1", ["budget": "0"], true),
    EvalHarnessCase("benefits_profiled < benefits_target", ["benefits_profiled": "0", "benefits_target": "1"], true),
    EvalHarnessCase("(budget or £5) == £0", ["budget": "0"], true),
  ]

  @Test(arguments: zeroTable)
  func zeroIsPresent(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  @Test func zeroIsShownAsAnAmount() throws {
    #expect(try EvalHarness.text("budget", ["budget": "0"]) == "£0")
    #expect(try EvalHarness.text("budget or £5", ["budget": "£0"]) == "£0")
  }

  /// `N/A` and `Grey` are ratings, not missing values (pandas, for one, would read `N/A` as missing).
  static let unratedTable: [EvalHarnessCase] = [
    EvalHarnessCase("overall is present", ["overall": "N/A"], true),
    EvalHarnessCase("overall is missing", ["overall": "N/A"], false),
    EvalHarnessCase("overall == N/A", ["overall": "N/A"], true),
    EvalHarnessCase("overall is present", ["overall": "Grey"], true),
    EvalHarnessCase("overall != Green", ["overall": "N/A"], true),
    EvalHarnessCase("overall != Green", [:], false),
  ]

  @Test(arguments: unratedTable)
  func unratedIsNotMissing(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  /// A blank cell (spaces or tabs only) is as empty as an empty one: a narrative of " " says nothing.
  /// Text that is not blank keeps its spaces.
  @Test func blankTextIsMissing() throws {
    #expect(try EvalHarness.fires("narrative is missing", ["narrative": " "]))
    #expect(try EvalHarness.fires("narrative is missing", ["narrative": " \t "]))
    #expect(try EvalHarness.text("narrative", ["narrative": " x "]) == " x ")
  }

  /// A quoted empty field `""` is as empty as an unquoted one.
  @Test func quotedEmptyFieldIsMissing() throws {
    let header = EvalHarness.header.joined(separator: ",")
    let fields = EvalHarness.header.map { name -> String in
      switch name {
      case "id": "WS-7"
      case "narrative", "budget", "prev_overall": #""""#
      case "owner": #""Ann""#
      default: ""
      }
    }
    var reader = CSVReader(bytes: Array((header + "\r\n" + fields.joined(separator: ",") + "\r\n").utf8))
    let csv = try #require(try reader.next())
    let rules = try EvalHarness.ruleSet(
      EvalHarness.source(when: "narrative is missing and budget is missing and prev_overall is missing"))
    let record = try EvalHarness.decode(csv, for: rules)
    #expect(try Compiler.compile(rules, reportDate: EvalHarness.reportDate).rules[0].matches(Cursor(record)))
    let owner = try #require(Schema.workstream.column(named: "owner"))
    let ownerRules = try EvalHarness.ruleSet(EvalHarness.source(when: "owner is present"))
    #expect(try EvalHarness.decode(csv, for: ownerRules).values[owner] == .text("Ann"))
  }

  // MARK: Functions

  static let functionTable: [EvalHarnessCase] = [
    EvalHarnessCase(#"contains(narrative, "risk")"#, [:], false),
    EvalHarnessCase(#"contains(narrative, "")"#, [:], false),
    EvalHarnessCase(#"contains("risk", owner)"#, [:], false),
    EvalHarnessCase("contains(narrative, owner)", ["narrative": "Ann"], false),
    EvalHarnessCase(#"starts_with(narrative, "a")"#, [:], false),
    EvalHarnessCase(#"starts_with("abc", owner)"#, [:], false),
    EvalHarnessCase(#"ends_with(narrative, "a")"#, [:], false),
    EvalHarnessCase(#"ends_with("abc", owner)"#, [:], false),
    EvalHarnessCase("lower(owner) is missing", [:], true),
    EvalHarnessCase("upper(owner) is missing", [:], true),
    EvalHarnessCase(#"lower(owner) == "ann""#, [:], false),
    EvalHarnessCase(#"lower(owner) != "ann""#, [:], false),
    EvalHarnessCase("worst(prev_overall) is missing", [:], true),
    EvalHarnessCase("best(dimensions) is missing", [:], true),
    EvalHarnessCase("worst(dimensions) == Red", [:], false),
    EvalHarnessCase("worst(dimensions) != Red", [:], false),
  ]

  @Test(arguments: functionTable)
  func functionOfMissing(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  static let functionTextTable: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("lower(narrative)", [:], "missing"),
    EvalHarnessTextCase("upper(owner)", [:], "missing"),
    EvalHarnessTextCase("worst(prev_overall)", [:], "missing"),
    EvalHarnessTextCase("worst(prev_overall, overall)", ["overall": "A"], "Amber"),
    EvalHarnessTextCase("best(dimensions)", [:], "missing"),
    EvalHarnessTextCase("best(dimensions)", ["savings": "R"], "Red"),
    EvalHarnessTextCase(#"contains(narrative, "x")"#, [:], "false"),
  ]

  @Test(arguments: functionTextTable)
  func functionValueOfMissing(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  // MARK: or as a fallback

  static let fallbackTable: [EvalHarnessTextCase] = [
    EvalHarnessTextCase(#"escalated_to or "nobody""#, [:], "nobody"),
    EvalHarnessTextCase(#"narrative or owner"#, ["owner": "Ann"], "Ann"),
    EvalHarnessTextCase("budget or £0", [:], "£0"),
    EvalHarnessTextCase("budget or forecast", [:], "missing"),
    EvalHarnessTextCase("prev_overall or Grey", [:], "Grey"),
    EvalHarnessTextCase("prev_overall or overall", ["overall": "R"], "Red"),
    EvalHarnessTextCase("next_board or 2024-12-31", [:], "31 Dec 2024"),
    EvalHarnessTextCase("(budget + £1) or £2", [:], "£2"),
    EvalHarnessTextCase("lower(owner) or \"-\"", [:], "-"),
    EvalHarnessTextCase("worst(dimensions) or Grey", [:], "Grey"),
  ]

  @Test(arguments: fallbackTable)
  func fallbackReplacesMissing(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  static let fallbackConditionTable: [EvalHarnessCase] = [
    EvalHarnessCase(#"(escalated_to or "none") not in ["COG", "SCCB"]"#, [:], true),
    EvalHarnessCase(#"(escalated_to or "none") == "none""#, [:], true),
    EvalHarnessCase("(budget or £0) == £0", [:], true),
    EvalHarnessCase("(budget or forecast) == £0", [:], false),
    EvalHarnessCase("(budget or forecast) != £0", [:], false),
    EvalHarnessCase("overall worse than (prev_overall or Green)", ["overall": "A"], true),
  ]

  @Test(arguments: fallbackConditionTable)
  func fallbackInConditions(_ c: EvalHarnessCase) throws {
    #expect(try EvalHarness.fires(c.condition, c.cells) == c.fires)
  }

  // MARK: Quantifiers over a group with missing members

  /// `time` and `benefits` empty, `cost` and `savings` Amber.
  private static let halfRated = ["time": "", "cost": "A", "savings": "A", "benefits": ""]

  static let quantifierTable: [EvalHarnessTextCase] = [
    EvalHarnessTextCase("count(dimensions == Amber)", halfRated, "2"),
    EvalHarnessTextCase("count(dimensions != Amber)", halfRated, "0"),
    EvalHarnessTextCase("count(dimensions != Green)", halfRated, "2"),
    EvalHarnessTextCase("count(dimensions is missing)", halfRated, "2"),
    EvalHarnessTextCase("count(dimensions is present)", halfRated, "2"),
    EvalHarnessTextCase("count(dimensions worse than Green)", halfRated, "2"),
    EvalHarnessTextCase("count(dimensions in [Amber, Red])", halfRated, "2"),
    EvalHarnessTextCase("count(dimensions not in [Amber, Red])", halfRated, "2"),
    EvalHarnessTextCase("count(not (dimensions == Amber))", halfRated, "2"),
    EvalHarnessTextCase("count(dimensions == Amber)", [:], "0"),
    EvalHarnessTextCase("count(dimensions is missing)", [:], "4"),
    EvalHarnessTextCase("any(dimensions is missing)", halfRated, "true"),
    EvalHarnessTextCase("all(dimensions == Amber)", halfRated, "false"),
    EvalHarnessTextCase("all(dimensions is present)", halfRated, "false"),
    EvalHarnessTextCase("all(dimensions != Red)", halfRated, "false"),
    EvalHarnessTextCase("any(dimensions == Red)", [:], "false"),
    EvalHarnessTextCase("all(dimensions is missing)", [:], "true"),
  ]

  @Test(arguments: quantifierTable)
  func quantifierOverMissingMembers(_ c: EvalHarnessTextCase) throws {
    #expect(try EvalHarness.text(c.expression, c.cells) == c.text)
  }

  @Test func ambersUnderGreenCountsOnlyRatedAmbers() throws {
    let condition = "overall == Green and count(dimensions == Amber) >= 3"
    #expect(try !EvalHarness.fires(condition, Self.halfRated.merging(["overall": "G"]) { $1 }))
    #expect(try EvalHarness.fires(condition, ["overall": "G", "time": "A", "cost": "A", "savings": "A"]))
  }
}
