extension Value {
  /// The value as a message shows it, according to its static type: money as `£1,977,000`,
  /// dates as `1 Oct 2024`, percentages as `5%`, durations as `90 days`, a missing value as
  /// `missing`.
  public func formatted(as type: ValueType) -> String {
    switch (self, type) {
    case (.missing, _): "missing"
    case (.bool(let b), _): b ? "true" : "false"
    case (.number(let n), .money): n.moneyText
    case (.number(let n), .percent): n.rounded(toScale: 4).percentText
    case (.number(let n), .duration): n == ExactDecimal(1) || n == ExactDecimal(-1) ? "\(n) day" : "\(n) days"
    case (.number(let n), _): n.groupedText
    case (.text(let text), _): text
    case (.rag(let rag), _): rag.rawValue
    case (.date(let day), _): day.longText
    case (.list(let items), .list(let element)): items.map { $0.formatted(as: element) }.joined(separator: ", ")
    case (.list(let items), _): items.map { $0.formatted(as: type) }.joined(separator: ", ")
    }
  }

  /// Appends ``formatted(as:)`` to `bytes` as UTF-8, making no string for the values messages
  /// show most: text, whole amounts and dates.
  func format(as type: ValueType, into bytes: inout [UInt8]) {
    switch (self, type) {
    case (.number(let n), .money): n.appendMoneyText(to: &bytes)
    case (.date(let day), _): day.appendLongText(to: &bytes)
    // From each string's storage: appending a string's UTF-8 view goes byte by byte.
    case (.text(let text), _): text.appendUTF8(to: &bytes)
    default: formatted(as: type).appendUTF8(to: &bytes)
    }
  }
}
