/// Finds where a field of a record starts, for diagnostics about one cell.
///
/// Only called when a cell cannot be read, so it rescans the record rather than making the
/// reader keep a position for every field of every record.
enum CSVFieldLocator {
  /// The 1-based line and column (in characters) where field `field` of `record` starts.
  ///
  /// - Complexity: O(length of the record up to the field).
  static func locate(
    field: Int, of record: CSVRecord, in bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")
  ) -> (line: Int, column: Int) {
    var line = record.line
    var lineStart = record.byteOffset
    var index = record.byteOffset
    var seen = 0
    var inQuotes = false
    while index < bytes.count, seen < field {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if byte == delimiter && !inQuotes {
        seen += 1
      } else if byte == lf || (byte == cr && !(index + 1 < bytes.count && bytes[index + 1] == lf)) {
        // A lone CR ends a line too, as it does for the reader.
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
    return (line, column)
  }
}

private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
