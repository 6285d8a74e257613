import Testing

@testable import EscalateKit

/// A data value in a Markdown table cell stays one cell of plain text.
@Suite struct MarkdownEscapingTests {
  @Test(arguments: [
    ("Payroll", "Payroll"),
    ("a|b", "a\\|b"),
    ("a|\u{301}b", "a\\|\u{301}b"),  // one Character, still a pipe to a Markdown renderer
    ("two\r\nlines\nand\rthree", "two lines and three"),
    ("[link](x) ![img](y)", "\\[link\\](x) \\!\\[img\\](y)"),
    ("# *b* _i_ `c` <b> \\", "\\# \\*b\\* \\_i\\_ \\`c\\` \\<b\\> \\\\"),
    ("Café £5m", "Café £5m"),
  ])
  func cellsAreEscaped(text: String, cell: String) {
    #expect(markdownCell(text) == cell)
  }
}
