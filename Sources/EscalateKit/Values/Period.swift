/// A reporting period, such as a quarter or a financial year, with an order.
///
/// Periods are compared by when they start, then by length, so the quarters of a year sort
/// between the year's start and the next year. Financial years run April to March.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The first day of the period.
  public var start: Day
  /// How many calendar months the period spans: 1, 3 or 12.
  public var months: Int

  /// The earlier start first; of two periods that start together, the shorter.
  public static func < (a: Period, b: Period) -> Bool {
    (a.start, a.months) < (b.start, b.months)
  }

  /// The start and length, e.g. `2024-04-01+12m`.
  public var description: String { "\(start.isoText)+\(months)m" }

  /// Reads a period as governance returns write them: calendar quarters `2020-Q3`, `Q3 2020`;
  /// financial-year quarters `Q3 2020/21`, `2020/21 Q3`; financial years `2019/20`, `19/20`,
  /// `FY2020/21`, `FY 2020/21`; months `2024-10`, `Oct 2024`, and months of a financial year
  /// `Mth 10 - 2019/20`; calendar years `2024`.
  public init?(text: Substring) {
    let words = text.trimmingSpaces.uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).filter { $0 != "-" }
    // "Mth 10 - 2019/20": the tenth month of the financial year, January 2020.
    if words.count == 3, ["MTH", "MONTH"].contains(words[0]), let n = Int(words[1]), (1...12).contains(n),
      let year = Self.financialYear(words[2])
    {
      self.init(year: year + (n > 9 ? 1 : 0), month: (n + 2) % 12 + 1, months: 1)
      return
    }
    switch words.count {
    case 1:
      let word = words[0]
      let dashed = word.split(separator: "-", omittingEmptySubsequences: false)
      if dashed.count == 2, let year = Self.year(dashed[0]) {
        if let quarter = Self.quarter(dashed[1]) {
          self.init(year: year, month: 1 + 3 * (quarter - 1), months: 3)
        } else if dashed[1].count == 2, let month = Int(dashed[1]), (1...12).contains(month) {
          self.init(year: year, month: month, months: 1)
        } else {
          return nil
        }
      } else if let year = Self.financialYear(word) {
        self.init(year: year, month: 4, months: 12)
      } else if let year = Self.year(word) {
        self.init(year: year, month: 1, months: 12)
      } else {
        return nil
      }
    case 2:
      if words[0] == "FY", let year = Self.financialYear(words[1]) {
        self.init(year: year, month: 4, months: 12)
      } else if let quarter = Self.quarter(words[0]) ?? Self.quarter(words[1]) {
        let other = Self.quarter(words[0]) == nil ? words[0] : words[1]
        if let year = Self.financialYear(other) {
          // Financial quarter 1 is April to June.
          let month = 4 + 3 * (quarter - 1)
          self.init(year: year + (month > 12 ? 1 : 0), month: (month - 1) % 12 + 1, months: 3)
        } else if let year = Self.year(other) {
          self.init(year: year, month: 1 + 3 * (quarter - 1), months: 3)
        } else {
          return nil
        }
      } else if let month = Day.monthNumber(words[0][...]), let year = Self.year(words[1]) {
        self.init(year: year, month: month, months: 1)
      } else {
        return nil
      }
    default:
      return nil
    }
  }

  private init?(year: Int, month: Int, months: Int) {
    guard let start = Day(year: year, month: month, day: 1) else { return nil }
    self.start = start
    self.months = months
  }

  private static func year(_ text: Substring) -> Int? {
    guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(text)
  }

  private static func quarter(_ text: Substring) -> Int? {
    guard text.count == 2, text.first == "Q", let n = Int(text.dropFirst()), (1...4).contains(n) else { return nil }
    return n
  }

  /// `2019/20`, `19/20` or `FY2019/20`: the calendar year the financial year starts in. The
  /// second part must be the following year, so `2019/21` is not read.
  private static func financialYear(_ text: Substring) -> Int? {
    let body = text.hasPrefix("FY") ? text.dropFirst(2) : text
    let parts = body.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
    let first: Int
    switch parts[0].count {
    case 4: first = Int(parts[0])!
    case 2: first = 2000 + Int(parts[0])!
    default: return nil
    }
    guard parts[1].count == 2, Int(parts[1])! == (first + 1) % 100 else { return nil }
    return first
  }
}
