/// An exact decimal number: `significand × 10^(-scale)`.
///
/// Money and rates in status returns are decimal quantities. Binary floating point cannot hold 0.05 or £0.10 exactly,
/// and a threshold that is one ulp off fires on the wrong side of a boundary, so every operation here is exact, or
/// (for division, and for products needing more than ``maxScale`` fractional digits) rounded half-to-even at a
/// documented scale. An operation whose result cannot be represented returns `nil` instead of trapping, so a rule over
/// hostile data reports an error rather than crashing the run.
///
/// Values are always normalised: when the scale is positive the significand has no trailing zero digit, and zero has
/// scale 0. Equal numbers therefore have identical representations, which is what lets the synthesised `Hashable`
/// conformance agree with numeric equality (`1.0 == 1.00`, and both hash alike).
///
/// The significand is never `Int128.min`, so negation and `magnitude` can never overflow; the usable range is
/// ±(2^127 − 1) × 10^(−scale).
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The most fractional digits a value may carry.
  ///
  /// Thirty leaves eight integer digits even at full precision, which is ample for pounds, and keeps every power of ten
  /// needed to align two scales within `Int128`.
  public static let maxScale = 30

  /// The number of fractional digits a quotient is rounded to (half-to-even) when it does not terminate sooner.
  ///
  /// So `1 / 3` is `0.33333333333333333333`, while `10 / 4` is exactly `2.5`.
  public static let divisionScale = 20

  /// Zero.
  public static let zero = ExactDecimal(normalizedSignificand: 0, scale: 0)

  /// The digits of the value; see ``scale``.
  public let significand: Int128

  /// How many of the significand's digits lie after the decimal point, in `0...maxScale`.
  public let scale: Int

  /// Creates the value `significand × 10^(-scale)` without checking that it is normalised.
  private init(normalizedSignificand: Int128, scale: Int) {
    self.significand = normalizedSignificand
    self.scale = scale
  }

  /// Creates a whole number.
  public init(_ integer: Int) {
    self.init(normalizedSignificand: Int128(integer), scale: 0)
  }

  /// Creates `significand × 10^(-scale)`, stripping trailing fractional zeros.
  ///
  /// - Precondition: `significand != Int128.min`, `scale >= 0`, and after trailing zeros are stripped the scale is at
  ///   most ``maxScale``. These are programmer errors, not data errors; text from data goes through `init?(_:)`.
  /// - Complexity: O(number of trailing zeros stripped).
  public init(significand: Int128, scale: Int) {
    precondition(significand != .min, "ExactDecimal significand must not be Int128.min")
    precondition(scale >= 0, "ExactDecimal scale must not be negative")
    var significand = significand
    var scale = scale
    while scale > 0 {
      let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: 10)
      guard remainder == 0 else { break }
      significand = quotient
      scale -= 1
    }
    precondition(scale <= Self.maxScale, "ExactDecimal scale exceeds maxScale")
    self.init(normalizedSignificand: significand, scale: significand == 0 ? 0 : scale)
  }

  /// Parses plain decimal text.
  ///
  /// Accepts an optional leading `-` or `+`, one or more ASCII digits, and optionally a `.` followed by one or more
  /// digits: `"1977000"`, `"-12.50"`, `"0.05"`, `"+3"`. Rejects everything else, including `".5"` and `"5."` (a bare
  /// point is more likely a data-entry slip than a number), exponents, grouping separators, currency symbols and
  /// surrounding spaces. Trailing fractional zeros do not count against ``maxScale``.
  ///
  /// - Returns: `nil` if the text is not in that form, or the value is not representable (too many significant
  ///   digits, or more than ``maxScale`` significant fractional digits).
  /// - Complexity: O(n) in the length of the text.
  public init?(_ text: Substring) {
    var bytes = text.utf8[...]
    var negative = false
    if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      negative = sign == UInt8(ascii: "-")
      bytes = bytes.dropFirst()
    }
    var magnitude: Int128 = 0
    var integerDigits = 0
    var fractionDigits = 0
    // Zeros after the point are held back until a later non-zero digit shows they are significant, so "1.5000…0"
    // with any number of zeros parses and stays normalised.
    var pendingZeros = 0
    var seenPoint = false
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let digit = Int128(byte &- UInt8(ascii: "0"))
        var shift = 1
        if seenPoint {
          if digit == 0 {
            pendingZeros += 1
            continue
          }
          shift += pendingZeros
          fractionDigits += shift
          pendingZeros = 0
          guard fractionDigits <= Self.maxScale else { return nil }
        } else {
          integerDigits += 1
        }
        let (shifted, multiplyOverflow) = magnitude.multipliedReportingOverflow(by: Int128(powerOfTen(shift)))
        let (next, addOverflow) = shifted.addingReportingOverflow(digit)
        guard !multiplyOverflow, !addOverflow else { return nil }
        magnitude = next
      case UInt8(ascii: "."):
        guard !seenPoint, integerDigits > 0 else { return nil }
        seenPoint = true
      default:
        return nil
      }
    }
    guard integerDigits > 0, !seenPoint || fractionDigits + pendingZeros > 0 else { return nil }
    // Held-back zeros were never appended, so the significand is already normalised.
    self.init(normalizedSignificand: negative ? -magnitude : magnitude, scale: fractionDigits)
  }

  /// Parses plain decimal text; see `init?(_: Substring)`.
  public init?(_ text: String) {
    self.init(text[...])
  }

  /// Whether the value is zero.
  public var isZero: Bool { significand == 0 }

  /// Whether the value is less than zero.
  public var isNegative: Bool { significand < 0 }

  /// The value with its sign flipped; never overflows.
  public var negated: ExactDecimal { ExactDecimal(normalizedSignificand: -significand, scale: scale) }

  /// The absolute value; never overflows.
  public var magnitude: ExactDecimal { isNegative ? negated : self }

  /// The sum, or `nil` if it is not representable.
  ///
  /// Exact: when aligning the scales would overflow `Int128` the sum is formed in 256 bits, so a sum that fits is
  /// never refused merely because an intermediate did not.
  /// - Complexity: O(1).
  public func adding(_ other: ExactDecimal) -> ExactDecimal? {
    if scale == other.scale {
      let (sum, overflow) = significand.addingReportingOverflow(other.significand)
      if !overflow { return Self.normalized(sum, scale: scale) }
    } else {
      let (fine, coarse) = scale > other.scale ? (self, other) : (other, self)
      let factor = Int128(powerOfTen(fine.scale - coarse.scale))
      let (aligned, alignOverflow) = coarse.significand.multipliedReportingOverflow(by: factor)
      if !alignOverflow {
        let (sum, overflow) = aligned.addingReportingOverflow(fine.significand)
        // Scales differ, so the finer operand's non-zero last digit survives and the sum is already normalised.
        if !overflow { return Self.normalized(sum, scale: fine.scale) }
      }
    }
    return Self.wideSum(self, other)
  }

  /// The difference `self − other`, or `nil` if it is not representable.
  /// - Complexity: O(1).
  public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
    adding(other.negated)
  }

  /// The product, or `nil` if it is not representable.
  ///
  /// Exact (the scales add) whenever the product has at most ``maxScale`` significant fractional digits; beyond that
  /// it is rounded half-to-even to ``maxScale`` digits, which only happens when multiplying already-rounded quotients
  /// or similarly tiny values.
  /// - Complexity: O(1).
  public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
    let productScale = scale + other.scale
    if productScale <= Self.maxScale {
      let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
      if !overflow { return Self.normalized(product, scale: productScale) }
    }
    var magnitude = Wide.product(significand.magnitude, other.significand.magnitude)
    var resultScale = productScale
    if resultScale > Self.maxScale {
      magnitude = magnitude.roundedHalfEven(dividingBy: powerOfTen(resultScale - Self.maxScale))
      resultScale = Self.maxScale
    }
    return Self.make(negative: isNegative != other.isNegative, magnitude: magnitude, scale: resultScale)
  }

  /// The quotient `self / divisor`, or `nil` if the divisor is zero or the quotient is not representable.
  ///
  /// Exact when the quotient terminates within ``divisionScale`` fractional digits; otherwise rounded half-to-even
  /// to ``divisionScale`` digits. Callers that must distinguish division by zero from overflow check
  /// `divisor.isZero` first.
  /// - Complexity: O(1).
  public func divided(by divisor: ExactDecimal) -> ExactDecimal? {
    guard !divisor.isZero else { return nil }
    guard !isZero else { return .zero }
    let negative = isNegative != divisor.isNegative
    let dividend = significand.magnitude
    let divisorMagnitude = divisor.significand.magnitude
    // self / divisor = (dividend / divisorMagnitude) × 10^exponent
    let exponent = divisor.scale - scale
    if exponent >= 0 {
      let (integer, remainder) = Wide.product(dividend, powerOfTen(exponent))
        .quotientAndRemainder(dividingBy: divisorMagnitude)
      return Self.compose(
        negative: negative, integer: integer, remainder: remainder, divisor: divisorMagnitude,
        fractionDigits: Self.divisionScale, scale: 0)
    }
    let shift = -exponent
    if shift <= Self.divisionScale {
      // Only divisionScale − shift digits of the plain quotient land within divisionScale once shifted right.
      let (integer, remainder) = dividend.quotientAndRemainder(dividingBy: divisorMagnitude)
      return Self.compose(
        negative: negative, integer: Wide(integer), remainder: remainder, divisor: divisorMagnitude,
        fractionDigits: Self.divisionScale - shift, scale: shift)
    }
    // The shift alone pushes every digit past divisionScale, so round the plain quotient at a power of ten above 1.
    guard let scaledDivisor = Wide.product(divisorMagnitude, powerOfTen(shift - Self.divisionScale)).narrow else {
      // The divisor exceeds 2^128 > 2 × dividend, so the quotient rounds to zero.
      return .zero
    }
    let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: scaledDivisor)
    let roundUp = roundsUp(remainder: remainder, divisor: scaledDivisor, lastDigitOdd: quotient & 1 == 1)
    return Self.make(negative: negative, magnitude: Wide(quotient + (roundUp ? 1 : 0)), scale: Self.divisionScale)
  }

  /// The value rounded half-to-even to at most `targetScale` fractional digits.
  ///
  /// Never overflows: rounding can only shrink the significand or leave it one larger after dividing by at least 10.
  /// - Precondition: `targetScale >= 0`.
  /// - Complexity: O(1).
  public func rounded(toScale targetScale: Int) -> ExactDecimal {
    precondition(targetScale >= 0, "ExactDecimal.rounded(toScale:) needs a non-negative scale")
    guard scale > targetScale else { return self }
    let divisor = powerOfTen(scale - targetScale)
    let (quotient, remainder) = significand.magnitude.quotientAndRemainder(dividingBy: divisor)
    let roundUp = roundsUp(remainder: remainder, divisor: divisor, lastDigitOdd: quotient & 1 == 1)
    let magnitude = Int128(quotient + (roundUp ? 1 : 0))
    return ExactDecimal(significand: isNegative ? -magnitude : magnitude, scale: targetScale)
  }

  /// Orders values exactly, even when aligning their scales would overflow `Int128`.
  /// - Complexity: O(1).
  public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
    if lhs.scale == rhs.scale { return lhs.significand < rhs.significand }
    let (left, right) = alignedMagnitudes(lhs, rhs)
    return lhs.isNegative ? right < left : left < right
  }

  /// The plain decimal text of the value: `"1977000"`, `"-12.5"`, `"1.05"`, `"0"`; no trailing zeros, no grouping.
  ///
  /// `ExactDecimal(x.description) == x` for every value.
  public var description: String {
    let parts = decimalParts(shiftingPointRightBy: 0)
    let sign = isNegative ? "-" : ""
    return parts.fraction.isEmpty ? sign + parts.integer : sign + parts.integer + "." + parts.fraction
  }

  /// The digits of `|self| × 10^shift`, split at the decimal point; the fraction has no trailing zeros.
  ///
  /// Working on the digit string lets formatting move the point (for percentages) without any arithmetic that could
  /// overflow.
  func decimalParts(shiftingPointRightBy shift: Int) -> (integer: String, fraction: String) {
    guard !isZero else { return ("0", "") }
    let digits = String(significand.magnitude)
    let pointFromRight = scale - shift
    if pointFromRight <= 0 {
      return (digits + String(repeating: "0", count: -pointFromRight), "")
    }
    if digits.count > pointFromRight {
      let split = digits.index(digits.endIndex, offsetBy: -pointFromRight)
      return (String(digits[..<split]), String(digits[split...]))
    }
    return ("0", String(repeating: "0", count: pointFromRight - digits.count) + digits)
  }

  /// Normalises a signed significand, or returns `nil` for `Int128.min`, which the type excludes.
  private static func normalized(_ significand: Int128, scale: Int) -> ExactDecimal? {
    guard significand != .min else { return nil }
    return ExactDecimal(significand: significand, scale: scale)
  }

  /// Builds a normalised value from a 256-bit magnitude, or `nil` if it does not fit once trailing zeros are gone.
  ///
  /// - Precondition: `scale <= maxScale`.
  private static func make(negative: Bool, magnitude: Wide, scale: Int) -> ExactDecimal? {
    var magnitude = magnitude
    var scale = scale
    while scale > 0 {
      let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
      guard remainder == 0 else { break }
      magnitude = quotient
      scale -= 1
    }
    guard let narrow = magnitude.narrow, narrow <= Int128.max.magnitude else { return nil }
    let value = Int128(narrow)
    return ExactDecimal(normalizedSignificand: negative ? -value : value, scale: value == 0 ? 0 : scale)
  }

  /// Both magnitudes scaled to the larger of the two scales, in 256 bits so the alignment cannot overflow.
  private static func alignedMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> (Wide, Wide) {
    let scale = max(lhs.scale, rhs.scale)
    return (
      Wide.product(lhs.significand.magnitude, powerOfTen(scale - lhs.scale)),
      Wide.product(rhs.significand.magnitude, powerOfTen(scale - rhs.scale))
    )
  }

  /// The exact sum for the rare case where the `Int128` fast path overflowed.
  private static func wideSum(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> ExactDecimal? {
    let (left, right) = alignedMagnitudes(lhs, rhs)
    let scale = max(lhs.scale, rhs.scale)
    if lhs.isNegative == rhs.isNegative {
      return make(negative: lhs.isNegative, magnitude: left.adding(right), scale: scale)
    }
    return left < right
      ? make(negative: rhs.isNegative, magnitude: right.subtracting(left), scale: scale)
      : make(negative: lhs.isNegative, magnitude: left.subtracting(right), scale: scale)
  }

  /// Assembles `integer + remainder / divisor`, rounded half-to-even to `fractionDigits` digits, then shifted right
  /// by `scale` digits.
  ///
  /// - Precondition: `remainder < divisor` and `scale + fractionDigits <= maxScale`.
  private static func compose(
    negative: Bool, integer: Wide, remainder: UInt128, divisor: UInt128, fractionDigits: Int, scale: Int
  ) -> ExactDecimal? {
    // The result's significand is at least the integer part, so an integer part beyond Int128 cannot be rescued.
    guard var whole = integer.narrow, whole <= Int128.max.magnitude else { return nil }
    let unit = powerOfTen(fractionDigits)
    // remainder < divisor, so the quotient is below unit and fits in the low word.
    let (digits, rest) = Wide.product(remainder, unit).quotientAndRemainder(dividingBy: divisor)
    var fraction = digits.low
    let lastDigitOdd = fractionDigits > 0 ? fraction & 1 == 1 : whole & 1 == 1
    if roundsUp(remainder: rest, divisor: divisor, lastDigitOdd: lastDigitOdd) {
      fraction += 1
      if fraction == unit {
        fraction = 0
        whole += 1
      }
    }
    let magnitude = Wide.product(whole, unit).adding(Wide(fraction))
    return make(negative: negative, magnitude: magnitude, scale: scale + fractionDigits)
  }
}

/// Whether a truncated quotient should be rounded up, half-to-even, given what was left over.
///
/// Compares `remainder` with `divisor − remainder` rather than doubling the remainder, which could overflow.
/// - Precondition: `remainder < divisor`.
private func roundsUp(remainder: UInt128, divisor: UInt128, lastDigitOdd: Bool) -> Bool {
  let complement = divisor - remainder
  return remainder > complement || (remainder == complement && lastDigitOdd)
}

/// 10^0 through 10^38, every power of ten that fits in `UInt128`.
private let powersOfTen: [UInt128] = {
  var powers: [UInt128] = [1]
  for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
  return powers
}()

/// 10^exponent.
///
/// - Precondition: `0 <= exponent <= 38`.
private func powerOfTen(_ exponent: Int) -> UInt128 {
  powersOfTen[exponent]
}

/// An unsigned 256-bit intermediate for the few operations whose intermediates can outgrow `Int128`.
///
/// It supports only what those operations need: products of two 128-bit values, addition and subtraction without
/// overflow, and division by a 128-bit divisor.
private struct Wide: Comparable {
  var high: UInt128
  var low: UInt128

  init(high: UInt128, low: UInt128) {
    self.high = high
    self.low = low
  }

  init(_ value: UInt128) {
    self.init(high: 0, low: value)
  }

  /// The value as a `UInt128`, or `nil` if it needs the high word.
  var narrow: UInt128? { high == 0 ? low : nil }

  static func product(_ lhs: UInt128, _ rhs: UInt128) -> Wide {
    let (high, low) = lhs.multipliedFullWidth(by: rhs)
    return Wide(high: high, low: low)
  }

  /// The sum. The callers' operands are below 2^255, so it cannot overflow.
  func adding(_ other: Wide) -> Wide {
    let (low, carry) = low.addingReportingOverflow(other.low)
    return Wide(high: high &+ other.high &+ (carry ? 1 : 0), low: low)
  }

  /// The difference.
  ///
  /// - Precondition: `self >= other`.
  func subtracting(_ other: Wide) -> Wide {
    let (low, borrow) = low.subtractingReportingOverflow(other.low)
    return Wide(high: high &- other.high &- (borrow ? 1 : 0), low: low)
  }

  /// Schoolbook division in two 128-bit steps; the first step's remainder keeps the second from overflowing.
  ///
  /// - Precondition: `divisor != 0`.
  func quotientAndRemainder(dividingBy divisor: UInt128) -> (quotient: Wide, remainder: UInt128) {
    let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: divisor)
    let (lowQuotient, remainder) = divisor.dividingFullWidth((high: highRemainder, low: low))
    return (Wide(high: highQuotient, low: lowQuotient), remainder)
  }

  /// The quotient rounded half-to-even.
  func roundedHalfEven(dividingBy divisor: UInt128) -> Wide {
    let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
    guard roundsUp(remainder: remainder, divisor: divisor, lastDigitOdd: quotient.low & 1 == 1) else {
      return quotient
    }
    return quotient.adding(Wide(1))
  }

  static func < (lhs: Wide, rhs: Wide) -> Bool {
    (lhs.high, lhs.low) < (rhs.high, rhs.low)
  }
}
