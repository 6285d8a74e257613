import Testing

@testable import EscalateKit

/// A streamed check recycles its output buffers so that their pages are not given back and
/// faulted in again for every segment.
@Suite struct BufferPoolTests {
  @Test func aRecycledBufferComesBackEmptyWithItsRoom() {
    let pool = BufferPool(capacity: 1 << 16, limit: 1)
    var first = pool.take()
    #expect(first.isEmpty && first.capacity >= 1 << 16)
    first.append(contentsOf: [1, 2, 3])
    let storage = first.withUnsafeBufferPointer { $0.baseAddress }
    pool.recycle(first)
    first = []
    let again = pool.take()
    #expect(again.isEmpty && again.capacity >= 1 << 16)
    #expect(again.withUnsafeBufferPointer { $0.baseAddress } == storage)
  }

  @Test func itKeepsNoMoreThanItsLimit() {
    let pool = BufferPool(capacity: 64, limit: 1)
    var small = pool.take()
    small.reserveCapacity(4096)
    small.append(1)
    let storage = small.withUnsafeBufferPointer { $0.baseAddress }
    var large: [UInt8] = [2]
    large.reserveCapacity(1 << 20)
    pool.recycle(small)
    pool.recycle(large)
    (small, large) = ([], [])
    let kept = pool.take()
    #expect(kept.isEmpty && kept.withUnsafeBufferPointer { $0.baseAddress } == storage)
    // The large one was not kept, so the next is a fresh buffer of the pool's own size.
    #expect(pool.take().capacity < 1 << 20)
  }
}
