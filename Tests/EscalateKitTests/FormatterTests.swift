import Foundation
import Testing

@testable import EscalateKit

/// `text` formatted as the rule file `path`.
private func format(_ text: String, path: String = "t.rules") -> Result<String, RuleFormatter.Failure> {
  RuleFormatter.format(SourceFile(path: path, text: text))
}

/// The formatted text, failing the test when the file could not be formatted.
private func formatted(
  _ text: String, path: String = "t.rules", sourceLocation: SourceLocation = #_sourceLocation
) throws -> String {
  switch format(text, path: path) {
  case .success(let output):
    return output
  case .failure(let failure):
    let rendered = DiagnosticRenderer().render(failure.diagnostics)
    Issue.record("\(path) was not formatted:\n\(rendered)", sourceLocation: sourceLocation)
    throw failure
  }
}

/// The syntax tree of `text` as S-expressions, and whether it parsed without errors.
private func dump(_ text: String) -> (dump: String, parsed: Bool) {
  let (syntax, diagnostics) = Parser.parse(SourceFile(path: "t.rules", text: text))
  return (SyntaxDump.dump(syntax), !diagnostics.hasErrors)
}

/// The comments of `text`, as written without the blanks at their ends.
private func comments(_ text: String) -> [String] {
  let file = SourceFile(path: "t.rules", text: text)
  return Lexer.tokenizeKeepingComments(file).comments.map { comment in
    String(file.text(comment.range).reversed().drop { " \t\r".contains($0) }.reversed())
  }
}

/// Checks the formatter's promises on one file: it formats, means the same, keeps every comment
/// in order, and is already formatted the second time.
private func expectFormatterProperties(
  _ text: String, path: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let before = dump(text)
  if !before.parsed {
    let diagnostics = Parser.parse(SourceFile(path: "t.rules", text: text)).diagnostics
    Issue.record("\(path) does not parse:\n\(DiagnosticRenderer().render(diagnostics))", sourceLocation: sourceLocation)
    return
  }
  let once = try formatted(text, path: path, sourceLocation: sourceLocation)
  let after = dump(once)
  #expect(after.parsed, "\(path) does not parse once formatted:\n\(once)", sourceLocation: sourceLocation)
  #expect(after.dump == before.dump, "\(path) changed meaning:\n\(once)", sourceLocation: sourceLocation)
  #expect(comments(once) == comments(text), "\(path) lost or moved comments:\n\(once)", sourceLocation: sourceLocation)
  let twice = try formatted(once, path: path, sourceLocation: sourceLocation)
  #expect(twice == once, "\(path) is not idempotent:\n\(once)", sourceLocation: sourceLocation)
  #expect(once.isEmpty || once.hasSuffix("\n"), sourceLocation: sourceLocation)
  #expect(!once.contains("\n\n\n") && !once.hasPrefix("\n"), sourceLocation: sourceLocation)
  #expect(
    !once.split(separator: "\n").contains { $0.hasSuffix(" ") || $0.hasSuffix("\t") },
    "\(path) has trailing blanks", sourceLocation: sourceLocation)
}

@Suite struct FormatterTests {
  // MARK: Layout

  @Test func goldenMessyFile() throws {
    let input = try Repository.read("Tests/EscalateKitTests/Fixtures/fmt/messy.rules")
    Golden.check(try formatted(input, path: "messy.rules"), against: "fmt/messy.formatted.rules")
  }

  @Test func goldenComments() throws {
    let input = try Repository.read("Tests/EscalateKitTests/Fixtures/fmt/comments.rules")
    Golden.check(try formatted(input, path: "comments.rules"), against: "fmt/comments.formatted.rules")
  }

  @Test func aRuleOnOneLineGetsAClausePerLine() throws {
    let input = #"rule  t for each   section{severity info when count()>3 message "{section}" tags a,b}"#
    #expect(
      try formatted(input) == """
        rule t for each section {
          severity info
          when count() > 3
          message "{section}"
          tags a, b
        }

        """)
  }

  @Test func clausesKeepTheirOrderAndRepeatedTagsStaySeparate() throws {
    let input = """
      rule t {
      message "m"
        tags x
       param p = 1
          when p > 0
        tags "y z", w-v
        severity info
        escalate to "Project Board"; after 1 period to COG board ; after 3 periods to SCCB
        suppresses a-b,c
        description "why"
      }
      """
    #expect(
      try formatted(input) == """
        rule t {
          message "m"
          tags x
          param p = 1
          when p > 0
          tags "y z", w-v
          severity info
          escalate to "Project Board"; after 1 period to COG board; after 3 periods to SCCB
          suppresses a-b, c
          description "why"
        }

        """)
  }

  @Test func oneLineDeclarationsKeepTheirGroupsAndBlocksAreSeparated() throws {
    let input = """
      forum A level 1
      forum B level 2 senior


      forum C level 3 default
      const x = 1
      rule t { severity info when x > 1 message "m" }
      const y = 2
      schema s { scale five-point }
      waive t for W-1 { reason "r" approved by "p" until 2024-12-31 }
      waive t { reason "r" approved by "p" until 2024-12-31 }
      """
    #expect(
      try formatted(input) == """
        forum A level 1
        forum B level 2 senior

        forum C level 3 default
        const x = 1

        rule t {
          severity info
          when x > 1
          message "m"
        }

        const y = 2

        schema s {
          scale five-point
        }

        waive t for W-1 {
          reason "r"
          approved by "p"
          until 2024-12-31
        }

        waive t {
          reason "r"
          approved by "p"
          until 2024-12-31
        }

        """)
  }

  @Test func schemaEntriesAndColumnAttributes() throws {
    let input = """
      schema s {
        column a   Money alias "A" ,"B"   description "d \\"q\\"" key
        column b RAG previous a
          group   g=[ a ,b ]
        alias a "C"
        spelling Grey "TBD","tbc"
      }
      """
    #expect(
      try formatted(input) == """
        schema s {
          column a Money key alias "A", "B" description "d \\"q\\""
          column b RAG previous a
          group g = [a, b]
          alias a "C"
          spelling Grey "TBD", "tbc"
        }

        """)
  }

  @Test func emptyAndCommentOnlyFiles() throws {
    #expect(try formatted("") == "")
    #expect(try formatted("  \n\n \t\n") == "")
    #expect(try formatted("\n\n# only a comment   \n\n\n# and another") == "# only a comment\n\n# and another\n")
  }

  @Test func crlfLineEndingsBecomeLineFeeds() throws {
    let input = "# note\r\nconst a = 1  # why\r\n\r\nconst b = 2\r\n"
    #expect(try formatted(input) == "# note\nconst a = 1  # why\n\nconst b = 2\n")
  }

  // MARK: Expressions

  struct ExpressionCase: Sendable, CustomTestStringConvertible {
    var source: String
    var expected: String
    var testDescription: String { source }

    init(_ source: String, _ expected: String) {
      self.source = source
      self.expected = expected
    }
  }

  @Test(arguments: [
    // Redundant parentheses go; needed ones stay.
    ExpressionCase("((a))", "a"),
    ExpressionCase("a + b * c", "a + b * c"),
    ExpressionCase("(a + b) * c", "(a + b) * c"),
    ExpressionCase("a + (b * c)", "a + b * c"),
    ExpressionCase("(a - b) - c", "a - b - c"),
    ExpressionCase("a - (b - c)", "a - (b - c)"),
    ExpressionCase("a - (b + c)", "a - (b + c)"),
    ExpressionCase("(a * b) / c", "a * b / c"),
    ExpressionCase("a * (b / c)", "a * (b / c)"),
    ExpressionCase("a or (b and c)", "a or b and c"),
    ExpressionCase("(a or b) and c", "(a or b) and c"),
    ExpressionCase("(a or b) or c", "a or b or c"),
    ExpressionCase("a or (b or c)", "a or (b or c)"),
    ExpressionCase("a and (b and c)", "a and (b and c)"),
    ExpressionCase("(a == b) and (c < d)", "a == b and c < d"),
    ExpressionCase("(a == b) == c", "(a == b) == c"),
    ExpressionCase("a == (b == c)", "a == (b == c)"),
    ExpressionCase("(a + b) == (c * d)", "a + b == c * d"),
    ExpressionCase("(a) is missing", "a is missing"),
    ExpressionCase("(a + b) is present", "a + b is present"),
    ExpressionCase("(a == b) is missing", "(a == b) is missing"),
    ExpressionCase("(a or b) is missing", "(a or b) is missing"),
    ExpressionCase("not (a and b)", "not (a and b)"),
    ExpressionCase("not (a or b) and c", "not (a or b) and c"),
    ExpressionCase("(not a) and b", "not a and b"),
    ExpressionCase("not (not a)", "not not a"),
    ExpressionCase("not a == b", "not (a == b)"),
    ExpressionCase("not (a is missing)", "not (a is missing)"),
    ExpressionCase("not (a)", "not a"),
    ExpressionCase("not contains(a, \"x\")", "not contains(a, \"x\")"),
    ExpressionCase("(not a) == b", "(not a) == b"),
    ExpressionCase("-(a)", "-a"),
    ExpressionCase("-(-a)", "- -a"),
    ExpressionCase("-(a * b)", "-(a * b)"),
    ExpressionCase("(-a) * b", "-a * b"),
    ExpressionCase("a - -b", "a - -b"),
    ExpressionCase("a-b", "a - b"),
    ExpressionCase("a worse  than b", "a worse than b"),
    ExpressionCase("a not   in [ x , y , ]", "a not in [x, y]"),
    ExpressionCase("[ ]", "[]"),
    ExpressionCase("count( ( x == Red ) )", "count(x == Red)"),
    ExpressionCase("count( )", "count()"),
    ExpressionCase("worst( a , [b , c] )", "worst(a, [b, c])"),
    ExpressionCase("N/A", "N/A"),
    ExpressionCase("N / A", "N / A"),
    // Literals are spelt as written.
    ExpressionCase("£120,000 + £1.5m + (£250k) + £0.214M", "£120,000 + £1.5m + £250k + £0.214M"),
    ExpressionCase("£2bn-£99.50", "£2bn - £99.50"),
    ExpressionCase("007 + 0.50 + (12.5%) + 5%", "007 + 0.50 + 12.5% + 5%"),
    ExpressionCase("report_date - ( 2   weeks ) - 1 day", "report_date - 2 weeks - 1 day"),
    ExpressionCase("2024-10-01 + 90 days", "2024-10-01 + 90 days"),
    // Strings are printed with the one set of escapes; holes from their expressions.
    ExpressionCase("\"a\\tb\tc\"", #""a\tb\tc""#),
    ExpressionCase(#""} \} \{ \\ \" \n é £""#, #""\} \} \{ \\ \" \n é £""#),
    ExpressionCase(#""{ ( a ) or "no \"one\"" } and {b*(c+d)}""#, #""{a or "no \"one\""} and {b * (c + d)}""#),
    ExpressionCase(#""{x or "{y}"}""#, #""{x or "{y}"}""#),
    // A `#` in a hole comments out the rest of the hole, and stays there.
    ExpressionCase(#""{ a   # why {not} "this"  } b""#, #""{a # why {not} "this"} b""#),
  ])
  func expression(_ testCase: ExpressionCase) throws {
    let output = try formatted("const c = \(testCase.source)\n")
    #expect(output == "const c = \(testCase.expected)\n")
    #expect(dump(output).dump == dump("const c = \(testCase.source)\n").dump)
  }

  // MARK: Comments

  @Test func theLexerKeepsCommentsOnTheSide() {
    let file = SourceFile(path: "t.rules", text: "# a\nconst x = 1 # b\n  # c\nconst s = \"# not\"")
    let (tokens, comments, diagnostics) = Lexer.tokenizeKeepingComments(file)
    #expect(diagnostics.isEmpty)
    #expect(comments.map { file.text($0.range) } == ["# a", "# b", "# c"])
    #expect(comments.map(\.startsLine) == [true, false, true])
    #expect(tokens.map(\.range) == Lexer.tokenize(file).tokens.map(\.range))
  }

  @Test func commentsInsideAJoinedLineMoveAboveIt() throws {
    let input = """
      const words = [  # why these
        "a",  # first
        # second
        "b",
      ]  # after
      """
    #expect(
      try formatted(input) == """
        # why these
        # first
        # second
        const words = ["a", "b"]  # after

        """)
  }

  // MARK: Errors

  @Test func aFileWithSyntaxErrorsIsNotFormatted() throws {
    let text = try Repository.read("Tests/EscalateKitTests/Fixtures/cli/broken.rules")
    guard case .failure(let failure) = format(text, path: "broken.rules") else {
      Issue.record("a file with syntax errors was formatted")
      return
    }
    let ids = failure.diagnostics.map(\.id)
    #expect(ids.contains(.unterminatedString))
    #expect(failure.diagnostics.allSatisfy { $0.locationText?.hasPrefix("broken.rules:") == true })
  }

  @Test func checkerErrorsDoNotStopFormatting() throws {
    // An unknown column is the checker's business; the file parses, so it is formatted.
    #expect(try formatted("rule t {severity info\nwhen forcast>1 message \"m\"}") != "")
  }

  // MARK: Properties

  /// Every rule file in the repository: the packs, the test fixtures and the formatter's goldens.
  static let repositoryRuleFiles: [String] = {
    var paths: [String] = []
    for directory in ["rules", "Tests/EscalateKitTests/Fixtures"] {
      let entries = FileManager.default.enumerator(atPath: Repository.path(directory))
      while let entry = entries?.nextObject() as? String {
        if entry.hasSuffix(".rules") { paths.append(directory + "/" + entry) }
      }
    }
    return paths.sorted()
  }()

  @Test func theRepositoryHasRuleFilesToCheck() {
    #expect(Self.repositoryRuleFiles.contains("rules/reserve/bids.rules"))
    #expect(Self.repositoryRuleFiles.contains("Tests/EscalateKitTests/Fixtures/fmt/messy.rules"))
  }

  @Test(arguments: repositoryRuleFiles)
  func repositoryRuleFile(_ path: String) throws {
    let text = try Repository.read(path)
    if case .failure = format(text, path: path) {
      // Only fixtures that are broken on purpose may fail, and then because they do not parse.
      #expect(!dump(text).parsed, "\(path) parses but was not formatted")
      return
    }
    try expectFormatterProperties(text, path: path)
  }

  @Test func theFormattedGoldensAreFixedPoints() throws {
    for name in ["messy", "comments"] {
      let text = try Repository.read("Tests/EscalateKitTests/Fixtures/fmt/\(name).formatted.rules")
      #expect(try formatted(text) == text, "\(name).formatted.rules")
    }
  }

  /// The rule files of the language guide's `escalate` blocks.
  static let guideExamples: [String] = {
    guard let doc = try? Repository.read("docs/language.md") else { return [] }
    return doc.components(separatedBy: "```escalate\n").dropFirst().compactMap {
      $0.components(separatedBy: "\n```").first.map { $0 + "\n" }
    }
  }()

  @Test func guideExamplesKeepTheirMeaning() throws {
    #expect(Self.guideExamples.count >= 3)
    for (index, example) in Self.guideExamples.enumerated() {
      try expectFormatterProperties(example, path: "docs/language.md example \(index + 1)")
    }
  }

  @Test(arguments: 0..<300)
  func generatedFile(_ seed: Int) throws {
    var generator = RuleFileGenerator(seed: UInt64(seed))
    let text = generator.file()
    try expectFormatterProperties(text, path: "generated file \(seed):\n\(text)\n")
  }

  // MARK: The command

  /// A fresh directory with `files` (relative path: text), removed after `body`.
  private func withDirectory(_ files: [String: String], _ body: (String) throws -> Void) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("fmt-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    for (relative, text) in files {
      let path = root + "/" + relative
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
    try body(root)
  }

  private func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  /// Every file under `root`, hidden ones included, relative to it.
  private func listing(_ root: String) -> [String] {
    (FileManager.default.subpaths(atPath: root) ?? []).sorted()
  }

  static let messy = "const  a=1\nrule t {severity info when a>1 message \"m\"}\n"
  static let canonical = "const a = 1\n\nrule t {\n  severity info\n  when a > 1\n  message \"m\"\n}\n"

  @Test func checkListsTheFilesThatWouldChangeAndWritesNothing() throws {
    let files = [
      "b.rules": Self.messy, "a.rules": Self.canonical, "sub/deeper/c.rules": Self.messy, "sub/a.rules": Self.messy,
      ".hidden/d.rules": Self.messy, "notes.txt": Self.messy,
    ]
    try withDirectory(files) { (root: String) throws in
      let before = listing(root)
      let result = FormatCommand.run(paths: [root], check: true)
      #expect(result.exitCode == 1)
      #expect(result.output == "\(root)/b.rules\n\(root)/sub/a.rules\n\(root)/sub/deeper/c.rules\n")
      #expect(result.diagnostics.isEmpty)
      #expect(listing(root) == before)
      for (relative, text) in files { #expect(try read(root + "/" + relative) == text) }
    }
  }

  @Test func checkPassesWhenEverythingIsFormatted() throws {
    try withDirectory(["a.rules": Self.canonical, "x/b.rules": Self.canonical]) { (root: String) throws in
      let result = FormatCommand.run(paths: [root + "/"], check: true)
      #expect(result.exitCode == 0)
      #expect(result.output == "")
      #expect(result.diagnostics.isEmpty)
    }
  }

  @Test func formattingRewritesInPlaceAndLeavesNoTemporaryFile() throws {
    let files = ["a.rules": Self.canonical, "b.rules": Self.messy, "sub/c.rules": Self.messy]
    try withDirectory(files) { (root: String) throws in
      try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: root + "/b.rules")
      let result = FormatCommand.run(paths: [root], check: false)
      #expect(result.exitCode == 0)
      #expect(result.output == "\(root)/b.rules\n\(root)/sub/c.rules\n")
      #expect(try read(root + "/b.rules") == Self.canonical)
      #expect(try read(root + "/sub/c.rules") == Self.canonical)
      #expect(listing(root) == ["a.rules", "b.rules", "sub", "sub/c.rules"])
      let permissions = try FileManager.default.attributesOfItem(atPath: root + "/b.rules")[.posixPermissions]
      #expect((permissions as? NSNumber)?.intValue == 0o640)
      let again = FormatCommand.run(paths: [root], check: true)
      #expect(again.exitCode == 0)
      #expect(again.output == "")
    }
  }

  @Test func aSingleFileIsFormattedWhateverItsName() throws {
    try withDirectory(["pack.txt": Self.messy, "other.rules": Self.messy]) { (root: String) throws in
      let result = FormatCommand.run(paths: [root + "/pack.txt", root + "/pack.txt"], check: false)
      #expect(result.exitCode == 0)
      #expect(result.output == "\(root)/pack.txt\n")
      #expect(try read(root + "/pack.txt") == Self.canonical)
      #expect(try read(root + "/other.rules") == Self.messy)
    }
  }

  @Test func aSymbolicLinkIsKeptAndTheFileItNamesRewritten() throws {
    try withDirectory(["real.rules": Self.messy]) { (root: String) throws in
      try FileManager.default.createSymbolicLink(atPath: root + "/link.rules", withDestinationPath: "real.rules")
      let result = FormatCommand.run(paths: [root + "/link.rules"], check: false)
      #expect(result.exitCode == 0)
      #expect(try read(root + "/real.rules") == Self.canonical)
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/link.rules") == "real.rules")
      #expect(listing(root) == ["link.rules", "real.rules"])
    }
  }

  @Test func aFileWithSyntaxErrorsIsReportedAndLeftAlone() throws {
    let broken = "rule t {\n  severity info\n  when a >\n  message \"m\"\n}\n"
    try withDirectory(["a.rules": broken, "b.rules": Self.messy]) { (root: String) throws in
      let checked = FormatCommand.run(paths: [root], check: true)
      #expect(checked.exitCode == 2)
      #expect(checked.output == "\(root)/b.rules\n")
      let result = FormatCommand.run(paths: [root], check: false)
      #expect(result.exitCode == 2)
      #expect(result.diagnostics.map(\.id) == [.unexpectedToken])
      #expect(result.diagnostics.first?.locationText == "\(root)/a.rules:4:3")
      #expect(try read(root + "/a.rules") == broken)
      #expect(try read(root + "/b.rules") == Self.canonical)
      #expect(listing(root) == ["a.rules", "b.rules"])
    }
  }

  @Test func missingPathsAndEmptyDirectoriesAreErrors() throws {
    try withDirectory(["notes.txt": "x"]) { (root: String) throws in
      let empty = FormatCommand.run(paths: [root], check: true)
      #expect(empty.exitCode == 2)
      #expect(empty.diagnostics.map(\.id) == [.emptyPack])
      let missing = FormatCommand.run(paths: [root + "/nope.rules"], check: false)
      #expect(missing.exitCode == 2)
      #expect(missing.diagnostics.map(\.id) == [.unreadableFile])
    }
  }

  @Test func aFileThatIsNotUTF8IsReported() throws {
    try withDirectory([:]) { (root: String) throws in
      let path = root + "/latin1.rules"
      try #require(FileManager.default.createFile(atPath: path, contents: Data([0x63, 0x6F, 0x6E, 0x73, 0x74, 0xA3])))
      let result = FormatCommand.run(paths: [path], check: false)
      #expect(result.exitCode == 2)
      #expect(result.diagnostics.map(\.id) == [.unreadableFile])
    }
  }
}

// MARK: Generated rule files

/// Writes random rule files from a small grammar of the language, with random spacing, line
/// breaks, blank lines and comments wherever the language allows them, and redundant or needed
/// parentheses. Every file it writes parses without errors; the checker may reject it, which the
/// formatter does not care about.
private struct RuleFileGenerator {
  private var random: SeededGenerator
  /// How many more operators and nested expressions the current expression may have.
  private var budget = 0
  /// How many string holes the expression being written is inside.
  private var holeDepth = 0

  init(seed: UInt64) {
    random = SeededGenerator(state: seed)
  }

  /// Spends one unit of the expression's budget, if any is left.
  private mutating func spend() -> Bool {
    guard budget > 0 else { return false }
    budget -= 1
    return true
  }

  // MARK: Choices

  private mutating func below(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
  private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
  private mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

  private mutating func comment() -> String {
    pick(["# note", "#tight", "# with \"quotes\", {braces} and £", "#", "# trailing blanks   ", "# é ## again"])
  }

  /// Where only blanks may go: a line break would end a forum name or a column's attributes.
  private mutating func space() -> String {
    pick([" ", " ", " ", "  ", "\t"])
  }

  /// Where a line break or a comment may go.
  private mutating func gap() -> String {
    switch below(12) {
    case 0: "\n  "
    case 1: "  " + comment() + "\n    "
    case 2: "\n" + comment() + "\n"
    case 3: "\n\n  "
    case 4: "\r\n"
    default: space()
    }
  }

  /// The end of a line, which some constructs need.
  private mutating func lineEnd() -> String {
    switch below(8) {
    case 0: "\n\n"
    case 1: " " + comment() + "\n"
    case 2: "\n  " + comment() + "\n\n"
    case 3: "\r\n"
    case 4: "\n\n\n" + comment() + "\n"
    default: "\n"
    }
  }

  private mutating func separator(_ breaks: Bool) -> String {
    breaks ? gap() : space()
  }

  // MARK: Files

  mutating func file() -> String {
    var text = chance(30) ? comment() + lineEnd() : ""
    for index in 0..<(1 + below(6)) {
      switch below(8) {
      case 0, 1, 2: text += rule(index)
      case 3: text += "const" + gap() + "c\(index)" + gap() + "=" + gap() + expression(breaks: true)
      case 4: text += schema()
      case 5: text += forum()
      case 6: text += "forum group" + space() + forumName() + space() + "=" + space() + "[" + forumNames() + "]"
      default: text += waiver()
      }
      text += lineEnd()
    }
    if chance(30) { text += comment() + (chance(50) ? "\n" : "") }
    return text
  }

  private mutating func rule(_ index: Int) -> String {
    var text = "rule" + space() + pick(["t", "red-flag", "x1-y2", "deadline-2024-12-31"]) + "-\(index)"
    if chance(25) { text += gap() + "for" + gap() + "each" + gap() + "section" }
    text += gap() + "{" + gap()
    var clauses = [
      "severity" + gap() + pick(["info", "warning", "error", "critical"]),
      "when" + gap() + expression(breaks: true),
      "message" + gap() + message(),
    ]
    if chance(40) { clauses.append("description" + gap() + string(holes: false)) }
    if chance(40) { clauses.append(escalation()) }
    if chance(30) { clauses.append("suppresses" + gap() + list(of: { $0.kebab() }, breaks: true)) }
    for _ in 0..<below(3) {
      clauses.append("tags" + gap() + list(of: { $0.chance(30) ? $0.string(holes: false) : $0.kebab() }, breaks: true))
    }
    for index in 0..<below(3) {
      clauses.append("param" + gap() + "p\(index)" + gap() + "=" + gap() + expression(breaks: true))
    }
    for index in clauses.indices.reversed() {
      clauses.swapAt(index, below(index + 1))
    }
    for clause in clauses {
      // An escalation's forum name runs to the end of its line.
      text += clause + (clause.hasPrefix("escalate") ? lineEnd() : chance(50) ? lineEnd() : gap())
    }
    return text + "}"
  }

  private mutating func escalation() -> String {
    var text = "escalate" + space() + "to" + space() + forumName()
    var periods = 0
    for _ in 0..<below(3) {
      periods += 1 + below(3)
      text += space() + ";" + space() + "after" + space() + "\(periods)" + space() + pick(["period", "periods"])
      text += space() + "to" + space() + forumName()
    }
    return text
  }

  private mutating func forum() -> String {
    var text = "forum" + space() + forumName() + space() + "level" + space() + pick(["0", "1", "2", "03"])
    for attribute in ["senior", "default", "senior"] where chance(30) { text += space() + attribute }
    return text
  }

  private mutating func forumName() -> String {
    pick(["SCCB", "COG", "senior forum", "project  board", "\"Project Board\"", "\"Q\\\"s \\{x\\}\""])
  }

  private mutating func forumNames() -> String {
    (0..<(1 + below(3))).map { _ in forumName() }.joined(separator: space() + "," + space())
  }

  private mutating func kebab() -> String {
    pick(["a", "data-quality", "x2-y", "q3-2024", "HO-DPP"])
  }

  private mutating func schema() -> String {
    var text = "schema" + gap() + pick(["reserve-bid", "workstream", "s"]) + gap() + "{" + lineEnd()
    for _ in 0..<below(5) {
      switch below(5) {
      case 0:
        text += "group" + gap() + "g" + gap() + "=" + gap()
        text += "[" + list(of: { $0.pick(["a", "b"]) }, breaks: true) + "]"
      case 1:
        text += "alias" + gap() + "overall" + gap() + list(of: { $0.string(holes: false) }, breaks: true)
      case 2:
        text += "scale" + gap() + pick(["five-point", "three-point"])
      case 3:
        text += "spelling" + gap() + pick(["Grey", "Amber/Green"]) + gap()
        text += list(of: { $0.string(holes: false) }, breaks: true)
      default:
        text += column()
      }
      text += lineEnd()
    }
    return text + "}"
  }

  /// A column's attributes must stay on its line.
  private mutating func column() -> String {
    var text = "column" + space() + pick(["id", "budget", "rating"]) + space() + pick(["Text", "Money", "RAG"])
    for _ in 0..<below(4) {
      switch below(4) {
      case 0: text += space() + pick(["key", "name", "period", "section"])
      case 1: text += space() + "previous" + space() + "rating"
      case 2: text += space() + "alias" + space() + list(of: { $0.string(holes: false) }, breaks: false)
      default: text += space() + "description" + space() + string(holes: false)
      }
    }
    return text
  }

  private mutating func waiver() -> String {
    var text = "waive" + space() + (chance(20) ? "*" : kebab())
    if chance(70) {
      text += gap() + "for" + gap() + pick(["*", "HO-DPP", "\"WS 1\"", "ws-12"])
    }
    text += gap() + "{" + gap()
    for _ in 0..<below(5) {
      switch below(3) {
      case 0: text += "reason" + gap() + string(holes: false)
      case 1: text += "approved" + gap() + "by" + gap() + string(holes: false)
      default: text += "until" + gap() + pick(["2024-12-31", "2019-01-01"])
      }
      text += chance(50) ? lineEnd() : gap()
    }
    return text + "}"
  }

  /// One to three comma-separated items, sometimes with a trailing comma where lists allow one.
  private mutating func list(of item: (inout RuleFileGenerator) -> String, breaks: Bool) -> String {
    var items: [String] = []
    for _ in 0..<(1 + below(3)) { items.append(item(&self)) }
    return items.joined(separator: separator(breaks) + "," + separator(breaks))
  }

  // MARK: Expressions

  /// A new expression of up to a dozen operators and nested expressions.
  private mutating func expression(breaks: Bool) -> String {
    budget = below(14)
    return binary(level: 0, breaks: breaks)
  }

  /// An expression by the grammar's precedence levels, so operators mix as they would in a file.
  private mutating func binary(level: Int, breaks: Bool) -> String {
    if level == 2 {
      return chance(15) && spend()
        ? "not" + (chance(50) ? " " : separator(breaks)) + binary(level: 2, breaks: breaks)
        : comparison(breaks: breaks)
    }
    var text = binary(level: level + 1, breaks: breaks)
    while chance(25), spend() {
      let op = level == 0 ? "or" : "and"
      text += separator(breaks) + op + separator(breaks) + binary(level: level + 1, breaks: breaks)
    }
    return text
  }

  private mutating func comparison(breaks: Bool) -> String {
    let lhs = arithmetic(multiplicative: false, breaks: breaks)
    switch below(5) {
    case 0:
      return lhs + separator(breaks) + "is" + separator(breaks) + pick(["missing", "present"])
    case 1, 2:
      let op = pick(["==", "!=", "<", "<=", ">", ">=", "in", "not in", "worse than", "better than"])
      let spaced = op.split(separator: " ").joined(separator: separator(breaks))
      return lhs + separator(breaks) + spaced + separator(breaks) + arithmetic(multiplicative: false, breaks: breaks)
    default:
      return lhs
    }
  }

  private mutating func arithmetic(multiplicative: Bool, breaks: Bool) -> String {
    let operand = { (generator: inout RuleFileGenerator) in
      multiplicative ? generator.unary(breaks: breaks) : generator.arithmetic(multiplicative: true, breaks: breaks)
    }
    var text = operand(&self)
    while chance(30), spend() {
      text += separator(breaks) + pick(multiplicative ? ["*", "/"] : ["+", "-"]) + separator(breaks) + operand(&self)
    }
    return text
  }

  private mutating func unary(breaks: Bool) -> String {
    chance(10) && spend()
      ? "-" + (chance(50) ? "" : separator(breaks)) + unary(breaks: breaks) : primary(breaks: breaks)
  }

  private mutating func primary(breaks: Bool) -> String {
    switch below(spend() ? 10 : 6) {
    case 0:
      return pick(["overall", "budget", "x", "Red", "N/A", "Amber/Green", "true", "report_date", "dimensions"])
    case 1:
      return pick(["3", "1.05", "007", "0.50", "5%", "12.5%", "100%"])
    case 2:
      return pick(["£1.5m", "£250k", "£120,000", "£99.50", "£2bn", "£0.214M", "£12"])
    case 3:
      return pick(["2024-10-01", "2019-12-31"])
    case 4:
      return pick(["90", "1", "2", "007"]) + separator(breaks) + pick(["days", "day", "weeks", "week"])
    case 5 where holeDepth < 2:
      return string(holes: true)
    case 5:
      // A hole finds its `}` by skipping strings, so a string two holes deep cannot have a hole
      // of its own with strings in it: the lexer would lose count of the quotes.
      return "x"
    case 6:
      return "(" + separator(breaks) + binary(level: 0, breaks: breaks) + separator(breaks) + ")"
    case 7:
      let trailing = chance(20) ? separator(breaks) + "," : ""
      return "[" + separator(breaks) + list(of: { $0.binary(level: 0, breaks: breaks) }, breaks: breaks)
        + trailing + separator(breaks) + "]"
    default:
      let name = pick(["count", "any", "worst", "contains", "lower", "previous"])
      if chance(15) { return name + "(" + separator(breaks) + ")" }
      return name + "(" + separator(breaks) + list(of: { $0.binary(level: 0, breaks: breaks) }, breaks: breaks)
        + separator(breaks) + ")"
    }
  }

  /// A message: a string whose holes hold expressions.
  private mutating func message() -> String {
    budget = below(10)
    return string(holes: true)
  }

  /// A string literal whose text needs every escape, with `{expression}` holes when allowed.
  /// Holes hold no line breaks or comments: a string ends at its line.
  private mutating func string(holes: Bool) -> String {
    var text = "\""
    for _ in 0..<below(5) {
      if holes, chance(30), spend() {
        holeDepth += 1
        text += "{" + (chance(50) ? " " : "") + binary(level: 0, breaks: false)
        text += (chance(10) ? " # hole note " : "") + "}"
        holeDepth -= 1
        continue
      }
      switch below(12) {
      case 0: text += "\\\""
      case 1: text += "\\\\"
      case 2: text += "\\{"
      case 3: text += pick(["\\}", "}"])
      case 4: text += pick(["\\n", "\\t", "\t"])
      case 5: text += "# not a comment"
      default: text += pick(["a", "b c", "é", "£5", " ", "x-y"])
      }
    }
    return text + "\""
  }
}
