/// Builds the schema a pack's rules are checked against: the built-in `workstream` schema,
/// extended by a `schema workstream { ... }` block, or a pack's own `schema NAME { ... }`.
struct SchemaBuilder {
  var diagnostics: [Diagnostic] = []

  /// The column types a schema may declare, by the name a rule file uses.
  static let types: [String: ValueType] = [
    "Text": .text, "RAG": .rag, "Money": .money, "Number": .number, "Percent": .percent, "Date": .date,
    "Boolean": .bool,
  ]

  mutating func build(_ files: [RuleFileSyntax], base: Schema) -> Schema {
    var declared: [(decl: SchemaDecl, file: SourceFile)] = []
    for file in files {
      for case .schema(let decl) in file.declarations { declared.append((decl, file.file)) }
    }
    let own = declared.filter { $0.decl.name.value != base.name }
    if own.count > 1 {
      for (decl, file) in own.dropFirst() {
        report(
          .duplicateName,
          "a pack checks one dataset, but it declares schemas '\(own[0].decl.name.value)' and "
            + "'\(decl.name.value)'", file, decl.name.range,
          hint: "put each schema and its rules in a pack of their own")
      }
    }
    var schema = base
    if let (decl, file) = own.first {
      schema = Schema(name: decl.name.value, columns: [], groups: [], idColumn: 0, nameColumn: nil, periodColumn: nil)
      apply(decl, in: file, to: &schema, isNew: true)
    }
    for (decl, file) in declared where decl.name.value == base.name {
      apply(decl, in: file, to: &schema, isNew: false)
    }
    return schema
  }

  private mutating func report(
    _ id: DiagnosticID, _ message: String, _ file: SourceFile, _ range: Range<Int>, hint: String? = nil
  ) {
    diagnostics.append(Diagnostic(id, message, at: SourceRange(file: file, bytes: range), hint: hint))
  }

  private mutating func apply(_ decl: SchemaDecl, in file: SourceFile, to schema: inout Schema, isNew: Bool) {
    var roles: [String: Located<String>] = [:]
    for case .column(let column) in decl.entries {
      addColumn(column, in: file, to: &schema, roles: &roles)
    }
    for case .column(let column) in decl.entries {
      guard let of = column.previousOf, let index = schema.column(named: column.name.value) else { continue }
      guard let target = schema.column(named: of.value) else {
        unknownColumn(of, in: file, schema: schema)
        continue
      }
      guard schema.columns[target].type == schema.columns[index].type else {
        report(
          .typeMismatch,
          "column '\(column.name.value)' is \(schema.columns[index].type), so it cannot hold the previous "
            + "value of '\(of.value)', which is \(schema.columns[target].type)", file, of.range)
        continue
      }
      schema.previousColumns[target] = index
    }
    for entry in decl.entries {
      switch entry {
      case .group(let name, let members): addGroup(name, members, in: file, to: &schema)
      case .alias(let column, let names): addAliases(names, to: column, in: file, schema: &schema)
      case .scale(let name):
        guard name.value == "three-point" || name.value == "five-point" else {
          report(
            .unknownName, "unknown rating scale '\(name.value)'", file, name.range,
            hint: "the scales are three-point (Green, Amber, Red) and five-point (Green, Amber/Green, Amber, "
              + "Amber/Red, Red)")
          continue
        }
        schema.ratingScale.isFivePoint = name.value == "five-point"
      case .spelling(let rating, let texts):
        guard let value = RAG(literal: rating.value) else {
          report(
            .unknownName, "unknown rating '\(rating.value)'", file, rating.range,
            hint: "ratings are written Green, Amber/Green, Amber, Amber/Red, Red, Grey or N/A")
          continue
        }
        for text in texts { schema.ratingScale.spellings[RAG.key(text.value[...])] = value }
      case .column: break
      }
    }
    let declaresKey = decl.entries.contains {
      if case .column(let column) = $0 { column.roles.contains { $0.value == "key" } } else { false }
    }
    if isNew && !declaresKey {
      report(
        .missingClause, "schema '\(decl.name.value)' has no key column", file, decl.name.range,
        hint: "mark the column that identifies a record, e.g. 'column id Text key'")
    }
  }

  private mutating func addColumn(
    _ column: ColumnDecl, in file: SourceFile, to schema: inout Schema, roles: inout [String: Located<String>]
  ) {
    let name = column.name.value
    guard schema.column(named: name) == nil, schema.group(named: name) == nil else {
      report(.duplicateName, "column '\(name)' is declared twice in schema '\(schema.name)'", file, column.name.range)
      return
    }
    guard let type = Self.types[column.type.value] else {
      let hint =
        Suggestion.hint(for: column.type.value, in: Self.types.keys.sorted())
        ?? "the column types are \(Self.types.keys.sorted().joined(separator: ", "))"
      report(.unknownName, "unknown column type '\(column.type.value)'", file, column.type.range, hint: hint)
      return
    }
    let index = schema.columns.count
    schema.columns.append(
      Schema.Column(
        name: name, type: type, description: column.description ?? "", aliases: column.aliases.map(\.value)))
    for role in column.roles {
      if let first = roles[role.value] {
        let (line, col) = file.location(of: first.range.lowerBound)
        report(
          .duplicateClause, "schema '\(schema.name)' has more than one \(role.value) column", file, role.range,
          hint: "the first is at line \(line), column \(col)")
        continue
      }
      roles[role.value] = role
      switch role.value {
      case "key": schema.idColumn = index
      case "name": schema.nameColumn = index
      case "period": schema.periodColumn = index
      case "section": schema.sectionColumn = index
      case "owner": schema.ownerColumn = index
      case "owner_email": schema.ownerEmailColumn = index
      case "next_board": schema.nextBoardColumn = index
      default: schema.escalatedToColumn = index
      }
    }
  }

  private mutating func addGroup(
    _ name: Located<String>, _ members: [Located<String>], in file: SourceFile, to schema: inout Schema
  ) {
    guard schema.column(named: name.value) == nil, schema.group(named: name.value) == nil else {
      report(.duplicateName, "group '\(name.value)' has the name of a column or group", file, name.range)
      return
    }
    var indices: [Int] = []
    for member in members {
      guard let index = schema.column(named: member.value) else {
        unknownColumn(member, in: file, schema: schema)
        return
      }
      if let first = indices.first, schema.columns[first].type != schema.columns[index].type {
        report(
          .typeMismatch,
          "a group's columns have one type, but '\(member.value)' is \(schema.columns[index].type) "
            + "and '\(schema.columns[first].name)' is \(schema.columns[first].type)", file, member.range)
        return
      }
      indices.append(index)
    }
    guard !indices.isEmpty else {
      report(.missingClause, "group '\(name.value)' has no columns", file, name.range)
      return
    }
    schema.groups.append(Schema.Group(name: name.value, members: indices))
  }

  private mutating func addAliases(
    _ names: [Located<String>], to column: Located<String>, in file: SourceFile, schema: inout Schema
  ) {
    guard let index = schema.column(named: column.value) else {
      unknownColumn(column, in: file, schema: schema)
      return
    }
    schema.columns[index].aliases += names.map(\.value)
  }

  private mutating func unknownColumn(_ name: Located<String>, in file: SourceFile, schema: Schema) {
    let hint = Suggestion.hint(for: name.value, in: schema.columns.map(\.name))
    report(.unknownColumn, "unknown column '\(name.value)' in schema '\(schema.name)'", file, name.range, hint: hint)
  }
}
