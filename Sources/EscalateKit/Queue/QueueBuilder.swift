/// Turns a run's alerts into the escalation queue: routes each to a forum, applies waivers and
/// suppression, compares with the last run's state, and groups by forum and workstream.
public struct QueueBuilder: Sendable {
  /// The pack's forums, which alerts are routed to.
  public let forums: Forums
  /// The day of the run: waivers that ended before it have expired, and new alerts are first
  /// seen on it.
  public let reportDate: Day
  /// The waivers of the pack and of any waivers file, in force or expired; expired ones become
  /// `waiver-expired` alerts.
  public let waivers: [Waiver]
  /// The last run's state; nil on a first run, when every alert is new.
  public let previous: QueueState?
  /// For each rule, the rules it suppresses on the same workstream.
  public let suppressions: [String: Set<String>]

  /// Creates a builder for the rules and forums of `ruleSet`.
  public init(ruleSet: RuleSet, reportDate: Day, waivers: [Waiver] = [], previous: QueueState? = nil) {
    self.forums = ruleSet.forums
    self.suppressions = Dictionary(
      ruleSet.rules.map { ($0.id, Set($0.suppresses)) }, uniquingKeysWith: { a, _ in a })
    self.reportDate = reportDate
    self.waivers = waivers
    self.previous = previous
  }

  /// The id of the alert raised for a waiver whose date has passed.
  public static let waiverExpiredRule = "waiver-expired"

  /// The queue for `alerts`, and the state to keep for the next run.
  public func build(_ alerts: [Alert]) -> (queue: EscalationQueue, state: QueueState) {
    let expired = waivers.filter { !$0.isActive(on: reportDate) }.map(expiredAlert)
    let active = waivers.filter { $0.isActive(on: reportDate) }
    let stored = Dictionary((previous?.alerts ?? []).map { ($0.fingerprint, $0) }, uniquingKeysWith: { a, _ in a })
    var routed: [(alert: QueuedAlert, route: Route)] = []
    var waived: [WaivedAlert] = []
    for alert in alerts + expired {
      let route = self.route(alert)
      // The forum is not part of the identity: an alert that climbs the ladder continues.
      let fingerprint = alert.fingerprint
      let seen = stored[fingerprint]
      let queued = QueuedAlert(
        alert: alert, fingerprint: fingerprint, lifecycle: seen == nil ? .new : .continuing,
        firstSeen: seen?.firstSeen ?? reportDate, suppressedBy: nil)
      if alert.rule != Self.waiverExpiredRule,
        let waiver = active.first(where: { $0.covers(rule: alert.rule, workstream: alert.recordID) })
      {
        waived.append(WaivedAlert(alert: queued, waiver: waiver))
      } else {
        routed.append((queued, route))
      }
    }
    suppress(&routed)
    let queue = EscalationQueue(
      forums: group(routed), waived: waived,
      resolved: (previous?.alerts ?? []).filter { old in !routed.contains { $0.alert.fingerprint == old.fingerprint } }
        .filter { old in !waived.contains { $0.alert.fingerprint == old.fingerprint } },
      reportDate: reportDate)
    let state = QueueState(
      alerts: (routed.map(\.alert) + waived.map(\.alert)).map { queued in
        StoredAlert(
          fingerprint: queued.fingerprint, rule: queued.alert.rule, id: queued.alert.recordID,
          forum: route(queued.alert).forum, severity: queued.alert.severity, message: queued.alert.message,
          firstSeen: queued.firstSeen, lastSeen: reportDate)
      }.sorted { $0.fingerprint < $1.fingerprint })
    return (queue, state)
  }

  /// Where an alert goes.
  struct Route: Hashable {
    var forum: String
    var level: Int
    var alreadyEscalated: Bool
  }

  /// A rule that names no forum goes to the default forum. A forum group goes to the member the
  /// workstream is already escalated to, else its lowest member; and a workstream already
  /// escalated at or above the target's level stays with the forum it is at.
  func route(_ alert: Alert) -> Route {
    let defaultName = forums.defaultForum.map { forums.forums[$0].name } ?? Forums.governanceOffice
    guard let target = alert.forum else {
      let level = forums.index(of: defaultName).map { forums.forums[$0].level } ?? 0
      return Route(forum: defaultName, level: level, alreadyEscalated: false)
    }
    let current = alert.context.escalatedTo.flatMap(forums.index(of:))
    guard let members = forums.resolve(target) else {
      // Without declared forums, names are taken as written.
      return Route(
        forum: target, level: 0, alreadyEscalated: alert.context.escalatedTo?.lowercased() == target.lowercased())
    }
    if let current, members.contains(current) {
      return Route(forum: forums.forums[current].name, level: forums.forums[current].level, alreadyEscalated: true)
    }
    let lowest = members.min { forums.forums[$0].level < forums.forums[$1].level }!
    if let current, forums.forums[current].level >= forums.forums[lowest].level {
      return Route(forum: forums.forums[current].name, level: forums.forums[current].level, alreadyEscalated: true)
    }
    return Route(forum: forums.forums[lowest].name, level: forums.forums[lowest].level, alreadyEscalated: false)
  }

  /// Marks alerts a rule suppresses on the same workstream, and moves them under the entry of
  /// the alert that suppresses them, where they add nothing to its severity. The checker rejects
  /// cycles, so following suppressors upwards always ends at an alert nothing suppresses.
  private func suppress(_ routed: inout [(alert: QueuedAlert, route: Route)]) {
    // Only alerts on the same record can suppress each other; looking among those alone keeps
    // a queue of a million alerts linear rather than quadratic.
    var byRecord: [String: [Int]] = [:]
    for index in routed.indices { byRecord[routed[index].alert.alert.recordID, default: []].append(index) }
    func suppressor(of index: Int) -> Int? {
      let alert = routed[index].alert.alert
      return byRecord[alert.recordID]?.first { other in
        other != index && suppressions[routed[other].alert.alert.rule]?.contains(alert.rule) == true
      }
    }
    let suppressors = routed.indices.map(suppressor)
    for index in routed.indices {
      guard let direct = suppressors[index] else { continue }
      var top = direct
      for _ in routed.indices {
        guard let next = suppressors[top] else { break }
        top = next
      }
      routed[index].alert.suppressedBy = routed[direct].alert.alert.rule
      routed[index].route = routed[top].route
    }
  }

  private func group(_ routed: [(alert: QueuedAlert, route: Route)]) -> [ForumQueue] {
    let stored = Set((previous?.alerts ?? []).map { "\($0.forum)\u{1F}\($0.id)" })
    var entries: [String: QueueEntry] = [:]
    var levels: [String: Int] = [:]
    for (queued, route) in routed {
      let alert = queued.alert
      let key = "\(route.forum)\u{1F}\(alert.recordID)"
      levels[route.forum] = route.level
      var entry =
        entries[key]
        ?? QueueEntry(
          forum: route.forum, id: alert.recordID, name: alert.name, period: alert.period, context: alert.context,
          severity: .info, since: nil, heldPeriods: 0, alreadyEscalated: route.alreadyEscalated,
          lifecycle: stored.contains(key) ? .continuing : .new, alerts: [])
      entry.alerts.append(queued)
      if queued.suppressedBy == nil {
        entry.severity = entry.alerts.count == 1 ? alert.severity : max(entry.severity, alert.severity)
        if alert.heldPeriods > entry.heldPeriods {
          entry.heldPeriods = alert.heldPeriods
          entry.since = alert.since
        }
      }
      entries[key] = entry
    }
    var byForum: [String: [QueueEntry]] = [:]
    for var entry in entries.values {
      entry.alerts.sort { a, b in
        if (a.suppressedBy == nil) != (b.suppressedBy == nil) { return a.suppressedBy == nil }
        return a.alert.severity != b.alert.severity
          ? a.alert.severity > b.alert.severity : a.alert.ruleIndex < b.alert.ruleIndex
      }
      byForum[entry.forum, default: []].append(entry)
    }
    return byForum.map { forum, entries in
      ForumQueue(
        forum: forum, level: levels[forum] ?? 0,
        entries: entries.sorted { a, b in
          if a.severity != b.severity { return a.severity > b.severity }
          if a.heldPeriods != b.heldPeriods { return a.heldPeriods > b.heldPeriods }
          return a.id < b.id
        })
    }.sorted { ($1.level, $0.forum) < ($0.level, $1.forum) }
  }

  private func expiredAlert(_ waiver: Waiver) -> Alert {
    var alert = Alert(
      rule: Self.waiverExpiredRule, severity: .info, forum: nil, recordID: waiver.workstream ?? "*", name: nil,
      period: nil,
      message: "the waiver of \(waiver.scope) (\(waiver.reason), approved by \(waiver.approvedBy)) expired on "
        + "\(waiver.until.longText)",
      source: waiver.location, evidence: [], ruleIndex: Int.max)
    alert.since = nil
    return alert
  }
}
