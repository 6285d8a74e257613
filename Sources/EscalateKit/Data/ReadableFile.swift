import Foundation

/// A data file as the readers take it: a regular file of valid UTF-8, which can be read a chunk
/// at a time and more than once.
///
/// Standard input, a pipe and a file that is not UTF-8 are first copied to a temporary file, a
/// chunk at a time, so no input is ever held whole. A file that is not UTF-8 is copied as read as
/// Windows-1252 (as Excel saves "CSV"), with a warning: whether a file is UTF-8 decides how every
/// byte of it reads, so that is settled before the first record.
struct ReadableFile {
  /// The file to read: the original, or a temporary copy.
  let path: String
  /// Whether `path` is a temporary copy, which ``remove()`` removes.
  private let isCopy: Bool
  /// Set when the original is not UTF-8 and was copied as Windows-1252.
  let warning: Diagnostic?

  /// Readies the file at `path` (`-` for standard input), named `name` in messages; fails with
  /// the reason it cannot be read.
  static func prepare(_ path: String, shownAs name: String) -> Result<ReadableFile, TableSourceError> {
    var source = path
    var isCopy = false
    if path == "-" || !DataFile.isRegularFile(path) {
      if path != "-" {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
          return .failure(unreadable(path, "no such file"))
        }
        guard !isDirectory.boolValue else { return .failure(unreadable(path, "it is a directory")) }
      }
      guard let input = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
        return .failure(unreadable(path, "permission denied"))
      }
      switch spool(input, name: path) {
      case .success(let copy): (source, isCopy) = (copy, true)
      case .failure(let problem): return .failure(problem)
      }
    } else if FileHandle(forReadingAtPath: path) == nil {
      return .failure(unreadable(path, "permission denied"))
    }
    guard let (offset, byte) = firstInvalidUTF8(inFileAt: source) else {
      return .success(ReadableFile(path: source, isCopy: isCopy, warning: nil))
    }
    defer { if isCopy { TemporaryFiles.shared.remove(source) } }
    return transcode(source, firstInvalid: offset, byte, shownAs: name, originally: path)
  }

  /// Removes the copy, if there is one.
  func remove() {
    if isCopy { TemporaryFiles.shared.remove(path) }
  }

  /// Whether the file at `path` is valid UTF-8.
  static func isUTF8(_ path: String) -> Bool { firstInvalidUTF8(inFileAt: path) == nil }

  /// The offset and value of the first byte of the file at `path` that is not part of valid
  /// UTF-8, or nil when there is none.
  private static func firstInvalidUTF8(inFileAt path: String) -> (offset: Int, byte: UInt8)? {
    guard let chunks = FileChunks(path: path, limit: nil, chunkSize: FileChunks.defaultChunkSize) else { return nil }
    var carried: [UInt8] = []
    var base = 0
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
      if let bad = bytes.withUnsafeBufferPointer({ TextEncoding.firstInvalidUTF8(in: $0, range: 0..<end) }) {
        return (base + bad, bytes[bad])
      }
      if more.isEmpty { return nil }
      carried = Array(bytes[end...])
      base += end
    }
  }

  /// Copies the file at `source` to a temporary file as Windows-1252 read into UTF-8, with the
  /// warning that says so at the first byte that is not UTF-8, at `offset`.
  private static func transcode(
    _ source: String, firstInvalid offset: Int, _ byte: UInt8, shownAs name: String, originally path: String
  ) -> Result<ReadableFile, TableSourceError> {
    guard let chunks = FileChunks(path: source, limit: nil, chunkSize: FileChunks.defaultChunkSize) else {
      return .failure(unreadable(path, "permission denied"))
    }
    var place = TextPlace()
    var target = offset
    let written = writeTemporary(name: path) { write in
      var first = true
      while true {
        let chunk = chunks.read()
        guard !chunk.isEmpty else { return }
        var bytes = chunk[...]
        // A UTF-8 byte order mark on a file that is otherwise Windows-1252 would become "ï»¿" in
        // the first column's name; it is dropped, and not counted in the location.
        if first && bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
          bytes = bytes.dropFirst(3)
          target -= 3
        }
        first = false
        place.advance(over: bytes, upTo: target)
        try write(TextEncoding.windows1252ToUTF8(Array(bytes)))
      }
    }
    return written.map { copy in
      let warning = Diagnostic(
        .notUTF8,
        "the file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); it was read as Windows-1252",
        at: .file(path: name, line: place.line, column: place.column),
        hint: "save it as UTF-8 (in Excel: CSV UTF-8) so no character is misread", severity: .warning)
      return ReadableFile(path: copy, isCopy: true, warning: warning)
    }
  }

  /// Copies everything `input` holds to a temporary file, a chunk at a time.
  static func spool(_ input: FileHandle, name: String) -> Result<String, TableSourceError> {
    writeTemporary(name: name) { write in
      while let chunk = try input.read(upToCount: FileChunks.defaultChunkSize), !chunk.isEmpty {
        try write([UInt8](chunk))
      }
    }
  }

  /// A new temporary file holding what `body` writes through the function it is given; the file
  /// is removed again if that fails.
  private static func writeTemporary(
    name: String, _ body: ((([UInt8]) throws -> Void)) throws -> Void
  ) -> Result<String, TableSourceError> {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("escalate-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      return .failure(unreadable(name, "cannot copy it to a temporary file"))
    }
    TemporaryFiles.shared.register(path)
    guard let file = FileHandle(forWritingAtPath: path) else {
      TemporaryFiles.shared.remove(path)
      return .failure(unreadable(name, "cannot copy it to a temporary file"))
    }
    defer { try? file.close() }
    do {
      try body { try file.write(contentsOf: Data($0)) }
    } catch {
      TemporaryFiles.shared.remove(path)
      return .failure(unreadable(name, error.localizedDescription))
    }
    return .success(path)
  }

  private static func unreadable(_ path: String, _ reason: String) -> TableSourceError {
    TableSourceError(
      diagnostic: DataFile.unreadable(path, reason), canContinue: false
    )
  }
}

/// The line and character column of a byte offset, worked out from the bytes before it as they
/// pass a chunk at a time.
private struct TextPlace {
  var line = 1
  /// Characters counted on the current line so far.
  private var counted = 0
  /// The bytes of the current line not yet counted.
  private var pending: [UInt8] = []
  /// How many bytes have passed.
  private var passed = 0

  var column: Int { counted + String(decoding: pending, as: UTF8.self).count + 1 }

  /// Takes in `bytes`, the next of the text, as far as `offset`.
  mutating func advance(over bytes: ArraySlice<UInt8>, upTo offset: Int) {
    let before = bytes.prefix(max(0, offset - passed))
    passed += bytes.count
    if let lastBreak = before.lastIndex(of: UInt8(ascii: "\n")) {
      line += before.count { $0 == UInt8(ascii: "\n") }
      (counted, pending) = (0, Array(before[(lastBreak + 1)...]))
    } else {
      pending += before
    }
    // A long line is counted as it goes, up to a point between two ASCII characters (other than
    // CR LF), which no grapheme cluster spans.
    guard pending.count > 1 << 16,
      let cut = pending.indices.dropFirst().last(where: {
        pending[$0] < 0x80 && pending[$0 - 1] < 0x80 && !(pending[$0 - 1] == 0x0D && pending[$0] == 0x0A)
      })
    else { return }
    counted += String(decoding: pending[..<cut], as: UTF8.self).count
    pending.removeFirst(cut)
  }
}
