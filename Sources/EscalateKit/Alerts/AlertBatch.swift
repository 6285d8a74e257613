/// The alerts of a record, or of several, as evaluation hands them on.
///
/// A pack rule's alert is kept as found (the rule, the record, and its message and evidence in
/// storage the batch reuses) rather than built into an ``Alert``, which copies a dozen strings
/// and two arrays: over a million alerts, building, copying and dropping them stood high in the
/// profile of a streamed check. A renderer that can writes them from here
/// (``JSONLinesRenderer``); ``alerts`` builds them for any other.
public struct AlertBatch: Sendable {
  /// The pack rules' alerts, in the order found; they come before ``built``.
  private(set) var firings: [Firing] = []
  /// The messages of the firings, as UTF-8, one after another.
  private(set) var messageBytes: [UInt8] = []
  /// The evidence values of the firings, one after another.
  private(set) var evidenceValues: [Value] = []
  /// Alerts built already: data-quality alerts, and those a streamed check held for histories.
  var built: [Alert] = []
  /// The columns that describe a record in its alerts.
  let describing: Check.Describing

  init(describing: Check.Describing) {
    self.describing = describing
  }

  /// One pack rule's alert on one record.
  struct Firing: Sendable {
    let rule: CompiledRule
    /// The rule's position in the pack.
    let index: Int
    let record: Record
    /// How many consecutive periods, counting this one, the condition has held.
    let held: Int
    /// The period the condition began to hold, when that was before the record's own: only an
    /// alert built for the queue shows it, so most firings need not hold a string for it.
    let sinceEarlier: String?
    let message: Range<Int>
    let evidence: Range<Int>
  }

  /// How many alerts the batch holds.
  public var count: Int { firings.count + built.count }

  /// How many alerts are at or above `severity`: those that fail a gate set there.
  public func count(atLeast severity: Severity) -> Int {
    firings.count { $0.rule.severity >= severity } + built.count { $0.severity >= severity }
  }

  /// Every alert of the batch, built, in order.
  public var alerts: [Alert] {
    firings.map { firing in
      var alert = describing.alert(
        for: firing.record, rule: firing.rule.id, severity: firing.rule.severity,
        forum: firing.rule.forum(afterHolding: firing.held), message: message(of: firing),
        evidence: firing.evidence.map { position in
          let item = firing.rule.evidence[position - firing.evidence.lowerBound]
          return Alert.Evidence(label: item.label, type: item.type, value: evidenceValues[position])
        }, index: firing.index)
      alert.heldPeriods = firing.held
      alert.since = firing.sinceEarlier ?? firing.record.text(describing.period)
      return alert
    } + built
  }

  /// The message of `firing` as text.
  func message(of firing: Firing) -> String {
    String(decoding: messageBytes[firing.message], as: UTF8.self)
  }

  /// Empties the batch, keeping its storage for the next record.
  mutating func removeAll() {
    firings.removeAll(keepingCapacity: true)
    messageBytes.removeAll(keepingCapacity: true)
    evidenceValues.removeAll(keepingCapacity: true)
    built.removeAll(keepingCapacity: true)
  }

  /// Evaluates `rule` (at `index` in the pack) on the record at `cursor`, and keeps its alert if
  /// it fires; on an arithmetic overflow, keeps nothing and throws.
  mutating func evaluate(_ rule: CompiledRule, index: Int, at cursor: Cursor) throws(EvaluationError) {
    let (messageStart, evidenceStart) = (messageBytes.count, evidenceValues.count)
    do throws(EvaluationError) {
      guard try rule.matches(cursor) else { return }
      try rule.evidence(for: cursor, into: &evidenceValues)
      // How long the condition has held decides the ladder's step and the queue's "since".
      var held = 1
      var since: String?
      var earlier = cursor.earlier
      while let at = earlier, try rule.matches(at) {
        held += 1
        since = at.record.text(describing.period)
        earlier = at.earlier
      }
      try rule.message(for: cursor, into: &messageBytes)
      firings.append(
        Firing(
          rule: rule, index: index, record: cursor.record, held: held, sinceEarlier: since,
          message: messageStart..<messageBytes.count, evidence: evidenceStart..<evidenceValues.count))
    } catch {
      messageBytes.removeSubrange(messageStart...)
      evidenceValues.removeSubrange(evidenceStart...)
      throw error
    }
  }
}
