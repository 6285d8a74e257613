/// `--format sarif`: SARIF 2.1.0, the static-analysis exchange format code-scanning services read.
/// Rules carry their description and default level; results point at the data file's line.
public struct SARIFRenderer: AlertRenderer {
  /// Creates the renderer.
  public init() {}

  /// One run: the reported rules, and a result per alert with its location and fingerprint.
  public func render(_ report: CheckReport) -> String {
    let rules = report.reportedRules
    let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var writer = JSONWriter()
    writer.raw("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n")
    writer.raw("  \"runs\": [{\n    \"tool\": {\"driver\": ")
    writer.object([
      ("name", { $0.string("escalate") }), ("version", { $0.string(escalateVersion) }),
      ("rules", { w in w.array(rules) { w, rule in Self.rule(rule, into: &w) } }),
    ])
    writer.raw("},\n    \"results\": [")
    for (position, alert) in report.alerts.enumerated() {
      writer.raw(position == 0 ? "\n      " : ",\n      ")
      writer.object(
        [
          ("ruleId", { $0.string(alert.rule) })
        ] + (index[alert.rule].map { ruleIndex in [("ruleIndex", { $0.raw("\(ruleIndex)") })] } ?? [])
          + [
            ("level", { $0.string(Self.level(alert.severity)) }),
            ("message", { $0.object([("text", { $0.string(alert.message) })]) }),
            ("locations", { w in w.array([alert]) { w, alert in Self.location(alert, into: &w) } }),
            ("partialFingerprints", { $0.object([("escalate/v1", { $0.string(alert.fingerprint) })]) }),
          ])
    }
    writer.raw(report.alerts.isEmpty ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n")
    return writer.text
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .critical, .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  private static func rule(_ rule: CheckReport.RuleInfo, into writer: inout JSONWriter) {
    let summary = rule.description.split(separator: ".", maxSplits: 1).first.map { String($0) + "." } ?? rule.id
    writer.object([
      ("id", { $0.string(rule.id) }), ("name", { $0.string(rule.id) }),
      ("shortDescription", { $0.object([("text", { $0.string(summary) })]) }),
      (
        "fullDescription",
        { $0.object([("text", { $0.string(rule.description.isEmpty ? rule.id : rule.description) })]) }
      ),
      ("defaultConfiguration", { $0.object([("level", { $0.string(level(rule.severity)) })]) }),
    ])
  }

  private static func location(_ alert: Alert, into writer: inout JSONWriter) {
    writer.object([
      (
        "physicalLocation",
        { w in
          w.object([
            ("artifactLocation", { $0.object([("uri", { $0.string(uri(alert.source.path)) })]) }),
            ("region", { $0.object([("startLine", { $0.raw("\(max(alert.source.line, 1))") })]) }),
          ])
        }
      )
    ])
  }

  /// A relative path as a URI reference: characters outside the unreserved set and `/` are
  /// percent-encoded, so spaces and `#` in file names stay part of the path.
  static func uri(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      let isUnreserved =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/")].contains(
          byte)
      if isUnreserved {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return result
  }
}
