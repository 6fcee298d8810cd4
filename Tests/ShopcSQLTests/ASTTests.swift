import Foundation
import ShopcSQL
import XCTest

/// Shape of the parsed tree: precedence, identifiers and source ranges.
final class ASTTests: XCTestCase {
    private func select(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> Select? {
        guard case .success(let query) = SQLParser.parseQuery(sql), case .select(let select) = query.body else {
            XCTFail("expected a plain select: \(sql)", file: file, line: line)
            return nil
        }
        return select
    }

    private func firstExpr(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> Expr? {
        guard let select = select(sql, file: file, line: line),
            case .expression(let expr, _, _)? = select.items.first
        else { return nil }
        return expr
    }

    func testArithmeticPrecedence() {
        guard case .binary(.plus, _, .binary(.multiply, _, _, _), _)? = firstExpr("select a + b * c") else {
            return XCTFail("* must bind tighter than +")
        }
        guard case .binary(.minus, .binary(.minus, _, _, _), _, _)? = firstExpr("select a - b - c") else {
            return XCTFail("- must be left associative")
        }
        guard case .unary(.minus, .cast, _)? = firstExpr("select -a::int") else {
            return XCTFail(":: must bind tighter than unary minus")
        }
    }

    func testLogicalPrecedence() {
        guard case .binary(.or, _, .binary(.and, _, _, _), _)? = firstExpr("select a or b and c") else {
            return XCTFail("AND must bind tighter than OR")
        }
        guard case .binary(.and, .unary(.not, .binary(.equal, _, _, _), _), _, _)? = firstExpr("select not a = 1 and b") else {
            return XCTFail("NOT binds looser than = and tighter than AND")
        }
        guard case .between(_, _, _, false, _)? = firstExpr("select a between 1 and 2") else {
            return XCTFail("BETWEEN consumes its AND")
        }
        guard case .binary(.and, .between, .column, _)? = firstExpr("select a between 1 and 2 and c") else {
            return XCTFail("AND after BETWEEN belongs to the outer expression")
        }
    }

    func testSetOperationPrecedence() {
        guard case .success(let query) = SQLParser.parseQuery("select 1 union select 2 intersect select 3"),
            case .setOperation(let top) = query.body, top.op == .union,
            case .setOperation(let right) = top.right, right.op == .intersect
        else { return XCTFail("INTERSECT must bind tighter than UNION") }
    }

    func testIdentifierNormalization() {
        XCTAssertEqual(Identifier("Orders").normalized, "ORDERS")
        XCTAssertEqual(Identifier("Orders", quoted: true).normalized, "Orders")
        XCTAssertEqual(Identifier("orders"), Identifier("ORDERS"))
        XCTAssertNotEqual(Identifier("ORDERS"), Identifier("ORDERS", quoted: true))
        guard let select = select("select \"My Col\" from Db.Sch.Tbl"),
            case .table(let table)? = select.from.first,
            case .expression(.column(let column), _, _)? = select.items.first
        else { return XCTFail("unexpected shape") }
        XCTAssertEqual(table.name.parts.map(\.name), ["Db", "Sch", "Tbl"])
        XCTAssertEqual(table.name.parts.map(\.normalized), ["DB", "SCH", "TBL"])
        XCTAssertEqual(column.parts.first?.name, "My Col")
        XCTAssertEqual(column.parts.first?.quoted, true)
    }

    func testSourceRanges() {
        let sql = "select o.amount * 2 as doubled from shop.orders o where o.id = 1"
        guard let select = select(sql),
            case .expression(let expr, let alias, let itemRange)? = select.items.first,
            case .binary(_, .column(let column), .literal(let literal), let exprRange) = expr,
            case .table(let table)? = select.from.first,
            let condition = select.whereClause
        else { return XCTFail("unexpected shape") }
        let bytes = Array(sql.utf8)
        func text(_ range: SourceRange) -> String { String(decoding: bytes[range.start..<range.end], as: UTF8.self) }
        XCTAssertEqual(text(itemRange), "o.amount * 2 as doubled")
        XCTAssertEqual(text(exprRange), "o.amount * 2")
        XCTAssertEqual(text(column.range), "o.amount")
        XCTAssertEqual(text(literal.range), "2")
        XCTAssertEqual(alias.map { text($0.range) }, "doubled")
        XCTAssertEqual(text(table.range), "shop.orders o")
        XCTAssertEqual(text(table.name.range), "shop.orders")
        XCTAssertEqual(text(condition.range), "o.id = 1")
        XCTAssertEqual(text(select.range), sql)
    }

    func testRangesDoNotAffectEquality() {
        let a = SourceRange(start: 1, end: 2)
        let b = SourceRange(start: 5, end: 9)
        XCTAssertEqual(a, b)
        XCTAssertFalse(a.isSamePosition(as: b))
        XCTAssertEqual(SQLParser.parseQuery("select a from t"), SQLParser.parseQuery("select   a\nfrom    t"))
    }

    func testSemiStructuredPath() {
        guard case .cast(let cast)? = firstExpr("select v:a.B[0]::string from t"),
            case .path(let path) = cast.value
        else { return XCTFail("expected a cast of a path") }
        XCTAssertEqual(cast.type, DataType("STRING"))
        guard case .column = path.base else { return XCTFail("path base must be the column") }
        XCTAssertEqual(path.steps.count, 3)
        guard case .dot(let key) = path.steps[1] else { return XCTFail("second step is .B") }
        XCTAssertEqual(key.name, "B")
        XCTAssertNotEqual(PathKey("B"), PathKey("b"))
    }

    func testNamedArgumentsAndNiladicFunctions() {
        guard let select = select("select current_timestamp from table(flatten(input => x, outer => true))"),
            case .expression(.function(let now), _, _)? = select.items.first,
            case .function(let table)? = select.from.first
        else { return XCTFail("unexpected shape") }
        XCTAssertFalse(now.hasParentheses)
        XCTAssertEqual(table.call.arguments.compactMap { $0.name?.normalized }, ["INPUT", "OUTER"])
        XCTAssertTrue(table.tableWrapper)
    }

    func testCodableRoundTrip() throws {
        guard case .success(let query) = SQLParser.parseQuery(QueryCorpus.queries[18]) else { return XCTFail("parse") }
        let data = try JSONEncoder().encode(query)
        XCTAssertEqual(try JSONDecoder().decode(Query.self, from: data), query)
    }
}
