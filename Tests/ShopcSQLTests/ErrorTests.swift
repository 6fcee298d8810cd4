import Foundation
import ShopcSQL
import XCTest

final class ErrorTests: XCTestCase {
    private func assertError(
        _ sql: String, _ message: String, at offset: Int, file: StaticString = #filePath, line: UInt = #line
    ) {
        switch SQLParser.parseQuery(sql) {
        case .success(let query):
            XCTFail("expected an error, parsed:\n\(SQLPrinter.print(query))", file: file, line: line)
        case .failure(let error):
            XCTAssertEqual(error, SQLSyntaxError(message: message, offset: offset), file: file, line: line)
        }
    }

    func testMissingFromTarget() {
        assertError("select a from", "expected table name, found end of input", at: 13)
        assertError("select a from where x", "expected table name, found 'where'", at: 14)
    }

    func testUnterminatedLiterals() {
        assertError("select 'abc", "unterminated string literal", at: 7)
        assertError("select 'it''s", "unterminated string literal", at: 7)
        assertError("select \"abc from t", "unterminated quoted identifier", at: 7)
        assertError("select $$abc", "unterminated $$ string", at: 7)
        assertError("select a /* comment", "unterminated block comment", at: 9)
    }

    func testUnbalancedParentheses() {
        assertError("select (a + b from t", "expected ')', found 'from'", at: 14)
        assertError("select a from t)", "unexpected ')' after end of query", at: 15)
        assertError("select count(a from t", "expected ')' to close argument list of COUNT, found 'from'", at: 15)
    }

    func testMissingPieces() {
        assertError("SELECT FROM t", "expected expression, found 'FROM'", at: 7)
        assertError("select a, from t", "expected expression, found 'from'", at: 10)
        assertError("select a from t where", "expected expression, found end of input", at: 21)
        assertError("select a from t group a", "expected BY after GROUP, found 'a'", at: 22)
        assertError("select cast(a as) from t", "expected data type, found ')'", at: 16)
        assertError("select case when a then b from t", "expected END to close CASE, found 'from'", at: 26)
        assertError("select a from t union", "expected SELECT, found end of input", at: 21)
        assertError("", "expected SELECT, found end of input", at: 0)
        assertError("  -- only a comment", "expected SELECT, found end of input", at: 19)
        assertError(
            "with a as select 1 select 2",
            "expected '(' before common table expression query, found 'select'", at: 10)
        assertError("select a from t where a between 1 or 2", "expected AND in BETWEEN, found 'or'", at: 34)
        assertError("select a from t where a is 5", "expected NULL or DISTINCT FROM after IS, found '5'", at: 27)
    }

    func testTrailingGarbage() {
        assertError("select a from t garbage here", "unexpected 'here' after end of query", at: 24)
        assertError("select a from t; select b from u", "unexpected 'select' after end of query", at: 17)
    }

    func testInvalidTokensAndNames() {
        assertError("select a ! b", "unexpected character '!'", at: 9)
        assertError("select \"\" from t", "empty quoted identifier", at: 7)
        assertError("select * from a.b.c.d", "table name has more than 3 parts", at: 14)
        assertError("select x from t natural cross join u", "NATURAL cannot be combined with CROSS JOIN", at: 24)
        assertError("select a::number(x) from t", "expected integer type parameter, found 'x'", at: 17)
    }

    func testOffsetsAreUTF8Bytes() {
        // "é" is two bytes, so the unterminated string starts at byte 18 (character 17).
        assertError("select 'é' as a, 'x", "unterminated string literal", at: 18)
        assertError("select 'héllo' from", "expected table name, found end of input", at: 20)
    }

    func testDeepParenthesesAreRejectedWithoutCrashing() {
        let sql = "select " + String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        guard case .failure(let error) = SQLParser.parseQuery(sql) else {
            return XCTFail("1,000 nested parentheses should be rejected")
        }
        XCTAssertEqual(error.message, "nesting is deeper than 256 levels")
        XCTAssertGreaterThan(error.offset, 7)
        XCTAssertLessThan(error.offset, 7 + 300)
    }

    func testDeepSubqueriesAndUnaryOperatorsAreRejected() {
        let subqueries = String(repeating: "select * from (", count: 400) + "select 1" + String(repeating: ")", count: 400)
        guard case .failure(let first) = SQLParser.parseQuery(subqueries) else { return XCTFail("should fail") }
        XCTAssertEqual(first.message, "nesting is deeper than 256 levels")
        let nots = "select " + String(repeating: "not ", count: 5000) + "x"
        guard case .failure(let second) = SQLParser.parseQuery(nots) else { return XCTFail("should fail") }
        XCTAssertEqual(second.message, "nesting is deeper than 256 levels")
        let minus = "select " + String(repeating: "- ", count: 5000) + "1"
        guard case .failure(let third) = SQLParser.parseQuery(minus) else { return XCTFail("should fail") }
        XCTAssertEqual(third.message, "nesting is deeper than 256 levels")
    }

    func testOverlongChainsAreRejectedWithoutCrashing() {
        let message = "query is too deeply nested: more than 1000 levels of operators, joins and subqueries"
        // A flat run of one operator is one level (see HostileInputTests); alternating operators
        // nest, and so do set operators and joins.
        let alternating = "select " + (0..<5000).map { "a\($0)" + ($0 % 2 == 0 ? " + " : " - ") }.joined() + "b from t"
        guard case .failure(let first) = SQLParser.parseQuery(alternating) else { return XCTFail("should fail") }
        XCTAssertEqual(first.message, message)
        let unions = (0..<5000).map { "select \($0)" }.joined(separator: " union all ")
        guard case .failure(let second) = SQLParser.parseQuery(unions) else { return XCTFail("should fail") }
        XCTAssertEqual(second.message, message)
        let joins = "select * from t0" + (1..<5000).map { " join t\($0) using (id)" }.joined()
        guard case .failure(let third) = SQLParser.parseQuery(joins) else { return XCTFail("should fail") }
        XCTAssertEqual(third.message, message)
    }

    func testLongChainsWithinTheLimitRoundTrip() {
        let ors = "select * from t where " + (0..<500).map { "a = \($0)" }.joined(separator: " or ")
        guard case .success(let query) = SQLParser.parseQuery(ors) else { return XCTFail("500 operands should parse") }
        XCTAssertEqual(SQLParser.parseQuery(SQLPrinter.print(query)), .success(query))
        let unions = (0..<300).map { "select \($0)" }.joined(separator: " union all ")
        guard case .success(let union) = SQLParser.parseQuery(unions) else { return XCTFail("300 unions should parse") }
        XCTAssertEqual(SQLParser.parseQuery(SQLPrinter.print(union)), .success(union))
    }

    func testModerateNestingIsAccepted() {
        let sql = "select " + String(repeating: "(", count: 250) + "1" + String(repeating: ")", count: 250) + " from t"
        guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("250 levels should parse") }
        XCTAssertEqual(SQLParser.parseQuery(SQLPrinter.print(query)), .success(query))
    }

    func testHugeInListParsesQuickly() {
        let items = (0..<10_000).map { "'value_\($0)'" }.joined(separator: ", ")
        let sql = "select * from t where code in (" + items + ")"
        let start = Date()
        guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("huge IN list should parse") }
        let printed = SQLPrinter.print(query)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2.0)
        guard case .select(let select) = query.body, case .inList(_, let list, _, _)? = select.whereClause else {
            return XCTFail("expected an IN list")
        }
        XCTAssertEqual(list.count, 10_000)
        XCTAssertEqual(SQLParser.parseQuery(printed), .success(query))
    }
}
