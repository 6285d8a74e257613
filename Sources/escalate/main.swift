import Dispatch
import EscalateKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A subcommand: the options it accepts, its help, and how its arguments become a library call.
struct Subcommand {
  var valued: Set<String>
  var flags: Set<String>
  var help: String
  var run: (Arguments) -> Result<CommandResult, UsageError>
}

/// The options every command that checks data takes.
let checkOptions: Set<String> = ["--rules", "--as-of", "--param", "--delimiter"]

let subcommands: [String: Subcommand] = [
  "check": Subcommand(
    valued: checkOptions.union(["--format", "--fail-on", "--baseline", "--changed-since"]),
    flags: ["--strict", "--all-periods"], help: Help.check
  ) { args in
    CheckArguments.options(from: args).map { options in
      CheckCommand.run(options) { write($0, to: .output) }
    }
  },
  "baseline": Subcommand(valued: checkOptions, flags: ["--strict"], help: Help.baseline) { args in
    CheckArguments.options(from: args, formatted: false).map(CheckCommand.baseline)
  },
  "queue": Subcommand(
    valued: checkOptions.union(["--format", "--state", "--waivers", "--forum"]), flags: ["--strict"], help: Help.queue
  ) { args in
    CheckArguments.queueOptions(from: args).map(QueueCommand.run)
  },
  "fmt": Subcommand(valued: [], flags: ["--check"], help: Help.fmt) { args in
    guard !args.operands.isEmpty else { return .failure(UsageError("no rule files or directories given")) }
    return .success(FormatCommand.run(paths: args.operands, check: args.has("--check")))
  },
  "test": Subcommand(valued: ["--rules"], flags: [], help: Help.test) { args in
    .success(TestCommand.run(rulesPath: args.value("--rules"), testPaths: args.operands))
  },
  "rules": Subcommand(valued: ["--rules"], flags: [], help: Help.rules) { args in
    guard args.operands.isEmpty else { return .failure(UsageError("rules takes no arguments besides --rules")) }
    return .success(ExplainCommand.list(rulesPath: args.value("--rules")))
  },
  "explain": Subcommand(valued: checkOptions.union(["--id"]), flags: ["--strict"], help: Help.explain) { args in
    guard let rule = args.operands.first else { return .failure(UsageError("explain needs a rule id")) }
    let workstream = args.value("--id")
    if workstream != nil && args.operands.count < 2 {
      return .failure(UsageError("explain --id needs the data files to read the workstream from"))
    }
    if workstream == nil && args.operands.count > 1 {
      return .failure(UsageError("data files are read only with --id WORKSTREAM"))
    }
    var rest = args
    rest.operands = Array(args.operands.dropFirst())
    if rest.operands.isEmpty { rest.operands = ["-"] }
    return CheckArguments.options(from: rest, formatted: false).map { options in
      ExplainCommand.explain(rule: rule, options: options, workstream: workstream)
    }
  },
  "report": Subcommand(
    valued: checkOptions.union(["--format", "--state", "--waivers", "-o", "--output"]), flags: ["--strict"],
    help: Help.report
  ) { args in
    CheckArguments.options(from: args, formatted: false).flatMap { check in
      CheckArguments.format(from: args, default: ReportFormat.html).map { format in
        let options = QueueOptions(check: check, statePath: args.value("--state"), waiversPath: args.value("--waivers"))
        return ReportCommand.run(options, format: format, outputPath: args.value("-o") ?? args.value("--output"))
      }
    }
  },
  "digest": Subcommand(
    valued: checkOptions.union([
      "--state", "--waivers", "--forum", "--from", "--to", "--cc", "--subject", "--classification", "-o", "--output",
      "--per-owner", "--owners",
    ]), flags: ["--strict"], help: Help.digest
  ) { args in
    CheckArguments.digestOptions(from: args).map(DigestCommand.run)
  },
  "validate": Subcommand(valued: ["--delimiter", "--rules"], flags: [], help: Help.validate) { args in
    CheckArguments.dataOptions(from: args).flatMap { data in
      guard !args.operands.isEmpty else { return .failure(UsageError("no data files given")) }
      return .success(ValidateCommand.run(paths: args.operands, rulesPath: args.value("--rules"), data: data))
    }
  },
]

/// Parses the command line, calls EscalateKit, prints, and chooses the exit status.
@MainActor
func main(_ arguments: [String]) -> Int32 {
  guard let command = arguments.first else {
    write(Help.main, to: .output)
    return 0
  }
  switch command {
  case "-h", "--help", "help":
    write(Help.main, to: .output)
    return 0
  case "--version":
    write("escalate \(escalateVersion)\n", to: .output)
    return 0
  default:
    guard let subcommand = subcommands[command] else {
      let near = Suggestion.closest(to: command, in: subcommands.keys.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
      return usageError(UsageError("unknown command '\(command)'\(near)"), help: "escalate --help")
    }
    return run(subcommand, named: command, Array(arguments.dropFirst()))
  }
}

@MainActor
func run(_ subcommand: Subcommand, named name: String, _ arguments: [String]) -> Int32 {
  let help = "escalate \(name) --help"
  let args: Arguments
  switch Arguments.parse(arguments, valued: subcommand.valued, flags: subcommand.flags.union(["-h", "--help"])) {
  case .failure(let error): return usageError(error, help: help)
  case .success(let parsed): args = parsed
  }
  if args.has("--help") || args.has("-h") {
    write(subcommand.help, to: .output)
    return 0
  }
  switch subcommand.run(args) {
  case .failure(let error):
    return usageError(error, help: help)
  case .success(let result):
    write(result.output, to: .output)
    write(DiagnosticRenderer().render(result.diagnostics), to: .error)
    return result.exitCode
  }
}

func usageError(_ error: UsageError, help: String) -> Int32 {
  write("escalate: error: \(error.message)\nRun '\(help)' for usage.\n", to: .error)
  return 2
}

/// Where text goes: file descriptors rather than C's `stdout` globals, which Swift 6 rejects as
/// shared mutable state.
enum Stream: Int32 {
  case output = 1
  case error = 2
}

func write(_ text: String, to stream: Stream) {
  write(Array(text.utf8), to: stream)
}

func write(_ text: [UInt8], to stream: Stream) {
  var bytes = text[...]
  while !bytes.isEmpty {
    let written = bytes.withUnsafeBytes { systemWrite(stream.rawValue, $0.baseAddress, $0.count) }
    if written < 0 && errno == EINTR { continue }
    // The reader has gone (`| head`): stop as SIGPIPE would, without leaving temporary files.
    if written < 0 && errno == EPIPE { endEarly(status: 128 + SIGPIPE) }
    guard written > 0 else { return }
    bytes = bytes.dropFirst(written)
  }
}

/// Ends the process now, removing the temporary files it has made.
func endEarly(status: Int32) -> Never {
  TemporaryFiles.shared.removeAll()
  exit(status)
}

/// Has interrupts and terminations end the run through `endEarly`, as a closed output does
/// through `write`, rather than by the default actions, which would leave temporary files
/// behind. The handlers run on a queue of their own, not the main thread, which is busy.
nonisolated func endEarlyOnSignals() -> [DispatchSourceSignal] {
  signal(SIGPIPE, SIG_IGN)
  return [SIGINT, SIGTERM].map { number in
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler { @Sendable in endEarly(status: 128 + number) }
    source.resume()
    return source
  }
}

/// The C library's `write`, named apart from this file's `write(_:to:)`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
  #else
    Darwin.write(descriptor, buffer, count)
  #endif
}

let signalSources = endEarlyOnSignals()
withExtendedLifetime(signalSources) { exit(main(Array(CommandLine.arguments.dropFirst()))) }
