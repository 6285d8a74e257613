import Testing

@testable import EscalateKit

/// Every spelling of a value that returns really contain, and the cells that must not be
/// guessed at, read through the same parser the data files use.
@Suite struct CellParserTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var cell: String
    /// The value as a message shows it, or nil when the cell must be unreadable.
    var expected: String?
    var testDescription: String { "'\(cell)' → \(expected ?? "unreadable")" }
    init(_ cell: String, _ expected: String?) {
      self.cell = cell
      self.expected = expected
    }
  }

  static func read(_ cell: String, as type: ValueType) -> String? {
    CellParser.parse(cell, as: type).map { $0.formatted(as: type) }
  }

  @Test(arguments: [
    Case("R", "Red"), Case("Red", "Red"), Case("RED", "Red"), Case(" red ", "Red"),
    Case("A", "Amber"), Case("amber", "Amber"), Case("G", "Green"), Case("GREEN", "Green"),
    Case("Grey", "Grey"), Case("Gray", "Grey"), Case("TBC", "Grey"), Case("Not graded", "Grey"),
    Case("not  Graded", "Grey"), Case("Not rated", "Grey"), Case("Not RAG rated", "Grey"),
    Case("N/A", "N/A"), Case("NA", "N/A"), Case("n/a", "N/A"), Case("Not applicable", "N/A"),
    Case("", "missing"), Case("   ", "missing"),
    Case("Purple", nil), Case("Amber/Green", nil), Case("RA", nil), Case("G (improving)", nil), Case("TBD", nil),
  ])
  func ratings(_ c: Case) {
    #expect(Self.read(c.cell, as: .rag) == c.expected)
  }

  @Test(arguments: [
    Case("1977000", "£1,977,000"), Case("1,735,728", "£1,735,728"), Case("£120,000", "£120,000"),
    Case("£1.977m", "£1,977,000"), Case("£1.977M", "£1,977,000"), Case("£136K", "£136,000"),
    Case("£136k", "£136,000"), Case("£0.214M", "£214,000"), Case("£1.62m", "£1,620,000"),
    Case("£2bn", "£2,000,000,000"),
    Case("£99.50", "£99.50"), Case("0", "£0"), Case("£0", "£0"), Case("nil", "£0"), Case("Nil", "£0"),
    Case("-£5k", "-£5,000"), Case("£-5k", "-£5,000"), Case("-5000", "-£5,000"), Case("(5,000)", "-£5,000"),
    Case("(£5k)", "-£5,000"), Case(" £250k ", "£250,000"), Case("£ 100k", "£100,000"), Case("", "missing"),
    Case("£136K NAS £50k HOB", nil), Case("TBD", nil), Case("£0.214M PA", nil), Case("£1,320k (2 yrs)", nil),
    Case("£11.15m non-cashable", nil), Case("18/19 £100k achieved, 19/20 £250k target", nil),
    Case("£100k achieved, £250k target", nil), Case("£", nil), Case("1,73,5728", nil), Case("12,34", nil),
    Case("£1.2.3m", nil), Case("1e6", nil), Case("--5", nil), Case("((5))", nil), Case("£5 k", nil),
    Case("£9999999999999999999999999999999999999999m", nil),
  ])
  func money(_ c: Case) {
    #expect(Self.read(c.cell, as: .money) == c.expected)
  }

  @Test(arguments: [
    Case("2024-10-01", "1 Oct 2024"), Case("22/3/2018", "22 Mar 2018"), Case("16/09/2019", "16 Sep 2019"),
    Case("1/10/2024", "1 Oct 2024"), Case("19th March 2020", "19 Mar 2020"), Case("1 Oct 2024", "1 Oct 2024"),
    Case("1st October 2024", "1 Oct 2024"), Case("2nd Sept 2019", "2 Sep 2019"), Case("23rd JUNE 2019", "23 Jun 2019"),
    Case("29/02/2024", "29 Feb 2024"), Case(" 2024-10-01 ", "1 Oct 2024"), Case("", "missing"),
    Case("31/02/2024", nil), Case("29/02/2023", nil), Case("22/3/18", nil), Case("2024/10/01", nil),
    Case("10/2024", nil), Case("March 2020", nil), Case("19th Marchh 2020", nil), Case("32 Jan 2024", nil),
    Case("TBC", nil), Case("Q3 2020/21", nil), Case("2024-10-1", nil),
  ])
  func dates(_ c: Case) {
    #expect(Self.read(c.cell, as: .date) == c.expected)
  }

  @Test(arguments: [
    Case("3", "3"), Case("1,000", "1,000"), Case("-2.5", "-2.5"), Case("three", nil), Case("1e3", nil),
  ])
  func numbers(_ c: Case) {
    #expect(Self.read(c.cell, as: .number) == c.expected)
  }

  @Test(arguments: [Case("5%", "5%"), Case("12.5 %", "12.5%"), Case("5", nil), Case("five%", nil)])
  func percentages(_ c: Case) {
    #expect(Self.read(c.cell, as: .percent) == c.expected)
  }

  @Test func textIsKeptExactlyUnlessBlank() {
    #expect(Self.read("  Dr Zoë Brontë ", as: .text) == "  Dr Zoë Brontë ")
    #expect(Self.read(" \t ", as: .text) == "missing")
  }
}

extension CellParserTests {
  /// Found by fuzzing: a year of the first millennium was written without its leading zero, so
  /// the long form of a date did not read back.
  @Test func datesOfTheFirstMillenniumReadBack() {
    let day = Day(year: 505, month: 3, day: 19)!
    #expect(day.longText == "19 Mar 0505")
    #expect(DateParser.parse(day.longText[...]) == day)
  }
}

/// Plain cells (empty, digits, ISO dates, text with nothing to trim) are read from their bytes
/// without the general parser; on every tricky spelling the two must give the same value, and
/// where the quick reading declines, the general one decides alone.
@Suite struct PlainCellTests {
  static let cells = [
    "", " ", "\t", "0", "7", "-1200", "+5", "1200 ", " 1200", "£1.2m", "£1,977,000", "1,200", "(5,000)", "12311000",
    "0012", "123456789012345678", "1234567890123456789", "1.05", "5%", "12.5%", "2024-10-01", "2024-02-29",
    "2023-02-29", "2024-02-30", "2024-13-01", "0000-01-01", "2024-1-01", "2024-10-01 ", " 2024-10-01",
    "2024/10/01", "1/10/2024", "19th March 2020", "1 Oct 2024", "TBC", "G", "Grey", "N/A", "text", " text",
    "text ", "Café refit – phase 2", "\"quoted\"", "yes", "No", "90 days",
  ]
  static let types: [ValueType] = [.money, .number, .date, .text, .percent, .bool, .duration, .rag]

  @Test(arguments: cells)
  func plainCellsReadAsTheGeneralParserReadsThem(cell: String) {
    for type in Self.types {
      var text = cell
      let quick = text.withUTF8 { CellParser.plainCell($0, as: type) }
      let general = CellParser.general(cell, as: type)
      if let quick { #expect(quick == general, "'\(cell)' as \(type)") }
      #expect(CellParser.parse(cell, as: type) == general, "'\(cell)' as \(type)")
    }
  }
}
