import EscalateKit
import Glibc

/// Parses the command line, calls EscalateKit, prints, and chooses the exit status.
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
  case "check":
    return check(Array(arguments.dropFirst()))
  case "validate":
    return validate(Array(arguments.dropFirst()))
  default:
    let near = Suggestion.closest(to: command, in: ["check", "validate"]).map { " (did you mean '\($0)'?)" } ?? ""
    return usageError(UsageError("unknown command '\(command)'\(near)"), help: "escalate --help")
  }
}

func check(_ arguments: [String]) -> Int32 {
  let parsed = Arguments.parse(
    arguments, valued: ["--rules", "--as-of", "--format", "--param", "--delimiter"],
    flags: ["-h", "--help", "--strict", "--all-periods"])
  guard case .success(let args) = parsed else {
    if case .failure(let error) = parsed { return usageError(error, help: "escalate check --help") }
    return 2
  }
  if args.has("--help") || args.has("-h") {
    write(Help.check, to: .output)
    return 0
  }
  switch CheckArguments.options(from: args) {
  case .failure(let error):
    return usageError(error, help: "escalate check --help")
  case .success(let options):
    let result = CheckCommand.run(options)
    write(result.output, to: .output)
    write(DiagnosticRenderer().render(result.diagnostics), to: .error)
    return result.exitCode
  }
}

func validate(_ arguments: [String]) -> Int32 {
  let parsed = Arguments.parse(arguments, valued: ["--delimiter", "--rules"], flags: ["-h", "--help"])
  guard case .success(let args) = parsed else {
    if case .failure(let error) = parsed { return usageError(error, help: "escalate validate --help") }
    return 2
  }
  if args.has("--help") || args.has("-h") {
    write(Help.validate, to: .output)
    return 0
  }
  switch CheckArguments.dataOptions(from: args) {
  case .failure(let error):
    return usageError(error, help: "escalate validate --help")
  case .success(let data):
    guard !args.operands.isEmpty else {
      return usageError(UsageError("no data files given"), help: "escalate validate --help")
    }
    let result = ValidateCommand.run(paths: args.operands, rulesPath: args.value("--rules"), data: data)
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
  var bytes = Array(text.utf8)[...]
  while !bytes.isEmpty {
    let written = bytes.withUnsafeBytes { Glibc.write(stream.rawValue, $0.baseAddress, $0.count) }
    if written < 0 && errno == EINTR { continue }
    guard written > 0 else { return }
    bytes = bytes.dropFirst(written)
  }
}

exit(main(Array(CommandLine.arguments.dropFirst())))
