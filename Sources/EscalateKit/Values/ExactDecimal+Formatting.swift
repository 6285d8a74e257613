extension ExactDecimal {
  /// The value as pounds sterling for reports: `"£1,977,000"`, `"£1,977,000.50"`, `"-£5,000"`, `"£0"`.
  ///
  /// Pence appear only when the amount is not a whole number of pounds, and then always as two digits. Amounts with
  /// finer precision are first rounded half-to-even to pence, so `0.005` shows as `"£0"` and `0.015` as `"£0.02"`; an
  /// amount that rounds to zero loses its minus sign rather than showing `"-£0"`.
  /// - Complexity: O(number of digits).
  public var moneyText: String {
    // Whole pounds, the common case, skip the general digit splitting.
    if scale == 0, let pounds = Int64(exactly: significand) { return Self.wholePoundsText(pounds) }
    let pence = rounded(toScale: 2)
    let parts = pence.decimalParts(shiftingPointRightBy: 0)
    var text = pence.isNegative ? "-£" : "£"
    text += grouped(parts.integer)
    if !parts.fraction.isEmpty {
      text += "." + parts.fraction + String(repeating: "0", count: 2 - parts.fraction.count)
    }
    return text
  }

  /// Appends ``moneyText`` to `bytes` as UTF-8: a message shows an amount for many alerts of a
  /// large run, and a whole one, nearly every one, is written without a string.
  func appendMoneyText(to bytes: inout [UInt8]) {
    guard scale == 0, let pounds = Int64(exactly: significand) else {
      moneyText.appendUTF8(to: &bytes)
      return
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.wholePoundsCapacity) { buffer in
      let length = Self.writeWholePounds(pounds, into: buffer)
      bytes.append(bytes: UnsafeBufferPointer(rebasing: buffer[..<length]))
    }
  }

  private static func wholePoundsText(_ pounds: Int64) -> String {
    String(unsafeUninitializedCapacity: wholePoundsCapacity) { writeWholePounds(pounds, into: $0) }
  }

  /// A sign, the two bytes of `£`, 19 digits and 6 commas.
  private static var wholePoundsCapacity: Int { 32 }

  /// Writes `-£1,977,000` at the start of `text`, which has room for ``wholePoundsCapacity``
  /// bytes, and returns its length; from the right, digit by digit, then moved into place.
  private static func writeWholePounds(_ pounds: Int64, into text: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var start = wholePoundsCapacity
    func put(_ byte: UInt8) {
      start -= 1
      text[start] = byte
    }
    var rest = pounds.magnitude
    var written = 0
    repeat {
      if written > 0 && written % 3 == 0 { put(UInt8(ascii: ",")) }
      put(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
      written += 1
    } while rest > 0
    put(0xA3)
    put(0xC2)
    if pounds < 0 { put(UInt8(ascii: "-")) }
    let length = wholePoundsCapacity - start
    // The two stretches may overlap; copying memory allows that.
    UnsafeMutableRawPointer(text.baseAddress!).copyMemory(from: text.baseAddress! + start, byteCount: length)
    return length
  }

  /// A fraction shown as a percentage: `0.05` → `"5%"`, `0.125` → `"12.5%"`, `1` → `"100%"`, `-0.1` → `"-10%"`.
  ///
  /// The value is multiplied by 100 by moving the decimal point, so it is exact and cannot overflow; trailing zeros
  /// are stripped and there is no grouping.
  /// - Complexity: O(number of digits).
  public var percentText: String {
    let parts = decimalParts(shiftingPointRightBy: 2)
    let number = parts.fraction.isEmpty ? parts.integer : parts.integer + "." + parts.fraction
    return (isNegative ? "-" : "") + number + "%"
  }

  /// The plain number with its integer part grouped in thousands: `1234567.5` → `"1,234,567.5"`, `1.05` → `"1.05"`.
  /// - Complexity: O(number of digits).
  public var groupedText: String {
    let parts = decimalParts(shiftingPointRightBy: 0)
    let integer = (isNegative ? "-" : "") + grouped(parts.integer)
    return parts.fraction.isEmpty ? integer : integer + "." + parts.fraction
  }
}

/// Inserts a comma between each group of three digits, counting from the right.
private func grouped(_ digits: String) -> String {
  let utf8 = digits.utf8
  var result: [UInt8] = []
  result.reserveCapacity(utf8.count + utf8.count / 3)
  let leading = utf8.count % 3
  for (offset, digit) in utf8.enumerated() {
    if offset > 0 && (offset - leading) % 3 == 0 { result.append(UInt8(ascii: ",")) }
    result.append(digit)
  }
  return String(decoding: result, as: UTF8.self)
}
