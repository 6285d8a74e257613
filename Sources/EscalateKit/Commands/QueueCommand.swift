/// What `escalate queue` was asked to do, beyond what `check` is.
public struct QueueOptions: Sendable {
  /// The check whose alerts the queue is built from.
  public var check: CheckOptions
  /// The state file: read for the last run's alerts, then rewritten.
  public var statePath: String?
  /// A file of `waive` blocks, besides the pack's own.
  public var waiversPath: String?
  /// Only this forum's part of the queue, by name.
  public var forum: String?
  /// How the queue is written out.
  public var format: QueueFormat

  /// Creates options.
  public init(
    check: CheckOptions, statePath: String? = nil, waiversPath: String? = nil, forum: String? = nil,
    format: QueueFormat = .text
  ) {
    self.check = check
    self.statePath = statePath
    self.waiversPath = waiversPath
    self.forum = forum
    self.format = format
  }

  /// Every file the run reads, which no output may replace.
  var inputPaths: [String?] { check.dataPaths + [check.rulesPath, statePath, waiversPath] }
}

/// `escalate queue`: the alerts of a check, routed to forums, as the escalation queue.
public enum QueueCommand {
  /// Builds and renders the queue; writes the state file only when the run succeeded.
  public static func run(_ options: QueueOptions) -> CommandResult {
    switch build(options) {
    case .failure(let failed): return failed.result
    case .success(let built):
      return CommandResult(
        output: options.format.renderer.render(built.queue), diagnostics: built.diagnostics, exitCode: 0)
    }
  }

  /// A run of the check and the queue built from it.
  struct Built {
    var run: CheckCommand.Run
    var queue: EscalationQueue
    var diagnostics: [Diagnostic]
  }

  /// Runs the check, reads waivers and state, builds the queue and rewrites the state file: the
  /// part `queue`, `digest` and `report` share. Only `report`, whose dashboard lists every
  /// workstream, needs the records kept; otherwise the check streams and keeps only the alerts.
  static func build(_ options: QueueOptions, keepingRecords: Bool = false) -> Result<Built, CheckCommand.Failed> {
    var run: CheckCommand.Run
    var streamed: [Alert] = []
    let evaluated =
      keepingRecords
      ? CheckCommand.evaluate(options.check)
      : CheckCommand.evaluate(options.check, into: [Alert](), render: { $0 += $1.alerts }, emit: { streamed += $0 })
    switch evaluated {
    case .failure(let failed): return .failure(failed)
    case .success(let success): run = success
    }
    if !keepingRecords { run.outcome.alerts = streamed }
    var diagnostics = run.diagnostics
    var waivers = run.ruleSet.waivers
    if let path = options.waiversPath {
      let loaded = WaiverFile.load(path: path, ruleSet: run.ruleSet)
      diagnostics += loaded.diagnostics
      waivers += loaded.waivers
    }
    var previous: QueueState?
    if let path = options.statePath {
      let read = QueueStateFile.read(path: path)
      diagnostics += read.diagnostics
      previous = read.state
    }
    if let forum = options.forum, run.ruleSet.forums.isDeclared, run.ruleSet.forums.index(of: forum) == nil {
      diagnostics.append(
        Diagnostic(
          .unknownForum, "--forum names unknown forum '\(forum)'", at: nil,
          hint: Suggestion.hint(for: forum, in: run.ruleSet.forums.forums.map(\.name))))
    }
    guard !diagnostics.hasErrors else {
      return .failure(CheckCommand.Failed(result: CheckCommand.failure(diagnostics)))
    }
    let builder = QueueBuilder(
      ruleSet: run.ruleSet, reportDate: options.check.reportDate, waivers: waivers, previous: previous)
    var (queue, state) = builder.build(run.outcome.alerts)
    if let forum = options.forum {
      queue.forums = queue.forums.filter { $0.forum.lowercased() == forum.lowercased() }
    }
    if let path = options.statePath, let problem = QueueStateFile.write(state, to: path) {
      return .failure(CheckCommand.Failed(result: CheckCommand.failure(diagnostics + [problem])))
    }
    return .success(Built(run: run, queue: queue, diagnostics: diagnostics))
  }
}

/// An output format of `escalate queue`.
public enum QueueFormat: String, Sendable, CaseIterable {
  case text, json, markdown

  /// The renderer for this format.
  public var renderer: any QueueRenderer {
    switch self {
    case .text: QueueTextRenderer()
    case .json: QueueJSONRenderer()
    case .markdown: MarkdownRenderer()
    }
  }
}
