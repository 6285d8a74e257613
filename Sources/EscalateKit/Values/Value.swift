/// A value as a rule sees it while evaluating one record.
///
/// Money, numbers, percentages and durations all travel as ``ExactDecimal``: the checker has
/// already fixed each expression's ``ValueType``, so the value need not carry it.
public enum Value: Sendable, Hashable {
  case missing
  case bool(Bool)
  /// A number, an amount in pounds, a fraction (5% is 0.05) or a number of days.
  case number(ExactDecimal)
  case text(String)
  case rag(RAG)
  case date(Day)
  case list([Value])

  /// Whether the value is missing: an empty or unreadable cell, or arithmetic that had no result.
  public var isMissing: Bool {
    if case .missing = self { return true }
    return false
  }
}

/// The static type of an expression or column.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
  case bool, number, percent, money, date, duration, text, rag
  case list(ValueType)
  /// The element type of an empty list, which fits any list.
  case nothing

  /// The type's name as diagnostics write it, e.g. `List of Money`.
  public var description: String {
    switch self {
    case .bool: "Boolean"
    case .number: "Number"
    case .percent: "Percent"
    case .money: "Money"
    case .date: "Date"
    case .duration: "Duration"
    case .text: "Text"
    case .rag: "RAG"
    case .list(let element): "List of \(element)"
    case .nothing: "Nothing"
    }
  }

  /// Number and Percent mix freely in arithmetic and comparison: 5% is the number 0.05.
  public var isNumeric: Bool { self == .number || self == .percent }
}
