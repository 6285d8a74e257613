import Foundation
import Testing

@testable import EscalateKit

/// Runs the value tables of `docs/data.md`, so what it says each cell means is what escalate
/// reads: ```` ```cells TYPE ```` blocks of `cell | value` and ```` ```periods ```` blocks of
/// `text | start+months`.
@Suite struct DataDocTests {
  struct Line: Sendable, CustomTestStringConvertible {
    var block: String
    var input: String
    var expected: String
    var testDescription: String { "\(block): '\(input)' → \(expected)" }
  }

  static let lines: [Line] = {
    guard let doc = try? Repository.read("docs/data.md") else { return [] }
    var lines: [Line] = []
    var block: String?
    for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "```" {
        block = nil
      } else if line.hasPrefix("```cells ") || line == "```periods" {
        block = String(line.dropFirst(3))
      } else if let block {
        let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        lines.append(Line(block: block, input: parts[0], expected: parts.count > 1 ? parts[1] : "?"))
      }
    }
    return lines
  }()

  @Test func everyKindOfTableIsPresent() {
    #expect(Set(Self.lines.map(\.block)) == ["cells RAG", "cells Money", "cells Date", "periods"])
  }

  @Test(arguments: lines)
  func theDocumentedReadingHolds(_ line: Line) throws {
    let actual: String?
    switch line.block {
    case "periods":
      actual = Period(text: line.input[...])?.description
    default:
      let types: [String: ValueType] = ["cells RAG": .rag, "cells Money": .money, "cells Date": .date]
      let type = try #require(types[line.block])
      actual = CellParser.parse(line.input, as: type).map { $0.formatted(as: type) }
    }
    #expect((actual ?? "unreadable") == line.expected)
  }
}
