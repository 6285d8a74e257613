import Foundation

/// Reads a CSV data file record by record.
public enum DataFile {
  /// The most data errors reported before a run stops reading, so a wrong file does not bury
  /// the terminal.
  public static let maximumErrors = 20

  /// Reads the file at `path`, decoding the `columns` of `schema`, and passes each record to
  /// `body`. Returns the diagnostics; the run is invalid if any is an error.
  public static func read(
    path: String, schema: Schema, columns: [Int], _ body: (Record) -> Void
  ) -> [Diagnostic] {
    let (contents, problem) = readBytes(path)
    guard let bytes = contents else { return problem.map { [$0] } ?? [] }
    var reader = CSVReader(bytes: bytes)
    var diagnostics: [Diagnostic] = []
    do throws(CSVError) {
      let header = try reader.header()
      let (decoder, headerDiagnostics) = RecordDecoder.make(
        path: path, header: header, schema: schema, columns: columns)
      guard let decoder else { return headerDiagnostics }
      while let csv = try reader.next() {
        let (record, problems) = decoder.decode(csv) { CSVFieldLocator.locate(field: $0, of: csv, in: bytes) }
        guard problems.isEmpty else {
          diagnostics += problems
          if diagnostics.count >= maximumErrors { break }
          continue
        }
        body(record)
      }
    } catch {
      diagnostics.append(
        Diagnostic(.malformedCSV, error.message, at: .file(path: path, line: error.line, column: error.column)))
    }
    if diagnostics.count >= maximumErrors {
      diagnostics = Array(diagnostics.prefix(maximumErrors))
      diagnostics.append(
        Diagnostic(.tooManyErrors, "stopped reading '\(path)' after \(maximumErrors) errors", at: nil))
    }
    return diagnostics
  }

  static func readBytes(_ path: String) -> (bytes: [UInt8]?, problem: Diagnostic?) {
    var isDirectory: ObjCBool = false
    let failure = { (reason: String) -> ([UInt8]?, Diagnostic?) in
      (nil, Diagnostic(.unreadableFile, "cannot read data file '\(path)': \(reason)", at: nil))
    }
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return failure("no such file")
    }
    guard !isDirectory.boolValue else { return failure("it is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else { return failure("permission denied") }
    return ([UInt8](data), nil)
  }
}
