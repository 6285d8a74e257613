/// Reads one cell of a data file as a value of a column's type.
///
/// An empty (or blank) cell is missing, whatever the type. A cell that is not empty but cannot
/// be read returns nil, never a guess; the caller reports it with its location.
enum CellParser {
  static func parse(_ cell: String, as type: ValueType, scale: RatingScale = .threePoint) -> Value? {
    switch type {
    case .money, .number:
      if let number = cell.utf8.withContiguousStorageIfAvailable(wholeNumber) ?? wholeNumber(cell.utf8) {
        return .number(number)
      }
    default: break
    }
    let text = cell[...].trimmingSpaces
    if text.isEmpty { return .missing }
    switch type {
    case .text:
      return .text(cell)
    case .rag:
      return scale.read(text).map(Value.rag)
    case .money:
      return MoneyParser.parse(text).map(Value.number)
    case .number:
      let negative = text.first == "-"
      return MoneyParser.plainNumber(negative ? text.dropFirst() : text).map { .number(negative ? $0.negated : $0) }
    case .percent:
      guard text.hasSuffix("%"), let n = MoneyParser.plainNumber(text.dropLast().trimmingSpaces) else { return nil }
      return n.divided(by: ExactDecimal(100)).map(Value.number)
    case .date:
      return DateParser.parse(text).map(Value.date)
    case .bool:
      switch text.lowercased() {
      case "yes", "y", "true": return .bool(true)
      case "no", "n", "false": return .bool(false)
      default: return nil
      }
    case .duration, .list, .nothing:
      return nil
    }
  }

  /// Plain digits, the form exports write amounts in, read without the general parsers'
  /// splitting; anything else (or more than 18 digits) is left to them.
  private static func wholeNumber<Bytes: Collection<UInt8>>(_ utf8: Bytes) -> ExactDecimal? {
    guard (1...18).contains(utf8.count) else { return nil }
    var number = 0
    for byte in utf8 {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      number = number * 10 + Int(byte &- UInt8(ascii: "0"))
    }
    return ExactDecimal(number)
  }

  /// How a type is named in "cannot read ... as ..." messages.
  static func noun(for type: ValueType) -> String {
    switch type {
    case .rag: "a RAG rating"
    case .money: "an amount of money"
    case .date: "a date"
    case .percent: "a percentage"
    case .number: "a number"
    case .bool: "yes or no"
    default: "\(type)"
    }
  }

  /// What the readable forms of a type are, for hints.
  static func hint(for type: ValueType) -> String? {
    switch type {
    case .rag: "ratings are R, A, G, Grey (or TBC, Not graded) and N/A, or the words Red, Amber, Green"
    case .money: "amounts are one figure such as £1.977m, £136K, £120,000, 1735728, (5,000) or nil"
    case .date: "dates are 2024-10-01, 1/10/2024 (day first), 1 Oct 2024 or 1st October 2024"
    case .percent: "percentages are written like 5% or 12.5%"
    case .number: "numbers are written like 3, 1.05 or 1,000"
    default: nil
    }
  }
}
