import XCTest

@testable import ShopcBase

/// Machine formats and the `explain` pages.
final class DiagnosticFormatTests: XCTestCase {
    func testEveryCodeHasAnExplanationPage() {
        var seen: Set<String> = []
        for code in DiagnosticCode.allCases {
            XCTAssertTrue(seen.insert(code.rawValue).inserted, "\(code.rawValue) is declared twice")
            XCTAssertNotNil(code.rawValue.wholeMatch(of: /SHP[0-9]{4}/), code.rawValue)
            XCTAssertFalse(code.summary.isEmpty, "\(code.rawValue) has no summary")
            XCTAssertGreaterThan(code.explanation.count, 40, "\(code.rawValue) has no real explanation page")
            XCTAssertEqual(DiagnosticCode(text: code.rawValue.lowercased()), code)
        }
    }

    func testGitHubAnnotationsEscapeDataAndProperties() {
        let d = Diagnostic.error(
            .unknownRef, "100% wrong\nsecond line\r\nthird", at: SourceLocation(file: "specs/a,b:c.yml", line: 3, column: 7),
            notes: [DiagnosticNote("did you mean 'x'?")])
        let text = DiagnosticRenderer(format: .github).render([d])
        XCTAssertEqual(text, "::error file=specs/a%2Cb%3Ac.yml,line=3,col=7,title=SHP3001::100%25 wrong%0Asecond line%0D%0Athird%0Anote: did you mean 'x'?\n")
        XCTAssertFalse(text.dropLast().contains("\n"), "one annotation is one line")
    }

    func testNoColorUnlessAskedFor() {
        let d = Diagnostic.error(.unknownRef, "unknown model", at: SourceLocation(file: "f.yml", line: 1, column: 1))
        XCTAssertFalse(DiagnosticRenderer(format: .text, color: false).render([d]).contains("\u{1B}["))
        XCTAssertTrue(DiagnosticRenderer(format: .text, color: true).render([d]).contains("\u{1B}["))
        XCTAssertFalse(DiagnosticRenderer(format: .github).render([d]).contains("\u{1B}["))
    }
}
