/// Reads an amount of money as people write it in returns, or nothing.
///
/// Accepted: `1977000`, `1,735,728`, `£120,000`, `£1.977m`, `£136K`, `£0.214M`, `£2bn`,
/// `£99.50`, `-£5k`, `£-5k`, `(5,000)` (accounting negative), `nil` (zero). A cell with anything
/// more (`£136K NAS £50k HOB`, `£0.214M PA`, `TBD`, `18/19 £100k achieved`) is not one clear
/// amount and is not read: escalate never guesses which figure was meant.
enum MoneyParser {
  static func parse(_ text: Substring) -> ExactDecimal? {
    var rest = text.trimmingSpaces
    if rest.lowercased() == "nil" { return ExactDecimal(0) }
    var negative = false
    if rest.first == "(" && rest.last == ")" {
      negative = true
      rest = rest.dropFirst().dropLast().trimmingSpaces
    }
    if rest.first == "-" || rest.first == "−" {
      negative.toggle()
      rest = rest.dropFirst()
    }
    // "£ 100k" is as clear as "£100k"; the space after the sign is how some templates print it.
    if rest.first == "£" { rest = rest.dropFirst().trimmingSpaces }
    if !negative, rest.first == "-" {
      negative = true
      rest = rest.dropFirst()
    }
    let (number, multiplier) = splitSuffix(rest)
    guard let amount = plainNumber(number), let value = amount.multiplied(by: ExactDecimal(multiplier)) else {
      return nil
    }
    return negative ? value.negated : value
  }

  /// `1.977m` → ("1.977", 1,000,000); a suffix must follow the digits directly.
  private static func splitSuffix(_ text: Substring) -> (Substring, Int) {
    let lower = text.lowercased()
    for (suffix, factor) in [("bn", 1_000_000_000), ("k", 1000), ("m", 1_000_000)] where lower.hasSuffix(suffix) {
      let number = text.dropLast(suffix.count)
      if number.last?.isNumber == true { return (number, factor) }
    }
    return (text, 1)
  }

  /// Digits with optional thousands separators every three digits and an optional fraction.
  static func plainNumber(_ text: Substring) -> ExactDecimal? {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
    guard let head = groups.first, !head.isEmpty, groups.count == 1 || head.count <= 3,
      groups.dropFirst().allSatisfy({ $0.count == 3 })
    else { return nil }
    let digits = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
    guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
    return ExactDecimal(digits[...])
  }
}
