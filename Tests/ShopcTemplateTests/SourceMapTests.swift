import ShopcBase
import ShopcTemplate
import XCTest

/// Output bytes map back to template positions.
final class SourceMapTests: XCTestCase {
    func loc(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "models/m.yml", line: line, column: column) }

    func testLiteralBytesMapExactlyAndExpressionsToTheirStart() throws {
        // Text: line 1 "ab", line 2 "é {{  x }}cd"; x is at text 2:7.
        let result = try runTemplate("ab\né {{  x }}cd", globals: ["x": .string("XYZ")]).get()
        XCTAssertEqual(result.text, "ab\né XYZcd")
        let map = result.sourceMap
        XCTAssertEqual(map.location(ofByte: 0), loc(10, 5))
        XCTAssertEqual(map.location(ofByte: 1), loc(10, 6))
        XCTAssertEqual(map.location(ofByte: 2), loc(10, 7))  // the newline
        XCTAssertEqual(map.location(ofByte: 3), loc(11, 5))  // é (2 bytes)
        XCTAssertEqual(map.location(ofByte: 5), loc(11, 6))  // space
        for byte in 6...8 { XCTAssertEqual(map.location(ofByte: byte), loc(11, 11)) }  // XYZ -> x
        XCTAssertEqual(map.location(ofByte: 9), loc(11, 15))  // c
        XCTAssertEqual(map.location(ofByte: 10), loc(11, 16))  // d
    }

    func testLoopsAndStrippedWhitespace() throws {
        let result = try runTemplate("{% for i in [1, 2] -%}\n  a{{ i }}\n{%- endfor %}").get()
        XCTAssertEqual(result.text, "a1a2")
        let map = result.sourceMap
        XCTAssertEqual(map.location(ofByte: 0), loc(11, 7))  // first "a" (after the stripped "  ")
        XCTAssertEqual(map.location(ofByte: 1), loc(11, 11))  // "1" -> `i`
        XCTAssertEqual(map.location(ofByte: 2), loc(11, 7))  // second "a"
        XCTAssertEqual(map.location(ofByte: 3), loc(11, 11))
    }

    func testSetBlockOutputMapsToItsUse() throws {
        let result = try runTemplate("{% set s %}abc{% endset %}>{{ s }}").get()
        XCTAssertEqual(result.text, ">abc")
        XCTAssertEqual(result.sourceMap.location(ofByte: 0), loc(10, 31))
        XCTAssertEqual(result.sourceMap.location(ofByte: 2), loc(10, 35))
    }

    func testEmptyOutput() throws {
        let result = try runTemplate("{% if false %}x{% endif %}").get()
        XCTAssertEqual(result.text, "")
        XCTAssertEqual(result.sourceMap.location(ofByte: 0), loc(10, 5))
    }
}
