import EscalateKit
import Foundation
import Testing

/// `escalate digest`: the pre-board email, checked against a golden file and read back by an
/// independent parser (Python's email package).
@Suite struct DigestTests {
  static let arguments = [
    "digest", "--from", "Governance Office <governance@example.org>",
    "--to", "board.secretary@example.org,Zoë Brontë <zoe@example.org>", "--classification", "OFFICIAL",
    "--as-of", "2019-09-26", "examples/collaboration-2019-06.csv", "examples/collaboration-2019-09.csv",
  ]

  @Test func theSeedDigestMatchesItsGoldenFile() throws {
    let result = try CommandRunner.run(Self.arguments)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    Golden.check(result.stdout, against: "digest/collaboration-2019-09.eml")
    #expect(result.stdout.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 78 })
  }

  /// Parses the message with Python's standard email package and prints what a mail client would
  /// show: the decoded subject and recipients, then each part's type and decoded text.
  static func readBack(_ message: String) throws -> String {
    let path = try DataFileTests.temporaryFile(message, name: "digest.eml")
    let script = """
      import email, email.policy, sys
      message = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
      print('SUBJECT', message['Subject'])
      print('TO', message['To'])
      print('TYPE', message.get_content_type())
      for part in message.iter_parts():
          print('PART', part.get_content_type(), part['Content-Transfer-Encoding'])
          print(part.get_content())
      print('DEFECTS', len(message.defects) + sum(len(p.defects) for p in message.iter_parts()))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "python3 could not parse the message")
    // The parts' text keeps the message's CRLF line ends; compare as lines.
    return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
  }

  @Test func anIndependentParserReadsBothParts() throws {
    let parsed = try Self.readBack(try CommandRunner.run(Self.arguments).stdout)
    #expect(parsed.contains("SUBJECT [OFFICIAL] Pre-board check 26 Sep 2019: 0 critical, 15 new alerts for 3 forums\n"))
    #expect(parsed.contains("TO board.secretary@example.org, Zoë Brontë <zoe@example.org>\n"))
    #expect(parsed.contains("TYPE multipart/alternative\n"))
    #expect(parsed.contains("PART text/plain quoted-printable\nOFFICIAL\n\nPre-board check, 26 Sep 2019\n"))
    #expect(parsed.contains("HEXAGON  Op Hexagon [warning, new]\n"))
    #expect(parsed.contains("PART text/html quoted-printable\n<!DOCTYPE html>"))
    #expect(parsed.contains("<th scope=\"col\""))
    #expect(parsed.contains("DEFECTS 0\n"))
  }

  @Test func markupAndLongLinesInTheDataStayText() throws {
    let evil = #"<script>alert(1)</script> & "quotes" "# + String(repeating: "long ", count: 60)
    let header = "id,name,overall,escalated_to,narrative,period"
    let data = try DataFileTests.temporaryFile(
      header + "\nW1,\"\(evil.replacingOccurrences(of: "\"", with: "\"\""))\",R,,x,2024-Q3\n", name: "evil.csv")
    let rules = try DataFileTests.temporaryFile(
      "forum SCCB level 2 senior\nrule red {\n severity critical\n when overall == Red\n escalate to SCCB\n"
        + " message \"{name} is Red\"\n}\n", name: "red.rules")
    let result = try CommandRunner.run([
      "digest", "--rules", rules, "--from", "a@example.org", "--to", "b@example.org", "--subject",
      "Zoë’s £ check\r\nBcc: x@y",
      "--as-of", "2024-10-01", data,
    ])
    #expect(result.status == 0)
    let parsed = try Self.readBack(result.stdout)
    #expect(parsed.contains("SUBJECT Zoë’s £ check Bcc: x@y\n"), "a line break in the subject never starts a header")
    #expect(!result.stdout.contains("\r\nBcc:"))
    let html = try #require(parsed.components(separatedBy: "PART text/html").last)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    #expect(!html.contains("<script>"), "the plain-text part may show the text as it is; the HTML part never")
    #expect(result.stdout.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 78 })
  }

  @Test(arguments: [
    (["--from", "a@example.org"], "escalate: error: digest needs --from ADDRESS and --to ADDRESS[,ADDRESS...]"),
    (["--from", "not an address", "--to", "b@example.org"], "escalate: error: invalid address 'not an address'"),
    (["--from", "a@example.org", "--to", "b@example.org,"], "escalate: error: invalid address"),
  ])
  func invalidAddressesAreUsageErrors(options: [String], error: String) throws {
    let result = try CommandRunner.run(["digest"] + options + ["examples/quarterly-2019-q2.csv"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix(error))
  }
}

extension DigestTests {
  @Test func perOwnerMessagesHoldOnlyTheirEntries() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("owners-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let header = Schema.workstream.columns.map(\.name)
    func row(_ cells: [String: String]) -> String { header.map { cells[$0] ?? "" }.joined(separator: ",") + "\n" }
    let csv =
      header.joined(separator: ",") + "\n"
      + row(["id": "W1", "name": "One", "overall": "R", "owner": "Zoë Brontë", "owner_email": "zoe@example.org"])
      + row(["id": "W2", "name": "Two", "overall": "R", "owner": "Sam Khan"])
      + row(["id": "W3", "name": "Three", "overall": "R", "owner": "Ann Lee"])
    let data = try DataFileTests.temporaryFile(csv, name: "owned.csv")
    let owners = try DataFileTests.temporaryFile("owner,email\nsam khan,sam@example.org\n", name: "owners.csv")
    let result = try CommandRunner.run([
      "digest", "--from", "office@example.org", "--to", "office@example.org", "--per-owner", directory, "--owners",
      owners,
      "--as-of", "2024-10-01", data,
    ])
    #expect(result.status == 0)
    #expect(result.stdout == "\(directory)/sam-khan.eml\n\(directory)/zoe-bronte.eml\n")
    #expect(
      result.stderr
        == "warning: owner 'Ann Lee' has no usable email address; their entries are in no message [invalid-message]\n"
        + "  hint: give it in an owner_email column or in --owners FILE (owner,email)\n")
    let zoe = try Self.readBack(try String(contentsOfFile: directory + "/zoe-bronte.eml", encoding: .utf8))
    #expect(zoe.contains("TO zoe@example.org\n"))
    #expect(zoe.contains("W1  One [critical, new]"))
    #expect(!zoe.contains("W2  Two"))
  }
}
