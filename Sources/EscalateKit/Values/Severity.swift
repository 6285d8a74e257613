/// How serious an alert is, from `info` to `critical`.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
  case info, warning, error, critical

  private var order: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    case .critical: 3
    }
  }

  /// Orders by seriousness: `info` least, `critical` most.
  public static func < (a: Severity, b: Severity) -> Bool { a.order < b.order }
}
