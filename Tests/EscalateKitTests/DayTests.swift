import Testing

@testable import EscalateKit

/// Builds a day the test table guarantees is valid.
private func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> Day {
  guard let value = Day(year: year, month: month, day: dayOfMonth) else {
    Issue.record("test table holds invalid date \(year)-\(month)-\(dayOfMonth)")
    return Day(ordinal: 0)
  }
  return value
}

/// Validation, calendar conversion, arithmetic and text forms of ``Day``.
struct DayTests {
  @Test(
    arguments: [
      (2024, 2, 29, true),
      (2023, 2, 29, false),
      (2024, 2, 30, false),
      (1900, 2, 29, false),
      (2000, 2, 29, true),
      (2100, 2, 29, false),
      (2023, 2, 28, true),
      (2024, 13, 1, false),
      (2024, 0, 1, false),
      (2024, 1, 0, false),
      (2024, 1, 31, true),
      (2024, 1, 32, false),
      (2024, 4, 30, true),
      (2024, 4, 31, false),
      (2024, 6, 31, false),
      (2024, 9, 31, false),
      (2024, 11, 31, false),
      (2024, 12, 31, true),
      (2024, -1, 1, false),
      (2024, 1, -1, false),
      (1, 1, 1, true),
      (9999, 12, 31, true),
      (0, 1, 1, false),
      (10_000, 1, 1, false),
      (-1, 1, 1, false),
    ] as [(Int, Int, Int, Bool)])
  func validatesDates(year: Int, month: Int, dayOfMonth: Int, valid: Bool) {
    let value = Day(year: year, month: month, day: dayOfMonth)
    #expect((value != nil) == valid)
    if let value {
      #expect(value.year == year)
      #expect(value.month == month)
      #expect(value.day == dayOfMonth)
    }
  }

  @Test(
    arguments: [
      (1970, 1, 1, 0),
      (1970, 1, 2, 1),
      (1969, 12, 31, -1),
      (2024, 10, 1, 19_997),
      (2000, 3, 1, 11_017),
      (1900, 1, 1, -25_567),
      (2100, 12, 31, 47_846),
      (1, 1, 1, -719_162),
      (9999, 12, 31, 2_932_896),
    ] as [(Int, Int, Int, Int)])
  func knownOrdinals(year: Int, month: Int, dayOfMonth: Int, ordinal: Int) {
    #expect(Day(year: year, month: month, day: dayOfMonth)?.ordinal == ordinal)
    #expect(Day(ordinal: ordinal).components == (year, month, dayOfMonth))
  }

  @Test func everyDayFrom1900To2100RoundTrips() throws {
    let first = try #require(Day(year: 1900, month: 1, day: 1))
    let last = try #require(Day(year: 2100, month: 12, day: 31))
    var expected = (year: 1900, month: 1, day: 1)
    var mismatches = 0
    // Walking the calendar independently checks the algorithm against plain month lengths, not against itself.
    for ordinal in first.ordinal...last.ordinal {
      let value = Day(ordinal: ordinal)
      if value.components != expected
        || Day(year: expected.year, month: expected.month, day: expected.day)?.ordinal != ordinal
      {
        mismatches += 1
      }
      expected = nextDate(after: expected)
    }
    #expect(mismatches == 0)
    #expect(last.ordinal - first.ordinal + 1 == 201 * 365 + 49)
  }

  /// The calendar day after `date`, computed the slow obvious way.
  private func nextDate(after date: (year: Int, month: Int, day: Int)) -> (year: Int, month: Int, day: Int) {
    let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if date.day < lengths[date.month - 1] { return (date.year, date.month, date.day + 1) }
    if date.month < 12 { return (date.year, date.month + 1, 1) }
    return (date.year + 1, 1, 1)
  }

  @Test(
    arguments: [
      ((2024, 10, 1), -90, (2024, 7, 3)),
      ((2024, 1, 31), 1, (2024, 2, 1)),
      ((2024, 2, 28), 1, (2024, 2, 29)),
      ((2024, 2, 29), 1, (2024, 3, 1)),
      ((2023, 2, 28), 1, (2023, 3, 1)),
      ((2024, 12, 31), 1, (2025, 1, 1)),
      ((2025, 1, 1), -1, (2024, 12, 31)),
      ((2024, 3, 1), -1, (2024, 2, 29)),
      ((1900, 3, 1), -1, (1900, 2, 28)),
      ((2000, 3, 1), -1, (2000, 2, 29)),
      ((2024, 1, 1), 366, (2025, 1, 1)),
      ((2023, 1, 1), 365, (2024, 1, 1)),
      ((1970, 1, 1), -1, (1969, 12, 31)),
      ((2024, 10, 1), 0, (2024, 10, 1)),
    ] as [((Int, Int, Int), Int, (Int, Int, Int))])
  func addingDays(start: (Int, Int, Int), offset: Int, end: (Int, Int, Int)) {
    let from = day(start.0, start.1, start.2)
    let to = day(end.0, end.1, end.2)
    #expect(from.adding(days: offset) == to)
    #expect(to.days(since: from) == offset)
    #expect(from.days(since: to) == -offset)
  }

  @Test func ordering() {
    #expect(day(2024, 7, 3) < day(2024, 10, 1))
    #expect(day(1969, 12, 31) < day(1970, 1, 1))
    #expect(!(day(2024, 10, 1) < day(2024, 10, 1)))
    #expect(day(2024, 10, 1) == Day(iso: "2024-10-01"))
    #expect(Set([day(2024, 10, 1), Day(ordinal: 19_997)]).count == 1)
  }

  @Test(
    arguments: [
      ((2024, 10, 1), "2024-10-01", "1 Oct 2024"),
      ((2024, 2, 29), "2024-02-29", "29 Feb 2024"),
      ((1970, 1, 1), "1970-01-01", "1 Jan 1970"),
      ((1999, 12, 31), "1999-12-31", "31 Dec 1999"),
      ((2019, 6, 27), "2019-06-27", "27 Jun 2019"),
      ((2019, 3, 5), "2019-03-05", "5 Mar 2019"),
      ((2021, 4, 10), "2021-04-10", "10 Apr 2021"),
      ((2021, 5, 15), "2021-05-15", "15 May 2021"),
      ((2021, 7, 4), "2021-07-04", "4 Jul 2021"),
      ((2021, 8, 9), "2021-08-09", "9 Aug 2021"),
      ((2021, 9, 30), "2021-09-30", "30 Sep 2021"),
      ((2021, 11, 11), "2021-11-11", "11 Nov 2021"),
      ((1, 1, 1), "0001-01-01", "1 Jan 0001"),
      ((9999, 12, 31), "9999-12-31", "31 Dec 9999"),
    ] as [((Int, Int, Int), String, String)])
  func texts(date: (Int, Int, Int), iso: String, long: String) {
    let value = day(date.0, date.1, date.2)
    #expect(value.isoText == iso)
    #expect(value.description == iso)
    #expect(value.longText == long)
    #expect(Day(iso: iso) == value)
    #expect(Day(iso: iso[...]) == value)
  }

  @Test func textsOutsideYearsOneToNineThousandNineHundredNinetyNine() {
    #expect(Day(ordinal: -719_163).isoText == "0000-12-31")
    #expect(Day(ordinal: -719_529).isoText == "-0001-12-31")
    #expect(Day(ordinal: 2_932_897).isoText == "10000-01-01")
  }

  @Test(arguments: [
    "2024-1-01", "2024-10-1", "2024/10/01", "20241001", " 2024-10-01", "2024-10-01 ", "2024-10-01T00:00",
    "2024-10-0", "", "2024", "2024-10", "24-10-01", "+2024-10-01", "-2024-10-01", "2024-1a-01", "2024--10-01",
    "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-10-00", "0000-01-01", "２０２４-10-01",
  ])
  func isoParsingRejects(text: String) {
    #expect(Day(iso: text) == nil)
  }

  @Test func todayIsPlausible() {
    let today = Day.today()
    // The code dates from 2025, so a sane clock is at least that late and not absurdly far ahead.
    #expect(today >= day(2025, 1, 1))
    #expect(today < day(2200, 1, 1))
  }
}
