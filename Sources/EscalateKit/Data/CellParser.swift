/// Reads one cell of a data file as a value of a column's type.
///
/// An empty cell is missing, whatever the type. A cell that is not empty but cannot be read is
/// an error, never a guess: nil is returned and the caller reports it with its location.
enum CellParser {
  static func parse(_ cell: String, as type: ValueType) -> Value? {
    if cell.isEmpty { return .missing }
    switch type {
    case .text:
      return .text(cell)
    case .rag:
      return RAG(spelling: cell[...]).map(Value.rag)
    case .money:
      return money(cell[...].trimmingSpaces).map(Value.number)
    case .number:
      return ExactDecimal(cell[...].trimmingSpaces).map(Value.number)
    case .percent:
      let text = cell[...].trimmingSpaces
      guard text.hasSuffix("%"), let n = ExactDecimal(text.dropLast()) else { return nil }
      return n.divided(by: ExactDecimal(100)).map(Value.number)
    case .date:
      return Day(iso: cell[...].trimmingSpaces).map(Value.date)
    case .bool, .duration, .list, .nothing:
      return nil
    }
  }

  /// `1977000`, `£1,977,000`, `-£5,000`, `1977000.50`: a plain amount in pounds, with an optional
  /// pound sign and thousands separators that sit every three digits.
  static func money(_ text: Substring) -> ExactDecimal? {
    var rest = text
    var negative = false
    if rest.first == "-" {
      negative = true
      rest = rest.dropFirst()
    }
    if rest.first == "£" { rest = rest.dropFirst() }
    let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
    guard let head = groups.first, !head.isEmpty, head.count <= (groups.count > 1 ? 3 : Int.max),
      groups.dropFirst().allSatisfy({ $0.count == 3 })
    else { return nil }
    let digits = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
    guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = ExactDecimal(digits[...]) else {
      return nil
    }
    return negative ? value.negated : value
  }

  /// How a type is named in "cannot read ... as ..." messages.
  static func noun(for type: ValueType) -> String {
    switch type {
    case .rag: "a RAG rating"
    case .money: "an amount of money"
    case .date: "a date (YYYY-MM-DD)"
    case .percent: "a percentage"
    case .number: "a number"
    default: "\(type)"
    }
  }
}
