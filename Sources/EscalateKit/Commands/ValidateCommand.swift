/// `escalate validate`: reads and type-checks data files without rules, reporting every cell
/// that cannot be read as its column's type.
public enum ValidateCommand {
  /// Validates `paths` against the schema of the pack at `rulesPath` (the built-in workstream
  /// schema when nil). The output lists each problem located, then a summary per file; the exit
  /// status is 2 when any cell is unreadable, any file is invalid, or the pack has errors.
  public static func run(paths: [String], rulesPath: String? = nil, data: DataOptions = DataOptions())
    -> CommandResult
  {
    var schema = Schema.workstream
    if let rulesPath {
      let loaded = RulePack.load(path: rulesPath)
      guard let pack = loaded.pack else { return CheckCommand.failure(loaded.diagnostics) }
      let checked = pack.check()
      guard let ruleSet = checked.ruleSet else { return CheckCommand.failure(checked.diagnostics) }
      schema = ruleSet.schema
    }
    var options = data
    options.reportUnknownColumns = true
    var problems: [Diagnostic] = []
    var summaries: [String] = []
    for path in paths {
      var records = 0
      var unreadable: [UnreadableCell] = []
      let diagnostics = DataFile.read(path: path, schema: schema, columns: nil, options: options) { decoded in
        records += 1
        unreadable += decoded.unreadable
        return []
      }
      problems += diagnostics + unreadable.map(\.diagnostic)
      let columns = Set(unreadable.map(\.columnName)).sorted()
      let cells =
        unreadable.isEmpty
        ? "every cell readable"
        : "\(unreadable.count) unreadable cell\(unreadable.count == 1 ? "" : "s") in \(columns.joined(separator: ", "))"
      let failed = diagnostics.hasErrors ? "; the file is invalid" : ""
      summaries.append(
        "\(path == "-" ? "<stdin>" : path): \(records) record\(records == 1 ? "" : "s"), \(cells)\(failed)")
    }
    let output = DiagnosticRenderer().render(problems) + summaries.joined(separator: "\n") + "\n"
    return CommandResult(output: output, diagnostics: [], exitCode: problems.hasErrors ? 2 : 0)
  }
}
