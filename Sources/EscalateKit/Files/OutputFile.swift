import Foundation

/// A file a command writes: never one of the run's inputs, and replaced atomically, so that a
/// run stopped midway leaves the old file whole and a mistyped `-o` cannot destroy a return.
enum OutputFile {
  /// Writes `text` to `path`, unless `path` is one of `inputs` (by name, through symbolic links,
  /// or as a hard link to the same file). The diagnostic says why nothing was written.
  static func write(_ text: String, to path: String, inputs: [String?]) -> Diagnostic? {
    let target = identity(of: path)
    if let input = inputs.compactMap({ $0 }).first(where: { $0 != "-" && identity(of: $0) == target }) {
      return Diagnostic(
        .outputIsInput, "refusing to write '\(path)': it is the input '\(input)'", at: nil,
        hint: "write the output to another file; escalate never changes its inputs")
    }
    return AtomicFileWriter.replace(path, with: text, noun: "output")
  }

  /// The file's device and inode when it exists, otherwise its resolved path.
  private static func identity(of path: String) -> String {
    let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
      let device = attributes[.systemNumber], let inode = attributes[.systemFileNumber]
    {
      return "\(device):\(inode)"
    }
    return url.path
  }
}
