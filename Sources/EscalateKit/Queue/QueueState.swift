/// The open alerts of the last run, kept between runs so each alert can be told `new`,
/// `continuing` or `resolved`.
public struct QueueState: Sendable, Equatable {
  public var alerts: [StoredAlert]

  /// Creates a state.
  public init(alerts: [StoredAlert]) {
    self.alerts = alerts
  }
}

/// One alert as the state file keeps it.
public struct StoredAlert: Sendable, Equatable {
  public var fingerprint: String
  public var rule: String
  public var id: String
  public var forum: String
  public var severity: Severity
  public var message: String
  /// The report date of the first run that raised it.
  public var firstSeen: Day
  /// The report date of the last run that raised it.
  public var lastSeen: Day
}

/// Identifies an alert across runs: its rule, its workstream and the forum it goes to (and, for
/// the engine's data-quality alerts, the column), but not its message or the file and line it
/// came from, so reordering or editing rows keeps it.
public enum Fingerprint {
  /// 16 hex digits of the 64-bit FNV-1a hash of the parts.
  public static func of(rule: String, id: String, forum: String, discriminator: String? = nil) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    let parts = [rule, id, forum] + (discriminator.map { [$0] } ?? [])
    for byte in Array(parts.joined(separator: "\u{1F}").utf8) {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
