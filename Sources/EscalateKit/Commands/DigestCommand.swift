import Foundation

/// Who the pre-board email is from and to, and how it is marked.
public struct DigestOptions: Sendable {
  public var queue: QueueOptions
  public var from: MailAddress
  public var to: [MailAddress]
  public var cc: [MailAddress]
  /// Replaces the subject escalate writes; the classification still goes in front.
  public var subject: String?
  /// The protective marking, e.g. OFFICIAL, at the start of the subject and the top and bottom
  /// of both bodies.
  public var classification: String?
  /// Where to write the message; standard output when nil.
  public var outputPath: String?

  /// Creates options.
  public init(
    queue: QueueOptions, from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String? = nil,
    classification: String? = nil, outputPath: String? = nil
  ) {
    self.queue = queue
    self.from = from
    self.to = to
    self.cc = cc
    self.subject = subject
    self.classification = classification
    self.outputPath = outputPath
  }
}

/// `escalate digest`: the escalation queue as one RFC 5322 / MIME message, plain text and HTML,
/// ready for `sendmail -t`.
public enum DigestCommand {
  /// The message is dated the morning of the report date, and its Message-ID derives from its
  /// content, so the same inputs give the same bytes.
  public static func run(_ options: DigestOptions) -> CommandResult {
    switch QueueCommand.build(options.queue) {
    case .failure(let failed): return failed.result
    case .success(let built):
      let renderer = DigestRenderer(classification: options.classification)
      let day = options.queue.check.reportDate
      let date = Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86_400 + 8 * 3_600)
      let message: MIMEMessage
      do throws(MIMEMessage.BuildError) {
        message = try MIMEMessage(
          from: options.from, to: options.to, cc: options.cc,
          subject: renderer.subject(built.queue, custom: options.subject), date: date,
          plainText: renderer.text(built.queue), html: renderer.html(built.queue))
      } catch {
        return CheckCommand.failure(built.diagnostics + [Diagnostic(.invalidMessage, "\(error)", at: nil)])
      }
      let text = message.render()
      guard let path = options.outputPath else {
        return CommandResult(output: text, diagnostics: built.diagnostics, exitCode: 0)
      }
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        return CheckCommand.failure(
          built.diagnostics + [
            Diagnostic(.unreadableFile, "cannot write '\(path)': \(error.localizedDescription)", at: nil)
          ])
      }
      return CommandResult(output: "", diagnostics: built.diagnostics, exitCode: 0)
    }
  }
}
