/// The stable identifier of each kind of diagnostic, shown in brackets after the message.
///
/// The raw values are API: tests, JSON output and users' scripts match on them, so a kind is
/// never renamed, only added.
public enum DiagnosticID: String, Sendable, CaseIterable {
  // Lexing
  case unexpectedCharacter = "unexpected-character"
  case unterminatedString = "unterminated-string"
  case invalidEscape = "invalid-escape"
  case invalidNumber = "invalid-number"
  case invalidDate = "invalid-date"

  // Parsing
  case unexpectedToken = "unexpected-token"
  case invalidRuleID = "invalid-rule-id"
  case unknownSeverity = "unknown-severity"
  case duplicateClause = "duplicate-clause"
  case missingClause = "missing-clause"
  case tooDeeplyNested = "too-deeply-nested"

  // Checking
  case unknownName = "unknown-name"
  case unknownColumn = "unknown-column"
  case unknownFunction = "unknown-function"
  case typeMismatch = "type-mismatch"
  case wrongArgumentCount = "wrong-argument-count"
  case duplicateRuleID = "duplicate-rule-id"
  case duplicateName = "duplicate-name"
  case constCycle = "const-cycle"
  case notConstant = "not-constant"
  case misplacedInterpolation = "misplaced-interpolation"
  case misplacedGroup = "misplaced-group"
  case unknownParameter = "unknown-parameter"
  case unknownForum = "unknown-forum"
  case unknownRule = "unknown-rule"
  case suppressionCycle = "suppression-cycle"
  case invalidParameterValue = "invalid-parameter-value"

  // Packs and data
  case unreadableFile = "unreadable-file"
  case emptyPack = "empty-pack"
  case malformedCSV = "malformed-csv"
  case malformedJSON = "malformed-json"
  case notUTF8 = "not-utf8"
  case missingColumn = "missing-column"
  case duplicateColumn = "duplicate-column"
  case unknownDataColumn = "unknown-data-column"
  case unreadableValue = "unreadable-value"
  case duplicateRecord = "duplicate-record"
  case ambiguousHistory = "ambiguous-history"
  case arithmeticOverflow = "arithmetic-overflow"
  case tooManyErrors = "too-many-errors"

  // The CI gate
  case gateFailed = "gate-failed"
  case baselineEntryGone = "baseline-entry-gone"
  case gitFailed = "git-failed"
  case invalidMessage = "invalid-message"
  case outputIsInput = "output-is-input"
  case noTests = "no-tests"
}
