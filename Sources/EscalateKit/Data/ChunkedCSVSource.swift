import Foundation

/// CSV rows read from a file a chunk at a time, so memory is bounded by the largest record
/// rather than by the file.
///
/// Each chunk is parsed by ``CSVReader``. A record that runs into the end of a chunk may have
/// been cut short, so it is carried into the next chunk and read again; the reader therefore
/// only ever sees whole records, and reports errors where a whole-file read would.
struct ChunkedCSVSource: TableSource {
  static let chunkSize = 1 << 20
  private let file: FileHandle
  private let path: String
  private let delimiter: UInt8
  private var buffer: [UInt8]
  private var atEnd = false
  private var reader: CSVReader
  private let headerRecord: CSVRecord
  /// The chunk the header is in, for locating its names in warnings.
  private let headerBytes: [UInt8]
  var header: [String] { headerRecord.fields }

  /// Opens the file at `path` and reads its header; nil when it cannot be opened.
  static func open(path: String, delimiter: UInt8) -> Result<ChunkedCSVSource, TableSourceError>? {
    guard let file = FileHandle(forReadingAtPath: path) else { return nil }
    var buffer: [UInt8] = []
    var atEnd = false
    while true {
      let more = Self.read(file)
      atEnd = more.isEmpty
      buffer += more
      let reader = CSVReader(bytes: buffer, delimiter: delimiter)
      // A header that reaches the end of what has been read may go on in the next chunk.
      guard atEnd || reader.position < buffer.count else { continue }
      do throws(CSVError) {
        let header = try reader.headerRecord()
        return .success(
          ChunkedCSVSource(
            file: file, path: path, delimiter: delimiter, buffer: buffer, atEnd: atEnd, reader: reader,
            headerRecord: header, headerBytes: buffer))
      } catch {
        return .failure(TableSourceError(diagnostic: error.diagnostic(path: path), canContinue: false))
      }
    }
  }

  private init(
    file: FileHandle, path: String, delimiter: UInt8, buffer: [UInt8], atEnd: Bool, reader: CSVReader,
    headerRecord: CSVRecord, headerBytes: [UInt8]
  ) {
    self.file = file
    self.path = path
    self.delimiter = delimiter
    self.buffer = buffer
    self.atEnd = atEnd
    self.reader = reader
    self.headerRecord = headerRecord
    self.headerBytes = headerBytes
  }

  private static func read(_ file: FileHandle) -> [UInt8] {
    (try? file.read(upToCount: chunkSize)).map { [UInt8]($0) } ?? []
  }

  mutating func next() throws(TableSourceError) -> TableRow? {
    while true {
      let (start, line) = (reader.position, reader.line)
      let result = Result { () throws(CSVError) in try reader.next() }
      if !atEnd && reader.position >= buffer.count {
        let more = Self.read(file)
        atEnd = more.isEmpty
        buffer = Array(buffer[start...]) + more
        reader = CSVReader(continuing: buffer, header: headerRecord, line: line, delimiter: delimiter)
        continue
      }
      do throws(CSVError) {
        guard let csv = try result.get() else { return nil }
        let (bytes, delimiter) = (buffer, self.delimiter)
        return TableRow(fields: csv.fields, line: csv.line) {
          CSVFieldLocator.locate(field: $0, of: csv, in: bytes, delimiter: delimiter)
        }
      } catch {
        throw TableSourceError(diagnostic: error.diagnostic(path: path), canContinue: error.kind == .raggedRow)
      }
    }
  }

  func unknownColumns(in schema: Schema) -> [Diagnostic] {
    CSVSource.unknownColumns(header: headerRecord, bytes: headerBytes, path: path, delimiter: delimiter, in: schema)
  }
}
