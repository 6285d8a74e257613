/// One line of a formatted file, before comments are placed around it.
struct FormattedLine: Equatable {
  /// What a line is, which decides the blank lines around it.
  enum Role: Equatable {
    /// The first line of a top-level declaration; `block` when it opens `{ ... }` (a rule,
    /// schema or waiver), rather than being the whole declaration (a constant or forum).
    case declaration(block: Bool)
    /// A clause of a rule, an entry of a schema or a line of a waiver.
    case inner
    /// The `}` that ends a block.
    case closing
  }

  var role: Role
  /// The depth of indentation, two spaces each.
  var depth: Int
  var text: String
  /// Where the line's first token is in the source. Lines are in source order, and a comment
  /// belongs to the line whose tokens surround or follow it.
  var sourceStart: Int
}
