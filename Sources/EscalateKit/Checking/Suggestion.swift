/// Finds the candidate a misspelt name most likely meant, for "did you mean ...?" hints.
public enum Suggestion {
  /// The closest candidate within an edit distance of a third of the name's length (at least 1).
  ///
  /// - Complexity: O(candidates × name length²); candidates are a schema's columns and a
  ///   pack's names, so this only runs when reporting an error.
  public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(1, name.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(name.lowercased(), candidate.lowercased())
      if distance <= limit, distance < best?.1 ?? Int.max { best = (candidate, distance) }
    }
    return best?.0
  }

  /// "did you mean 'forecast'?" for the closest candidate, or nil when none is close.
  public static func hint(for name: String, in candidates: some Sequence<String>) -> String? {
    closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
