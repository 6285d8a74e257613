/// Text bound for a terminal, made inert. A cell can hold anything a spreadsheet lets through:
/// an ANSI escape would recolour or clear the screen, a carriage return would overwrite the
/// line, and a bidirectional override would show a line in another order than it is read.
/// Those are written as `\u{1B}` and so on; line feeds and tabs pass through.
enum TerminalEscaping {
  static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var escaped = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isUnsafe(scalar) {
        escaped.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        escaped.append(scalar)
      }
    }
    return String(escaped)
  }

  private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0x00...0x1F, 0x7F...0x9F: true
    // Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
    case 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
