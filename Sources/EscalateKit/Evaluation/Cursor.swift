/// A position in a workstream's history: the record being checked and the records of its
/// earlier periods, oldest first.
public struct Cursor: Sendable {
  /// The record being checked. Stored rather than read from `history`, because every column a
  /// rule reads goes through it.
  public let record: Record
  /// The workstream's records in period order; empty for a record checked on its own.
  let history: [Record]
  /// The index in `history` of the record being checked.
  let index: Int
  /// For a portfolio rule, the workstreams of the group, each at its latest record; the cursor
  /// itself is then the first of them, which holds the group's value.
  public let members: [Cursor]

  /// Creates a cursor at `index` of `history`.
  public init(history: [Record], index: Int) {
    self.record = history[index]
    self.history = history
    self.index = index
    self.members = []
  }

  /// A cursor on a group of workstreams, for a portfolio rule; `members` must not be empty.
  public init(group members: [Cursor]) {
    self.record = members[0].record
    self.history = members[0].history
    self.index = members[0].index
    self.members = members
  }

  /// A cursor on a record with no history.
  public init(_ record: Record) {
    self.record = record
    self.history = []
    self.index = 0
    self.members = []
  }

  /// The same workstream one period earlier, if there is one.
  public var earlier: Cursor? {
    index > 0 ? Cursor(history: history, index: index - 1) : nil
  }
}
