/// Finds the candidate a misspelt name most likely meant, for "did you mean ...?" hints.
public enum Suggestion {
  /// The closest candidate within an edit distance of a third of the name's length (at least 1).
  ///
  /// - Complexity: O(candidates × name length²) at worst; a candidate whose length alone puts it
  ///   out of reach is passed over without computing the distance, so a header of a million
  ///   columns costs a length comparison each.
  public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(1, name.count / 3)
    let lowered = Array(name.lowercased())
    let (shortest, longest) = (lowered.count - limit, lowered.count + limit)
    var best: (String, Int)?
    for candidate in candidates where best?.1 != 0 {
      // Counting stops once past the longest reachable length, so a huge candidate is cheap too.
      let length = candidate.prefix(longest + 1).count
      guard length >= shortest, length <= longest else { continue }
      // Only a strictly closer candidate replaces the best, so the first of equals wins.
      let reach = (best?.1 ?? limit + 1) - 1
      let distance = editDistance(lowered, Array(candidate.lowercased()), limit: reach)
      if distance <= reach { best = (candidate, distance) }
    }
    return best?.0
  }

  /// "did you mean 'forecast'?" for the closest candidate, or nil when none is close.
  public static func hint(for name: String, in candidates: some Sequence<String>) -> String? {
    closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
  }

  /// The Levenshtein distance, or `limit + 1` as soon as every path is longer than `limit`.
  static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
    if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), limit + 1) }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return min(previous[b.count], limit + 1)
  }
}
