import EscalateKit
import Testing

/// Schemas declared in a pack: a dataset of its own, or aliases added to the workstream schema.
@Suite struct SchemaTests {
  static func check(_ source: String) -> (RuleSet?, [String]) {
    let (ruleSet, diagnostics) = RulePack(files: [SourceFile(path: "s.rules", text: source)]).check()
    return (
      ruleSet,
      diagnostics.map {
        "\($0.locationText ?? "-") [\($0.id.rawValue)] \($0.message)" + ($0.hint.map { " | \($0)" } ?? "")
      }
    )
  }

  static let bidSchema = """
    schema bid {
      column id Text key
      column title Text name description "what the bid is for"
      column quarter Text period
      column approved Money alias "Bid total", "Approved (£)"
      column spent Money
      column done Boolean
      column rating RAG
      column last_rating RAG previous rating
      group money = [approved, spent]
    }

    """

  @Test func aPackWithItsOwnSchemaChecksRulesAgainstIt() throws {
    let (ruleSet, diagnostics) = Self.check(
      Self.bidSchema + "rule over {\n severity error\n when spent > approved and not done\n message \"{title}\"\n}\n")
    #expect(diagnostics == [])
    let schema = try #require(ruleSet?.schema)
    #expect(schema.name == "bid")
    #expect(
      schema.columns.map(\.name) == ["id", "title", "quarter", "approved", "spent", "done", "rating", "last_rating"])
    #expect(schema.columns.map(\.type) == [.text, .text, .text, .money, .money, .bool, .rag, .rag])
    #expect(schema.idColumn == 0 && schema.nameColumn == 1 && schema.periodColumn == 2)
    #expect(schema.columns[3].aliases == ["Bid total", "Approved (£)"])
    #expect(schema.previousColumns == [6: 7])
    #expect(schema.group(named: "money")?.members == [3, 4])
  }

  @Test(arguments: [
    (
      "rule r {\n severity info\n when overall == Red\n message \"m\"\n}\n",
      [
        "s.rules:14:7 [unknown-column] unknown column 'overall' | the bid schema has no such column, and no constant or parameter has this name"
      ]
    ),
    (
      "rule r {\n severity info\n when aproved > £1\n message \"m\"\n}\n",
      ["s.rules:14:7 [unknown-column] unknown column 'aproved' | did you mean 'approved'?"]
    ),
    (
      "rule r {\n severity info\n when done == 1\n message \"m\"\n}\n",
      ["s.rules:14:7 [type-mismatch] cannot compare Boolean with Number"]
    ),
    ("rule r {\n severity info\n when any(money > £5)\n message \"m\"\n}\n", []),
    ("rule r {\n severity info\n when worsened(rating)\n message \"m\"\n}\n", []),
  ])
  func rulesAreCheckedAgainstTheDeclaredSchema(rule: String, expected: [String]) {
    #expect(Self.check(Self.bidSchema + rule).1 == expected)
  }

  @Test(arguments: [
    (
      "schema x {\n  column id Txt key\n}\n",
      ["s.rules:2:13 [unknown-name] unknown column type 'Txt' | did you mean 'Text'?"]
    ),
    (
      "schema x {\n  column id Text key\n  column id Money\n}\n",
      ["s.rules:3:10 [duplicate-name] column 'id' is declared twice in schema 'x'"]
    ),
    (
      "schema x {\n  column a Text\n}\n",
      [
        "s.rules:1:8 [missing-clause] schema 'x' has no key column | mark the column that identifies a record, e.g. 'column id Text key'"
      ]
    ),
    (
      "schema x {\n  column a Text key\n  column b Text key\n}\n",
      ["s.rules:3:17 [duplicate-clause] schema 'x' has more than one key column | the first is at line 2, column 17"]
    ),
    (
      "schema x {\n  column a Text key\n  column b Money previous a\n}\n",
      ["s.rules:3:27 [type-mismatch] column 'b' is Money, so it cannot hold the previous value of 'a', which is Text"]
    ),
    (
      "schema x {\n  column a Text key\n  column b Money\n  group g = [a, b]\n}\n",
      ["s.rules:4:17 [type-mismatch] a group's columns have one type, but 'b' is Money and 'a' is Text"]
    ),
    (
      "schema x {\n  column a Text key\n  group g = [a, c]\n}\n",
      ["s.rules:3:17 [unknown-column] unknown column 'c' in schema 'x' | did you mean 'a'?"]
    ),
    (
      "schema x {\n  column a Text key\n  alias b \"B\"\n}\n",
      ["s.rules:3:9 [unknown-column] unknown column 'b' in schema 'x' | did you mean 'a'?"]
    ),
    (
      "schema x {\n  column a Text key sorted\n}\n",
      [
        "s.rules:2:21 [unexpected-token] unknown column attribute 'sorted' | a column may be marked key, name, "
          + "period, section, owner, owner_email, next_board or escalated_to, and have previous, alias and description"
      ]
    ),
    (
      "schema x {\n  column a Text key\n}\nschema y {\n  column b Text key\n}\n",
      [
        "s.rules:4:8 [duplicate-name] a pack checks one dataset, but it declares schemas 'x' and 'y' | put each schema and its rules in a pack of their own"
      ]
    ),
    (
      "schema x {\n  column a Text key\n",
      ["s.rules:1:1 [unexpected-token] schema 'x' is not closed | add '}' after its last entry"]
    ),
  ])
  func schemaDiagnostics(source: String, expected: [String]) {
    let rule = "rule r {\n severity info\n when true\n message \"m\"\n}\n"
    #expect(Self.check(source + rule).1 == expected)
  }

  @Test func aliasesExtendTheWorkstreamSchema() throws {
    let source = """
      schema workstream {
        alias escalated_to "Escalated to forum", "Forum"
        alias overall "Overall RAG"
      }
      rule r {
        severity info
        when overall == Red and escalated_to not in ["COG"]
        message "{name}"
      }

      """
    let rulesPath = try DataFileTests.temporaryFile(source, name: "aliases.rules")
    let data = try DataFileTests.temporaryFile(
      "ID,Name,Overall RAG,Forum\nWS-1,One,Red,COG\nWS-2,Two,Red,Project Board\n", name: "aliased.csv")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: rulesPath, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [data]))
    #expect(result.exitCode == 0)
    #expect(result.output.split(separator: "\n").count == 1)
    #expect(result.output.contains(#""escalated_to":"Project Board""#))
  }

  @Test func aliasedHeadersAndBooleansReadThroughTheSchema() throws {
    let rulesPath = try DataFileTests.temporaryFile(
      Self.bidSchema + "rule r {\n severity info\n when not done and spent > £0\n message \"{title} {approved}\"\n}\n",
      name: "bid.rules")
    let data = try DataFileTests.temporaryFile(
      "id,title,Approved (£),spent,done\nB-1,One,\"£1,000\",£5,No\nB-2,Two,£9,£5,yes\nB-3,Three,£9,£5,maybe\n",
      name: "bids.csv")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: rulesPath, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [data]))
    #expect(result.exitCode == 0)
    let lines = result.output.split(separator: "\n")
    // A missing Boolean is not true, so 'not done' holds for B-3, whose cell is reported too.
    #expect(lines.count == 3)
    #expect(lines[0].contains(#""message":"One £1,000""#))
    #expect(lines[1].contains(#""message":"Three £9""#))
    #expect(
      lines[2].contains(
        #""message":"cannot read 'maybe' in column 'done' as yes or no; the rules treat it as missing""#))
  }
}

/// The five-point delivery confidence scale and a pack's own rating spellings.
@Suite struct RatingScaleTests {
  static let fivePoint = RatingScale(isFivePoint: true, spellings: [:])

  @Test(arguments: [
    ("A/G", RAG.amberGreen), ("Amber/Green", .amberGreen), ("amber green", .amberGreen), ("AG", .amberGreen),
    ("Amber-Red", .amberRed), ("A/R", .amberRed), ("AR", .amberRed), ("R", .red), ("Amber", .amber), ("TBC", .grey),
  ])
  func fivePointSpellings(cell: String, expected: RAG) {
    #expect(Self.fivePoint.read(cell[...]) == expected)
    #expect(RatingScale.threePoint.read(cell[...]) == (expected.isFivePointOnly ? nil : expected))
  }

  @Test func theScaleIsOrderedGreenToRed() {
    let order: [RAG] = [.green, .amberGreen, .amber, .amberRed, .red]
    for (worse, better) in zip(order.dropFirst(), order) { #expect(worse.isWorse(than: better)) }
    #expect(!RAG.amberGreen.isWorse(than: .grey))
  }

  static let pack = """
    schema workstream {
      scale five-point
      spelling Grey "TBD", "To be decided"
    }
    rule dropped {
      severity warning
      when overall worse than Amber/Green and overall != Red
      message "{name} is {overall}"
    }

    """

  @Test func aPackDeclaresTheScaleAndItsSpellings() throws {
    let rulesPath = try DataFileTests.temporaryFile(Self.pack, name: "dcs.rules")
    let data = try DataFileTests.temporaryFile(
      "id,name,overall\nP-1,One,A/R\nP-2,Two,Amber/Green\nP-3,Three,TBD\nP-4,Four,Amber\n", name: "dcs.csv")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: rulesPath, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [data]))
    #expect(result.exitCode == 0)
    #expect(result.diagnostics.isEmpty)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].contains(#""message":"One is Amber/Red""#))
    #expect(lines[1].contains(#""message":"Four is Amber""#))
  }

  @Test func fivePointRatingsNeedTheFivePointScale() {
    let source = "rule r {\n severity info\n when overall == Amber/Green\n message \"m\"\n}\n"
    let diagnostics = RulePack(files: [SourceFile(path: "s.rules", text: source)]).check().diagnostics
    #expect(
      diagnostics.map { "\($0.locationText!) \($0.message) | \($0.hint!)" } == [
        "s.rules:3:18 'Amber/Green' is not a rating of the three-point scale | declare 'scale five-point' in the "
          + "pack's schema to use the delivery confidence scale"
      ])
  }

  @Test func aSlashBetweenSpacesIsStillDivision() {
    let source = "rule r {\n severity info\n when overall == Amber / Green\n message \"m\"\n}\n"
    let diagnostics = RulePack(files: [SourceFile(path: "s.rules", text: source)]).check().diagnostics
    #expect(diagnostics.map(\.message) == ["cannot divide RAG into RAG"])
  }

  @Test func unknownScalesAndRatingsAreReported() {
    let source =
      "schema workstream {\n  scale ten-point\n  spelling Purple \"P\"\n}\nrule r {\n severity info\n when true\n message \"m\"\n}\n"
    let diagnostics = RulePack(files: [SourceFile(path: "s.rules", text: source)]).check().diagnostics
    #expect(
      diagnostics.map { "\($0.locationText!) \($0.message)" } == [
        "s.rules:2:9 unknown rating scale 'ten-point'", "s.rules:3:12 unknown rating 'Purple'",
      ])
  }
}

extension SchemaTests {
  /// `previous(...)` of a group's member falls back to that member's declared previous column,
  /// as `previous(a)` of the column itself does.
  @Test func previousOfAGroupMemberUsesItsPreviousColumn() throws {
    let pack = try DataFileTests.temporaryFile(
      """
      schema s {
        column id Text key
        column a RAG
        column b RAG
        column last_a RAG previous a
        column last_b RAG previous b
        group ratings = [a, b]
      }
      rule r {
        severity info
        when any(worsened(ratings))
        message "{id}"
      }

      """, name: "s.rules")
    let data = try DataFileTests.temporaryFile("id,a,b,last_a,last_b\nX,R,G,A,G\nY,G,G,G,A\n", name: "s.csv")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: pack, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [data]))
    #expect(result.exitCode == 0)
    #expect(result.output.split(separator: "\n").count == 1)
    #expect(result.output.contains(#""evidence":{"a":"Red","b":"Green","previous(a)":"Amber","previous(b)":"Green"}"#))
  }
}
