/// Reads one cell of a data file as a value of a column's type.
///
/// An empty (or blank) cell is missing, whatever the type. A cell that is not empty but cannot
/// be read returns nil, never a guess; the caller reports it with its location.
enum CellParser {
  static func parse(_ cell: String, as type: ValueType, scale: RatingScale = .threePoint) -> Value? {
    let plain = cell.utf8.withContiguousStorageIfAvailable { bytes -> Value? in
      guard case .text = type else { return plainCell(bytes, as: type) }
      let blank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
      guard let first = bytes.first, let last = bytes.last else { return .missing }
      return blank(first) || blank(last) ? nil : .text(cell)
    }
    if case let quick?? = plain { return quick }
    return general(cell, as: type, scale: scale)
  }

  /// The cells nearly every record has, read from their bytes in place: empty, plain digits, an
  /// ISO date. Nil for anything else, including a cell that cannot be read, which
  /// ``general(_:as:scale:)`` then reads (or reports) exactly as always.
  static func plainCell(_ bytes: UnsafeBufferPointer<UInt8>, as type: ValueType) -> Value? {
    guard !bytes.isEmpty else { return .missing }
    switch type {
    case .money, .number:
      return wholeNumber(bytes).map(Value.number)
    case .date:
      guard let fields = Day.isoFields(bytes), let day = Day(year: fields.year, month: fields.month, day: fields.day)
      else { return nil }
      return .date(day)
    default:
      return nil
    }
  }

  /// Reads a cell of any form; see ``parse(_:as:scale:)``.
  static func general(_ cell: String, as type: ValueType, scale: RatingScale = .threePoint) -> Value? {
    switch type {
    case .money, .number:
      var digits = cell
      if let number = digits.withUTF8(wholeNumber) { return .number(number) }
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
  private static func wholeNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
    guard utf8.count >= 1, utf8.count <= 18 else { return nil }
    var number = 0
    for index in 0..<utf8.count {
      let digit = utf8[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      number = number * 10 + Int(digit)
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
