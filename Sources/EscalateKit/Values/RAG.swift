/// A RAG rating: a place on the Green-to-Red scale, or one of the two values outside it.
///
/// Green < Amber < Red on the usual three-point scale; the five-point delivery confidence scale
/// adds Amber/Green and Amber/Red between them. Grey ("not yet rated") and N/A ("does not
/// apply") are values in their own right but are never better or worse than anything.
public enum RAG: String, Sendable, Hashable, CaseIterable {
  case green = "Green"
  case amberGreen = "Amber/Green"
  case amber = "Amber"
  case amberRed = "Amber/Red"
  case red = "Red"
  case grey = "Grey"
  case notApplicable = "N/A"

  /// The place on the scale, Green 0 to Red 4; nil for Grey and N/A, which have none.
  public var rank: Int? {
    switch self {
    case .green: 0
    case .amberGreen: 1
    case .amber: 2
    case .amberRed: 3
    case .red: 4
    case .grey, .notApplicable: nil
    }
  }

  /// Whether the rating exists only on the five-point scale.
  public var isFivePointOnly: Bool { self == .amberGreen || self == .amberRed }

  /// Whether `self` is strictly worse than `other`; false whenever either is unrated.
  public func isWorse(than other: RAG) -> Bool {
    guard let a = rank, let b = other.rank else { return false }
    return a > b
  }

  /// Reads a rating of the three-point scale as written in a return, case-insensitively,
  /// surrounding spaces ignored: `R`/`Red`, `A`/`Amber`, `G`/`Green`; Grey as `Grey`, `Gray`,
  /// `TBC`, `Not graded`, `Not rated`, `Not RAG rated`; N/A as `N/A`, `NA`, `Not applicable`.
  public init?(spelling: Substring) {
    switch Self.key(spelling) {
    case "r", "red": self = .red
    case "a", "amber": self = .amber
    case "g", "green": self = .green
    case "grey", "gray", "tbc", "not graded", "not rated", "not rag rated": self = .grey
    case "n/a", "na", "not applicable": self = .notApplicable
    default: return nil
    }
  }

  /// Reads the two ratings only the five-point scale has: `Amber/Green`, `A/G`, `AG`,
  /// `Amber Green`, `Amber-Green`, and likewise Amber/Red.
  public init?(fivePointSpelling: Substring) {
    switch Self.key(fivePointSpelling).replacingOccurrences(of: "-", with: "/").replacingOccurrences(of: " ", with: "/")
    {
    case "amber/green", "a/g", "ag": self = .amberGreen
    case "amber/red", "a/r", "ar": self = .amberRed
    default: return nil
    }
  }

  /// The cell's text lowercased with runs of spaces and tabs made single spaces.
  static func key(_ text: Substring) -> String {
    text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// The name a rule file uses for this rating (`Red`, `N/A`, `Amber/Green`, ...).
  public init?(literal: String) {
    self.init(rawValue: literal)
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  var trimmingSpaces: Substring {
    // Most cells have nothing to trim; looking at two bytes is much cheaper than at Characters,
    // and cheapest in place.
    let untrimmed = utf8.withContiguousStorageIfAvailable { bytes in
      guard let first = bytes.first, let last = bytes.last else { return false }
      return !Self.isBlank(first) && !Self.isBlank(last)
    }
    if untrimmed ?? false { return self }
    var s = self
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
    return s
  }

  /// Whether `byte` is one that trimming removes: a space or a tab.
  static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
