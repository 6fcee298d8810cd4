import ShopcBase
import ShopcSQL
import XCTest

@testable import ShopcAnalysis

/// Binding of the Snowflake constructs in `QueryCorpus.snowflake`: the output shape and no
/// spurious diagnostics.
final class SnowflakeSyntaxBindingTests: XCTestCase {
    /// Binds `sql` where `t` has the columns of `ExpressionTypeTests.columns` and every other table
    /// is unmanaged (open); returns `NAME TYPE` per output column, `*` when the shape is open.
    static func bind(_ sql: String) -> (columns: [String], diagnostics: [String]) {
        guard case .success(let query) = SQLParser.parseQuery(sql) else { return (["PARSE ERROR"], []) }
        let relation = ScopeRelation(
            key: "T", columns: ExpressionTypeTests.columns.map { ScopeColumn(name: SQLName($0.0), type: $0.1, lineage: [:]) },
            open: false, origin: RelationOrigin(description: "table 't'"))
        var binder = QueryBinder(
            locate: { _ in nil }, resolveTable: { $0.last?.normalized == "T" ? relation : nil }, injectedCTEs: [:],
            strict: true, expansions: [:])
        let shape = binder.bindQuery(query)
        let columns = shape.columns.map { "\($0.name.normalized) \($0.type)" } + (shape.open ? ["*"] : [])
        return (columns, binder.diagnostics.map { "\($0.code.rawValue) \($0.message)" })
    }

    private func assertBinds(_ sql: String, _ columns: [String], file: StaticString = #filePath, line: UInt = #line) {
        let result = Self.bind(sql)
        XCTAssertEqual(result.columns, columns, file: file, line: line)
        XCTAssertEqual(result.diagnostics, [], file: file, line: line)
    }

    func testPositionalColumns() {
        assertBinds("select $1, $2 as s, v.$2 as again from (values (1, 'ab')) as v", ["$1 NUMBER(1,0)", "S VARCHAR(2)", "AGAIN VARCHAR(2)"])
        assertBinds("select $1 as a, t.$4 as s from t", ["A NUMBER(38,0)", "S VARCHAR(20)"])
        // Past the known columns, over an unmanaged table, or with two tables in scope: unknown, no error.
        assertBinds("select $99 as a, $99:k::string as k from t", ["A UNKNOWN", "K VARCHAR"])
        // A path over a known non-semi-structured column is an error (t.$1 is a NUMBER).
        XCTAssertEqual(Self.bind("select $1:k::string as k from t").diagnostics.map { String($0.prefix(7)) }, ["SHP4006"])
        assertBinds("select $1 as a from staged", ["A UNKNOWN"])
        assertBinds("select $1 as a from t, t as u", ["A UNKNOWN"])
    }

    func testTypedLambdaParametersHaveTheirType() {
        assertBinds("select filter(a, x boolean -> x and b) as y, transform(a, (x, y int) -> y + n) as z from t", ["Y ARRAY", "Z ARRAY"])
        // An untyped parameter is of unknown type; a typed one is checked.
        assertBinds("select filter(a, x -> x and b) as y from t", ["Y ARRAY"])
        XCTAssertEqual(Self.bind("select filter(a, x date -> x and b) as y from t").diagnostics.count, 1)
        // An inner untyped parameter hides an outer typed one.
        assertBinds("select transform(a, x date -> filter(a, x -> x and b)) as y from t", ["Y ARRAY"])
    }

    func testHierarchicalQueries() {
        assertBinds(
            "select n, level as lvl, sys_connect_by_path(s, '/') as p, connect_by_root s as r, prior n as pn from t start with n = 1 connect by prior n = n and level < 5",
            ["N NUMBER(38,0)", "LVL NUMBER(38,0)", "P VARCHAR", "R VARCHAR(20)", "PN NUMBER(38,0)"])
        // LEVEL is a pseudo-column only under CONNECT BY; the conditions are checked.
        XCTAssertEqual(Self.bind("select level from t").diagnostics.map { String($0.prefix(7)) }, ["SHP4002"])
        XCTAssertEqual(Self.bind("select n from t connect by s").diagnostics.count, 1)
        XCTAssertEqual(Self.bind("select n from t start with nope = 1 connect by prior n = n").diagnostics.count, 1)
    }

    func testChangesAddTheMetadataColumns() {
        assertBinds(
            "select metadata$action as a, metadata$isupdate as u, c.metadata$row_id as r, n from t changes (information => default) at (offset => -60) as c",
            ["A VARCHAR", "U BOOLEAN", "R VARCHAR", "N NUMBER(38,0)"])
        let all = Self.bind("select * from t changes (information => append_only) at (offset => -60)").columns
        XCTAssertEqual(all.suffix(3), ["METADATA$ACTION VARCHAR", "METADATA$ISUPDATE BOOLEAN", "METADATA$ROW_ID VARCHAR"])
        XCTAssertEqual(all.count, ExpressionTypeTests.columns.count + 3)
    }

    func testMatchRecognizeShapes() {
        let body = "pattern (down+ up+) define down as d < prev(d), up as d > prev(up.d)"
        assertBinds(
            "select * from t match_recognize (partition by s order by ts measures match_number() as m, first(d) as first_d, count(*) as c, classifier() as cls, last(up.n) as last_n \(body))",
            ["S VARCHAR(20)", "M NUMBER(38,0)", "FIRST_D NUMBER(12,2)", "C NUMBER(18,0)", "CLS VARCHAR", "LAST_N NUMBER(38,0)"])
        let all = Self.bind("select * from t match_recognize (measures match_number() as m all rows per match \(body)) as r")
        XCTAssertEqual(all.diagnostics, [])
        XCTAssertEqual(all.columns.count, ExpressionTypeTests.columns.count + 1)
        XCTAssertEqual(all.columns.last, "M NUMBER(38,0)")
        // Over an unmanaged table the result of ALL ROWS is open; ONE ROW keeps its measures.
        assertBinds("select * from staged match_recognize (all rows per match pattern (a) define a as x > 0)", ["*"])
        assertBinds("select r.m from staged match_recognize (measures match_number() as m pattern (a) define a as x > 0) as r", ["M NUMBER(38,0)"])
        // LAG and LEAD run over the match's ordered partition without OVER (Snowflake's own example).
        assertBinds(
            "select * from t match_recognize (partition by s order by ts measures match_number() as m pattern (down+ up+) define down as d < lag(d), up as d > lag(d))",
            ["S VARCHAR(20)", "M NUMBER(38,0)"])
        XCTAssertEqual(Self.bind("select lag(d) as x from t").diagnostics.map { String($0.prefix(7)) }, ["SHP4022"], "outside, OVER is still required")
        // Unknown columns and symbols are reported.
        XCTAssertEqual(Self.bind("select * from t match_recognize (pattern (a) define a as nope > 0)").diagnostics.count, 1)
        XCTAssertEqual(Self.bind("select * from t match_recognize (measures last(zz.n) as l pattern (a) define a as true)").diagnostics.count, 1)
    }
}
