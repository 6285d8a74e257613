/// The forums of an organisation's escalation ladder, as a pack declares them, and the groups
/// of forums a rule may escalate to.
public struct Forums: Sendable {
  /// One forum.
  public struct Forum: Sendable, Hashable {
    /// The name the pack declares; looking a forum up by name ignores case.
    public var name: String
    /// Its place on the ladder: higher levels are more senior.
    public var level: Int
    /// Whether it is above the project boards, where Red work must go.
    public var isSenior: Bool
  }

  /// The forums in ladder order, highest level first (then by name).
  public private(set) var forums: [Forum] = []
  /// Their names lowercased, in the same order: a check looks up every record's `escalated_to`.
  private var lowercasedNames: [String] = []
  /// Groups by lowercased name, as indices into `forums`.
  private var groups: [String: [Int]] = [:]
  /// Where an alert goes whose rule names no forum.
  public private(set) var defaultForum: Int?

  /// Whether the pack declares any forum; without them, forum names are free text.
  public var isDeclared: Bool { !forums.isEmpty }

  /// The name used when a pack declares no default forum.
  public static let governanceOffice = "Governance Office"

  init(forums declared: [Forum], defaultForum: String?, groups declaredGroups: [String: [String]]) {
    forums = declared.sorted { ($1.level, $0.name) < ($0.level, $1.name) }
    lowercasedNames = forums.map { $0.name.lowercased() }
    self.defaultForum = defaultForum.flatMap { name in forums.firstIndex { $0.name == name } }
    for (name, members) in declaredGroups {
      groups[name.lowercased()] = members.compactMap { member in index(of: member) }
    }
    // `senior forum` means every senior forum unless the pack says otherwise.
    if groups["senior forum"] == nil {
      groups["senior forum"] = forums.indices.filter { forums[$0].isSenior }
    }
  }

  /// The forum called `name`, ignoring case.
  public func index(of name: String) -> Int? {
    lowercasedNames.firstIndex(of: name.lowercased())
  }

  /// The forums a name means: one forum, or a group's members; nil when it means neither.
  public func resolve(_ name: String) -> [Int]? {
    if let forum = index(of: name) { return [forum] }
    return groups[name.lowercased()].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Every name a rule may use: forums and groups.
  public var names: [String] { forums.map(\.name) + groups.keys.sorted() }
}
