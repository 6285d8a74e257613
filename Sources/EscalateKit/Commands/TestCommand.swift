import Foundation

/// `escalate test`: runs the rule tests (`*.test` files, see ``RuleTestFile``) of a pack.
///
/// Exit status 0 when every test passes, 1 when any fails (the output lists each failing test
/// with a diff of expected and actual alerts, then `N passed, M failed`), 2 when the pack or a
/// test file is invalid (nothing on standard output; located diagnostics).
public enum TestCommand {
  /// Runs the tests in `testPaths` (files, or directories whose `*.test` files are read in name
  /// order) against the pack at `rulesPath` (nil: the built-in pack). Without test paths, the
  /// tests are the pack directory's `tests/` (for the built-in pack, `rules/tests` in the
  /// current directory), and a pack without one has none.
  public static func run(rulesPath: String?, testPaths: [String]) -> CommandResult {
    let pack: RulePack
    if let rulesPath {
      let loaded = RulePack.load(path: rulesPath)
      guard let loadedPack = loaded.pack else { return failure(loaded.diagnostics) }
      pack = loadedPack
    } else {
      pack = .builtIn
    }
    let checked = pack.check()
    var diagnostics = checked.diagnostics
    guard let ruleSet = checked.ruleSet else { return failure(diagnostics) }

    var sources = testPaths
    if sources.isEmpty {
      let directory = defaultTests(rulesPath: rulesPath)
      guard isDirectory(directory) else {
        return CommandResult(
          output: "no tests: there is no \(directory) directory\n0 passed, 0 failed\n", diagnostics: diagnostics,
          exitCode: 0)
      }
      sources = [directory]
    }
    var files: [RuleTestFile] = []
    for path in testFiles(sources, diagnostics: &diagnostics) {
      guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self)
      else {
        diagnostics.append(Diagnostic(.unreadableFile, "cannot read test file '\(path)' as UTF-8 text", at: nil))
        continue
      }
      // A byte order mark is not part of the first clause.
      let (file, syntax) = RuleTestParser.parse(SourceFile(path: path, text: String(text.trimmingPrefix("\u{FEFF}"))))
      diagnostics += syntax
      diagnostics += RuleTestChecker.check(file, pack: pack, ruleSet: ruleSet)
      files.append(file)
    }
    guard !diagnostics.hasErrors else { return failure(diagnostics) }
    guard files.contains(where: { !$0.tests.isEmpty }) else {
      let places = sources.joined(separator: ", ")
      // `escalate test rules` names the pack, whose tests sit one level down.
      var ignored: [Diagnostic] = []
      let nested = sources.filter(isDirectory).map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "tests" }
        .filter { isDirectory($0) && !testFiles([$0], diagnostics: &ignored).isEmpty }
      // Named test files that hold no test would let a CI gate pass on nothing: an error.
      let hint =
        nested.isEmpty
        ? "a test file ends in .test; see docs/ci.md" : "did you mean escalate test \(nested.joined(separator: " "))?"
      return failure(diagnostics + [Diagnostic(.noTests, "no tests in \(places)", at: nil, hint: hint)])
    }

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("escalate-test-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    } catch {
      return failure(
        diagnostics + [
          Diagnostic(.unreadableFile, "cannot create a scratch directory for the tests' records: \(error)", at: nil)
        ])
    }
    defer { try? FileManager.default.removeItem(at: scratch) }
    var runner = RuleTestRunner(pack: pack, ruleSet: ruleSet, scratch: scratch.path)
    var results: [RuleTestResult] = []
    for file in files {
      for test in file.tests { results.append(runner.run(test, of: file)) }
    }
    diagnostics += results.flatMap(\.diagnostics)
    guard !diagnostics.hasErrors else { return failure(diagnostics) }
    return CommandResult(
      output: RuleTestReport.render(results), diagnostics: diagnostics,
      exitCode: results.allSatisfy(\.passed) ? 0 : 1)
  }

  /// `tests/` in the pack's directory, or beside a single rule file; `rules/tests` for the
  /// built-in pack.
  static func defaultTests(rulesPath: String?) -> String {
    guard let rulesPath else { return "rules/tests" }
    var directory = isDirectory(rulesPath) ? rulesPath : (rulesPath as NSString).deletingLastPathComponent
    while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
    return directory.isEmpty ? "tests" : directory + "/tests"
  }

  /// The test files `paths` name: files as given, and the `*.test` files directly inside
  /// directories, in name order.
  static func testFiles(_ paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
    var files: [String] = []
    for path in paths {
      guard FileManager.default.fileExists(atPath: path) else {
        diagnostics.append(
          Diagnostic(.unreadableFile, "cannot read tests '\(path)': no such file or directory", at: nil))
        continue
      }
      guard isDirectory(path) else {
        files.append(path)
        continue
      }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      let prefix = path.hasSuffix("/") ? path : path + "/"
      files += names.filter { $0.hasSuffix(".test") }.sorted().map { prefix + $0 }
    }
    return files
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  static func failure(_ diagnostics: [Diagnostic]) -> CommandResult {
    CommandResult(output: "", diagnostics: diagnostics, exitCode: 2)
  }
}
