import EscalateKit

/// A command line split into options and operands, with usage errors as values.
struct Arguments {
  var options: [(name: String, value: String?)] = []
  var operands: [String] = []

  /// Splits `arguments`; `valued` names the options that take a value, given as `--name value`
  /// or `--name=value`. Everything after `--` is an operand.
  static func parse(_ arguments: [String], valued: Set<String>, flags: Set<String>) -> Result<Arguments, UsageError> {
    var result = Arguments()
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "--" {
        result.operands += arguments[index...]
        break
      }
      guard argument.hasPrefix("-"), argument != "-" else {
        result.operands.append(argument)
        continue
      }
      // Empty pieces are kept, so `--as-of=` is an empty value rather than a missing one.
      let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      if valued.contains(name) {
        if parts.count == 2 {
          result.options.append((name, String(parts[1])))
        } else if index < arguments.count {
          result.options.append((name, arguments[index]))
          index += 1
        } else {
          return .failure(UsageError("option '\(name)' needs a value"))
        }
      } else if flags.contains(name) {
        guard parts.count == 1 else { return .failure(UsageError("option '\(name)' takes no value")) }
        result.options.append((name, nil))
      } else {
        let near = Suggestion.closest(to: name, in: valued.union(flags).sorted())
        let hint = near.map { " (did you mean '\($0)'?)" } ?? ""
        return .failure(UsageError("unknown option '\(name)'\(hint)"))
      }
    }
    return .success(result)
  }

  /// The last value given for an option, so a later flag overrides an earlier one.
  func value(_ name: String) -> String? { options.last { $0.name == name }?.value }
  func values(_ name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }
  func has(_ name: String) -> Bool { options.contains { $0.name == name } }
}

/// A mistake on the command line: reported with the command's usage and exit status 2.
struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
