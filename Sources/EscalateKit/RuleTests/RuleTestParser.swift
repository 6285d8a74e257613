/// Reads a test file (see ``RuleTestFile``) into tests, reporting every syntax error with its
/// line and column. Whether the rules and files a test names exist is ``RuleTestChecker``'s
/// business, since it needs the pack.
public enum RuleTestParser {
  /// Parses `file`. The tests are complete only when there are no errors.
  public static func parse(_ file: SourceFile) -> (file: RuleTestFile, diagnostics: [Diagnostic]) {
    var parser = State(file: file)
    var start = 0
    var line = 1
    let bytes = file.bytes
    while start < bytes.count {
      var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      let next = end + 1
      if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      parser.line(line, start..<end)
      start = next
      line += 1
    }
    parser.finishBlock()
    parser.finishTest()
    return (RuleTestFile(source: file, tests: parser.tests), parser.diagnostics)
  }

  /// The clause keywords, for the diagnostic on a line that starts with none of them.
  static let clauses = "test, as of, with, records or expect"

  struct State {
    let file: SourceFile
    var tests: [RuleTest] = []
    var current: RuleTest?
    /// Whether the current test's `test` line was itself wrong, so its missing clauses are not
    /// reported on top.
    var currentIsBroken = false
    var block: Block?
    var diagnostics: [Diagnostic] = []
    /// The lines of the current test's clauses that may appear once, for duplicate errors.
    var asOfLine: Int?
    var recordsLine: Int?
    var nothingElseLine: Int?
    var overrideLines: [String: Int] = [:]
    var expectationLines: [Int] = []
    /// Whether the test has an `expect` line, even a wrong one.
    var sawExpect = false
    var testLines: [String: Int] = [:]

    /// The CSV lines under `records`, being collected.
    struct Block {
      var keyword: SourceRange
      var indent: [UInt8]?
      var firstLine = 0
      var rows: [String] = []
    }

    init(file: SourceFile) {
      self.file = file
    }

    mutating func report(
      _ id: DiagnosticID, _ message: String, _ bytes: Range<Int>, hint: String? = nil
    ) {
      diagnostics.append(Diagnostic(id, message, at: SourceRange(file: file, bytes: bytes), hint: hint))
    }

    mutating func line(_ number: Int, _ range: Range<Int>) {
      let bytes = file.bytes[range]
      let isBlank = bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
      let isIndented = !isBlank && (bytes.first == UInt8(ascii: " ") || bytes.first == UInt8(ascii: "\t"))
      if block != nil {
        if isBlank {
          if block!.indent != nil { block!.rows.append("") }
          return
        }
        if isIndented {
          row(number, range)
          return
        }
        finishBlock()
      }
      if isBlank || bytes.first == UInt8(ascii: "#") { return }
      if isIndented {
        report(
          .unexpectedToken, "indented line outside a 'records' block", range.lowerBound..<range.lowerBound,
          hint: "only the CSV lines under 'records' are indented; a clause starts at the beginning of its line")
        return
      }
      clause(range)
    }

    /// A line of the block under `records`.
    mutating func row(_ number: Int, _ range: Range<Int>) {
      let bytes = Array(file.bytes[range])
      guard let indent = block!.indent else {
        let width = bytes.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        block!.indent = Array(bytes.prefix(width))
        block!.firstLine = number
        block!.rows.append(String(decoding: bytes.dropFirst(width), as: UTF8.self))
        return
      }
      let extra = bytes.dropFirst(indent.count).first
      guard bytes.starts(with: indent), extra != UInt8(ascii: " "), extra != UInt8(ascii: "\t") else {
        report(
          .unexpectedToken, "this line is not indented like the first line of its 'records' block",
          range.lowerBound..<range.lowerBound,
          hint: "indent every line of the block as its header on line \(block!.firstLine)")
        // Kept as a blank line, so the lines after it keep their numbers.
        block!.rows.append("")
        return
      }
      block!.rows.append(String(decoding: bytes.dropFirst(indent.count), as: UTF8.self))
    }

    mutating func finishBlock() {
      guard let finished = block else { return }
      block = nil
      var rows = finished.rows
      while rows.last == "" { rows.removeLast() }
      guard let indent = finished.indent, !rows.isEmpty else {
        report(
          .missingClause, "'records' has no CSV lines under it", finished.keyword.bytes,
          hint: "indent a header and rows under 'records', or write 'records from FILE.csv'")
        return
      }
      current?.records = .inline(
        InlineRecords(
          text: rows.joined(separator: "\n") + "\n", firstLine: finished.firstLine, indent: indent.count))
    }

    mutating func clause(_ range: Range<Int>) {
      let tokens: [TestToken]
      switch TestLineScanner.scan(file, range) {
      case .success(let scanned):
        tokens = scanned
      case .failure(let error):
        diagnostics.append(error.diagnostic)
        if file.text(range).hasPrefix("test ") { startTest(name: "", keyword: range, broken: true) }
        return
      }
      guard let first = tokens.first else { return }
      let end = range.upperBound..<range.upperBound
      guard first.kind == .word, ["test", "as", "with", "records", "expect"].contains(first.text) else {
        report(
          .unexpectedToken, "unknown clause '\(first.text)'", first.range,
          hint: "a line of a test begins with \(RuleTestParser.clauses)")
        return
      }
      if first.text == "test" {
        test(tokens, end: end)
        return
      }
      guard current != nil else {
        let keyword = first.text == "as" ? "as of" : first.text
        report(
          .unexpectedToken, "'\(keyword)' before the first test", first.range,
          hint: "start a test with a line such as: test \"Red without a senior forum fires\"")
        return
      }
      let line = file.location(of: range.lowerBound).line
      switch first.text {
      case "as": asOf(tokens, end: end, line: line)
      case "with": with(first, range, line: line)
      case "records": records(tokens, end: end, line: line)
      default: expect(tokens, end: end, line: line)
      }
    }

    /// `test "NAME"`.
    mutating func test(_ tokens: [TestToken], end: Range<Int>) {
      let line = file.location(of: tokens[0].range.lowerBound).line
      guard tokens.count > 1, tokens[1].kind == .string else {
        report(
          .unexpectedToken, "expected the test's name in double quotes after 'test'",
          tokens.count > 1 ? tokens[1].range : end, hint: "e.g. test \"Red without a senior forum fires\"")
        startTest(name: "", keyword: tokens[0].range, broken: true)
        return
      }
      let name = tokens[1].text
      let keyword = tokens[0].range.lowerBound..<tokens[1].range.upperBound
      if tokens.count > 2 {
        report(.unexpectedToken, "unexpected '\(tokens[2].text)' after the test's name", tokens[2].range)
      }
      if let first = testLines[name] {
        report(.duplicateName, "duplicate test name \"\(name)\"", keyword, hint: "the first is on line \(first)")
      }
      testLines[name] = testLines[name] ?? line
      startTest(name: name, keyword: keyword, broken: false)
    }

    mutating func startTest(name: String, keyword: Range<Int>, broken: Bool) {
      finishTest()
      current = RuleTest(name: name, keyword: SourceRange(file: file, bytes: keyword))
      currentIsBroken = broken
      (asOfLine, recordsLine, nothingElseLine) = (nil, nil, nil)
      overrideLines = [:]
      expectationLines = []
      sawExpect = false
    }

    /// Reports the clauses a finished test lacks, and keeps it.
    mutating func finishTest() {
      guard let test = current else { return }
      current = nil
      tests.append(test)
      guard !currentIsBroken else { return }
      let name = "test \"\(test.name)\""
      if test.reportDate == nil && asOfLine == nil {
        report(
          .missingClause, "\(name) has no 'as of' date", test.keyword.bytes,
          hint: "add a line such as: as of 2024-10-01")
      }
      if test.records == nil && recordsLine == nil {
        report(
          .missingClause, "\(name) has no records", test.keyword.bytes,
          hint: "add 'records' with CSV lines indented under it, or 'records from FILE.csv'")
      }
      if !sawExpect {
        report(
          .missingClause, "\(name) has no expectations", test.keyword.bytes,
          hint: "add lines such as: expect RULE on ID, expect no RULE on ID")
      }
    }

    /// `as of DATE`.
    mutating func asOf(_ tokens: [TestToken], end: Range<Int>, line: Int) {
      guard tokens.count > 1, tokens[1].is("of") else {
        report(.unexpectedToken, "expected 'of' after 'as'", tokens.count > 1 ? tokens[1].range : end)
        return
      }
      if let first = asOfLine {
        report(
          .duplicateClause, "a test has one 'as of' date", tokens[0].range.lowerBound..<tokens.last!.range.upperBound,
          hint: "the first is on line \(first)")
        return
      }
      asOfLine = line
      guard tokens.count > 2 else {
        report(.unexpectedToken, "expected a date after 'as of'", end, hint: "e.g. as of 2024-10-01")
        return
      }
      guard tokens[2].kind == .word, let day = Day(iso: tokens[2].text) else {
        let written = tokens[2].range.lowerBound..<tokens.last!.range.upperBound
        report(
          .invalidDate, "'\(file.text(written))' is not a date", written,
          hint: "write it as YYYY-MM-DD, e.g. 2024-10-01")
        return
      }
      if tokens.count > 3 {
        report(.unexpectedToken, "unexpected '\(tokens[3].text)' after the date", tokens[3].range)
        return
      }
      current!.reportDate = day
    }

    /// `with RULE.NAME = VALUE`: the value is the rest of the line, as `--param` takes it.
    mutating func with(_ keyword: TestToken, _ line: Range<Int>, line number: Int) {
      let bytes = file.bytes
      let end = TestLineScanner.endBeforeComment(file, keyword.range.upperBound..<line.upperBound)
      let rest = trimmed(keyword.range.upperBound..<end)
      let shape = "expected RULE.NAME = VALUE after 'with'"
      let example = "e.g. with forecast-overspend.tolerance = 10%"
      guard let equals = bytes[rest].firstIndex(of: UInt8(ascii: "=")) else {
        report(.unexpectedToken, shape, rest.isEmpty ? line.upperBound..<line.upperBound : rest, hint: example)
        return
      }
      let key = trimmed(rest.lowerBound..<equals)
      let value = trimmed(equals + 1..<rest.upperBound)
      let keyText = file.text(key)
      guard let dot = bytes[key].lastIndex(of: UInt8(ascii: ".")), dot > key.lowerBound, dot + 1 < key.upperBound,
        !keyText.contains(" "), !keyText.contains("\t")
      else {
        report(.unexpectedToken, shape, key.isEmpty ? equals..<equals + 1 : key, hint: example)
        return
      }
      guard !value.isEmpty else {
        report(.unexpectedToken, "expected a value after '='", equals + 1..<equals + 1, hint: example)
        return
      }
      if let first = overrideLines[keyText] {
        report(
          .duplicateClause, "parameter '\(keyText)' is set twice in this test", key,
          hint: "the first is on line \(first)")
        return
      }
      overrideLines[keyText] = number
      current!.overrides.append(
        TestOverride(
          override: ParameterOverride(
            rule: file.text(key.lowerBound..<dot), name: file.text(dot + 1..<key.upperBound), value: file.text(value)),
          ruleRange: SourceRange(file: file, bytes: key.lowerBound..<dot),
          nameRange: SourceRange(file: file, bytes: dot + 1..<key.upperBound),
          valueRange: SourceRange(file: file, bytes: value)))
    }

    /// `range` without spaces and tabs at either end.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
      let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
      var (lower, upper) = (range.lowerBound, range.upperBound)
      while lower < upper, isBlank(file.bytes[lower]) { lower += 1 }
      while upper > lower, isBlank(file.bytes[upper - 1]) { upper -= 1 }
      return lower..<upper
    }

    /// `records`, starting a block, or `records from FILE...`.
    mutating func records(_ tokens: [TestToken], end: Range<Int>, line: Int) {
      if let first = recordsLine {
        report(
          .duplicateClause, "a test has one 'records' clause", tokens[0].range,
          hint: "the first is on line \(first); put every row in one block, or list every file after 'records from'")
        return
      }
      recordsLine = line
      if tokens.count > 1 && !tokens[1].is("from") {
        report(.unexpectedToken, "expected 'from' or the end of the line after 'records'", tokens[1].range)
        return
      }
      guard tokens.count > 1 else {
        block = Block(keyword: SourceRange(file: file, bytes: tokens[0].range))
        return
      }
      guard tokens.count > 2 else {
        report(.unexpectedToken, "expected a file after 'records from'", end, hint: "e.g. records from returns.csv")
        return
      }
      current!.records = .files(tokens[2...].map { ($0.text, SourceRange(file: file, bytes: $0.range)) })
    }

    /// `expect RULE on ID [message "TEXT"]`, `expect no RULE on ID` or `expect nothing else`.
    mutating func expect(_ tokens: [TestToken], end: Range<Int>, line: Int) {
      sawExpect = true
      if tokens.count == 3 && tokens[1].is("nothing") && tokens[2].is("else") {
        if let first = nothingElseLine {
          report(
            .duplicateClause, "a test says 'expect nothing else' once",
            tokens[0].range.lowerBound..<tokens[2].range.upperBound, hint: "the first is on line \(first)")
        }
        nothingElseLine = nothingElseLine ?? line
        current!.expectsNothingElse = true
        return
      }
      let negated = tokens.count > 2 && tokens[1].is("no") && !tokens[2].is("on")
      var index = negated ? 2 : 1
      func at(_ index: Int) -> Range<Int> { index < tokens.count ? tokens[index].range : end }
      guard index < tokens.count, tokens[index].kind == .word else {
        report(
          .unexpectedToken, "expected a rule id after '\(negated ? "expect no" : "expect")'", at(index),
          hint: "e.g. expect red-needs-senior-forum on WS-1")
        return
      }
      let rule = tokens[index]
      index += 1
      guard index < tokens.count, tokens[index].is("on") else {
        report(
          .unexpectedToken, "expected 'on' after the rule id", at(index),
          hint: "e.g. expect \(rule.text) on WS-1")
        return
      }
      index += 1
      guard index < tokens.count else {
        report(.unexpectedToken, "expected the record's id after 'on'", end)
        return
      }
      let id = tokens[index]
      index += 1
      var kind = AlertExpectation.Kind.fires(message: nil)
      if negated { kind = .doesNotFire }
      if index < tokens.count {
        guard tokens[index].is("message") else {
          report(
            .unexpectedToken, "expected 'message' or the end of the line after the record's id", tokens[index].range,
            hint: "an id with spaces is written in double quotes: on \"WS 1\"")
          return
        }
        guard !negated else {
          report(.unexpectedToken, "'expect no' takes no message", tokens[index].range)
          return
        }
        index += 1
        guard index < tokens.count, tokens[index].kind == .string else {
          report(.unexpectedToken, "expected the alert's message in double quotes after 'message'", at(index))
          return
        }
        kind = .fires(message: tokens[index].text)
        index += 1
        if index < tokens.count {
          report(.unexpectedToken, "unexpected '\(tokens[index].text)' after the message", tokens[index].range)
          return
        }
      }
      let expectation = AlertExpectation(
        kind: kind, rule: rule.text, recordID: id.text, ruleRange: SourceRange(file: file, bytes: rule.range),
        idRange: SourceRange(file: file, bytes: id.range),
        range: SourceRange(file: file, bytes: tokens[1].range.lowerBound..<tokens[index - 1].range.upperBound))
      if let other = current!.expectations.indices.first(where: {
        let earlier = current!.expectations[$0]
        return earlier.rule == rule.text && earlier.recordID == id.text && (earlier.kind == .doesNotFire) != negated
      }) {
        report(
          .duplicateClause, "the test expects both an alert and no alert of '\(rule.text)' on '\(id.text)'",
          expectation.range.bytes, hint: "the other expectation is on line \(expectationLines[other])")
        return
      }
      current!.expectations.append(expectation)
      expectationLines.append(line)
    }
  }
}
