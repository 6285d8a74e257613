/// The text of one input file and the means to turn byte offsets into lines and columns.
///
/// Tokens, syntax nodes and diagnostics keep byte offsets only; line and column are computed
/// when something is shown to a person, so locating costs nothing until it is needed.
public final class SourceFile: Sendable {
  /// The path as the user gave it, used verbatim in diagnostics.
  public let path: String
  /// The file's text as UTF-8 bytes.
  public let bytes: [UInt8]
  private let lineStarts: [Int]

  /// Creates a source file from its path and text.
  public init(path: String, text: String) {
    self.path = path
    self.bytes = Array(text.utf8)
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  /// The 1-based line and column of a byte offset; the column counts characters, not bytes.
  ///
  /// - Complexity: O(log lines + length of the line).
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    let prefix = bytes[lineStarts[low]..<clamped]
    return (low + 1, String(decoding: prefix, as: UTF8.self).count + 1)
  }

  /// The text of a 1-based line, without its line terminator.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The text of a byte range.
  public func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
  }
}

/// A byte range in a source file.
public struct SourceRange: Sendable {
  /// The file the range is in.
  public let file: SourceFile
  /// The bytes covered; empty for a position between two characters.
  public let bytes: Range<Int>

  /// Creates a range.
  public init(file: SourceFile, bytes: Range<Int>) {
    self.file = file
    self.bytes = bytes
  }

  /// The 1-based line and column where the range starts.
  public var start: (line: Int, column: Int) { file.location(of: bytes.lowerBound) }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(
      file: file,
      bytes: min(bytes.lowerBound, other.bytes.lowerBound)..<max(bytes.upperBound, other.bytes.upperBound))
  }
}
