/// The columns a dataset has, with their types: what rules may read and how cells are decoded.
public struct Schema: Sendable {
  /// One column of the dataset.
  public struct Column: Sendable, Hashable {
    /// The name rules read it by; header names match it once normalised.
    public var name: String
    /// The type every cell of the column is read as.
    public var type: ValueType
    /// What the column holds, in words; empty when the schema does not say.
    public var description: String
    /// Other header names that mean this column, as a user declared them.
    public var aliases: [String] = []
  }

  /// A named list of columns of one type, such as the four RAG dimensions.
  public struct Group: Sendable, Hashable {
    /// The name rules use for the group, such as `dimensions`.
    public var name: String
    /// Indices into ``Schema/columns``.
    public var members: [Int]
  }

  /// `workstream` for the built-in schema; otherwise the name the pack's `schema` declares.
  public var name: String
  /// The columns in declaration order; records and checked expressions refer to them by index.
  public var columns: [Column]
  /// The column groups that `count`, `any` and `all` range over.
  public var groups: [Group]
  /// The column that identifies a record in alerts; every data file must have it.
  public var idColumn: Int
  /// The column copied into every alert as the record's name, when the schema has one.
  public var nameColumn: Int?
  /// The column copied into every alert as the record's period; it also orders a workstream's
  /// records into a history.
  public var periodColumn: Int?
  /// The column of the workstream's section, which the escalation queue shows.
  public var sectionColumn: Int?
  /// The column of the workstream's owner, which the escalation queue shows.
  public var ownerColumn: Int?
  /// The owner's email address, which `digest --per-owner` writes to.
  public var ownerEmailColumn: Int?
  /// The column of the next board's date, which the escalation queue shows.
  public var nextBoardColumn: Int?
  /// The forum a workstream has already been escalated to, which routing compares with.
  public var escalatedToColumn: Int?

  /// Every column an alert or queue entry shows, decoded even when no rule reads it.
  public var describingColumns: [Int] {
    [nameColumn, periodColumn, sectionColumn, ownerColumn, ownerEmailColumn, nextBoardColumn, escalatedToColumn]
      .compactMap { $0 }
  }
  /// The describing columns that only an alert's context shows (the queue, digests and
  /// reports), not the alert itself. They are text, which is never unreadable, so a check whose
  /// output shows no context can leave them undecoded without losing an alert.
  public var contextOnlyColumns: [Int] {
    [sectionColumn, ownerColumn, ownerEmailColumn].compactMap { $0 }
  }
  /// How the dataset writes ratings: which scale, and any spellings of its own.
  public var ratingScale = RatingScale.threePoint
  /// Columns that hold another column's value in the previous period, by that column:
  /// `previous(overall)` reads `prev_overall` when no earlier row is present.
  public var previousColumns: [Int: Int] = [:]

  /// The index of the column called `name`, if there is one.
  public func column(named name: String) -> Int? {
    columns.firstIndex { $0.name == name }
  }

  /// Header names match case-insensitively, with spaces and hyphens read as underscores, so
  /// `Escalated To` is `escalated_to`.
  public static func normalise(_ name: String) -> String {
    String(name[...].trimmingSpaces.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
  }

  /// Every header name that matches a column, normalised: names and aliases.
  public var knownHeaderNames: Set<String> {
    Set(columns.flatMap { ([$0.name] + $0.aliases).map(Schema.normalise) })
  }

  /// The group called `name`, if there is one.
  public func group(named name: String) -> Group? {
    groups.first { $0.name == name }
  }
}

extension Schema {
  /// The workstream status return: the columns of the benchmark's `rules.md` and the default pack.
  public static let workstream: Schema = {
    let columns: [(String, ValueType, String)] = [
      ("id", .text, "the workstream's identifier, stable from period to period"),
      ("name", .text, "the workstream's name"),
      ("section", .text, "the part of the organisation or programme it belongs to"),
      ("period", .text, "the reporting period of the return, e.g. 2024-Q3"),
      ("overall", .rag, "the overall RAG rating"),
      ("time", .rag, "delivery against the agreed plan and timescales"),
      ("cost", .rag, "spend and forecast against the approved budget"),
      ("savings", .rag, "cashable savings against the agreed target"),
      ("benefits", .rag, "likelihood of achieving the projected non-financial benefits"),
      ("prev_overall", .rag, "the overall rating of the previous period"),
      ("escalated_to", .text, "the forum the workstream has been escalated to"),
      ("budget", .money, "the approved budget"),
      ("spend_to_date", .money, "spend so far"),
      ("forecast", .money, "the forecast outturn"),
      ("savings_target", .money, "the cashable savings target"),
      ("savings_achieved", .money, "cashable savings delivered so far"),
      ("benefits_target", .money, "the minimum value of benefits agreed"),
      ("benefits_profiled", .money, "the value of benefits currently profiled"),
      ("last_updated", .date, "when the return was last updated"),
      ("next_board", .date, "the date of the next board that will see it"),
      ("owner", .text, "who is responsible for the workstream"),
      ("owner_email", .text, "the owner's email address, for per-owner digests"),
      ("narrative", .text, "the free-text update"),
    ]
    let all = columns.map { Column(name: $0.0, type: $0.1, description: $0.2) }
    let index = { (name: String) in all.firstIndex { $0.name == name }! }
    return Schema(
      name: "workstream",
      columns: all,
      groups: [Group(name: "dimensions", members: ["time", "cost", "savings", "benefits"].map(index))],
      idColumn: index("id"),
      nameColumn: index("name"),
      periodColumn: index("period"), sectionColumn: index("section"), ownerColumn: index("owner"),
      ownerEmailColumn: index("owner_email"),
      nextBoardColumn: index("next_board"), escalatedToColumn: index("escalated_to"),
      previousColumns: [index("overall"): index("prev_overall")])
  }()
}
