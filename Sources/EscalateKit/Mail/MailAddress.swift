/// An email address for a `From`, `To` or `Cc` header: an addr-spec (`local@domain`) with an optional display name,
/// parsed from `local@domain` or `Display Name <local@domain>`.
///
/// Parsing is stricter than RFC 5322 on purpose. Addresses come from the command line and end up in headers, so
/// anything that could smuggle a line break or be read two ways is refused rather than repaired: control characters
/// anywhere, and in the addr-spec spaces, non-ASCII, quoted local parts, domain literals and comments. Display names
/// may hold any other text, including non-ASCII, which ``HeaderEncoding`` writes as RFC 2047 encoded-words.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
  /// Why a text is not an address.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was rejected: one address, or for a list problem the whole list.
    public var text: String
    /// What is wrong, lowercase without a final period, e.g. "missing '@'".
    public var reason: String

    /// Creates an error.
    public init(text: String, reason: String) {
      self.text = text
      self.reason = reason
    }

    /// `invalid address 'text': reason`, ready for a usage error. Control characters in the text are shown escaped,
    /// so the message stays on one line whatever was typed.
    public var message: String { "invalid address '\(MailAddress.visible(text))': \(reason)" }

    /// The same text as ``message``.
    public var description: String { message }
  }

  /// The display name, trimmed, without quotes or escapes; nil when there is none.
  public let displayName: String?
  /// The `local@domain` part, exactly as given.
  public let addrSpec: String

  /// The part of ``addrSpec`` before the `@`.
  public var localPart: Substring { addrSpec[..<atIndex] }
  /// The part of ``addrSpec`` after the `@`.
  public var domain: Substring { addrSpec[addrSpec.index(after: atIndex)...] }

  private var atIndex: String.Index { addrSpec.firstIndex(of: "@")! }

  /// Parses `local@domain` or `Display Name <local@domain>`; nil for anything ``parse(_:)`` rejects.
  public init?(_ text: String) {
    guard case .success(let address) = Self.parse(text) else { return nil }
    self = address
  }

  /// Creates an address from its parts, validated as ``parse(_:)`` validates them; nil if either is invalid. An empty
  /// or all-space display name means none.
  public init?(displayName: String?, addrSpec: String) {
    if let displayName, Self.controlProblem(in: displayName) != nil { return nil }
    guard Self.problem(inAddrSpec: addrSpec) == nil else { return nil }
    self.init(checkedName: displayName, addrSpec: addrSpec)
  }

  private init(checkedName: String?, addrSpec: String) {
    let name = checkedName.map { Self.trimmedSpaces($0) }
    self.displayName = name?.isEmpty == false ? name : nil
    self.addrSpec = addrSpec
  }

  /// Parses one address, or says why it is not one.
  public static func parse(_ text: String) -> Result<MailAddress, ParseError> {
    func failure(_ reason: String) -> Result<MailAddress, ParseError> {
      .failure(ParseError(text: text, reason: reason))
    }
    // Checked before anything else: a line break is the one mistake that could turn an address into extra headers.
    if let problem = controlProblem(in: text) { return failure(problem) }
    let trimmed = Self.trimmedSpaces(text)
    if trimmed.isEmpty { return failure("empty address") }
    guard trimmed.contains("<") || trimmed.contains(">") else {
      if let problem = problem(inAddrSpec: trimmed) { return failure(problem) }
      return .success(MailAddress(checkedName: nil, addrSpec: trimmed))
    }

    // Name-addr form: an optional display name (quoted or not), then `<addr-spec>` and nothing after it.
    var rest = Substring(trimmed)
    var name: String
    if rest.first == "\"" {
      guard let (quoted, after) = unquote(rest) else { return failure("unterminated quoted display name") }
      name = quoted
      rest = after.drop { $0 == " " }
      guard rest.first == "<" else { return failure("expected '<' after the quoted display name") }
    } else {
      guard let open = rest.firstIndex(of: "<") else { return failure("'>' without '<'") }
      name = String(rest[..<open])
      rest = rest[open...]
      if let bad = name.first(where: { "\"<>,".contains($0) }) {
        // A comma would split the address in a `--to` list, so it is refused here too, to keep the two consistent.
        return failure("'\(bad)' in an unquoted display name (quote the name)")
      }
    }
    rest = rest.dropFirst()
    guard let close = rest.firstIndex(of: ">") else { return failure("missing '>'") }
    let spec = String(rest[..<close])
    if spec.contains("<") { return failure("more than one '<'") }
    if !rest[rest.index(after: close)...].allSatisfy({ $0 == " " }) { return failure("text after '>'") }
    if let problem = problem(inAddrSpec: spec) { return failure(problem) }
    name = Self.trimmedSpaces(name)
    return .success(MailAddress(checkedName: name, addrSpec: spec))
  }

  /// Parses a comma-separated list such as the value of `--to a@x,b@y`. Commas inside a quoted display name or
  /// inside `<...>` do not separate addresses. An empty list or an empty entry (`a@x,,b@y`, a trailing comma) is an
  /// error, as it is almost certainly a typo; duplicates are kept.
  public static func parseList(_ text: String) -> Result<[MailAddress], ParseError> {
    if let problem = controlProblem(in: text) { return .failure(ParseError(text: text, reason: problem)) }
    var items: [String] = []
    var current = ""
    var inQuotes = false
    var inAngle = false
    var escaped = false
    for character in text {
      if escaped {
        escaped = false
      } else if inQuotes && character == "\\" {
        escaped = true
      } else if character == "\"" && !inAngle {
        inQuotes.toggle()
      } else if !inQuotes && character == "<" {
        inAngle = true
      } else if !inQuotes && character == ">" {
        inAngle = false
      } else if !inQuotes && !inAngle && character == "," {
        items.append(current)
        current = ""
        continue
      }
      current.append(character)
    }
    items.append(current)
    if items.count == 1 && Self.trimmedSpaces(items[0]).isEmpty {
      return .failure(ParseError(text: text, reason: "no addresses"))
    }
    var addresses: [MailAddress] = []
    for item in items {
      if Self.trimmedSpaces(item).isEmpty { return .failure(ParseError(text: text, reason: "empty entry in the list")) }
      switch parse(item) {
      case .success(let address): addresses.append(address)
      case .failure(let error): return .failure(error)
      }
    }
    return .success(addresses)
  }

  /// `Display Name <local@domain>` or `local@domain`, not encoded: for logs and messages, not for headers, which
  /// ``HeaderEncoding/addressField(_:_:)`` writes. A name with ASCII punctuation other than atext is quoted, so the
  /// result parses back to the same address.
  public var description: String {
    guard let displayName else { return addrSpec }
    let plain = displayName.unicodeScalars.allSatisfy { !$0.isASCII || Self.isAtext($0) || $0 == " " }
    return "\(plain ? displayName : Self.quoted(displayName)) <\(addrSpec)>"
  }

  // MARK: - Validation

  /// Why `text` cannot appear anywhere in an address, or nil: it holds a line break or another control character.
  private static func controlProblem(in text: String) -> String? {
    for scalar in text.unicodeScalars {
      if scalar == "\r" || scalar == "\n" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
        return "contains a line break"
      }
      if scalar.properties.generalCategory == .control { return "contains a control character" }
    }
    return nil
  }

  /// Why `spec` is not a `local@domain` this type accepts, or nil. The local part is an RFC 5322 dot-atom; the domain
  /// is dot-separated labels of letters, digits and hyphens; the lengths are RFC 5321's.
  private static func problem(inAddrSpec spec: String) -> String? {
    if spec.isEmpty { return "empty address" }
    if let problem = controlProblem(in: spec) { return problem }
    if spec.contains(" ") { return "space in the address" }
    if !spec.unicodeScalars.allSatisfy(\.isASCII) { return "non-ASCII character in the address" }
    let parts = spec.split(separator: "@", omittingEmptySubsequences: false)
    if parts.count < 2 { return "missing '@'" }
    if parts.count > 2 { return "more than one '@'" }
    let (local, domain) = (parts[0], parts[1])
    if local.isEmpty { return "empty local part" }
    if domain.isEmpty { return "empty domain" }
    if let bad = local.unicodeScalars.first(where: { !isAtext($0) && $0 != "." }) {
      return "'\(bad)' not allowed in the local part"
    }
    if let bad = domain.unicodeScalars.first(where: { !isDomainCharacter($0) }) {
      return "'\(bad)' not allowed in the domain"
    }
    if local.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
      return "misplaced '.' in the local part"
    }
    if domain.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
      return "misplaced '.' in the domain"
    }
    if local.utf8.count > 64 { return "local part longer than 64 characters" }
    if spec.utf8.count > 254 { return "address longer than 254 characters" }
    return nil
  }

  /// RFC 5322 `atext`: the characters of an unquoted word.
  static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9": true
    default: "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }
  }

  private static func isDomainCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "-", ".": true
    default: false
    }
  }

  // MARK: - Quoting

  /// `text` as an RFC 5322 quoted-string: `"` and `\` escaped with a backslash.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
      if character == "\"" || character == "\\" { result.append("\\") }
      result.append(character)
    }
    return result + "\""
  }

  /// Reads the quoted-string at the start of `text`: its unescaped content and what follows the closing quote, or nil
  /// if it is not closed.
  private static func unquote(_ text: Substring) -> (String, Substring)? {
    var content = ""
    var index = text.index(after: text.startIndex)
    while index < text.endIndex {
      let character = text[index]
      index = text.index(after: index)
      switch character {
      case "\"":
        return (content, text[index...])
      case "\\":
        guard index < text.endIndex else { return nil }
        content.append(text[index])
        index = text.index(after: index)
      default:
        content.append(character)
      }
    }
    return nil
  }

  /// `text` with control characters written as escapes, for quoting rejected input in a one-line message.
  private static func visible(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\r": result += "\\r"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case _ where scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}":
        result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `text` without leading and trailing spaces (only U+0020: tabs and line breaks are rejected before this).
  private static func trimmedSpaces(_ text: some StringProtocol) -> String {
    guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else {
      return ""
    }
    return String(text[first...last])
  }
}
