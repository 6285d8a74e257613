/// How a dataset writes its RAG ratings: on the three-point scale (the default) or the
/// five-point delivery confidence scale, and any spellings of its own (`TBD` for Grey, say).
public struct RatingScale: Sendable, Hashable {
  /// Whether Amber/Green and Amber/Red are ratings of this dataset.
  public var isFivePoint: Bool
  /// Extra spellings, lowercased with single spaces, and the rating each means.
  public var spellings: [String: RAG]

  /// Creates a scale.
  public init(isFivePoint: Bool = false, spellings: [String: RAG] = [:]) {
    self.isFivePoint = isFivePoint
    self.spellings = spellings
  }

  /// The three-point scale with the usual spellings.
  public static let threePoint = RatingScale()

  /// Reads a cell; nil when it is not a rating of this scale.
  public func read(_ cell: Substring) -> RAG? {
    if let rating = spellings[RAG.key(cell)] ?? RAG(spelling: cell) { return rating }
    return isFivePoint ? RAG(fivePointSpelling: cell) : nil
  }
}
