/// A RAG rating: Red, Amber or Green, or one of the two values outside that scale.
///
/// Red, Amber and Green are ordered (Green is best); Grey ("not yet rated") and N/A ("does not
/// apply") are values in their own right but are never better or worse than anything.
public enum RAG: String, Sendable, Hashable, CaseIterable {
  case green = "Green"
  case amber = "Amber"
  case red = "Red"
  case grey = "Grey"
  case notApplicable = "N/A"

  /// 0 for Green, 1 for Amber, 2 for Red; nil for Grey and N/A, which have no place on the scale.
  public var rank: Int? {
    switch self {
    case .green: 0
    case .amber: 1
    case .red: 2
    case .grey, .notApplicable: nil
    }
  }

  /// Whether `self` is strictly worse than `other`; false whenever either is unrated.
  public func isWorse(than other: RAG) -> Bool {
    guard let a = rank, let b = other.rank else { return false }
    return a > b
  }

  /// Reads a rating as written in a return, case-insensitively, surrounding spaces ignored:
  /// `R`/`Red`, `A`/`Amber`, `G`/`Green`; Grey as `Grey`, `Gray`, `TBC`, `Not graded`,
  /// `Not rated`, `Not RAG rated`; N/A as `N/A`, `NA`, `Not applicable`.
  public init?(spelling: Substring) {
    let words = spelling.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    switch words {
    case "r", "red": self = .red
    case "a", "amber": self = .amber
    case "g", "green": self = .green
    case "grey", "gray", "tbc", "not graded", "not rated", "not rag rated": self = .grey
    case "n/a", "na", "not applicable": self = .notApplicable
    default: return nil
    }
  }

  /// The name a rule file uses for this rating (`Red`, `N/A`, ...).
  public init?(literal: String) {
    self.init(rawValue: literal)
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  var trimmingSpaces: Substring {
    var s = self
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
    return s
  }
}
