import Foundation

/// Turns a test's records into data files that `Check` reads exactly as `escalate check` would,
/// with the schema columns they lack filled in as empty cells.
///
/// Each file is first read as it was written, so a malformed file or a row of the wrong length
/// is reported as written, and the ids of its records are known; only then is a CSV file
/// padded. JSON needs no padding: a key a record lacks is an empty cell already.
struct TestDataWriter {
  /// A directory of this run's own, for the scratch copies.
  let scratch: String
  let schema: Schema
  /// The columns whose values name the alerts of the pack's portfolio rules (`for each section`).
  let groupColumns: [Int]

  /// The files to check, where their diagnostics should point, the errors that stop the test
  /// from running, and the ids an alert can have.
  struct Prepared {
    var paths: [String] = []
    var locations = DataLocations()
    var diagnostics: [Diagnostic] = []
    /// The records' ids, and the values of the portfolio rules' group columns.
    var ids: Set<String> = []
  }

  /// A records file's path: relative to the test file's directory unless absolute.
  static func resolve(_ path: String, relativeTo testFile: String) -> String {
    if path.hasPrefix("/") { return path }
    let directory = (testFile as NSString).deletingLastPathComponent
    return directory.isEmpty ? path : directory + "/" + path
  }

  /// Writes the data of `records`; `serial` keeps the scratch names of the run's tests apart.
  func prepare(_ records: TestRecords, of file: RuleTestFile, serial: Int) -> Prepared {
    var prepared = Prepared()
    switch records {
    case .inline(let block):
      let copy = "\(scratch)/test-\(serial).csv"
      let bytes = Array(block.text.utf8)
      _ = FileManager.default.createFile(atPath: copy, contents: Data(bytes))
      prepared.locations.add(copy, .inline(file.source, lineOffset: block.firstLine - 1, columnOffset: block.indent))
      guard read(copy, csv: bytes, reportUnknownColumns: true, into: &prepared) else { break }
      pad(bytes, original: copy, copy: copy, into: &prepared)
    case .files(let files):
      for (index, entry) in files.enumerated() {
        let path = Self.resolve(entry.path, relativeTo: file.source.path)
        guard let data = FileManager.default.contents(atPath: path) else {
          prepared.paths.append(path)  // `Check` reports it as it reports any unreadable file.
          continue
        }
        let bytes = [UInt8](data)
        let isCSV = DataFormat(path: path, bytes: bytes) == .csv
        guard read(path, csv: isCSV ? bytes : nil, reportUnknownColumns: false, into: &prepared) else { continue }
        guard isCSV else {
          prepared.paths.append(path)
          continue
        }
        let copy = "\(scratch)/test-\(serial)-\(index).csv"
        prepared.locations.add(copy, .file(path))
        pad(bytes, original: path, copy: copy, into: &prepared)
      }
    }
    return prepared
  }

  /// Reads the file at `path` as written (`csv`: its bytes, when it is CSV), adding its errors and
  /// its records' ids to `prepared`; false when it has errors.
  private func read(
    _ path: String, csv bytes: [UInt8]?, reportUnknownColumns: Bool, into prepared: inout Prepared
  ) -> Bool {
    var options = DataOptions()
    options.reportUnknownColumns = reportUnknownColumns
    // Header names the schema does not know, in the order the reader reports them.
    let header = bytes.flatMap { try? CSVReader(bytes: $0).header() } ?? []
    var unknown = header.filter { !schema.knownHeaderNames.contains(Schema.normalise($0)) }.makeIterator()
    var ids = prepared.ids
    let read = DataFile.read(path: path, schema: schema, columns: nil, options: options) { decoded in
      if let id = decoded.record.text(schema.idColumn) { ids.insert(id) }
      for column in groupColumns where !decoded.record.values[column].isMissing {
        ids.insert(decoded.record.values[column].formatted(as: schema.columns[column].type))
      }
      return []
    }
    prepared.ids = ids
    // Only errors: the run proper reports the warnings, once.
    let found = read.compactMap { diagnostic -> Diagnostic? in
      guard diagnostic.id == .unknownDataColumn else { return diagnostic.severity == .error ? diagnostic : nil }
      // In a test a misspelt column would be filled in empty and quietly change what it tests.
      var error = diagnostic
      error.severity = .error
      let names = schema.columns.map(\.name)
      error.hint =
        unknown.next().flatMap { Suggestion.closest(to: Schema.normalise($0), in: names) }.map {
          "did you mean '\($0)'?"
        }
        ?? "the \(schema.name) schema's columns are \(names.joined(separator: ", "))"
      return error
    }
    prepared.diagnostics += found.map(prepared.locations.map)
    return !found.hasErrors
  }

  /// Writes CSV `bytes` (the file at `original`) with the schema's missing columns to `copy`, and
  /// adds the file to check: `original` itself when it lacks none.
  private func pad(_ bytes: [UInt8], original: String, copy: String, into prepared: inout Prepared) {
    guard let filled = CSVColumnFiller.fill(bytes, schema: schema) else { return }
    if filled.added.isEmpty && original != copy {
      prepared.paths.append(original)
      return
    }
    _ = FileManager.default.createFile(atPath: copy, contents: Data(filled.bytes))
    prepared.paths.append(copy)
  }
}
