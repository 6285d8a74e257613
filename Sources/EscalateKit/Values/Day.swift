#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01 (negative before).
///
/// Status returns and board dates are calendar days with no time of day or zone, so a day count keeps comparison and
/// "days overdue" arithmetic trivial and free of daylight-saving surprises. The conversions use Howard Hinnant's
/// `days_from_civil` / `civil_from_days` algorithms, which are exact for the whole proleptic Gregorian calendar.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01; negative before it.
  public let ordinal: Int

  /// Creates the day `ordinal` days after 1970-01-01.
  ///
  /// Any ordinal is accepted. The calendar fields (``year``, ``month``, ``day`` and the texts) trap on overflow only
  /// for ordinals within about 720,000 of `Int.max`, absurdly far beyond any real date.
  public init(ordinal: Int) {
    self.ordinal = ordinal
  }

  /// Creates a date from its year, month (1–12) and day of the month.
  ///
  /// - Returns: `nil` unless the year is in `1...9999` and the date exists: `2023-02-29`, `2024-02-30`, month 13 and
  ///   day 0 are all rejected, while `2024-02-29` and `2000-02-29` are accepted.
  /// - Complexity: O(1).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else {
      return nil
    }
    self.init(ordinal: daysFromCivil(year: year, month: month, day: day))
  }

  /// Parses an ISO 8601 calendar date written exactly as `YYYY-MM-DD` (4, 2 and 2 ASCII digits).
  ///
  /// - Returns: `nil` for any other form, such as `"2024-1-01"`, `"2024/10/01"`, `"20241001"` or text with spaces,
  ///   or for a date that does not exist.
  /// - Complexity: O(1); at most 11 bytes are read.
  public init?(iso: Substring) {
    // Read in place where the text allows, which dates on every record make worth it.
    var iso = iso
    guard let fields = iso.withUTF8(Self.isoFields) else { return nil }
    self.init(year: fields.year, month: fields.month, day: fields.day)
  }

  /// The year, month and day of `YYYY-MM-DD`, not yet checked as a date. Of bytes in place
  /// rather than any collection: read through a collection's iterator, the date of every
  /// record cost a call for each byte.
  static func isoFields(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    @inline(__always)
    func number(_ digits: Range<Int>) -> Int? {
      var value = 0
      for index in digits {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    return (year, month, day)
  }

  /// Parses an ISO 8601 calendar date; see `init?(iso: Substring)`.
  public init?(iso: String) {
    self.init(iso: iso[...])
  }

  /// Today's date in UTC, from the system clock.
  ///
  /// UTC rather than local time so a run gives the same answer wherever it happens; callers wanting a fixed report
  /// date should pass one explicitly instead.
  public static func today() -> Day {
    let seconds = Int(time(nil))
    // Floor division, so an instant before 1970 still falls on the earlier day.
    let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: secondsPerDay)
    return Day(ordinal: remainder < 0 ? quotient - 1 : quotient)
  }

  /// The year, month and day of the month.
  /// - Complexity: O(1).
  public var components: (year: Int, month: Int, day: Int) { civilFromDays(ordinal) }

  /// The year (proleptic Gregorian, so 1 BC is year 0).
  public var year: Int { components.year }

  /// The month, 1–12.
  public var month: Int { components.month }

  /// The day of the month, 1–31.
  public var day: Int { components.day }

  /// The day `days` later (earlier if negative).
  public func adding(days: Int) -> Day {
    Day(ordinal: ordinal + days)
  }

  /// The number of days from `other` to `self`: positive when `self` is later.
  public func days(since other: Day) -> Int {
    ordinal - other.ordinal
  }

  /// The date as `YYYY-MM-DD`, e.g. `"2024-10-01"`.
  ///
  /// Years outside `0...9999` (reachable only through `init(ordinal:)`) keep all their digits and a leading `-` if
  /// negative.
  public var isoText: String {
    var bytes: [UInt8] = []
    appendISOText(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends ``isoText`` to `bytes` as UTF-8, making no string: JSON output shows a date in the
  /// evidence of many alerts of a large run.
  func appendISOText(to bytes: inout [UInt8]) {
    let (year, month, day) = components
    if year < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDecimal(year.magnitude, digits: 4, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDecimal(month.magnitude, digits: 2, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    appendDecimal(day.magnitude, digits: 2, to: &bytes)
  }

  /// The date for people: day without a leading zero, English three-letter month, full year, e.g. `"1 Oct 2024"`.
  public var longText: String {
    var bytes: [UInt8] = []
    appendLongText(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends ``longText`` to `bytes` as UTF-8: a message shows a date for most alerts of a large
  /// run, and this makes no string for it.
  func appendLongText(to bytes: inout [UInt8]) {
    let (year, month, day) = components
    appendDecimal(day.magnitude, digits: 1, to: &bytes)
    bytes.append(UInt8(ascii: " "))
    bytes.append(contentsOf: monthAbbreviations[(month - 1) * 3..<month * 3])
    bytes.append(UInt8(ascii: " "))
    // Four digits, as in the ISO form, so a date of the first millennium reads back the same.
    if year < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDecimal(year.magnitude, digits: year < 0 ? 1 : 4, to: &bytes)
  }

  /// The ISO form, ``isoText``.
  public var description: String { isoText }

  /// Orders days chronologically.
  public static func < (lhs: Day, rhs: Day) -> Bool {
    lhs.ordinal < rhs.ordinal
  }
}

private let secondsPerDay = 86_400

/// Each month's English three-letter abbreviation, three bytes each.
private let monthAbbreviations = Array("JanFebMarAprMayJunJulAugSepOctNovDec".utf8)

private func isLeapYear(_ year: Int) -> Bool {
  year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

private func daysInMonth(_ year: Int, _ month: Int) -> Int {
  switch month {
  case 2: return isLeapYear(year) ? 29 : 28
  case 4, 6, 9, 11: return 30
  default: return 31
  }
}

/// Floor division, which Hinnant's algorithms need for dates before year 0.
private func floorDivide(_ dividend: Int, _ divisor: Int) -> Int {
  let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
  return remainder < 0 ? quotient - 1 : quotient
}

/// Howard Hinnant's `days_from_civil`: counts from a year starting on 1 March, so the leap day is the last day of the
/// counted year and the month lengths before it follow a fixed pattern.
private func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
  let marchYear = month <= 2 ? year - 1 : year
  let era = floorDivide(marchYear, 400)
  let yearOfEra = marchYear - era * 400  // 0...399
  let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1  // 0...365
  let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // 0...146096
  return era * 146_097 + dayOfEra - 719_468
}

/// Howard Hinnant's `civil_from_days`, the inverse of `daysFromCivil`.
private func civilFromDays(_ ordinal: Int) -> (year: Int, month: Int, day: Int) {
  let shifted = ordinal + 719_468  // days since 0000-03-01
  let era = floorDivide(shifted, 146_097)
  let dayOfEra = shifted - era * 146_097  // 0...146096
  let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365  // 0...399
  let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365
  let marchMonth = (5 * dayOfYear + 2) / 153  // 0...11, March = 0
  let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
  let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
  let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return (year, month, day)
}

extension Day {
  /// The English month names, January first.
  static let monthNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]

  /// A month's full English name or its first three letters (and `Sept`), any case.
  static func monthNumber(_ word: Substring) -> Int? {
    let lower = word.lowercased()
    if lower == "sept" { return 9 }
    if let index = monthNames.firstIndex(of: lower) { return index + 1 }
    guard lower.count == 3 else { return nil }
    return monthNames.firstIndex { $0.hasPrefix(lower) }.map { $0 + 1 }
  }
}
