/// The default rule pack, `rules/` of the repository, compiled into the library.
///
/// `scripts/embed-rules` regenerates `DefaultPack+Files.swift` from `rules/`; a test checks
/// that the two are identical, so the binary cannot drift from the files users read.
public enum DefaultPack {
  /// The embedded text of each default rule file, by file name.
  public static var texts: [String: String] {
    Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) })
  }
}
