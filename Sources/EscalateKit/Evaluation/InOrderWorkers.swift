import Foundation

/// Runs `work` for every index in `0..<count` on all cores, and hands each result to `consume`
/// on the calling thread in index order, so output assembled from the results does not depend
/// on scheduling.
///
/// At most `window` results are computed ahead of the one `consume` waits for, which bounds the
/// memory held in finished results; `consume` runs while the workers go on, so writing output
/// overlaps with computing it.
func inOrderWorkers<Result>(
  count: Int, window: Int, work: @escaping @Sendable (Int) -> Result, consume: (Result) -> Void
) {
  guard count > 0 else { return }
  let board = ResultBoard<Result>(count: count)
  let permits = DispatchSemaphore(value: max(window, 1))
  let workers = min(ProcessInfo.processInfo.activeProcessorCount, count)
  for _ in 0..<workers {
    DispatchQueue.global().async {
      while true {
        permits.wait()
        guard let index = board.claim() else {
          permits.signal()
          return
        }
        board.post(work(index), at: index)
      }
    }
  }
  for index in 0..<count {
    consume(board.take(index))
    permits.signal()
  }
}

/// Results by index, claimed in order by the workers and taken in order by the consumer; one
/// lock guards everything, and every access holds it.
private final class ResultBoard<Result>: @unchecked Sendable {
  private let condition = NSCondition()
  private var results: [Result?]
  private var nextClaim = 0

  init(count: Int) { results = Array(repeating: nil, count: count) }

  /// The next index to compute, or nil when all are claimed.
  func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    guard nextClaim < results.count else { return nil }
    nextClaim += 1
    return nextClaim - 1
  }

  func post(_ result: Result, at index: Int) {
    condition.lock()
    results[index] = result
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for the result at `index` and removes it from the board.
  func take(_ index: Int) -> Result {
    condition.lock()
    defer { condition.unlock() }
    while results[index] == nil { condition.wait() }
    defer { results[index] = nil }
    return results[index]!
  }
}
