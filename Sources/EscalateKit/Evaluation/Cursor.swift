/// A position in a workstream's history: the record being checked and the records of its
/// earlier periods, oldest first.
public struct Cursor: Sendable {
  /// The workstream's records in period order.
  public let history: [Record]
  /// The index in `history` of the record being checked.
  public let index: Int

  /// Creates a cursor at `index` of `history`.
  public init(history: [Record], index: Int) {
    self.history = history
    self.index = index
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
