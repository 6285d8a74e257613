/// A position in a workstream's history: the record being checked and the records of its
/// earlier periods, oldest first.
public struct Cursor: Sendable {
  /// The workstream's records in period order.
  public let history: [Record]
  /// The index in `history` of the record being checked.
  public let index: Int
  /// For a portfolio rule, the workstreams of the group, each at its latest record; the cursor
  /// itself is then the first of them, which holds the group's value.
  public let members: [Cursor]

  /// Creates a cursor at `index` of `history`.
  public init(history: [Record], index: Int) {
    self.history = history
    self.index = index
    self.members = []
  }

  /// A cursor on a group of workstreams, for a portfolio rule; `members` must not be empty.
  public init(group members: [Cursor]) {
    self.history = members[0].history
    self.index = members[0].index
    self.members = members
  }

  /// A cursor on a record with no history.
  public init(_ record: Record) {
    self.init(history: [record], index: 0)
  }

  public var record: Record { history[index] }

  /// The same workstream one period earlier, if there is one.
  public var earlier: Cursor? {
    index > 0 ? Cursor(history: history, index: index - 1) : nil
  }
}
