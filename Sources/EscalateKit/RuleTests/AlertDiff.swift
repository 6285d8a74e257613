/// A test's expectations against the alerts the pack raised, as a diff.
///
/// The semantics:
/// - each `expect RULE on ID` takes one alert of that rule on that record (with exactly the
///   message, when one is given); it fails when there is none left to take;
/// - each `expect no RULE on ID` fails when the rule raised any alert on that record;
/// - every alert of a rule the test names (in any expectation) that no `expect` took fails the
///   test, so a rule firing on one more record than listed is caught; with `expect nothing
///   else`, every alert of every rule counts;
/// - alerts of rules the test does not name are ignored.
///
/// The lines are the expectations in file order, each marked, with any alert that fails the
/// test beside the expectation it concerns, and the other failing alerts after them. Each is
/// written as an `expect` line would be, so an alert can be pasted into a test once reviewed.
struct AlertDiff: Sendable {
  enum Line: Sendable, Equatable {
    /// An expectation that held.
    case same(String)
    /// An expectation that failed.
    case expected(String)
    /// An alert that fails the test.
    case actual(String)
  }

  var lines: [Line] = []

  var passed: Bool {
    !lines.contains {
      if case .same = $0 { return false }
      return true
    }
  }

  init(expectations: [AlertExpectation], expectsNothingElse: Bool, alerts: [Alert]) {
    let named = Set(expectations.map(\.rule))
    let inScope = alerts.indices.filter { expectsNothingElse || named.contains(alerts[$0].rule) }
    var taken = Set<Int>()
    var held = [Bool](repeating: false, count: expectations.count)
    // Expectations with a message first, so one without cannot take the alert a message names.
    let order =
      expectations.indices.filter { expectations[$0].kind != .fires(message: nil) }
      + expectations.indices.filter { expectations[$0].kind == .fires(message: nil) }
    for index in order {
      let expectation = expectations[index]
      switch expectation.kind {
      case .fires:
        if let alert = inScope.first(where: { !taken.contains($0) && expectation.matches(alerts[$0]) }) {
          taken.insert(alert)
          held[index] = true
        }
      case .doesNotFire:
        held[index] = !alerts.contains { $0.rule == expectation.rule && $0.recordID == expectation.recordID }
      }
    }
    // Alerts no expectation took are shown beside a failed expectation of their rule and record.
    var shown = taken
    for (index, expectation) in expectations.enumerated() {
      guard !held[index] else {
        lines.append(.same(Self.text(expectation)))
        continue
      }
      lines.append(.expected(Self.text(expectation)))
      for alert in inScope where !shown.contains(alert) {
        guard alerts[alert].rule == expectation.rule, alerts[alert].recordID == expectation.recordID else { continue }
        lines.append(.actual(Self.text(alerts[alert])))
        shown.insert(alert)
      }
    }
    for alert in inScope where !shown.contains(alert) { lines.append(.actual(Self.text(alerts[alert]))) }
  }

  /// An expectation as written after `expect`.
  static func text(_ expectation: AlertExpectation) -> String {
    let id = word(expectation.recordID)
    switch expectation.kind {
    case .fires(nil): return "\(expectation.rule) on \(id)"
    case .fires(let message?): return "\(expectation.rule) on \(id) message \(quoted(message))"
    case .doesNotFire: return "no \(expectation.rule) on \(id)"
    }
  }

  /// An alert as an expectation of exactly it.
  static func text(_ alert: Alert) -> String {
    "\(alert.rule) on \(word(alert.recordID)) message \(quoted(alert.message))"
  }

  /// A record id as a test file writes it: bare, or quoted when it would not read as one word.
  static func word(_ text: String) -> String {
    let bare =
      !text.isEmpty && !text.hasPrefix("#") && !text.hasPrefix("\"")
      && !text.contains { $0 == " " || $0 == "\t" || $0.isNewline }
    return bare ? text : quoted(text)
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
      switch character {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      default: result.append(character)
      }
    }
    return result + "\""
  }
}
