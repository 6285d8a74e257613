/// Rewrites a rule file in the canonical layout that `escalate fmt` writes.
///
/// The layout is that of the packs in `rules/`:
///
/// - one declaration or clause per line; rule, schema and waiver contents indented two spaces;
///   a rule's clauses in the order they were written;
/// - expressions on one line with single spaces around binary operators, `, ` after commas, no
///   space inside brackets, and only the parentheses the meaning needs (and around a comparison
///   under `not`, which reads wrongly without them);
/// - literals spelt as written (`£1.5m` stays `£1.5m`, `5%` stays `5%`), strings with the one
///   canonical set of escapes;
/// - comments kept, with their text; blank lines as ``CommentPlacer`` describes.
///
/// Formatting never changes what a file means: the result parses to the same syntax tree, which
/// ``format(_:)`` checks before returning it. Formatting a formatted file changes nothing.
public enum RuleFormatter {
  /// Why a file could not be formatted: its syntax errors, or (a bug) a layout that would have
  /// changed its meaning.
  public struct Failure: Error, Sendable {
    /// The file's syntax errors in location order, or the one diagnostic of a layout that failed
    /// the check.
    public var diagnostics: [Diagnostic]
  }

  /// The file's text in the canonical layout, or the diagnostics of a file that does not parse;
  /// a file is never formatted from a syntax tree that had to be recovered from errors.
  public static func format(_ file: SourceFile) -> Result<String, Failure> {
    let (syntax, diagnostics) = Parser.parse(file)
    guard !diagnostics.hasErrors else { return .failure(Failure(diagnostics: diagnostics.sortedByLocation())) }
    let (tokens, comments, _) = Lexer.tokenizeKeepingComments(file)
    let index = TokenIndex(tokens)
    let lines = DeclarationPrinter(file: file, tokens: index).lines(syntax.declarations)
    let text = CommentPlacer(file: file, tokens: index).text(lines, comments: comments)
    if let problem = verify(text, against: syntax) {
      return .failure(Failure(diagnostics: [problem]))
    }
    return .success(text)
  }

  /// Nil when `text` parses to the same declarations as `syntax` and keeps every comment in
  /// order; otherwise the diagnostic that keeps the file unchanged.
  private static func verify(_ text: String, against syntax: RuleFileSyntax) -> Diagnostic? {
    let original = syntax.file
    let formatted = SourceFile(path: original.path, text: text)
    let (reparsed, diagnostics) = Parser.parse(formatted)
    if !diagnostics.hasErrors, SyntaxDump.dump(reparsed) == SyntaxDump.dump(syntax),
      commentTexts(formatted) == commentTexts(original)
    {
      return nil
    }
    return Diagnostic(
      .unexpectedToken, "escalate fmt cannot lay out this file without changing it; the file is left as it is",
      at: .file(path: original.path, line: 1, column: 1),
      hint: "this is a bug in escalate: please report it with the file")
  }

  /// Every comment of `file` as ``CommentPlacer`` prints them: the file's in order, then those in
  /// string holes, in order. They are kept apart because formatting may move a comment from
  /// inside an expression above its line, past a hole's comment, which stays in its hole.
  static func commentTexts(_ file: SourceFile) -> [String] {
    let (tokens, comments, _) = Lexer.tokenizeKeepingComments(file)
    return comments.map(file.text(of:)) + holeComments(file, tokens: tokens).map(file.text(of:))
  }

  private static func holeComments(_ file: SourceFile, tokens: [Token]) -> [Comment] {
    var found: [Comment] = []
    for token in tokens {
      guard case .string(let string) = token.kind else { continue }
      for case .interpolation(let hole) in string.segments {
        let (tokens, comments, _) = Lexer.tokenizeKeepingComments(file, range: hole)
        found += comments + holeComments(file, tokens: tokens)
      }
    }
    return found
  }
}
