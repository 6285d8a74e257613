import EscalateKit

/// Turns the arguments of `escalate check` into ``CheckOptions``.
enum CheckArguments {
  /// `formatted` false leaves `--format` to the caller, whose formats differ.
  static func options(from args: Arguments, formatted: Bool = true) -> Result<CheckOptions, UsageError> {
    let reportDate: Day
    if let text = args.value("--as-of") {
      guard let day = Day(iso: text[...]) else {
        return .failure(UsageError("--as-of '\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2024-10-01"))
      }
      reportDate = day
    } else {
      reportDate = Day.today()
    }
    let format: OutputFormat
    switch formatted ? Self.format(from: args, default: OutputFormat.text) : .success(.text) {
    case .success(let chosen): format = chosen
    case .failure(let error): return .failure(error)
    }
    var overrides: [ParameterOverride] = []
    for text in args.values("--param") {
      guard let override = ParameterOverride(argument: text) else {
        return .failure(UsageError("--param '\(text)' is not RULE.NAME=VALUE, e.g. forecast-overspend.tolerance=10%"))
      }
      overrides.append(override)
    }
    guard !args.operands.isEmpty else { return .failure(UsageError("no data files given")) }
    let data: DataOptions
    switch dataOptions(from: args) {
    case .success(let options): data = options
    case .failure(let error): return .failure(error)
    }
    var options = CheckOptions(
      rulesPath: args.value("--rules"), reportDate: reportDate, format: format, overrides: overrides,
      dataPaths: args.operands, data: data)
    if let text = args.value("--fail-on") {
      guard let severity = Severity(rawValue: text) else {
        return .failure(UsageError("--fail-on '\(text)' is not a severity; use critical, error, warning or info"))
      }
      options.failOn = severity
    }
    options.baselinePath = args.value("--baseline")
    options.changedSince = args.value("--changed-since")
    return .success(options)
  }

  /// `escalate queue`: the options of `check` and the queue's own.
  static func queueOptions(from args: Arguments) -> Result<QueueOptions, UsageError> {
    options(from: args, formatted: false).flatMap { check in
      format(from: args, default: QueueFormat.text).map { format in
        QueueOptions(
          check: check, statePath: args.value("--state"), waiversPath: args.value("--waivers"),
          forum: args.value("--forum"), format: format)
      }
    }
  }

  /// `escalate digest`: the queue's options and the message's addresses and marking. Every
  /// address is checked here, so a bad one is a usage error before any data is read.
  static func digestOptions(from args: Arguments) -> Result<DigestOptions, UsageError> {
    queueOptions(from: args).flatMap { queue in
      let perOwner = args.value("--per-owner")
      guard let fromText = args.value("--from"), let toText = args.value("--to") ?? (perOwner == nil ? nil : "")
      else {
        return .failure(UsageError("digest needs --from ADDRESS and --to ADDRESS[,ADDRESS...]"))
      }
      func addresses(_ text: String) -> Result<[MailAddress], UsageError> {
        MailAddress.parseList(text).mapError { UsageError($0.message) }
      }
      return MailAddress.parse(fromText).mapError { UsageError($0.message) }.flatMap { from in
        (toText.isEmpty ? .success([]) : addresses(toText)).flatMap { to in
          (args.value("--cc").map(addresses) ?? .success([])).map { cc in
            var options = DigestOptions(
              queue: queue, from: from, to: to, cc: cc, subject: args.value("--subject"),
              classification: args.value("--classification"), outputPath: args.value("-o") ?? args.value("--output"))
            options.perOwnerDirectory = perOwner
            options.ownersPath = args.value("--owners")
            return options
          }
        }
      }
    }
  }

  /// `--format`, one of a command's formats.
  static func format<Format: RawRepresentable & CaseIterable>(from args: Arguments, default: Format)
    -> Result<Format, UsageError> where Format.RawValue == String
  {
    guard let text = args.value("--format") else { return .success(`default`) }
    guard let chosen = Format(rawValue: text) else {
      let names = Format.allCases.map(\.rawValue).joined(separator: ", ")
      return .failure(UsageError("unknown format '\(text)'; the formats are \(names)"))
    }
    return .success(chosen)
  }

  /// `--delimiter` and `--strict`, shared by the commands that read data.
  static func dataOptions(from args: Arguments) -> Result<DataOptions, UsageError> {
    var data = DataOptions(strict: args.has("--strict"))
    data.allPeriods = args.has("--all-periods")
    if let text = args.value("--delimiter") {
      guard let delimiter = delimiter(text) else {
        return .failure(UsageError("--delimiter '\(text)' is not one character; use ',', ';', 'tab' or another symbol"))
      }
      data.delimiter = delimiter
    }
    return .success(data)
  }

  /// `,` `;` `|`, or `tab` / `\t` for a tab; a quote or a line break cannot separate fields.
  static func delimiter(_ text: String) -> UInt8? {
    if text == "tab" || text == "\\t" || text == "\t" { return UInt8(ascii: "\t") }
    guard text.utf8.count == 1, let byte = text.utf8.first, byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "\""),
      !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")),
      !(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "z"))
    else { return nil }
    return byte
  }
}
