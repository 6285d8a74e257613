extension [UInt8] {
  /// Appends `count` bytes that `write` initializes, all of them, at the pointer it is given.
  ///
  /// The array's storage is checked and grown once, and the bytes written in place: text output
  /// appends a dozen pieces for each alert of a large run, and `append(contentsOf:)` takes each
  /// through the general copying of a sequence, which cost more than the copying itself.
  @inline(__always)
  mutating func append(count: Int, writing write: (UnsafeMutablePointer<UInt8>) -> Void) {
    guard count > 0 else { return }
    append(addingCapacity: count) { span in
      span.withUnsafeMutableBufferPointer { room, initialized in
        write(room.baseAddress.unsafelyUnwrapped)
        initialized = count
      }
    }
  }

  /// Appends `bytes`, as ``append(count:writing:)`` does.
  @inline(__always)
  mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    append(count: bytes.count) { $0.initialize(from: source, count: bytes.count) }
  }
}

extension String {
  /// Appends the string's UTF-8 to `bytes`, from its storage where it has it in one piece (a
  /// native string always does), else from a contiguous copy.
  func appendUTF8(to bytes: inout [UInt8]) {
    if utf8.withContiguousStorageIfAvailable({ bytes.append(bytes: $0) }) == nil {
      var copy = self
      copy.withUTF8 { bytes.append(bytes: $0) }
    }
  }
}
