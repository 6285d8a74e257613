/// A quick pass over one CSV record that finds where it ends and where each of its fields is,
/// building no string: how the survey of a streamed check gets through a million records on
/// one core before the others can start, and how the evaluating cores read theirs.
///
/// It accepts only records that ``CSVReader`` reads without error and that end, line ending
/// included, before the end of the bytes; for those it agrees with the reader on where the
/// record starts and ends, its line, and its fields' spans. Anything else (an error, a record
/// that may go on in the next chunk, a possible byte order mark, a record of over a mebibyte)
/// gives nil, and the caller reads that record with ``CSVReader``, which reports it exactly as
/// always.
enum CSVRecordSkimmer {
  /// Where one skimmed record is.
  struct Skimmed {
    /// The offset of the record's first byte, after any blank lines.
    var start: Int
    /// The line the record starts on.
    var line: Int
    /// The offset just past the record's line ending, where the next one is looked for.
    var end: Int
    /// The line at `end`.
    var endLine: Int
  }

  /// Skims the record at `position` (on `line`) of `buf`, which must have `columns` fields,
  /// replacing the contents of `spans` with theirs (which are undefined when it returns nil).
  /// Without `validating`, for bytes already found to be UTF-8, their characters go unchecked.
  /// Only the first `locating` fields' spans are found (all by default); the others are checked
  /// as always but only counted, which is all the survey needs past the id.
  static func skim(
    _ buf: UnsafeBufferPointer<UInt8>, at position: Int, line: Int, columns: Int, delimiter: UInt8,
    spans: inout [CSVSpan], validating: Bool = true, locating: Int = .max
  ) -> Skimmed? {
    // Written in place, a field at a time, rather than appended, which checks the array's
    // storage for every field.
    if spans.count != columns { spans = Array(repeating: CSVSpan(bytes: 0..<0, escaped: false), count: columns) }
    return spans.withUnsafeMutableBufferPointer { spans in
      skim(
        buf, at: position, line: line, columns: columns, delimiter: delimiter, into: spans, validating: validating,
        locating: locating)
    }
  }

  private static func skim(
    _ buf: UnsafeBufferPointer<UInt8>, at position: Int, line: Int, columns: Int, delimiter: UInt8,
    into spans: UnsafeMutableBufferPointer<CSVSpan>, validating: Bool, locating: Int
  ) -> Skimmed? {
    var field = 0
    var position = position
    var line = line
    // Empty lines before a record are skipped and counted, as the reader does.
    while position < buf.count && (buf[position] == lf || buf[position] == cr) {
      position += buf[position] == cr && position + 1 < buf.count && buf[position + 1] == lf ? 2 : 1
      line += 1
    }
    // 0xEF may start a byte order mark, which the reader reports as two files joined.
    guard position < buf.count, buf[position] != 0xEF else { return nil }
    let (start, startLine) = (position, line)
    let unquoted = SpecialBytes(delimiter, quote, lf, cr)
    let quoted = SpecialBytes(quote, lf, cr, quote)
    let run = UnquotedRun(delimiter: delimiter)
    // Where fields began to be stepped over a word at a time rather than one by one, and every
    // bit of the bytes stepped over (and of some beyond them).
    var countedFrom: Int?
    var countedBits: UInt64 = 0
    while true {
      guard position < buf.count else { return nil }
      let counting = field >= locating
      if counting || locating >= columns { countedFrom = countedFrom ?? position }
      if !counting && locating >= columns && buf[position] != quote {
        // Every field located: unquoted ones a word at a time, each delimiter in the word ending
        // one, up to a quote (which must open the next field) or a line ending (which ends this).
        guard
          let (end, fieldStart) = run.locate(in: buf, from: position, field: &field, spans: spans, bits: &countedBits)
        else { return nil }
        position = end
        guard position < buf.count else { return nil }
        if buf[position] == quote {
          guard position == fieldStart else { return nil }
          continue
        }
        guard field < columns else { return nil }
        spans[field] = CSVSpan(bytes: fieldStart..<position, escaped: false)
        field += 1
      } else if counting && buf[position] != quote {
        // Unquoted fields are stepped over a word at a time, delimiters and all, up to a quote
        // (which opens the next field) or a line ending (which ends this one).
        let from = position
        let delimiters: Int
        (position, delimiters) = run.step(in: buf, from: from, bits: &countedBits)
        field += delimiters
        guard position < buf.count, field < columns else { return nil }
        if buf[position] == quote {
          // Inside an unquoted field, a quote is an error, which the reader reports.
          guard position > from, buf[position - 1] == delimiter else { return nil }
          continue
        }
        field += 1
      } else {
        var allBits: UInt8 = 0
        var escaped = false
        let content: Range<Int>
        if buf[position] == quote {
          let opening = position + 1
          position = opening
          while true {
            // A field stepped over a word at a time has its characters checked with the others',
            // at the record's end.
            position =
              countedFrom != nil
              ? run.step(in: buf, from: position, bits: &countedBits).end : quoted.next(in: buf, from: position)
            guard position < buf.count else { return nil }
            let byte = buf[position]
            allBits |= byte
            if byte == quote {
              guard position + 1 < buf.count else { return nil }
              guard buf[position + 1] == quote else { break }
              escaped = true
              position += 2
              continue
            }
            if byte == lf || (byte == cr && !(position + 1 < buf.count && buf[position + 1] == lf)) { line += 1 }
            position += 1
          }
          content = opening..<position
          position += 1
        } else {
          let opening = position
          while true {
            position = unquoted.next(in: buf, from: position)
            guard position < buf.count else { break }
            let byte = buf[position]
            if byte == delimiter || byte == lf || byte == cr { break }
            guard byte != quote else { return nil }
            allBits |= byte
            position += 1
          }
          content = opening..<position
        }
        guard content.count <= DataLimits.maximumFieldBytes,
          allBits < 0x80 || !validating || countedFrom != nil
            || TextEncoding.firstInvalidUTF8(in: buf, range: content) == nil
        else { return nil }
        // More fields than the header's is an error, which the reader reports.
        guard field < columns else { return nil }
        if field < locating { spans[field] = CSVSpan(bytes: content, escaped: escaped) }
        field += 1
        guard position < buf.count else { return nil }
      }
      let byte = buf[position]
      if byte == lf || byte == cr {
        position += byte == cr && position + 1 < buf.count && buf[position + 1] == lf ? 2 : 1
        line += 1
        // A CR that ends the bytes may be the first half of a CRLF.
        guard field == columns, position < buf.count else { return nil }
        // The fields stepped over a word at a time are held to the limits as a whole: none is
        // longer than all of them, and their bytes are valid UTF-8 exactly when each field's
        // are, since the quotes, delimiters and line endings between them are ASCII.
        if let countedFrom {
          guard position - countedFrom <= DataLimits.maximumFieldBytes,
            countedBits & 0x8080_8080_8080_8080 == 0 || !validating
              || TextEncoding.firstInvalidUTF8(in: buf, range: countedFrom..<position) == nil
          else { return nil }
        }
        return Skimmed(start: start, line: startLine, end: position, endLine: line)
      }
      guard byte == delimiter else { return nil }
      position += 1
    }
  }
}

private let quote = UInt8(ascii: "\"")
private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
