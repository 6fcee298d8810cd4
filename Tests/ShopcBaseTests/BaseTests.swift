import ShopcBase
import XCTest

final class BaseTests: XCTestCase {
    func testParallelMapKeepsOrderAndBothRunsTwoStages() {
        let items = Array(0..<1000)
        XCTAssertEqual(Parallel.map(items) { $0 * 2 }, items.map { $0 * 2 })
        let (a, b) = Parallel.both({ Parallel.map(items) { $0 + 1 } }, { Parallel.map(items) { String($0) } })
        XCTAssertEqual(a, items.map { $0 + 1 })
        XCTAssertEqual(b, items.map { String($0) })
        let (x, (y, z)) = Parallel.both({ 1 }, { Parallel.both({ "two" }, { [3] }) })
        XCTAssertEqual(x, 1)
        XCTAssertEqual(y, "two")
        XCTAssertEqual(z, [3])
    }

    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testSuggestionFindsCloseNamesOnly() {
        XCTAssertEqual(Suggestion.closest(to: "stg_ordrs", in: ["stg_orders", "stg_payments"]), "stg_orders")
        XCTAssertEqual(Suggestion.closest(to: "MATERIALISED", in: ["materialized", "schema"]), "materialized")
        XCTAssertNil(Suggestion.closest(to: "zzz", in: ["stg_orders"]))
        XCTAssertNil(Suggestion.closest(to: "a", in: []))
    }

    func testTextOriginMapsBlockAndInlinePositions() {
        let block = TextOrigin(file: "specs/m.yml", layout: .block(firstLine: 10, indent: 6))
        XCTAssertEqual(block.location(line: 1, column: 1), SourceLocation(file: "specs/m.yml", line: 10, column: 7))
        XCTAssertEqual(block.location(line: 3, column: 5), SourceLocation(file: "specs/m.yml", line: 12, column: 11))
        let inline = TextOrigin(file: "specs/m.yml", layout: .inline(line: 4, column: 10))
        XCTAssertEqual(inline.location(line: 1, column: 3), SourceLocation(file: "specs/m.yml", line: 4, column: 12))
        XCTAssertEqual(TextOrigin(file: "a.sql", layout: .wholeFile).location(line: 2, column: 2), SourceLocation(file: "a.sql", line: 2, column: 2))
    }

    func testLineTableCountsScalars() {
        let table = LineTable("ab\ncé d\n")
        XCTAssertTrue(table.position(ofByte: 0) == (1, 1))
        XCTAssertTrue(table.position(ofByte: 3) == (2, 1))
        // 'é' is two bytes; the space after it is the third scalar of line 2.
        XCTAssertTrue(table.position(ofByte: 6) == (2, 3))
    }

    func testRenderersEscapeAndSort() {
        var d = Diagnostics()
        d.error(.unknownRef, "unknown model 'x'", at: SourceLocation(file: "b.yml", line: 2, column: 3), notes: [DiagnosticNote("did you mean 'y'?")])
        d.error(.cycle, "a, b: 100%\nsecond line", at: SourceLocation(file: "a.yml", line: 1, column: 1))
        let sorted = d.sorted
        XCTAssertEqual(sorted.map(\.code), [.cycle, .unknownRef])
        XCTAssertEqual(DiagnosticRenderer(format: .text).render([sorted[1]]), "b.yml:2:3: error: unknown model 'x' [SHP3001]\n  note: did you mean 'y'?\n")
        XCTAssertEqual(
            DiagnosticRenderer(format: .github).render([sorted[0]]),
            "::error file=a.yml,line=1,col=1,title=SHP3004::a, b: 100%25%0Asecond line\n")
        XCTAssertTrue(DiagnosticRenderer(format: .json).render(sorted).contains("\"errors\" : 2"))
    }

    func testEveryCodeHasAnExplanationAndUniqueValue() {
        let values = DiagnosticCode.allCases.map(\.rawValue)
        XCTAssertEqual(Set(values).count, values.count)
        for code in DiagnosticCode.allCases {
            XCTAssertTrue(code.rawValue.hasPrefix("SHP") && code.rawValue.count == 7, code.rawValue)
            XCTAssertFalse(code.summary.isEmpty)
            XCTAssertGreaterThan(code.explanation.count, 30)
        }
        XCTAssertEqual(DiagnosticCode(text: "shp3001"), .unknownRef)
    }
}
