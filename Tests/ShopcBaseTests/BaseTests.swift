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
        // FIPS 180-2's million 'a's: many whole blocks hashed in place, then the padding block.
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // 768 bytes (a block multiple: the padding takes a block of its own); digest from hashlib.
        XCTAssertEqual(SHA256.hex((0..<768).map { UInt8($0 % 256) }), "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363")
        XCTAssertEqual(SHA256.hex("abc"), SHA256.hex(Array("abc".utf8)))
        // Lengths around the block and padding boundaries.
        let expected = [
            55: "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09",
            56: "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d",
            63: "30b345906b493f06f69444b6521113511c242f30e29840462950035043682f1e",
            64: "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0",
            65: "1ee23b0fbcaecc1aff4a9e8f1645f35ab2c8e13609cd73b68df8b5e3f63ce073",
            119: "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8",
            120: "655250427d56b1b0eeb8497d21428704273458a01772d6881b65c0abac0f8a98",
            1000: "89f4ff56a25dd1db06a4ce6033603775d705fb96f30f8693733fef602a1ca532",
        ]
        for (count, digest) in expected {
            let bytes = (0..<count).lazy.map { UInt8(truncatingIfNeeded: $0 * 7) }
            XCTAssertEqual(SHA256.hex(Array(bytes)), digest, "\(count) bytes")
        }
    }

    func testJSONKeysSortByTheirUTF8Bytes() {
        // The order of Foundation's `.sortedKeys`: byte order of the UTF-8, a prefix first.
        let keys = ["b", "a", "ab", "é", "z", "", "Z", "model.m_10", "model.m_1", "ä", "a\u{301}", "\u{1F600}"]
        let expected = keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        XCTAssertEqual(keys.sorted(by: StableJSON.Writer.utf8Precedes), expected)
        XCTAssertEqual(expected.prefix(4), ["", "Z", "a", "ab"])
        XCTAssertFalse(StableJSON.Writer.utf8Precedes("same", "same"))
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
