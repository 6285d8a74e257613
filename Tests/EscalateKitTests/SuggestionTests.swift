import EscalateKit
import Testing

/// "Did you mean" picks the closest name within a third of the name's length.
@Suite struct SuggestionTests {
  @Test(
    arguments: [
      ("forcast", ["budget", "forecast", "spend_to_date"], "forecast"),
      ("FORCAST", ["Forecast"], "Forecast"),
      ("overal", ["overall", "prev_overall"], "overall"),
      ("tim", ["time", "tam"], "time"),  // equals: the first wins
      ("cost", ["cost", "coat"], "cost"),
      ("x", ["y"], "y"),  // one edit is always allowed
      ("narrative", ["owner", "budget"], nil),
      ("benefits", [], nil),
      ("savings", ["", "s"], nil),
    ] as [(String, [String], String?)])
  func closest(name: String, candidates: [String], expected: String?) {
    #expect(Suggestion.closest(to: name, in: candidates) == expected)
  }

  @Test func aMillionCharacterCandidateAndAWideListAreSearched() {
    let wide = (0..<200_000).map { "c\($0)" } + [String(repeating: "x", count: 1_000_000), "forecasts"]
    #expect(Suggestion.closest(to: "forecast", in: wide) == "forecasts")
  }
}
