extension Parser {
  /// `forum NAME level N [senior] [default]` or `forum group NAME = [FORUM, ...]`.
  mutating func parseForumDeclaration() -> Declaration? {
    _ = advance()
    if current.isWord("group") {
      _ = advance()
      guard let name = parseForumName(ending: ["="]), expectSymbol("="), expectSymbol("[") else {
        skipToDeclaration()
        return nil
      }
      var members: [Located<String>] = []
      while !current.isSymbol("]") {
        guard let member = parseForumName(ending: [","]) else {
          skipToDeclaration()
          return nil
        }
        members.append(member)
        if current.isSymbol(",") {
          _ = advance()
        } else if !current.isSymbol("]") {
          expected("',' or ']'")
          skipToDeclaration()
          return nil
        }
      }
      _ = advance()
      return .forumGroup(ForumGroupDecl(name: name, members: members))
    }
    guard let name = parseForumName(ending: ["level"]) else {
      skipToDeclaration()
      return nil
    }
    guard current.isWord("level") else {
      expected("'level' and the forum's place on the ladder", hint: "e.g. 'forum SCCB level 2 senior'")
      skipToDeclaration()
      return nil
    }
    _ = advance()
    guard case .number(let number) = current.kind, number.scale == 0, let level = Int(number.description) else {
      expected("a whole number for the level")
      skipToDeclaration()
      return nil
    }
    _ = advance()
    var forum = ForumDecl(name: name, level: level, isSenior: false, isDefault: false)
    while let word = current.identifier, !current.startsLine {
      switch word {
      case "senior": forum.isSenior = true
      case "default": forum.isDefault = true
      default:
        report(
          .unexpectedToken, "unknown forum attribute '\(word)'", current.range,
          hint: "a forum may be marked senior (above project boards) or default (for alerts that name no forum)")
      }
      _ = advance()
    }
    return .forum(forum)
  }
}
