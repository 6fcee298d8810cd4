import Foundation
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

/// Flat chains of one operator, as a template loop writes them (`{% for %} … OR {% endfor %}`).
final class FlatChainTests: XCTestCase {
    /// Runs `body` on a thread with a 512 KiB stack (a secondary thread's default), so a pass
    /// that recursed once per operand would crash the test instead of passing on the main stack.
    static func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
    }

    func testThousandsOfOperandsParseFlatAndRoundTrip() {
        for op in ["OR", "AND", "||", "+", "*"] {
            let operands = (0..<5000).map { op == "OR" || op == "AND" ? "(a = \($0))" : "a\($0)" }
            let sql = "select " + operands.joined(separator: " \(op.lowercased()) ") + " as x from t"
            Self.onSmallStack {
                guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("\(op): does not parse") }
                guard case .select(let select) = query.body, case .expression(.chain(let parsedOp, let items, let range), _, _)? = select.items.first else {
                    return XCTFail("\(op): expected one flat chain")
                }
                XCTAssertEqual(parsedOp.rawValue, op)
                XCTAssertEqual(items.count, 5000)
                XCTAssertEqual(range.start, 7)
                let printed = SQLPrinter.print(query)
                XCTAssertEqual(SQLParser.parseQuery(printed), .success(query), op)
                XCTAssertEqual(Set([query, query]).count, 1)
            }
        }
    }

    func testLongWhereChainBreaksOneOperandPerLine() {
        let sql = "select a from t where " + (0..<5000).map { "a = \($0)" }.joined(separator: " or ")
        guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("does not parse") }
        let lines = SQLPrinter.print(query).split(separator: "\n")
        XCTAssertEqual(lines.count, 3 + 5000)
        XCTAssertEqual(lines[3], "WHERE a = 0")
        XCTAssertEqual(lines[4], "    OR a = 1")
        XCTAssertEqual(lines.last, "    OR a = 4999")
    }

    func testShortChainsKeepTheirShape() {
        let cases: [(String, String)] = [
            ("a + b", "binary"), ("a + b + c", "chain"), ("a - b - c", "binary"), ("a + b - c + d", "binary"),
            ("(a + b) + c", "binary"), ("a OR b AND c OR d", "chain"), ("a || b || c || d", "chain"),
        ]
        for (sql, shape) in cases {
            guard case .success(let expr) = SQLParser.parseExpression(sql) else { return XCTFail(sql) }
            switch expr {
            case .binary: XCTAssertEqual(shape, "binary", sql)
            case .chain: XCTAssertEqual(shape, "chain", sql)
            default: XCTFail(sql)
            }
            XCTAssertEqual(SQLPrinter.print(expr), sql)
        }
        // `a + b + c - d` is `(a + b + c) - d`: the chain is the left operand.
        guard case .success(.binary(.minus, .chain(.plus, let items, let range), _, _)) = SQLParser.parseExpression("a + b + c - d") else {
            return XCTFail("expected a chain under the minus")
        }
        XCTAssertEqual(items.count, 3)
        XCTAssertEqual(range, SourceRange(start: 0, end: 9))
    }

    func testRealNestingIsStillLimited() {
        let parentheses = "select " + (0..<400).map { "a\($0) or (" }.joined() + "b" + String(repeating: ")", count: 400)
        guard case .failure(let first) = SQLParser.parseQuery(parentheses) else { return XCTFail("should fail") }
        XCTAssertEqual(first.message, "nesting is deeper than 256 levels")
        let subqueries = "select " + String(repeating: "a or (select ", count: 300) + "1" + String(repeating: ")", count: 300)
        guard case .failure(let second) = SQLParser.parseQuery(subqueries) else { return XCTFail("should fail") }
        XCTAssertEqual(second.message, "nesting is deeper than 256 levels")
        // Each level may hold a long chain (an operand in parentheses is two levels: the operand
        // and the parenthesized expression).
        let wide = "select " + (0..<100).map { _ in (0..<50).map { "a\($0)" }.joined(separator: " or ") + " or (" }.joined()
            + "b" + String(repeating: ")", count: 100)
        guard case .success(let query) = SQLParser.parseQuery(wide) else { return XCTFail("100 levels of 50 operands should parse") }
        XCTAssertEqual(SQLParser.parseQuery(SQLPrinter.print(query)), .success(query))
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
