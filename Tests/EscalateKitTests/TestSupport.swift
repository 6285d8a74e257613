import Testing

@testable import EscalateKit

/// Why the evaluation harness could not set up a test: a rule that does not check or a cell that does not decode.
struct EvalHarnessError: Error, CustomStringConvertible {
  var description: String
}

/// Runs rule text over one workstream record built from CSV cell texts, the way `escalate check` does: cells are
/// decoded by `RecordDecoder` (so through `CellParser`), the pack is parsed and checked by `RulePack`, compiled by
/// `Compiler` and run by `Check`.
enum EvalHarness {
  /// The benchmark's report date, 2024-10-01.
  static let reportDate = Day(year: 2024, month: 10, day: 1)!

  /// The `id` given to a record whose cells do not set one.
  static let defaultID = "WS-0000001"

  /// Every column of the workstream schema, in schema order: the header of every test file.
  static let header = Schema.workstream.columns.map(\.name)

  /// The path test records claim to come from.
  static let dataPath = "eval-harness.csv"

  /// A date the test table guarantees is valid.
  static func day(_ iso: String) -> Day {
    Day(iso: iso)!
  }

  /// A CSV record with `cells` in their columns and every other cell empty, except `id`, which defaults to
  /// ``defaultID``.
  static func csvRecord(_ cells: [String: String], line: Int = 2) throws -> CSVRecord {
    for name in cells.keys where !header.contains(name) {
      throw EvalHarnessError(description: "no column '\(name)' in the workstream schema")
    }
    var cells = cells
    if cells["id"] == nil { cells["id"] = defaultID }
    return CSVRecord(fields: header.map { cells[$0] ?? "" }, line: line, byteOffset: 0)
  }

  /// Decodes `csv` as `Check.run` would for `ruleSet`: only the columns its rules read, plus the identifying ones.
  static func decode(_ csv: CSVRecord, for ruleSet: RuleSet) throws -> Record {
    let (decoder, problems) = RecordDecoder.make(
      path: dataPath, header: header, schema: ruleSet.schema, columns: ruleSet.usedColumns)
    guard var decoder else {
      throw EvalHarnessError(description: "header rejected: \(problems.map(\.message))")
    }
    let decoded = decoder.decode(csv.fields, line: csv.line) { _ in (csv.line, 1) }
    let rejected = decoded.unreadable.map(\.message) + (decoded.error.map { [$0.message] } ?? [])
    guard rejected.isEmpty else {
      throw EvalHarnessError(description: "cells rejected: \(rejected)")
    }
    return decoded.record
  }

  /// Decodes `cells` for `ruleSet`; see ``csvRecord(_:line:)``.
  static func record(_ cells: [String: String], for ruleSet: RuleSet, line: Int = 2) throws -> Record {
    try decode(csvRecord(cells, line: line), for: ruleSet)
  }

  /// Parses and checks a one-file pack, failing on any diagnostic, warnings included.
  static func ruleSet(_ source: String) throws -> RuleSet {
    try check(RulePack(files: [SourceFile(path: "eval-harness.rules", text: source)]))
  }

  /// Checks `pack`, failing on any diagnostic.
  static func check(_ pack: RulePack) throws -> RuleSet {
    let (ruleSet, diagnostics) = pack.check()
    guard let ruleSet, diagnostics.isEmpty else {
      let text = diagnostics.map { "\($0.locationText ?? "-"): \($0.message) [\($0.id.rawValue)]" }
      throw EvalHarnessError(description: "the pack does not check: \(text)")
    }
    return ruleSet
  }

  /// The source of a one-rule pack with id `t`.
  static func source(when condition: String, message: String = "fired") -> String {
    """
    rule t {
      severity info
      when \(condition)
      message "\(message)"
    }

    """
  }

  /// Whether `condition`, as a rule's `when`, holds for the record with `cells`.
  static func fires(
    _ condition: String, _ cells: [String: String] = [:], reportDate: Day = EvalHarness.reportDate
  ) throws -> Bool {
    let rules = try ruleSet(source(when: condition))
    let compiled = Compiler.compile(rules, reportDate: reportDate)
    return try compiled.rules[0].matches(Cursor(record(cells, for: rules)))
  }

  /// The value of `expression` as a message shows it, for the record with `cells`.
  static func text(
    _ expression: String, _ cells: [String: String] = [:], reportDate: Day = EvalHarness.reportDate
  ) throws -> String {
    let rules = try ruleSet(source(when: "true", message: "{\(expression)}"))
    let compiled = Compiler.compile(rules, reportDate: reportDate)
    return try compiled.rules[0].message(for: Cursor(record(cells, for: rules)))
  }

  /// The pack compiled for `reportDate`.
  static func compile(_ pack: RulePack, reportDate: Day = EvalHarness.reportDate) throws -> CompiledRuleSet {
    Compiler.compile(try check(pack), reportDate: reportDate)
  }

  /// The outcome of `Check.evaluate` on each record in turn (lines 2, 3, ...).
  static func evaluate(_ compiled: CompiledRuleSet, _ records: [[String: String]]) throws -> Check.Outcome {
    let check = Check(rules: compiled)
    var outcome = Check.Outcome(alerts: [], records: 0, diagnostics: [])
    for (offset, cells) in records.enumerated() {
      let cursor = Cursor(try record(cells, for: compiled.ruleSet, line: offset + 2))
      outcome.diagnostics += check.evaluate(cursor, into: &outcome.alerts)
    }
    return outcome
  }
}

/// A case's record for its test name: `key="value"` pairs in key order.
private func describeCells(_ cells: [String: String]) -> String {
  cells.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: " ")
}

/// A condition, the cells of the record it runs on, and whether it must hold.
struct EvalHarnessCase: Sendable, CustomTestStringConvertible {
  var condition: String
  var cells: [String: String]
  var fires: Bool

  init(_ condition: String, _ cells: [String: String], _ fires: Bool) {
    self.condition = condition
    self.cells = cells
    self.fires = fires
  }

  init(_ condition: String, _ fires: Bool) {
    self.init(condition, [:], fires)
  }

  var testDescription: String {
    let record = describeCells(cells)
    return "\(condition) \(record.isEmpty ? "" : "[\(record)] ")→ \(fires)"
  }
}

/// An expression, the cells of the record it runs on, and the text a message must show for it.
struct EvalHarnessTextCase: Sendable, CustomTestStringConvertible {
  var expression: String
  var cells: [String: String]
  var text: String

  init(_ expression: String, _ cells: [String: String], _ text: String) {
    self.expression = expression
    self.cells = cells
    self.text = text
  }

  init(_ expression: String, _ text: String) {
    self.init(expression, [:], text)
  }

  var testDescription: String {
    let record = describeCells(cells)
    return "{\(expression)} \(record.isEmpty ? "" : "[\(record)] ")→ \"\(text)\""
  }
}

extension EvalHarnessCase {
  /// How two operands are ordered, for building the six comparisons of a pair at once.
  enum Order: Sendable {
    case less, equal, greater
  }

  /// `lhs OP rhs` for each of `== != < <= > >=`, with the result each must give when `lhs` is `order` than `rhs`.
  static func comparisons(
    _ lhs: String, _ rhs: String, _ order: Order, _ cells: [String: String] = [:]
  ) -> [EvalHarnessCase] {
    let results: [(String, Bool)] = [
      ("==", order == .equal), ("!=", order != .equal), ("<", order == .less), ("<=", order != .greater),
      (">", order == .greater), (">=", order != .less),
    ]
    return results.map { EvalHarnessCase("\(lhs) \($0.0) \(rhs)", cells, $0.1) }
  }
}
