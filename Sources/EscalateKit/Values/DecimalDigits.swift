/// Appends `number` in decimal to `bytes`, with leading zeros to at least `digits` digits:
/// written from the right into room on the stack, then appended in one piece, so that the
/// numbers and dates of a large run's output make no string.
func appendDecimal(_ number: UInt, digits: Int = 1, to bytes: inout [UInt8]) {
  withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
    var start = buffer.count
    var rest = number
    repeat {
      start -= 1
      buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
    } while rest > 0 || buffer.count - start < digits
    bytes.append(bytes: UnsafeBufferPointer(rebasing: buffer[start...]))
  }
}
