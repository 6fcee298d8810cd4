@testable import ShopcEmit
import XCTest

/// The UTF-8 line and whitespace edits give what the `Character`-based versions gave, `\r\n`
/// pairs and whitespace next to combining or prepended scalars included.
final class TextLinesTests: XCTestCase {
    static let samples = [
        "", "\n", "\n\n", "a", "a\n", "a\n\n\n", "\n\nSELECT 1\n  FROM t\n", "x\r\ny\n", "\r\n", " \r\n ", "a\r\n\n", "\n\r\nb",
        "  \t padded \t\n", " \u{301}x ", "x \u{301}", "\u{600} ", " \u{600}x", "é\n\nè", "line\n\n  indented\n", "--a\nb -- c",
        "\t\r\r\n\n", "x\n\u{301}y",
    ]

    func testMatchesCharacterBasedEdits() {
        for s in Self.samples {
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(s.indented(4), lines.map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n"), s.debugDescription)
            XCTAssertEqual(s.droppingFirstLine, lines.dropFirst().joined(separator: "\n"), s.debugDescription)
            var rest = lines
            while rest.first?.isEmpty == true { rest.removeFirst() }
            XCTAssertEqual(s.droppingLeadingBlankLines, rest.joined(separator: "\n"), s.debugDescription)
            XCTAssertEqual(String(s.lastLine), String(lines.last ?? ""), s.debugDescription)
            let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
            let trimmed = s.firstIndex { !isSpace($0) }.flatMap { a in s.lastIndex { !isSpace($0) }.map { String(s[a...$0]) } } ?? ""
            XCTAssertEqual(s.trimmingCharacters(), trimmed, s.debugDescription)
            var normalised = s
            while normalised.hasSuffix("\n\n") { normalised.removeLast() }
            if !normalised.hasSuffix("\n") { normalised += "\n" }
            XCTAssertEqual(ArtifactSet.endingWithOneNewline(s), normalised, s.debugDescription)
        }
    }
}

/// The UTF-8 escapers of the docs give what the `Character` and scalar versions gave.
final class DocsTextTests: XCTestCase {
    func testOneLineMatchesCharacterSplit() {
        for s in TextLinesTests.samples + ["a\tb", "  a  b  ", "a | b\n<i>", "x\r\ny", "\r", "é  è\n", "é\r\nè", "\r\n"] {
            let reference = s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
            XCTAssertEqual(DocsText.oneLine(s), reference, s.debugDescription)
        }
        XCTAssertEqual(DocsText.markdownCell("é | <b>&"), "é \\| &lt;b&gt;&amp;")
        // A Windows line break inside a description must not end a Markdown table row.
        XCTAssertEqual(DocsText.markdownCell("first\r\nsecond"), "first second")
        XCTAssertEqual(DocsText.markdownCell("naïve\r\nsecond"), "naïve second")
        XCTAssertEqual(DocsText.html("naïve 'x'"), "naïve &#39;x&#39;")
    }
}
