import Foundation

/// Who the pre-board email is from and to, and how it is marked.
public struct DigestOptions: Sendable {
  /// How to build the queue the message reports.
  public var queue: QueueOptions
  /// The sender, in the `From` header.
  public var from: MailAddress
  /// The recipients; with `perOwnerDirectory`, each owner is the recipient and these are copied in.
  public var to: [MailAddress]
  /// Addresses copied in; unused with `perOwnerDirectory`, where `to` is copied in instead.
  public var cc: [MailAddress]
  /// Replaces the subject escalate writes; the classification still goes in front.
  public var subject: String?
  /// The protective marking, e.g. OFFICIAL, at the start of the subject and the top and bottom
  /// of both bodies.
  public var classification: String?
  /// Where to write the message; standard output when nil.
  public var outputPath: String?
  /// Write one message per workstream owner, with only their entries, into this directory;
  /// `to` is then copied in on each.
  public var perOwnerDirectory: String?
  /// A CSV of `owner,email` for owners whose records have no `owner_email`.
  public var ownersPath: String?

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

  var inputPaths: [String?] { queue.inputPaths + [ownersPath] }
}

/// `escalate digest`: the escalation queue as one RFC 5322 / MIME message, plain text and HTML,
/// ready for `sendmail -t`.
public enum DigestCommand {
  /// The message is dated the morning of the report date, and its Message-ID derives from its
  /// content, so the same inputs give the same bytes.
  public static func run(_ options: DigestOptions) -> CommandResult {
    switch QueueCommand.build(options.queue) {
    case .failure(let failed): return failed.result
    case .success(let built) where options.perOwnerDirectory != nil:
      return perOwner(options, built)
    case .success(let built):
      let text: String
      switch message(options, queue: built.queue, to: options.to, cc: options.cc) {
      case .success(let rendered): text = rendered
      case .failure(let error):
        return CheckCommand.failure(built.diagnostics + [Diagnostic(.invalidMessage, "\(error)", at: nil)])
      }
      guard let path = options.outputPath else {
        return CommandResult(output: text, diagnostics: built.diagnostics, exitCode: 0)
      }
      if let problem = OutputFile.write(text, to: path, inputs: options.inputPaths) {
        return CheckCommand.failure(built.diagnostics + [problem])
      }
      return CommandResult(output: "", diagnostics: built.diagnostics, exitCode: 0)
    }
  }

  static func message(_ options: DigestOptions, queue: EscalationQueue, to: [MailAddress], cc: [MailAddress])
    -> Result<String, MIMEMessage.BuildError>
  {
    let renderer = DigestRenderer(classification: options.classification)
    let day = options.queue.check.reportDate
    let date = Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86_400 + 8 * 3_600)
    do throws(MIMEMessage.BuildError) {
      return .success(
        try MIMEMessage(
          from: options.from, to: to, cc: cc, subject: renderer.subject(queue, custom: options.subject), date: date,
          plainText: renderer.text(queue), html: renderer.html(queue)
        ).render())
    } catch {
      return .failure(error)
    }
  }

  /// One message per owner, with only the entries of their workstreams, written to
  /// `DIR/OWNER.eml`. Owners without an address are reported, not skipped silently.
  static func perOwner(_ options: DigestOptions, _ built: QueueCommand.Built) -> CommandResult {
    let directory = options.perOwnerDirectory!
    var diagnostics = built.diagnostics
    var addresses: [String: String] = [:]
    if let path = options.ownersPath {
      let (mapping, problems) = ownerAddresses(path)
      diagnostics += problems
      addresses = mapping
    }
    guard !diagnostics.hasErrors else { return CheckCommand.failure(diagnostics) }
    var owners: [String: String?] = [:]
    for entry in built.queue.entries {
      guard let owner = entry.context.owner else { continue }
      owners[owner] = owners[owner] ?? entry.context.ownerEmail ?? addresses[owner.lowercased()]
    }
    let unowned = built.queue.entries.count { $0.context.owner == nil }
    if unowned > 0 {
      diagnostics.append(
        Diagnostic(
          .invalidMessage, "\(unowned) queue entr\(unowned == 1 ? "y has" : "ies have") no owner and are in no message",
          at: nil, severity: .warning))
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      return CheckCommand.failure(diagnostics + [Diagnostic(.unreadableFile, "cannot create '\(directory)'", at: nil)])
    }
    var written: [String] = []
    for owner in owners.keys.sorted() {
      guard let text = owners[owner] ?? nil, let address = MailAddress(text) else {
        diagnostics.append(
          Diagnostic(
            .invalidMessage, "owner '\(owner)' has no usable email address; their entries are in no message", at: nil,
            hint: "give it in an owner_email column or in --owners FILE (owner,email)", severity: .warning))
        continue
      }
      var queue = built.queue
      for index in queue.forums.indices {
        queue.forums[index].entries.removeAll { $0.context.owner != owner }
      }
      queue.forums.removeAll { $0.entries.isEmpty }
      queue.waived.removeAll { $0.alert.alert.context.owner != owner }
      queue.resolved = []
      switch message(options, queue: queue, to: [address], cc: options.to) {
      case .failure(let error):
        diagnostics.append(Diagnostic(.invalidMessage, "\(error)", at: nil))
      case .success(let text):
        let path = (directory as NSString).appendingPathComponent(fileName(for: owner))
        if let problem = OutputFile.write(text, to: path, inputs: options.inputPaths) {
          diagnostics.append(problem)
        } else {
          written.append(path)
        }
      }
    }
    let status: Int32 = diagnostics.hasErrors ? 2 : 0
    return CommandResult(output: written.map { $0 + "\n" }.joined(), diagnostics: diagnostics, exitCode: status)
  }

  /// `Zoë Brontë` → `zoe-bronte.eml`: letters and digits kept (accents dropped), the rest a hyphen.
  static func fileName(for owner: String) -> String {
    let folded = owner.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    var name = ""
    for scalar in folded.unicodeScalars {
      if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
        name.unicodeScalars.append(scalar)
      } else if !name.hasSuffix("-") {
        name += "-"
      }
    }
    let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    return (trimmed.isEmpty ? "owner" : trimmed) + ".eml"
  }

  /// `owner,email` rows of a CSV file, keyed by the owner's name lowercased.
  static func ownerAddresses(_ path: String) -> ([String: String], [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      return ([:], [Diagnostic(.unreadableFile, "cannot read owners file '\(path)'", at: nil)])
    }
    var reader = CSVReader(bytes: [UInt8](data))
    var mapping: [String: String] = [:]
    do throws(CSVError) {
      let header = try reader.header().map(Schema.normalise)
      guard let owner = header.firstIndex(of: "owner"), let email = header.firstIndex(of: "email") else {
        return (
          [:],
          [
            Diagnostic(
              .missingColumn, "the owners file needs 'owner' and 'email' columns",
              at: .file(path: path, line: 1, column: 1))
          ]
        )
      }
      while let record = try reader.next() { mapping[record.fields[owner].lowercased()] = record.fields[email] }
    } catch {
      return ([:], [error.diagnostic(path: path)])
    }
    return (mapping, [])
  }
}
