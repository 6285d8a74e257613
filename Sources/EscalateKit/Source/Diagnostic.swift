/// A problem found in a rule file, a data file or the command line, as a value.
///
/// Phases return diagnostics instead of throwing, so one run reports every error it can find.
/// Messages are lowercase without a final period and quote the offending text; the stable
/// ``DiagnosticID`` is what tests, scripts and JSON output key on.
public struct Diagnostic: Sendable {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable, Comparable {
    case warning, error

    /// A warning is less serious than an error.
    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
  }

  /// Where a diagnostic points.
  public enum Location: Sendable {
    /// A range in a rule file, shown with its source line and a caret.
    case source(SourceRange)
    /// A position in a data file, which is not kept in memory, so no source line is shown.
    case file(path: String, line: Int, column: Int)
  }

  /// The stable id, shown in brackets after the message, that tests and scripts key on.
  public var id: DiagnosticID
  /// An error makes the run fail; a warning is reported and the run goes on.
  public var severity: Severity
  /// What is wrong, lowercase without a final period, quoting the offending text.
  public var message: String
  /// Where it points; nil for a problem with no place, such as an unknown `--param`.
  public var location: Location?
  /// Advice shown under the caret, e.g. "did you mean 'forecast'?".
  public var hint: String?

  /// Creates a diagnostic.
  public init(
    _ id: DiagnosticID, _ message: String, at location: Location?, hint: String? = nil,
    severity: Severity = .error
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.location = location
    self.hint = hint
  }

  /// Creates a diagnostic at a range of a rule file.
  public init(
    _ id: DiagnosticID, _ message: String, at range: SourceRange, hint: String? = nil,
    severity: Severity = .error
  ) {
    self.init(id, message, at: .source(range), hint: hint, severity: severity)
  }

  /// `path:line:column`, or nil for a diagnostic without a location.
  public var locationText: String? {
    switch location {
    case .source(let range):
      let (line, column) = range.start
      return "\(range.file.path):\(line):\(column)"
    case .file(let path, let line, let column):
      return "\(path):\(line):\(column)"
    case nil:
      return nil
    }
  }
}

extension [Diagnostic] {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by file and position, so output does not depend on the order phases ran in.
  public func sortedByLocation() -> [Diagnostic] {
    func key(_ d: Diagnostic) -> (String, Int) {
      switch d.location {
      case .source(let range): return (range.file.path, range.bytes.lowerBound)
      case .file(let path, let line, let column): return (path, line * 1_000_000 + column)
      case nil: return ("", 0)
      }
    }
    return enumerated().sorted { a, b in
      let (ka, kb) = (key(a.element), key(b.element))
      if ka.0 != kb.0 { return ka.0 < kb.0 }
      if ka.1 != kb.1 { return ka.1 < kb.1 }
      return a.offset < b.offset
    }.map(\.element)
  }
}
