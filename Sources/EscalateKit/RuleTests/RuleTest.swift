/// A file of rule tests (`*.test`), as `escalate test` reads it.
///
/// A test gives a few records and says which alerts the pack must raise on them:
///
/// ```
/// # Comments are lines that start with '#', or the end of a clause after ' #'.
/// test "Red with nobody escalated fires; Red at COG does not"
/// as of 2024-10-01
/// with forecast-overspend.tolerance = 10%
/// records
///   id,name,overall,escalated_to
///   WS-1,Alpha,R,
///   WS-2,Beta,R,COG
/// expect red-needs-senior-forum on WS-1 message "Alpha is Red overall but ..."
/// expect no red-needs-senior-forum on WS-2
/// ```
///
/// **Clauses.** `test "NAME"` starts a test; the lines up to the next `test` are its clauses,
/// one per line, each at the start of its line, in any order. Names are unique within a file.
/// - `as of DATE` (required, once): the report date, `YYYY-MM-DD`.
/// - `with RULE.NAME = VALUE` (any number): a parameter override, exactly as `--param` takes it.
/// - `records` (required, once) and, indented under it, a CSV file: a header, then one record
///   per line, comma-separated. The indentation of the header is taken off every line; blank
///   lines are skipped; a line at the margin ends the block. Or `records from FILE...`: data
///   files (CSV or JSON, as `escalate check` reads them), relative to the test file's
///   directory; several files form one set of histories, as on the command line.
/// - `expect RULE on ID`: the rule raises an alert on the record with that id; with
///   `message "TEXT"`, an alert with exactly that message. For a portfolio rule the id is the
///   group's value (`expect section-mostly-amber on Finance`).
/// - `expect no RULE on ID`: the rule raises no alert on that record.
/// - `expect nothing else`: the test's `expect` lines are every alert of every rule, not only of
///   the rules they name.
///
/// Ids with spaces, names and messages are written in double quotes, with the escapes `\"`,
/// `\\`, `\n`, `\t`, `\{` and `\}`.
///
/// **Records** are checked exactly as `escalate check --as-of DATE` checks a data file, by the
/// whole pack: records with one id are a workstream's history, ordered by `period`, and only
/// the latest period raises alerts; an unreadable cell is an `unreadable-value` alert (which
/// a test may expect). A test's records need only the columns it is about: every schema
/// column the records lack is filled in as empty (added at the end of each CSV record, so
/// diagnostics keep their lines and columns). In a `records` block a header name the schema
/// does not know is an error, since the column it was meant to be would be silently empty.
/// A malformed block, a record without an id, or a second record for a period is an error at
/// its line in the test file.
///
/// **Expectations** list the alerts of the rules they name exhaustively: a test fails when an
/// `expect RULE on ID` has no alert to match, when an `expect no` finds one, or when a rule it
/// names raises an alert no `expect` lists (so a rule firing on one more record is caught).
/// Alerts of rules the test does not name are ignored, unless it says `expect nothing else`.
/// Each `expect` takes one alert, so two alerts of a rule on one record (two unreadable cells)
/// need two lines. An `expect` about an id no record has is an error, as is expecting an alert
/// and no alert of the same rule on the same record. See ``AlertDiff``.
public struct RuleTestFile: Sendable {
  /// The file's text, which diagnostics and the runner point into.
  public var source: SourceFile
  /// The tests in file order; complete only when parsing reported no errors.
  public var tests: [RuleTest]
}

/// One test: records, a report date, parameter overrides and the alerts expected.
public struct RuleTest: Sendable {
  /// The name after `test`, unique within its file.
  public var name: String
  /// The `test` keyword, where a test's failure and its missing clauses are reported.
  public var keyword: SourceRange
  /// The `as of` date; nil when the clause is missing or did not parse.
  public var reportDate: Day?
  /// The `with` clauses, in order.
  public var overrides: [TestOverride] = []
  /// The records to check; nil when the clause is missing or did not parse.
  public var records: TestRecords?
  /// The `expect` lines, in order; `expect nothing else` is not among them.
  public var expectations: [AlertExpectation] = []
  /// Whether `expect nothing else` widens the comparison to every rule's alerts.
  public var expectsNothingElse = false

  /// The line of the `test` keyword.
  public var line: Int { keyword.start.line }

  /// The rules the test names in its expectations, whose alerts it lists exhaustively.
  public var mentionedRules: Set<String> { Set(expectations.map(\.rule)) }
}

/// `expect RULE on ID [message "TEXT"]` or `expect no RULE on ID`.
public struct AlertExpectation: Sendable {
  /// Whether the line expects an alert or its absence.
  public enum Kind: Sendable, Equatable {
    /// The alert must be raised; with a message, exactly that message.
    case fires(message: String?)
    /// No alert of the rule on the record.
    case doesNotFire
  }

  /// `expect` or `expect no`, with the message if one is given.
  public var kind: Kind
  /// The rule id after `expect` or `expect no`.
  public var rule: String
  /// The record id after `on`.
  public var recordID: String
  /// The rule id and the record id as written, for diagnostics about them.
  public var ruleRange: SourceRange
  /// Where the record id is written; an id no record has is reported there.
  public var idRange: SourceRange
  /// The line's text after `expect`, up to the end of the expectation.
  public var range: SourceRange

  /// Whether `alert` is the one this expectation describes: its rule and record, and its
  /// message when one is given. Meaningful for `fires` only.
  func matches(_ alert: Alert) -> Bool {
    guard alert.rule == rule, alert.recordID == recordID else { return false }
    if case .fires(let message?) = kind { return alert.message == message }
    return true
  }
}

/// `with RULE.NAME = VALUE`.
public struct TestOverride: Sendable {
  /// The override, as `--param` would give it.
  public var override: ParameterOverride
  /// Where the rule id is written; an unknown rule is reported there.
  public var ruleRange: SourceRange
  /// Where the parameter name is written; an unknown parameter is reported there.
  public var nameRange: SourceRange
  /// The value as written, which the pack parses like a `--param` value.
  public var valueRange: SourceRange
}

/// Where a test's records come from.
public enum TestRecords: Sendable {
  /// The indented CSV lines under `records`.
  case inline(InlineRecords)
  /// `records from FILE...`, each path as written, relative to the test file.
  case files([(path: String, range: SourceRange)])
}

/// The CSV block under `records`, with its indentation removed.
public struct InlineRecords: Sendable {
  /// The block's lines, dedented and joined with line feeds; blank lines inside it are kept, so
  /// line `n` of the text is line `firstLine + n - 1` of the test file.
  public var text: String
  /// The test file's line holding the block's first line (the header).
  public var firstLine: Int
  /// How many characters (spaces or tabs) were removed from the start of each line.
  public var indent: Int
}
