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
/// Every file escalate writes goes through here: rule files rewritten by `fmt`, the queue's
/// state file, and the outputs of `report` and `digest`.
enum AtomicFileWriter {
  /// Writes `text` over the file at `path` (creating it if need be), keeping an existing file's
  /// permissions; the diagnostic says why that failed, in which case the file is unchanged and
  /// no temporary file is left behind. `noun` names the file in that diagnostic. `writing`
  /// writes the temporary file; tests replace it to fail midway, as a full disk would.
  static func replace(
    _ path: String, with text: String, noun: String = "file",
    writing: (Data, URL) throws -> Void = { try $0.write(to: $1) }
  ) -> Diagnostic? {
    // Through a symbolic link, the file linked to is rewritten and the link kept.
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    let directory = target.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
    let failed = { (reason: String) -> Diagnostic in
      try? FileManager.default.removeItem(at: temporary)
      return Diagnostic(.unreadableFile, "cannot write \(noun) '\(path)': \(reason)", at: nil)
    }
    do {
      try writing(Data(text.utf8), temporary)
      if let permissions = try? FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] {
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
      }
    } catch {
      return failed(error.localizedDescription)
    }
    guard rename(temporary.path, target.path) == 0 else { return failed(String(cString: strerror(errno))) }
    return nil
  }
}
