import Foundation

/// An RFC 5322 message with a `multipart/alternative` body of a plain-text and an HTML part, as `escalate digest`
/// sends it.
///
/// Rendering is deterministic: the date is a parameter, and when no Message-ID is given one is derived from a hash
/// of the content and the date, so the same inputs always give the same bytes and golden tests can pin them. Both
/// parts are UTF-8 in quoted-printable, which keeps every line within 76 characters whatever the text holds; the
/// boundary starts with `=_`, which quoted-printable can never produce (an encoded `=` is always followed by two hex
/// digits or a line break), and is checked against both parts anyway.
public struct MIMEMessage: Sendable {
  /// Why a message cannot be built.
  public enum BuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `to` was empty.
    case noRecipients
    /// The given Message-ID is not `left@right` made of dot-atoms (angle brackets optional).
    case invalidMessageID(String)

    /// The reason in lowercase, fit for a diagnostic; an invalid Message-ID is shown escaped.
    public var description: String {
      switch self {
      case .noRecipients: "a message needs at least one 'To' address"
      case .invalidMessageID(let id):
        "invalid Message-ID '\(id.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())'"
      }
    }
  }

  /// The sender; its domain is the right-hand side of a derived Message-ID.
  public let from: MailAddress
  /// At least one address.
  public let to: [MailAddress]
  /// No `Cc` header is written when this is empty.
  public let cc: [MailAddress]
  /// The subject as given; the header holds ``HeaderEncoding/sanitized(_:)`` of it.
  public let subject: String
  /// When the message was written: the `Date` header, and part of a derived Message-ID.
  public let date: Date
  /// The zone the `Date` header shows `date` in.
  public let timeZone: TimeZone
  /// The Message-ID without angle brackets: the one given, or one derived from the content and date.
  public let messageID: String
  /// The plain-text part, with any line endings.
  public let plainText: String
  /// The HTML part, with any line endings.
  public let html: String

  /// Creates a message. `messageID` may be given with or without its angle brackets; when nil, one is derived as
  /// `escalate.<16 hex digits>@<domain of from>` from everything else, so it changes whenever the content or date do.
  public init(
    from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String, date: Date,
    timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!, messageID: String? = nil, plainText: String, html: String
  ) throws(BuildError) {
    guard !to.isEmpty else { throw .noRecipients }
    self.from = from
    self.to = to
    self.cc = cc
    self.subject = subject
    self.date = date
    self.timeZone = timeZone
    self.plainText = plainText
    self.html = html
    if let messageID {
      var id = Substring(messageID)
      if id.first == "<" && id.last == ">" && id.count >= 2 { id = id.dropFirst().dropLast() }
      guard Self.isValidMessageID(id) else { throw .invalidMessageID(messageID) }
      self.messageID = String(id)
    } else {
      var hash = Hash()
      for part in [subject, Self.dateText(date, in: timeZone), plainText, html] { hash.add(part) }
      // Counts keep the lists apart, so moving an address from To to Cc changes the ID.
      for list in [[from], to, cc] {
        hash.add(String(list.count))
        for address in list {
          hash.add(address.displayName ?? "")
          hash.add(address.addrSpec)
        }
      }
      self.messageID = "escalate.\(hash.hex)@\(from.domain)"
    }
  }

  /// The whole message: headers, a blank line and the multipart body, with CRLF line endings and a final CRLF. It is
  /// pure ASCII.
  public func render() -> String {
    let plainBody = QuotedPrintable.encode(plainText)
    let htmlBody = QuotedPrintable.encode(html)
    let boundary = Self.boundary(for: [plainBody, htmlBody])

    var headers = [
      HeaderEncoding.addressField("From", [from]),
      HeaderEncoding.addressField("To", to),
    ]
    if !cc.isEmpty { headers.append(HeaderEncoding.addressField("Cc", cc)) }
    headers += [
      HeaderEncoding.unstructuredField("Subject", subject),
      "Date: \(Self.dateText(date, in: timeZone))",
      "Message-ID: <\(messageID)>",
      "MIME-Version: 1.0",
      // RFC 3834: tells vacation responders and the like not to answer an automated digest.
      "Auto-Submitted: auto-generated",
      "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
    ]
    var message = headers.joined(separator: "\r\n") + "\r\n\r\n"
    for (type, body) in [("text/plain", plainBody), ("text/html", htmlBody)] {
      message += "--\(boundary)\r\n"
      message += "Content-Type: \(type); charset=UTF-8\r\n"
      message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1), so the body is exactly `body`.
      message += body + "\r\n"
    }
    return message + "--\(boundary)--\r\n"
  }

  /// A boundary found in none of `bodies`: `=_escalate_` and a hash of them, with a counter added in the case that
  /// cannot happen for quoted-printable bodies, where it occurs in one.
  private static func boundary(for bodies: [String]) -> String {
    var hash = Hash()
    for body in bodies { hash.add(body) }
    var candidate = "=_escalate_\(hash.hex)"
    var attempt = 0
    while bodies.contains(where: { $0.contains(candidate) }) {
      attempt += 1
      candidate = "=_escalate_\(hash.hex)_\(attempt)"
    }
    return candidate
  }

  // MARK: - Date

  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// `date` in RFC 5322 §3.3 form in `timeZone`, e.g. `Tue, 01 Oct 2024 09:30:00 +0100`. Computed by hand rather
  /// than with a `DateFormatter`, so no locale or platform difference can change it. The zone's offset is taken in
  /// whole minutes, the header's precision, and the time shown uses that same offset.
  static func dateText(_ date: Date, in timeZone: TimeZone) -> String {
    let offsetMinutes = timeZone.secondsFromGMT(for: date) / 60
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    // 1970-01-01 was a Thursday.
    let weekday = ((days % 7) + 7 + 4) % 7
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
    let sign = offsetMinutes < 0 ? "-" : "+"
    let zone = "\(sign)\(two(abs(offsetMinutes) / 60))\(two(abs(offsetMinutes) % 60))"
    let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    return "\(weekdays[weekday]), \(two(day)) \(months[month - 1]) \(yearText) \(time) \(zone)"
  }

  /// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
  private static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  // MARK: - Message-ID

  /// Whether `id` is `id-left@id-right` as RFC 5322 §3.6.4 writes them when not obsolete: two dot-atoms, here of at
  /// most 250 characters in all so the header stays far below the 998-character line limit.
  private static func isValidMessageID(_ id: Substring) -> Bool {
    let parts = id.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, id.utf8.count <= 250 else { return false }
    return parts.allSatisfy { part in
      part.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
        !atom.isEmpty && atom.unicodeScalars.allSatisfy(MailAddress.isAtext)
      }
    }
  }

  /// 64-bit FNV-1a over length-prefixed strings: not cryptographic, but stable across runs and platforms, which is
  /// what reproducible output needs, unlike `Hasher`.
  private struct Hash {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
      // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
      for byte in Array(String(text.utf8.count).utf8) + [0x3A] + Array(text.utf8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      }
    }

    var hex: String {
      let digits = String(value, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }
  }
}
