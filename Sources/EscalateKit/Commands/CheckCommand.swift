/// The version `escalate --version` prints.
public let escalateVersion = "0.1.0"

/// What `escalate check` was asked to do.
public struct CheckOptions: Sendable {
  /// A rule file or directory; nil for the built-in default pack.
  public var rulesPath: String?
  public var reportDate: Day
  public var format: OutputFormat
  public var overrides: [ParameterOverride]
  public var dataPaths: [String]
  public var data: DataOptions

  /// Creates options.
  public init(
    rulesPath: String? = nil, reportDate: Day, format: OutputFormat = .text, overrides: [ParameterOverride] = [],
    dataPaths: [String], data: DataOptions = DataOptions()
  ) {
    self.rulesPath = rulesPath
    self.reportDate = reportDate
    self.format = format
    self.overrides = overrides
    self.dataPaths = dataPaths
    self.data = data
  }
}

/// The result of a command: what to print and the exit status.
public struct CommandResult: Sendable {
  /// Standard output; empty when the command failed.
  public var output: String
  /// Diagnostics for standard error.
  public var diagnostics: [Diagnostic]
  /// 0 when the command ran, 2 for invalid rules, data or usage.
  public var exitCode: Int32
}

/// `escalate check`: load and check the pack, then run it over the data and render the alerts.
public enum CheckCommand {
  /// Runs a check. Nothing is printed for a run with errors, since partial alerts would mislead.
  public static func run(_ options: CheckOptions) -> CommandResult {
    switch evaluate(options) {
    case .failure(let failed):
      return failed.result
    case .success(let run):
      let report = CheckReport(
        alerts: run.outcome.alerts, records: run.outcome.records, workstreams: run.outcome.workstreams,
        rules: run.ruleSet.rules.count, reportDate: options.reportDate)
      return CommandResult(output: options.format.renderer.render(report), diagnostics: run.diagnostics, exitCode: 0)
    }
  }

  /// A pack loaded, checked and run over the data, with the warnings met on the way.
  struct Run {
    var ruleSet: RuleSet
    var outcome: Check.Outcome
    var diagnostics: [Diagnostic]
  }

  /// A command that ended with errors, ready to report.
  struct Failed: Error {
    var result: CommandResult
  }

  /// Loads and checks the pack, then runs it over the data: the part `check` and `queue` share.
  static func evaluate(_ options: CheckOptions) -> Result<Run, Failed> {
    var diagnostics: [Diagnostic] = []
    let pack: RulePack
    if let path = options.rulesPath {
      let loaded = RulePack.load(path: path)
      guard let loadedPack = loaded.pack else { return .failure(Failed(result: failure(loaded.diagnostics))) }
      pack = loadedPack
    } else {
      pack = .builtIn
    }
    let checked = pack.check(overrides: options.overrides)
    diagnostics += checked.diagnostics
    guard let ruleSet = checked.ruleSet else { return .failure(Failed(result: failure(diagnostics))) }
    let compiled = Compiler.compile(ruleSet, reportDate: options.reportDate)
    let outcome = Check(rules: compiled, options: options.data).run(paths: options.dataPaths)
    diagnostics += outcome.diagnostics
    guard !diagnostics.hasErrors else { return .failure(Failed(result: failure(diagnostics))) }
    return .success(Run(ruleSet: ruleSet, outcome: outcome, diagnostics: diagnostics))
  }

  static func failure(_ diagnostics: [Diagnostic]) -> CommandResult {
    CommandResult(output: "", diagnostics: diagnostics, exitCode: 2)
  }
}
