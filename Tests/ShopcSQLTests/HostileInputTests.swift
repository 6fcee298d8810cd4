import ShopcSQL
import XCTest

/// Regression tests from the robustness corpus and fuzzing.
final class HostileInputTests: XCTestCase {
    func testInvisibleCharactersInNamesAreRejected() {
        for (sql, offset) in [("select \u{FEFF}1 as x", 7), ("select 1 as \u{FEFF}x", 12), ("select a\u{200B}b from t", 8), ("select a\u{A0}b", 8)] {
            guard case .failure(let error) = SQLParser.parseQuery(sql) else { return XCTFail("parsed: \(sql)") }
            XCTAssertTrue(error.message.hasPrefix("unexpected character U+"), error.message)
            XCTAssertEqual(error.offset, offset, sql)
        }
        // Letters of any script stay names.
        guard case .success(let query) = SQLParser.parseQuery("select café, 名前 from t") else { return XCTFail() }
        XCTAssertEqual(SQLPrinter.print(query), "SELECT\n    café,\n    名前\nFROM t")
    }

    func testHugeInListRoundTrips() throws {
        let items = (0..<20_000).map(String.init).joined(separator: ", ")
        let sql = "select a from t where a in (\(items))"
        guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("does not parse") }
        let printed = SQLPrinter.print(query)
        guard case .success(let again) = SQLParser.parseQuery(printed) else { return XCTFail("print does not parse") }
        XCTAssertEqual(again, query)
    }
}

/// Found by `scripts/fuzz sql`: a NUL before a digit was printed as `\0` followed by the digit,
/// which reads back as one octal escape.
final class FuzzRegressionTests: XCTestCase {
    func testNulBeforeADigitRoundTrips() {
        let sql = "select 'it''s', 'bab\\t', $$raw \u{0}\u{0}5'text'$$, 'a\\0007' from t"
        guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("does not parse") }
        let printed = SQLPrinter.print(query)
        XCTAssertTrue(printed.contains("'raw \\x00\\x005''text'''"), printed)
        guard case .success(let again) = SQLParser.parseQuery(printed) else { return XCTFail("print does not parse") }
        XCTAssertEqual(again, query)
    }
}

extension FuzzRegressionTests {
    /// Found by `scripts/fuzz sql`: `+ NOT x` parsed, then printed as `+(NOT x)`, which reads back
    /// with an extra parenthesized node.
    func testNotAsAnOperandIsRejectedAndDoubleNotRoundTrips() {
        for sql in ["select a + ++ NOT + b", "select - NOT x", "select a = NOT b", "select a + NOT b"] {
            guard case .failure(let error) = SQLParser.parseQuery(sql) else { return XCTFail("parsed: \(sql)") }
            XCTAssertTrue(error.message.hasPrefix("NOT cannot be the operand"), error.message)
        }
        for sql in ["select not not a", "select a from t where not a = 1 and not not (b or c)", "select not -a"] {
            guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("does not parse: \(sql)") }
            guard case .success(let again) = SQLParser.parseQuery(SQLPrinter.print(query)) else { return XCTFail("print does not parse") }
            XCTAssertEqual(again, query, SQLPrinter.print(query))
        }
    }
}

extension FuzzRegressionTests {
    /// Found by `scripts/fuzz sql`: `b * c -> d` parsed as `b * (c -> d)` and printed with
    /// parentheses that read back as an extra node.
    func testLambdaAsAnOperandIsRejected() {
        for sql in ["select a + b * c ->d / e % t", "select - x -> x", "select not x -> x"] {
            guard case .failure(let error) = SQLParser.parseQuery(sql) else { return XCTFail("parsed: \(sql)") }
            XCTAssertTrue(error.message.hasPrefix("a lambda cannot be the operand"), error.message)
        }
        let sql = "select filter(xs, x -> x > 1), transform(xs, (x, y) -> x + y) from t"
        guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("does not parse") }
        guard case .success(let again) = SQLParser.parseQuery(SQLPrinter.print(query)) else { return XCTFail("print does not parse") }
        XCTAssertEqual(again, query)
    }
}

extension FuzzRegressionTests {
    /// Found by `scripts/fuzz sql`: `a IS NULL + b` parsed as `(a IS NULL) + b` and printed with
    /// parentheses that read back as an extra node.
    func testArithmeticAfterAPredicateIsRejected() {
        for sql in ["select caelect IS NULL +b from t", "select a in (1) * 2", "select a not in (select 1) + 2"] {
            guard case .failure(let error) = SQLParser.parseQuery(sql) else { return XCTFail("parsed: \(sql)") }
            XCTAssertTrue(error.message.contains("cannot follow an IS, IN, BETWEEN or LIKE test"), error.message)
        }
        for sql in ["select a is null = true, a in (1) and b like 'x' or c between 1 and 2 from t", "select (a is null) + 1"] {
            guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("does not parse: \(sql)") }
            guard case .success(let again) = SQLParser.parseQuery(SQLPrinter.print(query)) else { return XCTFail("print does not parse") }
            XCTAssertEqual(again, query, SQLPrinter.print(query))
        }
    }
}
