import Foundation

/// Byte buffers handed back once written, for the next piece of output.
///
/// A streamed check writes each segment's JSON Lines into a buffer of a couple of mebibytes,
/// which the main thread writes out and lets go. Freed, the buffer's pages went back to the
/// system (the allocator trims a thread's heap once enough of its top is free), and the next
/// segment's buffer faulted them in again: over a million alerts, 140,000 page faults and a
/// quarter of a second of system time.
final class BufferPool: @unchecked Sendable {
  private let lock = NSLock()
  private var buffers: [[UInt8]] = []
  private let capacity: Int
  private let limit: Int

  /// A pool of buffers with room for `capacity` bytes each, keeping at most `limit` free ones.
  init(capacity: Int, limit: Int) {
    self.capacity = capacity
    self.limit = limit
  }

  /// An empty buffer with room for the pool's capacity: a free one if there is one.
  func take() -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    // Bound straight from the pool, so that nothing else holds it: emptying a buffer that is
    // shared would allocate a new one.
    guard var bytes = buffers.popLast() else {
      return Array(unsafeUninitializedCapacity: capacity) { _, count in count = 0 }
    }
    bytes.removeAll(keepingCapacity: true)
    return bytes
  }

  /// Keeps `bytes` for a later ``take()``, unless enough are kept already. The caller must not
  /// write to its own copy again, or the pool's would be copied instead of reused.
  func recycle(_ bytes: [UInt8]) {
    lock.lock()
    if buffers.count < limit { buffers.append(bytes) }
    lock.unlock()
  }
}
