extension Parser {
  /// `waive RULE [for WORKSTREAM] { reason "..." approved by "..." until DATE }`.
  mutating func parseWaiver() -> WaiverDecl? {
    let keyword = advance().range
    var waiver = WaiverDecl(rule: nil, workstream: nil, keyword: keyword)
    if current.isSymbol("*") {
      _ = advance()
    } else {
      guard let rule = parseKebab("a rule id or '*'", hint: "e.g. 'waive rag-worsened for HEXAGON { ... }'") else {
        skipToDeclaration()
        return nil
      }
      waiver.rule = rule
    }
    if current.isWord("for") {
      _ = advance()
      if current.isSymbol("*") {
        _ = advance()
      } else if case .string(let token) = current.kind, let id = token.plainText {
        waiver.workstream = Located(value: id, range: advance().range)
      } else if let id = parseKebab("a workstream id or '*'") {
        waiver.workstream = id
      } else {
        skipToDeclaration()
        return nil
      }
    }
    guard expectSymbol("{", "'{' to open the waiver") else {
      skipToDeclaration()
      return nil
    }
    var errorsBefore = diagnostics.count
    while !current.isSymbol("}") {
      if atEnd || (current.startsLine && isDeclarationStart) {
        report(.unexpectedToken, "waiver is not closed", keyword, hint: "add '}' after its last line")
        return waiver
      }
      let before = index
      switch current.identifier {
      case "reason":
        _ = advance()
        waiver.reason = parsePlainString("the reason in double quotes")?.value
      case "approved":
        _ = advance()
        guard current.isWord("by") else {
          expected("'by' after 'approved'")
          break
        }
        _ = advance()
        waiver.approvedBy = parsePlainString("who approved it, in double quotes")?.value
      case "until":
        _ = advance()
        if case .date(let day) = current.kind {
          _ = advance()
          waiver.until = day
        } else {
          expected("the last day of the waiver, e.g. 2024-12-31")
        }
      default:
        expected("'reason', 'approved by' or 'until'")
      }
      if diagnostics.count > errorsBefore {
        // One error per line: resume at the next line.
        errorsBefore = diagnostics.count
        while !atEnd, !current.isSymbol("}"), !current.startsLine || index == before { _ = advance() }
      }
      if index == before { _ = advance() }
    }
    _ = advance()
    return waiver
  }
}
