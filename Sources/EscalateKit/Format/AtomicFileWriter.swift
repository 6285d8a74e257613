import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces a file's contents so that a reader sees the old file or the new one, never half of
/// one, even if escalate is stopped midway: the text goes to a temporary file in the same
/// directory (a rename across file systems would not be atomic), which is renamed over the file.
enum AtomicFileWriter {
  /// Writes `text` over the file at `path`, keeping its permissions; the diagnostic says why
  /// that failed, in which case the file is unchanged and no temporary file is left behind.
  static func replace(_ path: String, with text: String) -> Diagnostic? {
    // Through a symbolic link, the file linked to is rewritten and the link kept.
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    let directory = target.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
    let failed = { (reason: String) -> Diagnostic in
      try? FileManager.default.removeItem(at: temporary)
      return Diagnostic(.unreadableFile, "cannot write rule file '\(path)': \(reason)", at: nil)
    }
    do {
      try Data(text.utf8).write(to: temporary)
      let attributes = try FileManager.default.attributesOfItem(atPath: target.path)
      if let permissions = attributes[.posixPermissions] {
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
      }
    } catch {
      return failed(error.localizedDescription)
    }
    guard rename(temporary.path, target.path) == 0 else { return failed(String(cString: strerror(errno))) }
    return nil
  }
}
