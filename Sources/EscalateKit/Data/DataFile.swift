import Foundation

/// How data files are read.
public struct DataOptions: Sendable {
  /// The CSV field separator: `,` (default), `;` or tab.
  public var delimiter: UInt8
  /// Whether an unreadable cell is an error (exit 2) rather than a data-quality alert.
  public var strict: Bool
  /// Whether header names that are not in the schema are reported (as warnings).
  public var reportUnknownColumns: Bool
  /// Whether every period of each workstream raises alerts, not only its latest.
  public var allPeriods = false
  /// How to name a path in alerts and messages when not by itself: standard input, copied to
  /// a temporary file so it can be streamed, is still `<stdin>`.
  public var shownNames: [String: String] = [:]

  /// How `path` is named in alerts and messages.
  func shownName(of path: String) -> String {
    shownNames[path] ?? (path == "-" ? "<stdin>" : path)
  }

  /// Creates options.
  public init(delimiter: UInt8 = UInt8(ascii: ","), strict: Bool = false, reportUnknownColumns: Bool = false) {
    self.delimiter = delimiter
    self.strict = strict
    self.reportUnknownColumns = reportUnknownColumns
  }
}

/// Reads a data file record by record.
public enum DataFile {
  /// The most data errors reported before a run stops reading, so a wrong file does not bury
  /// the terminal.
  public static let maximumErrors = 20

  /// Reads the file at `path` (`-` for standard input), decoding the `columns` of `schema` (nil:
  /// every schema column the file has; the columns alerts show are decoded too), and
  /// passes each record to `body`, which returns the errors it found in it. Returns the
  /// diagnostics of the file: an error makes the run invalid; a warning (such as a file read
  /// as Windows-1252) does not.
  ///
  /// A file that is valid UTF-8 is read a chunk at a time, so memory is bounded by its largest
  /// record; standard input and a file in another encoding are read whole. A `segment` is a
  /// stretch of a file already read once and known to be valid UTF-8. Only the records whose
  /// id, as written, `ids` accepts are decoded and passed on; it sees every record's id, in
  /// order, before `body` sees the record.
  public static func read(
    path: String, schema: Schema, columns: [Int]?, options: DataOptions = DataOptions(), segment: FileSegment? = nil,
    ids: (String) -> Bool = { _ in true }, _ body: (DecodedRecord) -> [Diagnostic]
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var source: any TableSource
    let opened =
      segment.map { openChunked(path, $0.format == .csv ? .csv : .json, schema, options, segment: $0) }
      ?? open(path, schema, options, &diagnostics)
    switch opened {
    case .success(let table): source = table
    case .failure(let error): return diagnostics + [error.diagnostic]
    }
    let path = options.shownName(of: path)
    let (made, headerDiagnostics) = RecordDecoder.make(
      path: path, header: source.header, headerLine: source.headerLine, schema: schema, columns: columns)
    guard var decoder = made else { return diagnostics + headerDiagnostics }
    source.select(decoder.fieldMask(count: source.header.count))
    let idField = decoder.field(of: schema.idColumn)
    var errors = 0
    while errors < maximumErrors {
      let found: [Diagnostic]
      do throws(TableSourceError) {
        guard let row = try source.next() else { break }
        if !ids(idField.map { row.fields[$0] } ?? "") { continue }
        var decoded = decoder.decode(row.fields, line: row.line, locate: row.locate)
        decoded.offset = row.offset
        found = decoded.error.map { [$0] } ?? body(decoded)
      } catch {
        diagnostics.append(error.diagnostic)
        errors += 1
        if error.canContinue { continue }
        break
      }
      diagnostics += found
      errors += found.count { $0.severity == .error }
    }
    // After reading, since a JSON file's keys are known only then.
    if options.reportUnknownColumns { diagnostics += source.unknownColumns(in: schema) }
    if errors >= maximumErrors {
      diagnostics.append(
        Diagnostic(.tooManyErrors, "stopped reading '\(path)' after \(maximumErrors) errors", at: nil))
    }
    return diagnostics
  }

  /// How the file at `path` is written, judged as ``read`` judges it: by its extension, or else
  /// by its first bytes; nil for standard input or a file that cannot be opened.
  static func format(of path: String) -> DataFormat? {
    // Not a pipe, whose first bytes would be lost to this look.
    guard isRegularFile(path), let file = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? file.close() }
    var start = (try? file.read(upToCount: 4096)).map { [UInt8]($0) } ?? []
    if start.starts(with: [0xEF, 0xBB, 0xBF]) { start.removeFirst(3) }
    return DataFormat(path: path, bytes: start)
  }

  static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  /// Whether the file at `path` is valid UTF-8, read a chunk at a time.
  static func isUTF8(_ path: String) -> Bool {
    guard let chunks = FileChunks(path: path, limit: nil, chunkSize: FileChunks.defaultChunkSize) else { return false }
    var carried: [UInt8] = []
    while true {
      let more = chunks.read()
      let bytes = carried + more
      var end = bytes.count
      if !more.isEmpty {
        // A character that the chunk's end may have cut is checked with the next chunk.
        var start = bytes.count - 1
        while start > 0 && bytes.count - start < 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        if bytes[start] >= 0xC0 { end = start }
      }
      if TextEncoding.firstInvalidUTF8(in: bytes, range: 0..<end) != nil { return false }
      if more.isEmpty { return true }
      carried = Array(bytes[end...])
    }
  }

  /// A file read a chunk at a time when it is valid UTF-8, as nearly all are, so memory is
  /// bounded by its largest record; otherwise whole (see `openWhole`).
  private static func open(
    _ path: String, _ schema: Schema, _ options: DataOptions, _ diagnostics: inout [Diagnostic]
  ) -> Result<any TableSource, TableSourceError> {
    guard let format = format(of: path), isUTF8(path) else { return openWhole(path, schema, options, &diagnostics) }
    return openChunked(path, format, schema, options, segment: nil)
  }

  /// A file known to be valid UTF-8 read a chunk at a time, from its start or, for
  /// ``Check/stream(paths:into:render:emit:)``, from the start of a `segment` read once already.
  private static func openChunked(
    _ path: String, _ format: DataFormat, _ schema: Schema, _ options: DataOptions, segment: FileSegment?
  ) -> Result<any TableSource, TableSourceError> {
    let name = options.shownName(of: path)
    let cannotOpen = TableSourceError(diagnostic: unreadable(name, "cannot open it"), canContinue: false)
    switch format {
    case .json:
      return JSONSource.open(path: path, shownAs: name, schema: schema, segment: segment).map { .success($0) }
        ?? .failure(cannotOpen)
    case .csv:
      switch ChunkedCSVSource.open(path: path, shownAs: name, delimiter: options.delimiter, segment: segment) {
      case .success(let source): return .success(source)
      case .failure(let error): return .failure(error)
      case nil: return .failure(cannotOpen)
      }
    }
  }

  /// The whole file in memory, read as Windows-1252 when it is not UTF-8 (with a warning in
  /// `diagnostics`), as CSV or JSON: for standard input, and for a file that is not UTF-8,
  /// since whether it is decides how every byte reads.
  private static func openWhole(
    _ path: String, _ schema: Schema, _ options: DataOptions, _ diagnostics: inout [Diagnostic]
  ) -> Result<any TableSource, TableSourceError> {
    let (contents, problem) = readBytes(path)
    guard var bytes = contents else {
      return .failure(TableSourceError(diagnostic: problem!, canContinue: false))
    }
    let path = options.shownName(of: path)
    // A UTF-8 byte order mark on a file that is otherwise Windows-1252 would become "ï»¿" in the
    // first column's name; it is dropped before the encoding is decided.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let bad = TextEncoding.firstInvalidUTF8(in: bytes, range: 0..<bytes.count) {
      let (line, column) = position(of: bad, in: bytes)
      diagnostics.append(
        Diagnostic(
          .notUTF8,
          "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); "
            + "it was read as Windows-1252",
          at: .file(path: path, line: line, column: column),
          hint: "save it as UTF-8 (in Excel: CSV UTF-8) so no character is misread", severity: .warning))
      bytes = TextEncoding.windows1252ToUTF8(bytes)
    }
    switch DataFormat(path: path, bytes: bytes) {
    case .csv:
      return CSVSource.open(bytes: bytes, path: path, delimiter: options.delimiter).map { $0 as any TableSource }
    case .json:
      return .success(JSONSource(bytes: bytes, path: path, schema: schema))
    }
  }

  /// The line and character column of a byte offset, for the rare diagnostic about raw bytes.
  static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    let lineStart = bytes[..<offset].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    let line = bytes[..<offset].count { $0 == UInt8(ascii: "\n") } + 1
    return (line, String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
  }

  static func readBytes(_ path: String) -> (bytes: [UInt8]?, problem: Diagnostic?) {
    if path == "-" {
      return ([UInt8](FileHandle.standardInput.readDataToEndOfFile()), nil)
    }
    var isDirectory: ObjCBool = false
    let failure = { (reason: String) -> ([UInt8]?, Diagnostic?) in (nil, unreadable(path, reason)) }
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return failure("no such file")
    }
    guard !isDirectory.boolValue else { return failure("it is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else { return failure("permission denied") }
    return ([UInt8](data), nil)
  }

  /// Copies standard input to a temporary file, a chunk at a time, so that a streamed check
  /// can read it more than once; nil, with the reason, when that fails. The caller removes it.
  static func spoolStandardInput() -> (path: String?, problem: Diagnostic?) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("escalate-stdin-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path)
    else { return (nil, unreadable("-", "cannot copy standard input to a temporary file")) }
    defer { try? file.close() }
    do {
      while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
        try file.write(contentsOf: chunk)
      }
    } catch {
      try? FileManager.default.removeItem(atPath: path)
      return (nil, unreadable("-", error.localizedDescription))
    }
    return (path, nil)
  }

  private static func unreadable(_ path: String, _ reason: String) -> Diagnostic {
    Diagnostic(.unreadableFile, "cannot read data file '\(path)': \(reason)", at: nil)
  }
}
