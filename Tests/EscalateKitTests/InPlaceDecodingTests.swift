import Foundation
import Testing

@testable import EscalateKit

/// The cells of a CSV row are decoded from their bytes (``TableSource/selectSpans(_:)``):
/// amounts, dates and ratings without a string where they are plain, text through one made from
/// its span. Every cell must decode, or be reported unreadable, as it is from the reader's string.
@Suite struct InPlaceDecodingTests {
  static let amounts = [
    "0", "-1200", "12311000", "£1.2m", "\"£1,977,000\"", "\"1,200\"", "\"12\"", "\"1\"\"2\"", "", " ", " 12 ",
    "\"(5,000)\"", "nil", "TBC", "abc", "1234567890123456789", "Café",
  ]
  static let dates = [
    "2024-10-01", "2024-02-29", "2023-02-29", "2024-02-30", " 2024-10-01", "\"2024-10-01\"", "19th March 2020",
    "1/10/2024", "", "soon",
  ]
  static let ratings = [
    "R", "A", "G", "Red", " red ", "Grey", "TBC", "N/A", "Purple", "", "\"G\"", "\"\"\"G\"\"\"", "é",
  ]
  static let texts = [
    "Name", " padded ", "", " ", "\"Quoted, with a comma\"", "\"Said \"\"no\"\"\"", "Café – £5k", "\"Two\r\nlines\"",
    "\"\"",
  ]

  /// A return whose typed cells take every spelling above, in turn.
  static func csv() -> [UInt8] {
    var lines = [StreamingTests.header]
    let count = max(amounts.count, dates.count, ratings.count, texts.count)
    for index in 0..<count {
      let amount = amounts[index % amounts.count]
      let date = dates[index % dates.count]
      let rating = ratings[index % ratings.count]
      let other = ratings[(index + 3) % ratings.count]
      let text = texts[index % texts.count]
      var cells = ["WS-\(index)", text, texts[(index + 1) % texts.count], "2024-Q3", rating, other, rating, other]
      cells += [rating, other, text, amount, amounts[(index + 1) % amounts.count], amount, amount, "7", amount]
      cells += ["\"3\"", date, dates[(index + 2) % dates.count], texts[(index + 2) % texts.count], text]
      lines.append(cells.joined(separator: ","))
    }
    return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  /// Every record decoded through `source`, with its unreadable cells.
  static func decodeAll(inPlace: Bool) throws -> [([Value], [UnreadableCell])] {
    let schema = Schema.workstream
    let path = try StreamingTests.write("", name: "data.csv")
    try Data(csv()).write(to: URL(fileURLWithPath: path))
    // Small chunks, so records are also decoded after being read again across a chunk's end.
    guard case .success(var source)? = ChunkedCSVSource.open(path: path, delimiter: UInt8(ascii: ","), chunkSize: 999)
    else {
      Issue.record("the file did not open")
      return []
    }
    var decoder = try #require(
      RecordDecoder.make(path: "data.csv", header: source.header, schema: schema, columns: nil).decoder)
    let count = source.header.count
    if inPlace {
      source.selectSpans(decoder.fieldMask(count: count))
    } else {
      source.select(decoder.fieldMask(count: count))
    }
    var decoded: [([Value], [UnreadableCell])] = []
    while let row = try source.next() {
      let record: DecodedRecord
      if inPlace, case .csv(let csv, let bytes, _) = row.cells {
        record = bytes.withUnsafeBufferPointer { bytes in
          csv.spans.withUnsafeBufferPointer {
            decoder.decode(row.fields, line: row.line, cells: ($0, bytes), locate: row.locate)
          }
        }
      } else {
        record = decoder.decode(row.fields, line: row.line, cells: nil, locate: row.locate)
      }
      decoded.append((record.record.values, record.unreadable))
    }
    return decoded
  }

  @Test func cellsDecodeFromTheirBytesAsFromTheirStrings() throws {
    let fromBytes = try Self.decodeAll(inPlace: true)
    let fromStrings = try Self.decodeAll(inPlace: false)
    #expect(fromBytes.count == max(Self.amounts.count, Self.dates.count, Self.ratings.count, Self.texts.count))
    #expect(fromBytes.count == fromStrings.count)
    for (index, (bytes, strings)) in zip(fromBytes, fromStrings).enumerated() {
      #expect(bytes.0 == strings.0, "record \(index): values")
      #expect(bytes.1 == strings.1, "record \(index): unreadable cells")
    }
    // The spellings above do include unreadable cells, so reporting them is compared too.
    #expect(fromStrings.contains { !$0.1.isEmpty })
  }
}
