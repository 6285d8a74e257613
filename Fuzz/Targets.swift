// libFuzzer entry point for escalate's parsers. Built by Fuzz/run.sh together with the library's
// sources into one instrumented binary; FUZZ_TARGET chooses what the input is fed to. Each target
// checks invariants, not only that nothing crashes.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  switch ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "" {
  case "rules": fuzzRules(bytes)
  case "csv": fuzzCSV(bytes)
  case "json": fuzzJSON(bytes)
  case "values": fuzzValues(bytes)
  default: fatalError("set FUZZ_TARGET to rules, csv, json or values")
  }
  return 0
}

/// Lexer, parser, checker and formatter: every located diagnostic points inside the input, and a
/// file the formatter accepts formats to itself when formatted again.
func fuzzRules(_ bytes: [UInt8]) {
  let text = String(decoding: bytes, as: UTF8.self)
  let file = SourceFile(path: "fuzz.rules", text: text)
  let (_, diagnostics) = RulePack(files: [file]).check()
  for diagnostic in diagnostics {
    if case .source(let range) = diagnostic.location {
      precondition(range.bytes.lowerBound >= 0 && range.bytes.upperBound <= file.bytes.count, "range outside the input")
    }
  }
  _ = DiagnosticRenderer().render(diagnostics)
  if case .success(let formatted) = RuleFormatter.format(file) {
    guard case .success(let again) = RuleFormatter.format(SourceFile(path: "fuzz.rules", text: formatted)) else {
      preconditionFailure("formatted output does not format again")
    }
    precondition(again == formatted, "formatting is not idempotent")
  }
}

/// The CSV reader: errors are located inside the input; a file that reads back is written by a
/// plain RFC 4180 writer and reads back to the same cells. Every record the skimmer accepts, the
/// reader reads the same way: same start, line, end and field spans; and the skimmer counting
/// the fields after the first accepts the same records, bar any of over a mebibyte.
func fuzzCSV(_ bytes: [UInt8]) {
  var reader = CSVReader(bytes: bytes)
  var rows: [[String]] = []
  do throws(CSVError) {
    let header = try reader.header()
    rows.append(header)
    var calls = 0
    var spans: [CSVSpan] = []
    while true {
      let (position, line) = (reader.position, reader.line)
      let skimmed = bytes.withUnsafeBufferPointer {
        CSVRecordSkimmer.skim($0, at: position, line: line, columns: header.count, delimiter: 0x2C, spans: &spans)
      }
      var first: [CSVSpan] = []
      let counted = bytes.withUnsafeBufferPointer {
        CSVRecordSkimmer.skim(
          $0, at: position, line: line, columns: header.count, delimiter: 0x2C, spans: &first, locating: 1)
      }
      precondition(
        counted?.end == skimmed?.end && counted?.endLine == skimmed?.endLine
          && (skimmed == nil || first[0] == spans[0]),
        "counting the fields after the first skimmed a record differently")
      let read: CSVRecord?
      do throws(CSVError) {
        read = try reader.next()
      } catch {
        precondition(skimmed == nil, "the skimmer accepted a record the reader rejects")
        throw error
      }
      guard let record = read else {
        precondition(skimmed == nil, "the skimmer found a record after the last")
        break
      }
      if let skimmed {
        precondition(
          skimmed.start == record.byteOffset && skimmed.line == record.line && skimmed.end == reader.position
            && skimmed.endLine == reader.line && spans == record.spans,
          "the skimmer read a record differently")
      }
      calls += 1
      precondition(calls <= bytes.count + 1, "more records than bytes")
      precondition(record.fields.count == header.count, "ragged record returned")
      rows.append(record.fields)
    }
  } catch {
    precondition(error.line >= 1 && error.column >= 1 && error.byteOffset <= bytes.count, "error outside the input")
    return
  }
  // Only tables a writer can express: no empty single-column rows (they read as blank lines).
  guard rows.allSatisfy({ $0.count > 1 || !($0.first ?? "").isEmpty }) else { return }
  // Every cell quoted: a header of blanks alone would otherwise read as a blank line. Quotes are
  // doubled scalar by scalar: a quote followed by a combining mark is one Character.
  let written =
    rows.map { row in
      row.map { cell in
        "\"" + String(String.UnicodeScalarView(cell.unicodeScalars.flatMap { $0 == "\"" ? [$0, $0] : [$0] })) + "\""
      }.joined(separator: ",")
    }.joined(separator: "\r\n") + "\r\n"
  var again = CSVReader(bytes: Array(written.utf8))
  do throws(CSVError) {
    var reread = [try again.header()]
    while let record = try again.next() { reread.append(record.fields) }
    precondition(reread == rows, "a written table reads back differently")
  } catch {
    preconditionFailure("a written table does not read back: \(error.message)")
  }
}

/// The JSON record reader: terminates, errors are located inside the input, and reading the
/// input in pieces (of a size the first byte chooses) gives what reading it whole gives.
func fuzzJSON(_ bytes: [UInt8]) {
  var whole = JSONRecordReader(bytes: bytes)
  let expected = readRecords { () throws(JSONError) in try whole.next() }
  if let error = expected.error {
    precondition(error.line >= 1 && error.column >= 1 && error.byteOffset <= bytes.count, "error outside the input")
  }
  precondition(expected.records.count <= bytes.count, "more records than bytes")
  let size = Int(bytes.first ?? 0) % 16 + 1
  var offset = 0
  var pieces = JSONRecordReader()
  let found = readRecords { () throws(JSONError) in
    try pieces.next { _ in
      let end = min(offset + size, bytes.count)
      defer { offset = end }
      return Array(bytes[offset..<end])
    }
  }
  precondition(found.records == expected.records && found.error == expected.error, "pieces of \(size) read differently")
}

private func readRecords(_ next: () throws(JSONError) -> JSONRecord?) -> (records: [JSONRecord], error: JSONError?) {
  var records: [JSONRecord] = []
  do throws(JSONError) {
    while let record = try next() { records.append(record) }
    return (records, nil)
  } catch {
    return (records, error)
  }
}

/// The value parsers: what they read, written back in escalate's own form, reads back the same.
func fuzzValues(_ bytes: [UInt8]) {
  let text = String(decoding: bytes.prefix(200), as: UTF8.self)
  if let amount = MoneyParser.parse(text[...]), amount.scale <= 2 {
    precondition(MoneyParser.parse(amount.moneyText[...]) == amount, "money does not round-trip: \(text)")
  }
  if let day = DateParser.parse(text[...]) {
    precondition(DateParser.parse(day.isoText[...]) == day && DateParser.parse(day.longText[...]) == day)
  }
  if let rating = RAG(spelling: text[...]) { precondition(RAG(spelling: rating.rawValue[...]) == rating) }
  if let period = Period(text: text[...]) { _ = period.description }
  if let number = ExactDecimal(text[...]) { precondition(ExactDecimal(number.description[...]) == number) }
  // A cell read from its bytes in place reads as the general parser reads its text.
  let cell = Array(bytes.prefix(40))
  for type in [ValueType.money, .number, .date] {
    if let quick = cell.withUnsafeBufferPointer({ CellParser.plainCell($0, as: type) }) {
      precondition(
        quick == CellParser.general(String(decoding: cell, as: UTF8.self), as: type),
        "a plain cell reads differently in place")
    }
  }
}
