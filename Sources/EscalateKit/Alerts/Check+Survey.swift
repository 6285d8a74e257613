import Foundation

/// The first pass of a streamed check (see ``Check/stream(paths:into:render:emit:)``).
extension Check {
  /// What the first pass found.
  enum Survey {
    /// The ids counted and the files cut into segments.
    case cut(RepeatedIDs, [FileSegment])
    /// A file has a read error or a record without an id.
    case broken
    /// A file is not UTF-8.
    case notUTF8(String)
    /// The files must be read whole.
    case unsuitable
  }

  /// Target size of a segment: small enough that a small file still spreads over the cores,
  /// large enough that starting one costs little.
  static func segmentBytes(total: Int) -> Int {
    min(max(total / (ProcessInfo.processInfo.activeProcessorCount * 8), 1 << 16), 1 << 20)
  }

  /// The first pass: every id counted, and the files cut into segments; `.broken` when a file
  /// has any problem, so that it is diagnosed as ``run(paths:)`` would report it.
  ///
  /// Nothing else can start before it ends, so it builds no string but the id's, and a large
  /// CSV file is read in parts, one per core, each from a line break that seems to start a
  /// record. Each part reads on past its end to the first record of the next, which proves
  /// that the next part started at a record (a line break can also be inside quotes); if one
  /// did not, the files are read again in one part each. Every record is still checked as
  /// ``DataFile`` would check it.
  func survey(_ paths: [String], _ formats: [DataFormat]) -> Survey {
    let schema = rules.ruleSet.schema
    guard schema.columns[schema.idColumn].type == .text, !options.reportUnknownColumns else { return .unsuitable }
    let ids = RepeatedIDs()
    // Counting ids misses the cache at every insert; another thread does it while the parts read.
    let counting = DispatchQueue(label: "escalate.survey.ids")
    var segments: [FileSegment] = []
    var ordinal = 0
    for (path, format) in zip(paths, formats) {
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      let target = Self.segmentBytes(total: size)
      let starts = partsInParallel ? partStarts(path, format, size: size) : [0]
      var parts: [SurveyedPart?] = []
      inOrderWorkers(count: starts.count, window: starts.count) { [self] index in
        surveyPart(
          path, format, from: starts[index], stop: index + 1 < starts.count ? starts[index + 1] : nil,
          target: target, ids: ids, counting: counting)
      } consume: {
        parts.append($0)
      }
      // Lines are counted in each part from 1; the first part's are the file's.
      var lineShift = 0
      for (index, found) in parts.enumerated() {
        guard let part = found else { return .unsuitable }
        if index > 0 {
          // Trusted once the part before, itself trusted, read up to this part's first record.
          let before = parts[index - 1]!
          guard before.next?.offset == part.first?.offset else {
            counting.sync {}
            var serial = self
            serial.partsInParallel = false
            return serial.survey(paths, formats)
          }
          if let next = before.next, let first = part.first { lineShift += next.line - first.line }
        }
        // An error in a file that is not UTF-8 may only be a character of Windows-1252, which is
        // read from a UTF-8 copy.
        if part.failed {
          counting.sync {}
          return ReadableFile.isUTF8(path) ? .broken : .notUTF8(path)
        }
        // A file may be named twice: its segments are told apart by position, not by path.
        for var segment in part.segments {
          segment.line += lineShift
          segment.ordinal += ordinal
          segments.append(segment)
        }
        ordinal += part.records
      }
    }
    counting.sync {}
    return .cut(ids, segments)
  }

  /// What surveying one stretch of a file found.
  struct SurveyedPart: Sendable {
    /// The segments cut: ordinals counted from the part's first record, lines from the line
    /// the part was started on.
    var segments: [FileSegment] = []
    /// How many records the part has.
    var records = 0
    /// Where the part's first record is.
    var first: (offset: Int, line: Int)?
    /// Where the first record at or past the end the part was given is: the next part must
    /// start with it.
    var next: (offset: Int, line: Int)?
    /// Whether reading stopped at a record that cannot be read or has no id.
    var failed = false
  }

  /// Surveys `path` from byte offset `start` (0 for the file's first record), up to the first
  /// record at or past `stop`, counting each id in `ids` through `counting`; nil when the file
  /// cannot be read this way (see ``IDReader/open(_:_:schema:columns:options:from:)``).
  private func surveyPart(
    _ path: String, _ format: DataFormat, from start: Int, stop: Int?, target: Int, ids: RepeatedIDs,
    counting: DispatchQueue
  ) -> SurveyedPart? {
    let segment = start == 0 ? nil : FileSegment(path: path, start: start, end: nil, line: 1, ordinal: 0)
    guard
      var reader = IDReader.open(
        path, format, schema: rules.ruleSet.schema, columns: usedColumns, options: options,
        from: segment)
    else { return nil }
    var part = SurveyedPart()
    var hashes: [UInt64] = []
    defer { counting.async { [hashes] in ids.insert(hashes: hashes) } }
    var segmentStart = -target
    while true {
      let next: IDReader.Record?
      do { next = try reader.next() } catch {
        part.failed = true
        break
      }
      guard let record = next else { break }
      if part.first == nil { part.first = (record.offset, record.line) }
      if let stop, record.offset >= stop {
        part.next = (record.offset, record.line)
        break
      }
      guard !record.id.isBlank else {
        part.failed = true
        break
      }
      if record.offset - segmentStart >= target {
        if !part.segments.isEmpty { part.segments[part.segments.count - 1].end = record.offset }
        part.segments.append(
          FileSegment(
            path: path, start: record.offset, end: nil, line: record.line, ordinal: part.records,
            format: record.format))
        segmentStart = record.offset
      }
      part.records += 1
      hashes.append(record.id.hash)
      if hashes.count == 1 << 14 {
        let batch = hashes
        counting.async { ids.insert(hashes: batch) }
        hashes.removeAll(keepingCapacity: true)
      }
    }
    // Records appended after the survey are not read: every pass sees the file it saw.
    if !part.segments.isEmpty { part.segments[part.segments.count - 1].end = part.next?.offset ?? reader.bytesRead }
    return part
  }

  /// Where to start each part of a CSV file that is worth reading in parts: the file's start,
  /// and for each further core a record start guessed near an equal share of the file, where
  /// the bytes after a line break read as a few whole records of the header's width.
  private func partStarts(_ path: String, _ format: DataFormat, size: Int) -> [Int] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    guard format == .csv, cores > 1, size >= partBytes * 2,
      case .success(let source)? = ChunkedCSVSource.open(path: path, delimiter: options.delimiter),
      let file = FileHandle(forReadingAtPath: path)
    else { return [0] }
    defer { try? file.close() }
    let columns = source.header.count
    var starts = [0]
    for share in 1..<min(cores, size / partBytes) {
      try? file.seek(toOffset: UInt64(size / cores * share))
      guard let probe = (try? file.read(upToCount: 1 << 16)).map({ [UInt8]($0) }),
        let start = Self.recordStart(in: probe, columns: columns, delimiter: options.delimiter)
      else { continue }
      starts.append(size / cores * share + start)
    }
    return starts
  }

  /// The first offset in `probe` just after a line feed from which four records of `columns`
  /// fields read whole; nil when there is none.
  static func recordStart(in probe: [UInt8], columns: Int, delimiter: UInt8) -> Int? {
    probe.withUnsafeBufferPointer { buffer in
      var spans: [CSVSpan] = []
      var position = 0
      while let lineFeed = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
        position = lineFeed + 1
        var at = position
        var whole = 0
        while whole < 4,
          let skimmed = CSVRecordSkimmer.skim(
            buffer, at: at, line: 1, columns: columns, delimiter: delimiter, spans: &spans)
        {
          at = skimmed.end
          whole += 1
        }
        if whole == 4 { return position }
      }
      return nil
    }
  }
}
