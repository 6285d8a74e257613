/// Identifies an alert across runs: its rule and its workstream (and, for the engine's
/// data-quality alerts, the column), but not its message, its forum, or the file and line it
/// came from, so reordering rows, editing text or climbing the ladder keeps it.
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

extension Alert {
  /// The alert's identity regardless of where it is routed: its rule, its workstream and, for
  /// an unreadable cell, the column. Baselines and SARIF use it.
  public var fingerprint: String {
    Fingerprint.of(rule: rule, id: recordID, forum: "", discriminator: discriminator)
  }
}
