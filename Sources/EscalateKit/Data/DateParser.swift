/// Reads a date as people write it in returns, or nothing.
///
/// Accepted: ISO `2024-10-01`; day first with slashes `22/3/2018`, `16/09/2019` (four-digit
/// years only: `22/3/18` is not guessed); words `19th March 2020`, `1 Oct 2024`,
/// `1st Sept 2019`. Impossible dates such as `31/02/2024` are not read.
enum DateParser {
  static func parse(_ text: Substring) -> Day? {
    let trimmed = text.trimmingSpaces
    if let day = Day(iso: trimmed) { return day }
    let slashed = trimmed.split(separator: "/", omittingEmptySubsequences: false)
    if slashed.count == 3 {
      guard let day = number(slashed[0], digits: 1...2), let month = number(slashed[1], digits: 1...2),
        let year = number(slashed[2], digits: 4...4)
      else { return nil }
      return Day(year: year, month: month, day: day)
    }
    let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard words.count == 3, let year = number(words[2], digits: 4...4), let month = Day.monthNumber(words[1]) else {
      return nil
    }
    var dayText = words[0]
    for suffix in ["st", "nd", "rd", "th"] where dayText.lowercased().hasSuffix(suffix) {
      dayText = dayText.dropLast(2)
      break
    }
    guard let day = number(dayText, digits: 1...2) else { return nil }
    return Day(year: year, month: month, day: day)
  }

  private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
    guard digits.contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(text)
  }
}
