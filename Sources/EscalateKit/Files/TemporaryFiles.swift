import Foundation

/// The temporary files escalate has made and not yet removed, so that a run that must end early
/// (its output closed, or interrupted) can remove them before it exits rather than leave them in
/// the temporary directory.
public final class TemporaryFiles: @unchecked Sendable {
  /// The files of this process.
  public static let shared = TemporaryFiles()

  private let lock = NSLock()
  private var paths: Set<String> = []

  /// Notes a file just made.
  func register(_ path: String) {
    lock.withLock { _ = paths.insert(path) }
  }

  /// Removes a file made earlier.
  func remove(_ path: String) {
    lock.withLock { _ = paths.remove(path) }
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Removes every file not yet removed: for a process about to exit early.
  public func removeAll() {
    let all = lock.withLock {
      defer { paths.removeAll() }
      return paths
    }
    for path in all { try? FileManager.default.removeItem(atPath: path) }
  }
}
