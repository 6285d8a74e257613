import Testing

@testable import EscalateKit

/// Parses a value the test table guarantees is valid.
private func dec(_ text: String) -> ExactDecimal {
  guard let value = ExactDecimal(text) else {
    Issue.record("test table holds unparseable decimal \(text)")
    return .zero
  }
  return value
}

private let int128MaxText = "170141183460469231731687303715884105727"

private func powerOfTen(_ exponent: Int) -> Int128 {
  (0..<exponent).reduce(1) { power, _ in power * 10 }
}

/// Parsing, normalisation, arithmetic, comparison and formatting of ``ExactDecimal``.
struct ExactDecimalTests {
  // MARK: - Parsing

  @Test(
    arguments: [
      ("1977000", 1_977_000, 0),
      ("-12.50", -125, 1),
      ("0.05", 5, 2),
      ("+3", 3, 0),
      ("0", 0, 0),
      ("-0", 0, 0),
      ("-0.000", 0, 0),
      ("007.10", 71, 1),
      ("1.05", 105, 2),
      ("1.0000000000000000000000000000000000000000000", 1, 0),
      ("0.000000000000000000000000000001", 1, 30),
      ("0.000000000000000000000000000001000000", 1, 30),
      (int128MaxText, Int128.max, 0),
      ("-" + int128MaxText, -Int128.max, 0),
      ("17014118346046923173168730371.5884105727", Int128.max, 10),
    ] as [(String, Int128, Int)])
  func parsesValidText(text: String, significand: Int128, scale: Int) {
    let value = ExactDecimal(text)
    #expect(value?.significand == significand)
    #expect(value?.scale == scale)
    #expect(ExactDecimal(text[...]) == value)
  }

  @Test(arguments: [
    "", "-", "+", ".", ".5", "5.", "-.5", "+.5", "1.2.3", "1e5", "1E5", "1,000", " 1", "1 ", "--1", "+-1", "-+1",
    "0x10", "1_000", "١", "１", "12.5%", "£5", "NaN", "inf", "-inf", "1.-5", "1..5",
    // Too large for Int128, or Int128.min, which the type excludes.
    "170141183460469231731687303715884105728",
    "-170141183460469231731687303715884105728",
    "1701411834604692317316873037158841057270",
    // More significant fractional digits than maxScale.
    "0.0000000000000000000000000000001",
    "1.0000000000000000000000000000001",
  ])
  func rejectsInvalidText(text: String) {
    #expect(ExactDecimal(text) == nil)
  }

  // MARK: - Normalisation

  @Test(arguments: [
    ["1", "1.0", "1.00", "+1.000000"],
    ["12.5", "12.50", "12.500"],
    ["0", "0.0", "-0", "-0.00", "+0"],
    ["-3.1", "-3.10", "-03.1"],
  ])
  func equalValuesHaveOneRepresentation(spellings: [String]) {
    let values = spellings.map(dec)
    #expect(Set(values).count == 1)
    #expect(Set(values.map(\.hashValue)).count == 1)
    #expect(Set(values.map(\.description)).count == 1)
  }

  @Test(
    arguments: [
      (100, 2, 1, 0),
      (1250, 3, 125, 2),
      (0, 7, 0, 0),
      (-5000, 2, -50, 0),
      (-5000, 4, -5, 1),
      (7, 0, 7, 0),
      (1_000_000_000, 35, 1, 26),
    ] as [(Int128, Int, Int128, Int)])
  func initialiserNormalises(significand: Int128, scale: Int, expectedSignificand: Int128, expectedScale: Int) {
    let value = ExactDecimal(significand: significand, scale: scale)
    #expect(value.significand == expectedSignificand)
    #expect(value.scale == expectedScale)
  }

  @Test func literalsPickTheStringInitialisers() {
    // Both String and Substring overloads exist; a literal must resolve without ambiguity.
    #expect(ExactDecimal("1.5") == ExactDecimal(significand: 15, scale: 1))
    #expect(ExactDecimal("1.5"[...]) == ExactDecimal(significand: 15, scale: 1))
    #expect(Day(iso: "2024-10-01")?.ordinal == 19_997)
  }

  @Test func integerInitialiser() {
    #expect(ExactDecimal(1_977_000) == dec("1977000"))
    #expect(ExactDecimal(-5) == dec("-5"))
    #expect(ExactDecimal(Int.max).description == String(Int.max))
    #expect(ExactDecimal(Int.min).description == String(Int.min))
  }

  // MARK: - Arithmetic

  enum Operation: String, Sendable, CustomTestStringConvertible {
    case add = "+"
    case subtract = "-"
    case multiply = "×"
    case divide = "÷"

    var testDescription: String { rawValue }

    func apply(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> ExactDecimal? {
      switch self {
      case .add: lhs.adding(rhs)
      case .subtract: lhs.subtracting(rhs)
      case .multiply: lhs.multiplied(by: rhs)
      case .divide: lhs.divided(by: rhs)
      }
    }
  }

  /// `nil` in the expected column means the operation must report overflow (or division by zero).
  @Test(
    arguments: [
      ("1", .add, "2", "3"),
      ("0.1", .add, "0.2", "0.3"),
      ("1.25", .add, "1.75", "3"),
      ("-12.5", .add, "2.5", "-10"),
      ("-1", .add, "-0.05", "-1.05"),
      ("1977000", .add, "0.5", "1977000.5"),
      ("0.000000000000000000000000000001", .add, "1", "1.000000000000000000000000000001"),
      ("5", .subtract, "7", "-2"),
      ("-5", .subtract, "-7", "2"),
      ("1.05", .subtract, "0.05", "1"),
      ("0", .subtract, "0.01", "-0.01"),
      ("1000000", .multiply, "1.05", "1050000"),
      ("-2.5", .multiply, "4", "-10"),
      ("-0.5", .multiply, "-0.5", "0.25"),
      ("0.1", .multiply, "0.1", "0.01"),
      ("123456.789", .multiply, "0", "0"),
      ("1977000", .multiply, "0.125", "247125"),
      // Products needing more than maxScale fractional digits are rounded half-to-even to maxScale.
      ("0.33333333333333333333", .multiply, "0.33333333333333333333", "0.111111111111111111108888888889"),
      ("0.00000000000000000001", .multiply, "0.00000000000000000001", "0"),
      ("0.000000000000000000000000000015", .multiply, "0.1", "0.000000000000000000000000000002"),
      ("0.000000000000000000000000000025", .multiply, "0.1", "0.000000000000000000000000000002"),
      ("0.000000000000000000000000000035", .multiply, "0.1", "0.000000000000000000000000000004"),
      ("10", .divide, "4", "2.5"),
      ("-10", .divide, "4", "-2.5"),
    ] as [(String, Operation, String, String?)])
  func arithmetic(lhs: String, operation: Operation, rhs: String, expected: String?) {
    #expect(operation.apply(dec(lhs), dec(rhs)) == expected.map(dec))
  }

  @Test(
    arguments: [
      // Int128.max ± anything that pushes it out of range.
      (int128MaxText, .add, "1", nil),
      (int128MaxText, .add, "0.5", nil),
      ("-" + int128MaxText, .subtract, "1", nil),
      ("-" + int128MaxText, .add, "-0.000000000000000000000000000001", nil),
      (int128MaxText, .multiply, "2", nil),
      (int128MaxText, .multiply, "-1.1", nil),
      ("10000000000000000000", .multiply, "100000000000000000000", nil),
      ("12345678901234567890.5", .multiply, "98765432109876543210.5", nil),
      (int128MaxText, .divide, "0.1", nil),
      ("1", .divide, "0.000000000000000000000000000003", nil),
      // -2^63 × 2^64 = -2^127 = Int128.min, which fits Int128 but is excluded from the type.
      ("-9223372036854775808", .multiply, "18446744073709551616", nil),
      // Still in range at the boundary.
      (int128MaxText, .add, "0", int128MaxText),
      (int128MaxText, .subtract, int128MaxText, "0"),
      ("-" + int128MaxText, .add, int128MaxText, "0"),
      (int128MaxText, .multiply, "-1", "-" + int128MaxText),
      ("170141183460469231731687303715884105.72", .subtract, "0.001", "170141183460469231731687303715884105.719"),
      // Aligning the scales overflows Int128, but the exact sum fits.
      (
        "20000000000000000000000000000000000000", .add, "-15000000000000000000000000000000000000.1",
        "4999999999999999999999999999999999999.9"
      ),
      // Same scale, the significand sum overflows, yet it normalises into range.
      (
        "15000000000000000000000000000000000000.5", .add, "15000000000000000000000000000000000000.5",
        "30000000000000000000000000000000000001"
      ),
      // The full product exceeds Int128 but its trailing zeros bring it back.
      ("0.5", .multiply, "4000000000000000000000000000000000000.2", "2000000000000000000000000000000000000.1"),
      ("1.5", .multiply, "20000000000000000000000000000000000000", "30000000000000000000000000000000000000"),
    ] as [(String, Operation, String, String?)])
  func overflowReturnsNilButNeverRefusesARepresentableResult(
    lhs: String, operation: Operation, rhs: String, expected: String?
  ) {
    #expect(operation.apply(dec(lhs), dec(rhs)) == expected.map(dec))
  }

  @Test(
    arguments: [
      ("1", "3", "0.33333333333333333333"),
      ("2", "3", "0.66666666666666666667"),
      ("-1", "3", "-0.33333333333333333333"),
      ("1", "-3", "-0.33333333333333333333"),
      ("-1", "-3", "0.33333333333333333333"),
      ("10", "4", "2.5"),
      ("105", "100", "1.05"),
      ("1", "7", "0.14285714285714285714"),
      ("22", "7", "3.14285714285714285714"),
      ("1", "0.3", "3.33333333333333333333"),
      ("1234567.89", "0.07", "17636684.14285714285714285714"),
      ("1", "8", "0.125"),
      ("0", "5", "0"),
      ("0", "-0.001", "0"),
      ("1102500", "1050000", "1.05"),
      // Half-to-even at the 20th fractional digit: ties go to the even neighbour, others round normally.
      ("0.00000000000000000001", "2", "0"),
      ("0.00000000000000000003", "2", "0.00000000000000000002"),
      ("0.00000000000000000005", "2", "0.00000000000000000002"),
      ("0.00000000000000000007", "2", "0.00000000000000000004"),
      ("-0.00000000000000000005", "2", "-0.00000000000000000002"),
      ("0.00000000000000000001", "3", "0"),
      ("0.00000000000000000002", "3", "0.00000000000000000001"),
      // Divisor and dividend scales far apart, in both directions.
      ("3", "0.000000000000000000000000000002", "1500000000000000000000000000000"),
      ("100000000", "0.000000000000000000000000000002", "50000000000000000000000000000000000000"),
      ("100000000.000000000000000000000000000001", "3", "33333333.33333333333333333333"),
      ("0.000000000000000000000000000015", "0.000000000000000000000000000004", "3.75"),
      ("0.000000000000000000000000000001", "3", "0"),
      ("0.000000000000000000000000000001", int128MaxText, "0"),
      ("123456789.123456789", "0.0000000000000000000001", "1234567891234567890000000000000"),
      (int128MaxText, "3", nil),
      (int128MaxText, "0.5", nil),
      ("85070591730234615865843651857942052863", "0.5", "170141183460469231731687303715884105726"),
      ("5", "0", nil),
      ("0", "0", nil),
      ("-5", "0.0", nil),
    ] as [(String, String, String?)])
  func division(lhs: String, rhs: String, expected: String?) {
    #expect(dec(lhs).divided(by: dec(rhs)) == expected.map(dec))
  }

  @Test func divisionByZeroIsDetectableBeforehand() {
    let zero = dec("0.00")
    #expect(zero.isZero)
    #expect(!dec("0.000000000000000000000000000001").isZero)
    #expect(dec("1").divided(by: zero) == nil)
  }

  @Test(
    arguments: [
      ("12.345", 2, "12.34"),
      ("12.355", 2, "12.36"),
      ("12.345001", 2, "12.35"),
      ("-12.345", 2, "-12.34"),
      ("0.5", 0, "0"),
      ("1.5", 0, "2"),
      ("2.5", 0, "2"),
      ("-2.5", 0, "-2"),
      ("-0.004", 2, "0"),
      ("7", 2, "7"),
      ("1.05", 5, "1.05"),
      ("17014118346046923173168730371.5884105727", 0, "17014118346046923173168730372"),
    ] as [(String, Int, String)])
  func roundingHalfEven(value: String, scale: Int, expected: String) {
    #expect(dec(value).rounded(toScale: scale) == dec(expected))
  }

  @Test func signHelpers() {
    #expect(dec("-0.01").isNegative)
    #expect(!dec("0").isNegative)
    #expect(!dec("-0").isNegative)
    #expect(dec("-2.5").negated == dec("2.5"))
    #expect(dec("-2.5").magnitude == dec("2.5"))
    #expect(dec("2.5").magnitude == dec("2.5"))
    #expect(dec("-" + int128MaxText).negated == dec(int128MaxText))
  }

  // MARK: - Comparison

  /// `order` is the sign of `lhs − rhs`.
  @Test(
    arguments: [
      ("1", "1.00", 0),
      ("0.1", "0.10000", 0),
      ("-1", "1", -1),
      ("0", "-0.0001", 1),
      ("0", "0.0001", -1),
      ("-0.5", "-0.25", -1),
      ("-2", "-10", 1),
      ("1.05", "1.049999999999999999999999999999", 1),
      ("12.5", "12.49", 1),
      // Aligning these scales overflows Int128; the comparison must still be exact.
      (int128MaxText, "0.000000000000000000000000000001", 1),
      ("-" + int128MaxText, "-0.000000000000000000000000000001", -1),
      ("100000000000", "100000000.000000000000000000000000000001", 1),
      ("100000000", "100000000.000000000000000000000000000001", -1),
      ("-100000000", "-100000000.000000000000000000000000000001", 1),
      ("17014118346046923173168730371", "17014118346046923173168730371.5884105727", -1),
    ] as [(String, String, Int)])
  func comparison(lhs: String, rhs: String, order: Int) {
    let (left, right) = (dec(lhs), dec(rhs))
    #expect((left < right) == (order < 0))
    #expect((left == right) == (order == 0))
    #expect((left > right) == (order > 0))
    #expect((left <= right) == (order <= 0))
    #expect((right < left) == (order > 0))
  }

  @Test(
    arguments: [
      ("1049999.99", false),
      ("1050000", false),
      ("1050000.00", false),
      ("1050000.000000000000000000001", true),
      ("1050000.01", true),
      ("1050001", true),
    ] as [(String, Bool)])
  func fivePercentOverBudgetBoundary(spend: String, breaches: Bool) throws {
    let threshold = try #require(dec("1000000").multiplied(by: dec("1.05")))
    #expect(threshold == dec("1050000"))
    #expect((dec(spend) > threshold) == breaches)
  }

  @Test func thresholdProductComparesExactly() throws {
    let product = try #require(dec("1050000").multiplied(by: dec("1.05")))
    #expect(product == dec("1102500"))
    #expect(!(product < dec("1102500")) && !(product > dec("1102500")))
    #expect(dec("1102501") > product)
    #expect(dec("1102500.01") > product)
  }

  // MARK: - Properties

  @Test(arguments: [1, 42, 20_241_001] as [UInt64])
  func randomPairsBehaveLikeScaledIntegers(seed: UInt64) throws {
    var generator = SeededGenerator(state: seed)
    for _ in 0..<2000 {
      let rawLeft = Int64.random(in: .min ... .max, using: &generator)
      let rawRight = Int64.random(in: .min ... .max, using: &generator)
      let leftScale = Int.random(in: 0...8, using: &generator)
      let rightScale = Int.random(in: 0...8, using: &generator)
      let left = ExactDecimal(significand: Int128(rawLeft), scale: leftScale)
      let right = ExactDecimal(significand: Int128(rawRight), scale: rightScale)

      let sum = try #require(left.adding(right))
      #expect(sum.subtracting(right) == left)
      #expect(right.adding(left) == sum)
      #expect(left.subtracting(right) == right.subtracting(left)?.negated)

      // Int64 × 10^8 cannot overflow Int128, so plain integer comparison is the oracle.
      let leftScaled = Int128(rawLeft) * powerOfTen(8 - leftScale)
      let rightScaled = Int128(rawRight) * powerOfTen(8 - rightScale)
      #expect((left < right) == (leftScaled < rightScaled))
      #expect((left == right) == (leftScaled == rightScaled))
      #expect(sum == ExactDecimal(significand: leftScaled + rightScaled, scale: 8))

      // Both significands are below 2^63, so the product fits and dividing it back is exact.
      let product = try #require(left.multiplied(by: right))
      if !right.isZero { #expect(product.divided(by: right) == left) }

      #expect(ExactDecimal(left.description) == left)
    }
  }

  // MARK: - Formatting

  @Test(arguments: [
    ("0", "0"),
    ("-0.0", "0"),
    ("1977000", "1977000"),
    ("-12.50", "-12.5"),
    ("1.05", "1.05"),
    ("0.05", "0.05"),
    ("-0.000000000000000000000000000001", "-0.000000000000000000000000000001"),
    ("-" + int128MaxText, "-" + int128MaxText),
  ])
  func description(value: String, expected: String) {
    #expect(dec(value).description == expected)
  }

  @Test(arguments: [
    ("1977000", "£1,977,000"),
    ("1977000.5", "£1,977,000.50"),
    ("1977000.50", "£1,977,000.50"),
    ("-5000", "-£5,000"),
    ("0", "£0"),
    ("999", "£999"),
    ("1000", "£1,000"),
    ("100000", "£100,000"),
    ("0.07", "£0.07"),
    ("-0.5", "-£0.50"),
    ("1234.005", "£1,234"),
    ("1234.015", "£1,234.02"),
    ("1234.025", "£1,234.02"),
    ("1234.0251", "£1,234.03"),
    ("1999.995", "£2,000"),
    ("-0.004", "£0"),
    ("0.33333333333333333333", "£0.33"),
    (int128MaxText, "£170,141,183,460,469,231,731,687,303,715,884,105,727"),
  ])
  func moneyText(value: String, expected: String) {
    #expect(dec(value).moneyText == expected)
  }

  /// Whole pounds that fit 64 bits are written by a path of their own; it must agree with the
  /// general one (grouped digits, sign before the `£`) at every length and at the limits.
  @Test(arguments: [
    0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 9999, 12345, 100000, 999_999, 1_000_000, -1_234_567, 12_311_000,
    999_999_999, 1_000_000_000, Int64.max, Int64.min + 1, Int64.min,
  ])
  func wholePoundsAgreeWithTheGeneralPath(pounds: Int64) {
    let general = (pounds < 0 ? "-£" : "£") + ExactDecimal(significand: Int128(pounds.magnitude), scale: 0).groupedText
    #expect(ExactDecimal(significand: Int128(pounds), scale: 0).moneyText == general)
    // One more than Int64 holds takes the general path, and reads the same way.
    let beyond = ExactDecimal(significand: Int128(Int64.max) + 1, scale: 0)
    #expect(beyond.moneyText == "£" + beyond.groupedText)
  }

  @Test(arguments: [
    ("0.05", "5%"),
    ("0.125", "12.5%"),
    ("1", "100%"),
    ("-0.1", "-10%"),
    ("0", "0%"),
    ("0.0005", "0.05%"),
    ("0.001", "0.1%"),
    ("12.3456", "1234.56%"),
    ("0.33333333333333333333", "33.333333333333333333%"),
    (int128MaxText, int128MaxText + "00%"),
  ])
  func percentText(value: String, expected: String) {
    #expect(dec(value).percentText == expected)
  }

  @Test(arguments: [
    ("1234567.5", "1,234,567.5"),
    ("1.05", "1.05"),
    ("0", "0"),
    ("999", "999"),
    ("1000", "1,000"),
    ("-1000.25", "-1,000.25"),
    ("12345", "12,345"),
    ("-123456", "-123,456"),
    ("0.000001", "0.000001"),
  ])
  func groupedText(value: String, expected: String) {
    #expect(dec(value).groupedText == expected)
  }
}
