/// Where the scratch data files a test runs on really come from, so a diagnostic about one
/// points at the test file (or the records file) a person wrote, not at a temporary copy.
struct DataLocations {
  enum Origin {
    /// A `records` block: line `n` of the copy is line `n + lineOffset` of the test file, and
    /// each line lost `columnOffset` characters of indentation.
    case inline(SourceFile, lineOffset: Int, columnOffset: Int)
    /// A records file, padded with empty columns: lines and columns are the file's.
    case file(String)
  }

  private var origins: [String: Origin] = [:]

  mutating func add(_ scratch: String, _ origin: Origin) {
    origins[scratch] = origin
  }

  /// `diagnostic`, pointing at the original of a scratch file it names.
  func map(_ diagnostic: Diagnostic) -> Diagnostic {
    var mapped = diagnostic
    mapped.message = mapText(diagnostic.message)
    mapped.hint = diagnostic.hint.map(mapText)
    guard case .file(let path, let line, let column) = diagnostic.location, let origin = origins[path] else {
      return mapped
    }
    switch origin {
    case .inline(let file, let lineOffset, let columnOffset):
      let offset = file.offset(line: line + lineOffset, column: column + columnOffset)
      mapped.location = .source(SourceRange(file: file, bytes: offset..<offset))
    case .file(let original):
      mapped.location = .file(path: original, line: line, column: column)
    }
    return mapped
  }

  /// Where a record of a scratch file came from.
  func map(_ source: RecordSource) -> RecordSource {
    switch origins[source.path] {
    case .inline(let file, let lineOffset, _)?: RecordSource(path: file.path, line: source.line + lineOffset)
    case .file(let original)?: RecordSource(path: original, line: source.line)
    case nil: source
    }
  }

  /// Text naming a scratch file, as `PATH` or `PATH:LINE`, naming its original instead.
  func mapText(_ text: String) -> String {
    var result = text
    for (scratch, origin) in origins where result.contains(scratch) {
      var output = ""
      var rest = result[...]
      while let found = rest.range(of: scratch) {
        output += rest[..<found.lowerBound]
        rest = rest[found.upperBound...]
        var line: Int?
        if rest.first == ":" {
          let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
          if let number = Int(digits) {
            line = number
            rest = rest.dropFirst(1 + digits.count)
          }
        }
        switch origin {
        case .inline(let file, let lineOffset, _):
          output += file.path + (line.map { ":\($0 + lineOffset)" } ?? "")
        case .file(let original):
          output += original + (line.map { ":\($0)" } ?? "")
        }
      }
      result = output + rest
    }
    return result
  }
}

extension SourceFile {
  /// The byte offset of a 1-based line and character column, clamped to the line's end.
  func offset(line: Int, column: Int) -> Int {
    var start = 0
    var current = 1
    while current < line, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
      start = newline + 1
      current += 1
    }
    let text = lineText(current)
    let prefix = text.prefix(max(0, column - 1))
    return start + prefix.utf8.count
  }
}
