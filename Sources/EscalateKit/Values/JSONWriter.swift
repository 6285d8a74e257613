/// Builds JSON text by hand, so output is byte-for-byte deterministic (keys in the order
/// written) and numbers are written exactly as decimal, never through a Double.
struct JSONWriter {
  private(set) var text = ""

  mutating func string(_ value: String) {
    text += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: text.unicodeScalars.append(scalar)
      }
    }
    text += "\""
  }

  mutating func raw(_ value: String) { text += value }

  /// An object with the given members, each written by its closure, in order.
  mutating func object(_ members: [(String, (inout JSONWriter) -> Void)]) {
    text += "{"
    for (index, (key, write)) in members.enumerated() {
      if index > 0 { text += "," }
      string(key)
      text += ":"
      write(&self)
    }
    text += "}"
  }

  /// An array of `items`, each written by `write`, on one line.
  mutating func array<Item>(_ items: [Item], _ write: (inout JSONWriter, Item) -> Void) {
    text += "["
    for (index, item) in items.enumerated() {
      if index > 0 { text += "," }
      write(&self, item)
    }
    text += "]"
  }

  mutating func optionalString(_ value: String?) {
    if let value { string(value) } else { text += "null" }
  }

  /// A value as evidence shows it: amounts and numbers as JSON numbers, ratings by name,
  /// dates in ISO form, missing as null.
  mutating func value(_ value: Value) {
    switch value {
    case .missing: text += "null"
    case .bool(let b): text += b ? "true" : "false"
    case .number(let n): text += n.description
    case .text(let s): string(s)
    case .rag(let rag): string(rag.rawValue)
    case .date(let day): string(day.isoText)
    case .list(let items):
      text += "["
      for (index, item) in items.enumerated() {
        if index > 0 { text += "," }
        self.value(item)
      }
      text += "]"
    }
  }
}
