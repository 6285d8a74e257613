extension String {
  /// The text escaped for XML and HTML, in content and in attribute values, so no data value
  /// can become markup, end an attribute or open a script. Characters XML 1.0 cannot carry at
  /// all (most control characters) are replaced by U+FFFD rather than making the file invalid.
  var markupEscaped: String {
    var result = ""
    for scalar in unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      // &#39; rather than &apos;, which HTML 4 mail renderers do not know.
      case "'": result += "&#39;"
      case "\n": result += "&#10;"
      case "\r": result += "&#13;"
      case "\t": result += "&#9;"
      case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value): result += "\u{FFFD}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
