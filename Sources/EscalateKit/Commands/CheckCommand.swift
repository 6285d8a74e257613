import Foundation

/// What `escalate check` was asked to do.
public struct CheckOptions: Sendable {
  /// A rule file or directory; nil for the built-in default pack.
  public var rulesPath: String?
  /// The date `report_date` stands for.
  public var reportDate: Day
  /// How the alerts are written.
  public var format: OutputFormat
  /// Parameter values from `--param`, in force over the pack's defaults.
  public var overrides: [ParameterOverride]
  /// The data files, in the order given; `-` is standard input.
  public var dataPaths: [String]
  /// How the data files are read.
  public var data: DataOptions
  /// The CI gate: exit 1 when an alert at or above this severity remains.
  public var failOn: Severity?
  /// A baseline file: alerts in it are not reported and do not fail the gate.
  public var baselinePath: String?
  /// A git revision: only alerts on records that changed since it are reported and gate.
  public var changedSince: String?

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
  /// 0 when the command ran, 1 when the CI gate failed, 2 for invalid rules, data or usage.
  public var exitCode: Int32
}

/// `escalate check`: load and check the pack, then run it over the data and render the alerts.
public enum CheckCommand {
  /// Runs a check. Nothing is printed for a run with errors, since partial alerts would mislead.
  ///
  /// With `output`, JSON Lines without a baseline or `--changed-since` are written to it in
  /// pieces as the alerts are found, and the result's output is empty: memory then stays flat
  /// however large the data. Two errors can arrive after alerts have been written, an
  /// arithmetic overflow while evaluating a record and a data file rewritten during the run;
  /// the run still fails with exit status 2.
  public static func run(_ options: CheckOptions, streamingTo output: (([UInt8]) -> Void)? = nil) -> CommandResult {
    let run: Run
    if let output, options.format == .jsonl, options.baselinePath == nil, options.changedSince == nil {
      let failOn = options.failOn
      var failing = 0
      // Room for a segment's alerts from the start, rather than growing (and copying) a buffer a
      // dozen times over; pages that are not written take no memory. One buffer kept, the one
      // just written, for the next segment: keeping more saved no more time and held more memory.
      let buffers = BufferPool(capacity: 1 << 21, limit: 1)
      // JSON Lines show no alert's context, so its columns need not be read.
      let evaluated = evaluate(options, alertContext: false, into: StreamedLines()) { lines, batch in
        if !lines.hasBuffer {
          lines.writer = JSONWriter(reusing: buffers.take())
          lines.hasBuffer = true
        }
        JSONLinesRenderer.write(batch, to: &lines.writer)
        if let failOn { lines.failing += batch.count(atLeast: failOn) }
      } emit: { lines in
        output(lines.writer.bytes)
        if lines.hasBuffer { buffers.recycle(lines.writer.bytes) }
        failing += lines.failing
      }
      switch evaluated {
      case .failure(let failed): return failed.result
      case .success(let success): run = success
      }
      var diagnostics = run.diagnostics
      let exitCode = gate(failing: failing, failOn, &diagnostics)
      return CommandResult(output: "", diagnostics: diagnostics, exitCode: exitCode)
    }
    var alerts: [Alert] = []
    switch evaluate(options, into: [Alert](), render: { $0 += $1.alerts }, emit: { alerts += $0 }) {
    case .failure(let failed): return failed.result
    case .success(let success): run = success
    }
    var diagnostics = run.diagnostics
    if let path = options.baselinePath {
      let (baseline, problems) = Baseline.read(path: path)
      guard let baseline else { return failure(diagnostics + problems) }
      let (new, gone) = baseline.compare(alerts)
      alerts = new
      diagnostics += gone.map { entry in
        Diagnostic(
          .baselineEntryGone, "baseline entry '\(entry.rule)' on '\(entry.id)' no longer fires", at: nil,
          hint: "run 'escalate baseline' again to shrink the baseline", severity: .warning)
      }
    }
    if let revision = options.changedSince {
      let changed = ChangedRecords.find(
        since: revision, paths: options.dataPaths, ruleSet: run.ruleSet, data: options.data)
      guard let sources = changed.records else { return failure(diagnostics + changed.diagnostics) }
      alerts = alerts.filter { sources.contains($0.source) }
    }
    let report = CheckReport(
      alerts: alerts, records: run.outcome.records, workstreams: run.outcome.workstreams,
      rules: run.ruleSet.rules.map {
        CheckReport.RuleInfo(id: $0.id, severity: $0.severity, description: $0.description ?? "")
      }, reportDate: options.reportDate)
    let exitCode = gate(
      failing: options.failOn.map { threshold in alerts.count { $0.severity >= threshold } } ?? 0,
      options.failOn, &diagnostics)
    return CommandResult(output: options.format.renderer.render(report), diagnostics: diagnostics, exitCode: exitCode)
  }

  /// A piece of streamed JSON Lines output, with how many of its alerts fail the gate.
  private struct StreamedLines: Sendable {
    var writer = JSONWriter()
    /// Whether the writer has its buffer from the pool yet: a segment without alerts needs none.
    var hasBuffer = false
    var failing = 0
  }

  /// The CI gate's exit status for `failing` alerts at or above `threshold`, with the diagnostic
  /// that says why it failed.
  private static func gate(failing: Int, _ threshold: Severity?, _ diagnostics: inout [Diagnostic]) -> Int32 {
    guard let threshold, failing > 0 else { return 0 }
    diagnostics.append(
      Diagnostic(
        .gateFailed,
        "\(failing) alert\(failing == 1 ? "" : "s") at or above '\(threshold.rawValue)' fail\(failing == 1 ? "s" : "") the check",
        at: nil))
    return 1
  }

  /// `escalate baseline`: today's alerts as a baseline file.
  public static func baseline(_ options: CheckOptions) -> CommandResult {
    switch evaluate(options) {
    case .failure(let failed): return failed.result
    case .success(let run):
      return CommandResult(
        output: Baseline(alerts: run.outcome.alerts).text, diagnostics: run.diagnostics, exitCode: 0)
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
    prepare(options).flatMap { ruleSet, check, diagnostics in
      finish(ruleSet, check.run(paths: options.dataPaths), diagnostics)
    }
  }

  /// Like ``evaluate(_:)``, but streamed where the data allows
  /// (``Check/stream(paths:into:render:emit:)``): the alerts go through `render` into parts that
  /// reach `emit` in order, and the outcome holds none. Without errors, `emit` receives every
  /// alert either way. Without `alertContext`, they have none (see ``Check/alertContext``).
  static func evaluate<Part: Sendable>(
    _ options: CheckOptions, alertContext: Bool = true, into empty: Part,
    render: @escaping @Sendable (inout Part, inout AlertBatch) -> Void, emit: (Part) -> Void
  ) -> Result<Run, Failed> {
    // Standard input is copied to a file, so it streams like one.
    var options = options
    var spool: String?
    if options.dataPaths.contains("-") {
      switch ReadableFile.spool(FileHandle.standardInput, name: "-") {
      case .success(let path):
        spool = path
        options.dataPaths = options.dataPaths.map { $0 == "-" ? path : $0 }
        options.data.shownNames[path] = "<stdin>"
      case .failure(let problem):
        return .failure(Failed(result: failure([problem.diagnostic])))
      }
    }
    defer { if let spool { TemporaryFiles.shared.remove(spool) } }
    return prepare(options).flatMap { ruleSet, check, diagnostics in
      var check = check
      check.alertContext = alertContext
      if let streamed = check.stream(paths: options.dataPaths, into: empty, render: render, emit: emit) {
        let outcome = Check.Outcome(
          alerts: [], records: streamed.records, workstreams: streamed.workstreams,
          diagnostics: streamed.diagnostics)
        return finish(ruleSet, outcome, diagnostics)
      }
      var outcome = check.run(paths: options.dataPaths)
      if !outcome.diagnostics.hasErrors {
        var part = empty
        var batch = AlertBatch(describing: check.describing)
        batch.built = outcome.alerts
        render(&part, &batch)
        emit(part)
        outcome.alerts = []
      }
      return finish(ruleSet, outcome, diagnostics)
    }
  }

  /// The pack loaded, checked and compiled into a check over the data.
  private static func prepare(_ options: CheckOptions) -> Result<(RuleSet, Check, [Diagnostic]), Failed> {
    loadRuleSet(options.rulesPath, overrides: options.overrides).map { ruleSet, diagnostics in
      let compiled = Compiler.compile(ruleSet, reportDate: options.reportDate)
      return (ruleSet, Check(rules: compiled, options: options.data), diagnostics)
    }
  }

  private static func finish(
    _ ruleSet: RuleSet, _ outcome: Check.Outcome, _ diagnostics: [Diagnostic]
  ) -> Result<Run, Failed> {
    let diagnostics = diagnostics + outcome.diagnostics
    guard !diagnostics.hasErrors else { return .failure(Failed(result: failure(diagnostics))) }
    return .success(Run(ruleSet: ruleSet, outcome: outcome, diagnostics: diagnostics))
  }

  /// The pack at `path` (the built-in one when nil), parsed and checked.
  static func loadRuleSet(
    _ path: String?, overrides: [ParameterOverride] = []
  ) -> Result<(RuleSet, [Diagnostic]), Failed> {
    let pack: RulePack
    if let path {
      let loaded = RulePack.load(path: path)
      guard let loadedPack = loaded.pack else { return .failure(Failed(result: failure(loaded.diagnostics))) }
      pack = loadedPack
    } else {
      pack = .builtIn
    }
    let checked = pack.check(overrides: overrides)
    guard let ruleSet = checked.ruleSet else { return .failure(Failed(result: failure(checked.diagnostics))) }
    return .success((ruleSet, checked.diagnostics))
  }

  static func failure(_ diagnostics: [Diagnostic]) -> CommandResult {
    CommandResult(output: "", diagnostics: diagnostics, exitCode: 2)
  }
}
