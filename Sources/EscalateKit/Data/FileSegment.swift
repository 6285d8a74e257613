import Foundation

/// A stretch of a data file, from the start of one record to the start of another, that can be
/// read on its own: how a streamed check shares a file between cores.
public struct FileSegment: Sendable {
  var path: String
  /// The byte offset of the first record.
  var start: Int
  /// The byte offset where the next segment starts; nil for the end of the file.
  var end: Int?
  /// The line the first record starts on.
  var line: Int
  /// How many records of the run come before it.
  var ordinal: Int
  /// How the file is written, and what a reader needs to start in the middle of it.
  var format = Format.csv

  /// How a segment's file is written.
  enum Format: Sendable, Hashable {
    case csv
    /// JSON, whose first record in the segment starts at `column`, as an element of an array
    /// or as a line.
    case json(column: Int, isArray: Bool)
  }
}

/// A file read forward a piece at a time, never past an optional limit: what the readers that
/// hold only part of a file share.
final class FileChunks {
  /// How many bytes are read at a time, unless a test asks for fewer.
  static let defaultChunkSize = 1 << 20
  private let file: FileHandle
  /// The offset of the next byte to read.
  private(set) var offset: Int
  private let limit: Int?
  private let chunkSize: Int

  /// Opens the file at `path` to read from `offset` up to `limit` (nil: its end), `chunkSize`
  /// bytes at a time; nil when it cannot be opened.
  init?(path: String, from offset: Int = 0, limit: Int?, chunkSize: Int) {
    guard let file = FileHandle(forReadingAtPath: path) else { return nil }
    if offset > 0 { try? file.seek(toOffset: UInt64(offset)) }
    self.file = file
    self.offset = offset
    self.limit = limit
    self.chunkSize = chunkSize
  }

  deinit { try? file.close() }

  /// The next bytes: a chunk, or `atLeast` when that is more, so that a reader holding a long
  /// record reads it in growing pieces; none at the end.
  func read(atLeast: Int = 0) -> [UInt8] {
    var count = max(chunkSize, atLeast)
    if let limit { count = min(count, limit - offset) }
    guard count > 0, let data = try? file.read(upToCount: count) else { return [] }
    offset += data.count
    return [UInt8](data)
  }
}
