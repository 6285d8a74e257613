/// Adds the schema columns a CSV file lacks, as empty cells, so a test's records need only the
/// columns its rules are about.
///
/// The engine requires every column any rule of the pack reads, so a test of one rule would
/// otherwise have to carry two dozen empty columns. The new columns go at the end of the header
/// and of every record, so every existing cell keeps its line and column for diagnostics.
enum CSVColumnFiller {
  /// The schema columns that no header name (a column's name or alias) stands for.
  static func missingColumns(header: [String], schema: Schema) -> [String] {
    let names = Set(header.map(Schema.normalise))
    return schema.columns.filter { column in
      !names.contains(column.name) && !column.aliases.contains { names.contains(Schema.normalise($0)) }
    }.map(\.name)
  }

  /// `bytes` with `columns` added to the header and an empty cell added to every record; nil when
  /// the header cannot be read. The file must be well-formed CSV with comma separators.
  static func fill(_ bytes: [UInt8], schema: Schema) -> (bytes: [UInt8], added: [String])? {
    guard let header = try? CSVReader(bytes: bytes).header() else { return nil }
    let added = missingColumns(header: header, schema: schema)
    guard !added.isEmpty else { return (bytes, []) }
    let headerEnd = Array(added.map { "," + $0 }.joined().utf8)
    let recordEnd = [UInt8](repeating: UInt8(ascii: ","), count: added.count)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 8)
    var inQuotes = false
    // Whether the current line holds anything but spaces and tabs: blank lines are skipped by the
    // reader, so they get no cells.
    var lineHasText = false
    var headerDone = false
    func endRecord() {
      guard lineHasText else { return }
      output += headerDone ? recordEnd : headerEnd
      headerDone = true
      lineHasText = false
    }
    for byte in bytes {
      if inQuotes {
        // A doubled quote inside a quoted field closes and reopens it, which comes to the same.
        if byte == UInt8(ascii: "\"") { inQuotes = false }
      } else if byte == UInt8(ascii: "\"") {
        inQuotes = true
        lineHasText = true
      } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        endRecord()
      } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
        lineHasText = true
      }
      output.append(byte)
    }
    endRecord()
    return (output, added)
  }
}
