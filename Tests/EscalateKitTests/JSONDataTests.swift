import EscalateKit
import Foundation
import Testing

/// JSON and JSON Lines data files, through the same decoding and checks as CSV.
@Suite struct JSONDataTests {
  static let rules =
    "rule over {\n severity warning\n when forecast > budget\n message \"{id}: {forecast} > {budget}\"\n}\n"

  static func check(_ text: String, name: String) throws -> (CommandResult, String) {
    let path = try DataFileTests.temporaryFile(text, name: name)
    let rulesPath = try DataFileTests.temporaryFile(rules, name: "pack.rules")
    let result = CheckCommand.run(
      CheckOptions(rulesPath: rulesPath, reportDate: Day(iso: "2024-10-01")!, format: .jsonl, dataPaths: [path]))
    return (result, path)
  }

  @Test(arguments: [
    ("array.json", #"[{"id":"WS-1","budget":1000,"forecast":"£1,001"}, {"id":"WS-2","budget":1000,"forecast":999}]"#),
    ("lines.jsonl", "{\"id\":\"WS-1\",\"Budget\":1000,\"forecast\":1001}\r\n\r\n{\"id\":\"WS-2\",\"budget\":1000}\n"),
    ("sniffed.data", #"[{"id":"WS-1","budget":"1,000","forecast":1001.00}]"#),
  ])
  func recordsAreReadFromEitherLayout(name: String, text: String) throws {
    let (result, _) = try Self.check(text, name: name)
    #expect(result.exitCode == 0)
    #expect(result.diagnostics.isEmpty)
    #expect(result.output.split(separator: "\n").count == 1)
    #expect(result.output.contains(#""message":"WS-1: £1,001 > £1,000""#))
  }

  @Test func absentKeysAndNullAreMissing() throws {
    let (result, _) = try Self.check(
      #"[{"id":"WS-1","budget":null,"forecast":5}, {"id":"WS-2","forecast":5}]"#, name: "m.json")
    #expect(result.exitCode == 0)
    #expect(result.output.isEmpty)
  }

  @Test func anUnreadableCellIsLocatedAtItsValue() throws {
    let (result, path) = try Self.check(
      "[\n  {\"id\": \"WS-1\",\n   \"budget\": \"TBD\", \"forecast\": 1}\n]", name: "u.json")
    #expect(result.exitCode == 0)
    #expect(result.output.contains(#""rule":"unreadable-value""#))
    let strict = CheckCommand.run(
      CheckOptions(
        rulesPath: try DataFileTests.temporaryFile(Self.rules, name: "pack.rules"), reportDate: Day(iso: "2024-10-01")!,
        dataPaths: [path], data: DataOptions(strict: true)))
    #expect(strict.diagnostics.map(\.locationText) == ["\(path):3:14"])
  }

  @Test func aNestedValueIsALocatedError() throws {
    let (result, path) = try Self.check("{\"id\":\"WS-1\"}\n{\"id\":\"WS-2\",\"budget\":[1]}\n", name: "n.jsonl")
    #expect(result.exitCode == 2)
    #expect(
      DiagnosticRenderer().render(result.diagnostics)
        == "\(path):2:23: error: field 'budget' holds an array; a record's fields must be text, numbers, "
        + "true/false or null [malformed-json]\n")
  }

  @Test func validateNamesKeysOutsideTheSchema() {
    let result = ValidateCommand.run(paths: [Repository.fixture("json/returns.json")])
    #expect(result.exitCode == 0)
    Golden.check(
      result.output.replacingOccurrences(of: Repository.root.path + "/", with: ""), against: "json/validate.txt")
  }
}
