/// Bounds on what the readers accept, so a broken or hostile file gives a located error rather
/// than exhausting memory. `docs/limits.md` lists them with the rule language's.
public enum DataLimits {
  /// The longest CSV field or JSON text read, in bytes. A spreadsheet cell holds at most 32,767
  /// characters, so a longer field is a lost closing quote or a hostile file.
  public static let maximumFieldBytes = 1 << 20
}
