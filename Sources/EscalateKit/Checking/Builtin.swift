/// The built-in functions a rule can call, with the documentation `escalate` shows for them.
///
/// Every function terminates in time linear in its arguments; there are no regular
/// expressions, loops or user-defined functions, so every rule does.
public enum Builtin: String, Sendable, CaseIterable {
  case worst, best
  case contains
  case containsAny = "contains_any"
  case startsWith = "starts_with"
  case endsWith = "ends_with"
  case lower, upper

  /// How the function is called.
  public var signature: String {
    switch self {
    case .worst: "worst(RAG or list of RAG, ...) -> RAG"
    case .best: "best(RAG or list of RAG, ...) -> RAG"
    case .contains: "contains(Text, Text) -> Boolean"
    case .containsAny: "contains_any(Text, List of Text) -> Boolean"
    case .startsWith: "starts_with(Text, Text) -> Boolean"
    case .endsWith: "ends_with(Text, Text) -> Boolean"
    case .lower: "lower(Text) -> Text"
    case .upper: "upper(Text) -> Text"
    }
  }

  /// What the function does, including what it does with missing values.
  public var summary: String {
    switch self {
    case .worst:
      "the worst of the Red/Amber/Green ratings given; Grey, N/A and missing ratings are ignored, and the result is missing when none is rated"
    case .best:
      "the best of the Red/Amber/Green ratings given; Grey, N/A and missing ratings are ignored, and the result is missing when none is rated"
    case .contains: "whether the first text contains the second (case-sensitive); false when either is missing"
    case .containsAny:
      "whether the text contains any of the texts in the list (case-sensitive); false when the text is missing"
    case .startsWith: "whether the first text starts with the second (case-sensitive); false when either is missing"
    case .endsWith: "whether the first text ends with the second (case-sensitive); false when either is missing"
    case .lower: "the text in lower case; missing when the text is"
    case .upper: "the text in upper case; missing when the text is"
    }
  }
}

extension CheckedExpr.Quantifier {
  /// How the quantifier is called.
  public var signature: String {
    switch self {
    case .count: "count(condition over a group) -> Number"
    case .any: "any(condition over a group) -> Boolean"
    case .all: "all(condition over a group) -> Boolean"
    }
  }

  /// What the quantifier does.
  public var summary: String {
    switch self {
    case .count: "how many members of the group meet the condition, e.g. count(dimensions == Amber)"
    case .any: "whether at least one member of the group meets the condition, e.g. any(dimensions == Red)"
    case .all: "whether every member of the group meets the condition, e.g. all(dimensions == Green)"
    }
  }
}

/// The functions that look back along a workstream's history of periods.
public enum HistoryFunction: String, Sendable, CaseIterable {
  case previous, changed, worsened, improved, periods

  /// How the function is called.
  public var signature: String {
    switch self {
    case .previous: "previous(value) -> the same type"
    case .changed: "changed(value) -> Boolean"
    case .worsened: "worsened(RAG) -> Boolean"
    case .improved: "improved(RAG) -> Boolean"
    case .periods: "periods(condition) -> Number"
    }
  }

  /// What the function does.
  public var summary: String {
    switch self {
    case .previous:
      "the value in the workstream's previous period; missing in its first period, except that previous(overall) then reads prev_overall"
    case .changed: "whether the value differs from the previous period's; false when either is missing"
    case .worsened:
      "whether the rating is worse than the previous period's (Green < Amber < Red); false for Grey, N/A or missing"
    case .improved: "whether the rating is better than the previous period's; false for Grey, N/A or missing"
    case .periods:
      "how many consecutive periods, up to and including this one, the condition has held; 0 when it does not hold now"
    }
  }
}
