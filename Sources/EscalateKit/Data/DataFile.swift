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
  /// every schema column the file has; the columns alerts show are decoded too, and without
  /// `context` not those only an alert's context shows, see ``RecordDecoder``), and
  /// passes each record to `body`, which returns the errors it found in it. Returns the
  /// diagnostics of the file: an error makes the run invalid; a warning (such as a file read
  /// as Windows-1252) does not.
  ///
  /// The file is read a chunk at a time, so memory is bounded by its largest record; standard
  /// input, a pipe and a file that is not UTF-8 are first copied (see ``ReadableFile``). A
  /// `segment` is a stretch of a file already read once and known to be valid UTF-8. Only the
  /// records whose id, as written, `ids` accepts are decoded and passed on; it sees every
  /// record, in order, before `body` sees it, and is given the id as a function to call only
  /// when it needs the text. The `presenceOnly` columns are read
  /// only as missing or present, where the format allows (see ``RecordDecoder``).
  public static func read(
    path: String, schema: Schema, columns: [Int]?, context: Bool = true, presenceOnly: [Int] = [],
    options: DataOptions = DataOptions(), segment: FileSegment? = nil,
    ids: (_ id: () -> String) -> Bool = { _ in true },
    _ body: (DecodedRecord) -> [Diagnostic]
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let name = options.shownName(of: path)
    var copy: ReadableFile?
    defer { copy?.remove() }
    let opened: Result<OpenedSource, TableSourceError>
    if let segment {
      opened = openChunked(segment.path, segment.format == .csv ? .csv : .json, name, schema, options, segment: segment)
    } else {
      switch ReadableFile.prepare(path, shownAs: name) {
      case .failure(let problem): return [problem.diagnostic]
      case .success(let file):
        copy = file
        diagnostics += file.warning.map { [$0] } ?? []
        opened =
          format(of: file.path, named: name).map { openChunked(file.path, $0, name, schema, options, segment: nil) }
          ?? .failure(TableSourceError(diagnostic: unreadable(name, "cannot open it"), canContinue: false))
      }
    }
    // Each kind of source read as itself rather than through the protocol: the rows of a large
    // file then pass from source to decoder without a call through a witness table, and the
    // reference counting on its result, for every record.
    func read(_ source: inout some TableSource) -> [Diagnostic] {
      diagnostics
        + Self.read(
          &source, name: name, schema: schema, columns: columns, context: context, presenceOnly: presenceOnly,
          options: options, ids: ids, body)
    }
    switch consume opened {
    case .success(.csv(var source)): return read(&source)
    case .success(.json(var source)): return read(&source)
    case .failure(let error): return diagnostics + [error.diagnostic]
    }
  }

  /// The rest of ``read(path:schema:columns:context:presenceOnly:options:segment:ids:_:)``, once
  /// the file named `name` is open as `source`.
  private static func read<Source: TableSource>(
    _ source: inout Source, name: String, schema: Schema, columns: [Int]?, context: Bool, presenceOnly: [Int],
    options: DataOptions, ids: (_ id: () -> String) -> Bool, _ body: (DecodedRecord) -> [Diagnostic]
  ) -> [Diagnostic] {
    let (made, headerDiagnostics) = RecordDecoder.make(
      path: name, header: source.header, headerLine: source.headerLine, schema: schema, columns: columns,
      context: context, presenceOnly: presenceOnly)
    guard var decoder = made else { return headerDiagnostics }
    source.selectSpans(decoder.fieldMask(count: source.header.count))
    let idField = decoder.field(of: schema.idColumn)
    var diagnostics: [Diagnostic] = []
    var errors = 0
    while errors < maximumErrors {
      let found: [Diagnostic]
      do throws(TableSourceError) {
        guard let row = try source.next() else { break }
        // The id's text is made only if the filter asks for it: most do not, for most records.
        if !ids({ idField.map { row.text($0) } ?? "" }) { continue }
        // A closure rather than `row.locate`, whose partial application was allocated for every record.
        var decoded = row.withCells { cells in
          decoder.decode(row.fields, line: row.line, cells: cells) { row.locate($0) }
        }
        decoded.offset = row.offset
        found = decoded.error.map { [$0] } ?? body(decoded)
      } catch {
        diagnostics.append(error.diagnostic)
        errors += 1
        if error.canContinue { continue }
        break
      }
      guard !found.isEmpty else { continue }
      diagnostics += found
      errors += found.count { $0.severity == .error }
    }
    // After reading, since a JSON file's keys are known only then.
    if options.reportUnknownColumns { diagnostics += source.unknownColumns(in: schema) }
    if errors >= maximumErrors {
      diagnostics.append(
        Diagnostic(.tooManyErrors, "stopped reading '\(name)' after \(maximumErrors) errors", at: nil))
    }
    return diagnostics
  }

  /// How the file at `path` is written: by the extension of its `name` (its path unless it is a
  /// copy), or else by its first bytes; nil for a file that is not a regular file.
  static func format(of path: String, named name: String) -> DataFormat? {
    // Not a pipe, whose first bytes would be lost to this look.
    guard isRegularFile(path), let file = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? file.close() }
    var start = (try? file.read(upToCount: 4096)).map { [UInt8]($0) } ?? []
    if start.starts(with: [0xEF, 0xBB, 0xBF]) { start.removeFirst(3) }
    // The first character that is not whitespace decides, however far in it is.
    while !start.isEmpty && start.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
      start = (try? file.read(upToCount: 1 << 16)).map { [UInt8]($0) } ?? []
    }
    return DataFormat(path: name, bytes: start)
  }

  static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  /// A file known to be valid UTF-8 read a chunk at a time, from its start or, for
  /// ``Check/stream(paths:into:render:emit:)``, from the start of a `segment` read once already.
  private static func openChunked(
    _ path: String, _ format: DataFormat, _ name: String, _ schema: Schema, _ options: DataOptions,
    segment: FileSegment?
  ) -> Result<OpenedSource, TableSourceError> {
    let cannotOpen = TableSourceError(diagnostic: unreadable(name, "cannot open it"), canContinue: false)
    switch format {
    case .json:
      return JSONSource.open(path: path, shownAs: name, schema: schema, segment: segment).map { .success(.json($0)) }
        ?? .failure(cannotOpen)
    case .csv:
      // A segment was read once by the survey, which found it UTF-8.
      switch ChunkedCSVSource.open(
        path: path, shownAs: name, delimiter: options.delimiter, segment: segment, knownUTF8: segment != nil)
      {
      case .success(let source): return .success(.csv(source))
      case .failure(let error): return .failure(error)
      case nil: return .failure(cannotOpen)
      }
    }
  }

  /// A data file opened, as the source of its format.
  private enum OpenedSource {
    case csv(ChunkedCSVSource)
    case json(JSONSource)
  }

  /// Why the file at `path` cannot be read at all.
  static func unreadable(_ path: String, _ reason: String) -> Diagnostic {
    Diagnostic(.unreadableFile, "cannot read data file '\(path)': \(reason)", at: nil)
  }
}

extension TableRow {
  /// Lends a CSV row's spans and the bytes they are in, for the cells read in place, to `body`;
  /// nil for JSON. Lent rather than returned: copies of the two arrays counted references on
  /// them for every record.
  fileprivate func withCells<Result>(
    _ body: ((spans: UnsafeBufferPointer<CSVSpan>, bytes: UnsafeBufferPointer<UInt8>)?) -> Result
  ) -> Result {
    guard case .csv(let record, let bytes, _) = cells, !record.spans.isEmpty else { return body(nil) }
    return bytes.withUnsafeBufferPointer { bytes in record.spans.withUnsafeBufferPointer { body(($0, bytes)) } }
  }
}
