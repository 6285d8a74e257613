/// A located error in a data file, of the kinds one reader can report.
///
/// `line` and `column` are 1-based. `column` counts `Character`s (grapheme clusters) from the
/// start of the line, so it matches what an editor shows for non-ASCII text; a leading
/// byte-order mark is not counted. `byteOffset` is the 0-based offset of the error position in
/// the input bytes (a leading BOM included).
public struct ReadError<ErrorKind: Sendable & Hashable>: Error, Equatable, Sendable {
  /// The reader's kinds of error.
  public typealias Kind = ErrorKind

  /// The category of the error.
  public var kind: Kind
  /// A lowercase description without a final period that quotes the offending text where useful.
  public var message: String
  /// The 1-based line of the error position.
  public var line: Int
  /// The 1-based column of the error position, in characters.
  public var column: Int
  /// The 0-based offset of the error position in the input bytes.
  public var byteOffset: Int

  /// Creates an error; the readers build these themselves, this is for callers that wrap or
  /// fake errors.
  public init(kind: Kind, message: String, line: Int, column: Int, byteOffset: Int) {
    self.kind = kind
    self.message = message
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
  }
}
