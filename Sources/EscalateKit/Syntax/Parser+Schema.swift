extension Parser {
  /// `schema NAME { ... }`; each entry starts on its own line with `column`, `group` or `alias`.
  mutating func parseSchema() -> SchemaDecl? {
    let start = advance().range.lowerBound
    guard let name = parseKebab("a schema name", hint: "e.g. 'schema reserve-bid { ... }'") else {
      skipToDeclaration()
      return nil
    }
    guard expectSymbol("{", "'{' to open the schema") else {
      skipToDeclaration()
      return nil
    }
    var entries: [SchemaEntry] = []
    while !current.isSymbol("}") {
      if atEnd || (current.startsLine && isDeclarationStart) {
        report(
          .unexpectedToken, "schema '\(name.value)' is not closed", start..<name.range.upperBound,
          hint: "add '}' after its last entry")
        return SchemaDecl(name: name, entries: entries)
      }
      let before = index
      if let entry = parseSchemaEntry() {
        entries.append(entry)
      } else {
        // Resynchronise at the next line.
        while !atEnd, !current.isSymbol("}"), index == before || !current.startsLine { _ = advance() }
      }
      if index == before { _ = advance() }
    }
    _ = advance()
    return SchemaDecl(name: name, entries: entries)
  }

  private mutating func parseSchemaEntry() -> SchemaEntry? {
    switch current.identifier {
    case "column":
      _ = advance()
      guard let name = parseName("a column name"),
        let type = parseName("a column type (Text, RAG, Money, Number, Percent, Date or Boolean)")
      else {
        return nil
      }
      var column = ColumnDecl(name: name, type: type)
      while !current.startsLine, !atEnd, !current.isSymbol("}") {
        guard let word = current.identifier else {
          expected("'key', 'name', 'period', 'previous', 'alias' or 'description'")
          return nil
        }
        let wordRange = advance().range
        switch word {
        case "key", "name", "period", "section", "owner", "owner_email", "next_board", "escalated_to":
          column.roles.append(Located(value: word, range: wordRange))
        case "previous":
          guard let of = parseName("the column this one holds the previous value of") else { return nil }
          column.previousOf = of
        case "alias":
          guard let names = parseStringList("a header name in double quotes") else { return nil }
          column.aliases += names
        case "description":
          guard let text = parsePlainString("a description in double quotes") else { return nil }
          column.description = text.value
        default:
          // The column itself is sound; keeping it avoids a second error for each rule that reads it.
          report(
            .unexpectedToken, "unknown column attribute '\(word)'", wordRange,
            hint: "a column may be marked key, name, period, section, owner, owner_email, next_board or escalated_to, "
              + "and have "
              + "previous, alias and description")
        }
      }
      return .column(column)
    case "group":
      _ = advance()
      guard let name = parseName("a group name"), expectSymbol("="), expectSymbol("[") else { return nil }
      var members: [Located<String>] = []
      while !current.isSymbol("]") {
        guard let member = parseName("a column name") else { return nil }
        members.append(member)
        if current.isSymbol(",") {
          _ = advance()
        } else if !current.isSymbol("]") {
          expected("',' or ']'")
          return nil
        }
      }
      _ = advance()
      return .group(name: name, members: members)
    case "alias":
      _ = advance()
      guard let column = parseName("a column name"), let names = parseStringList("a header name in double quotes")
      else { return nil }
      return .alias(column: column, names: names)
    case "scale":
      _ = advance()
      return parseKebab("a scale, 'three-point' or 'five-point'").map(SchemaEntry.scale)
    case "spelling":
      _ = advance()
      guard let rating = parseName("a rating such as Grey or Amber/Green"),
        let texts = parseStringList("a spelling in double quotes")
      else { return nil }
      return .spelling(rating: rating, texts: texts)
    default:
      expected(
        "'column', 'group', 'alias', 'scale' or 'spelling'", hint: "e.g. 'column approved Money alias \"Bid total\"'")
      return nil
    }
  }

  /// One or more comma-separated plain strings.
  private mutating func parseStringList(_ what: String) -> [Located<String>]? {
    var names: [Located<String>] = []
    repeat {
      if current.isSymbol(",") { _ = advance() }
      guard let name = parsePlainString(what) else { return nil }
      names.append(name)
    } while current.isSymbol(",")
    return names
  }
}
