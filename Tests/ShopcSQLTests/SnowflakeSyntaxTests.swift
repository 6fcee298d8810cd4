import ShopcSQL
import XCTest

/// Canonical printing and errors of the Snowflake constructs in `QueryCorpus.snowflake`.
final class SnowflakeSyntaxTests: XCTestCase {
    private func assertPrints(_ sql: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        switch SQLParser.parseQuery(sql) {
        case .success(let query):
            let printed = SQLPrinter.print(query)
            XCTAssertEqual(printed, expected, file: file, line: line)
            XCTAssertEqual(SQLParser.parseQuery(printed), .success(query), "canonical text reads back differently", file: file, line: line)
        case .failure(let error):
            XCTFail("parse failed: \(error)", file: file, line: line)
        }
    }

    private func assertError(_ sql: String, _ message: String, at offset: Int, file: StaticString = #filePath, line: UInt = #line) {
        switch SQLParser.parseQuery(sql) {
        case .success(let query):
            XCTFail("expected an error, parsed:\n\(SQLPrinter.print(query))", file: file, line: line)
        case .failure(let error):
            XCTAssertEqual(error, SQLSyntaxError(message: message, offset: offset), file: file, line: line)
        }
    }

    func testBinaryLiterals() {
        assertPrints("select x'ab01', X'' as e from t", "SELECT\n    X'AB01',\n    X'' AS e\nFROM t")
        guard case .success(let query) = SQLParser.parseQuery("select x'0aFf'"), case .select(let select) = query.body,
            case .expression(.literal(let literal), _, _)? = select.items.first
        else { return XCTFail("expected a literal") }
        XCTAssertEqual(literal.kind, .binary("0AFF"))
        XCTAssertEqual(literal.range, SourceRange(start: 7, end: 14))
        // x as a name, and names ending in x, are unaffected.
        assertPrints("select x, tax, x || 'a' from t", "SELECT\n    x,\n    tax,\n    x || 'a'\nFROM t")
    }

    func testMalformedBinaryLiterals() {
        assertError("select x'abg1' from t", "binary literal holds 'g', which is not a hexadecimal digit", at: 11)
        assertError("select x'a b' from t", "binary literal holds ' ', which is not a hexadecimal digit", at: 10)
        assertError("select x'abc' from t", "binary literal has an odd number of hexadecimal digits", at: 7)
        assertError("select x'ab", "unterminated binary literal", at: 7)
    }

    func testPositionalColumns() {
        assertPrints(
            "select $1, t.$2 as b, $3:a.b::string, $$dollar $1 string$$ from t where $10 > 0",
            "SELECT\n    $1,\n    t.$2 AS b,\n    $3:a.b::STRING,\n    'dollar $1 string'\nFROM t\nWHERE $10 > 0")
        guard case .success(let query) = SQLParser.parseQuery("select s.t.$2"), case .select(let select) = query.body,
            case .expression(.positional(let ref), _, _)? = select.items.first
        else { return XCTFail("expected a positional reference") }
        XCTAssertEqual(ref.qualifier.map(\.name), ["s", "t"])
        XCTAssertEqual(ref.position, 2)
        XCTAssertEqual(ref.range, SourceRange(start: 7, end: 13))
    }

    func testMalformedPositionalColumns() {
        assertError("select $0 from t", "column position '$0' must be 1 or more", at: 7)
        assertError("select $99999999999999999999 from t", "column position '$99999999999999999999' must be 1 or more", at: 7)
        assertError("select $a from t", "unexpected character '$'", at: 7)
        assertError("select $ 1 from t", "unexpected character '$'", at: 7)
        assertError("select $$1 from t", "unterminated $$ string", at: 7)
    }

    func testTypedLambdas() {
        assertPrints(
            "select transform(arr, x int -> x * 2), filter(arr, (a Int, b varchar(10)) -> a > 0), reduce(arr, 0, (acc, v number(38, 2)) -> acc + v) from t",
            "SELECT\n    TRANSFORM(arr, x INT -> x * 2),\n    FILTER(arr, (a INT, b VARCHAR(10)) -> a > 0),\n    REDUCE(arr, 0, (acc, v NUMBER(38, 2)) -> acc + v)\nFROM t")
        // One parameter in parentheses is the same lambda as without them.
        assertPrints("select filter(arr, (x double precision) -> x > 0) from t", "SELECT\n    FILTER(arr, x DOUBLE PRECISION -> x > 0)\nFROM t")
        guard case .success(.function(let call)) = SQLParser.parseExpression("transform(arr, (x int, y) -> x)"),
            case .lambda(let parameters, _, let range)? = call.arguments.last?.value
        else { return XCTFail("expected a lambda") }
        XCTAssertEqual(parameters.map(\.name.name), ["x", "y"])
        XCTAssertEqual(parameters.map { $0.type?.description }, ["INT", nil])
        XCTAssertEqual(range, SourceRange(start: 15, end: 30))
    }

    func testMalformedTypedLambdas() {
        assertError("select transform(arr, x int( -> x) from t", "expected ')' to close argument list of TRANSFORM, found 'int'", at: 24)
        assertError("select transform(arr, (x int, 1) -> x) from t", "expected ')', found 'int'", at: 25)
        assertError("select transform(arr, x int -> ) from t", "expected expression, found ')'", at: 31)
        assertError("select transform(arr, a + x int -> x) from t", "a lambda cannot be the operand of an operator; put it in parentheses", at: 26)
    }

    func testHierarchicalQueries() {
        assertPrints(
            "select id, level, connect_by_root name as root, sys_connect_by_path(name, '/') p from t connect by nocycle prior id = parent_id start with parent_id is null where level < 3",
            """
            SELECT
                id,
                level,
                CONNECT_BY_ROOT name AS root,
                SYS_CONNECT_BY_PATH(name, '/') AS p
            FROM t
            START WITH parent_id IS NULL
            CONNECT BY NOCYCLE PRIOR id = parent_id
            WHERE level < 3
            """)
        // WHERE before the hierarchy, and no START WITH; PRIOR on either side and in the select list.
        assertPrints(
            "select prior name from t where x > 0 connect by id = prior parent_id and prior (a + 1) = b",
            "SELECT\n    PRIOR name\nFROM t\nCONNECT BY id = PRIOR parent_id AND PRIOR (a + 1) = b\nWHERE x > 0")
        // Without CONNECT BY, PRIOR and CONNECT_BY_ROOT are ordinary names.
        assertPrints("select prior, connect_by_root x from t", "SELECT\n    prior,\n    connect_by_root AS x\nFROM t")
    }

    func testMalformedHierarchicalQueries() {
        assertError("select a from t start with a = 1", "expected CONNECT BY after START WITH condition, found end of input", at: 32)
        assertError("select a from t connect by", "expected expression, found end of input", at: 26)
        assertError("select a from t connect a = 1", "unexpected 'connect' after end of query", at: 16)
        assertError("select a from t connect by prior a = b start with a = 1 start with b", "unexpected 'start' after end of query", at: 56)
        assertError("select a from t connect by nocycle", "expected expression, found end of input", at: 34)
        assertError("select a from t connect by prior (a = b", "expected ')', found end of input", at: 39)
    }

    func testChanges() {
        assertPrints(
            "select * from orders changes(information => default) at(offset => -60 * 5) end(timestamp => current_timestamp()) o",
            "SELECT\n    *\nFROM orders CHANGES (INFORMATION => DEFAULT) AT (OFFSET => -60 * 5) END (TIMESTAMP => CURRENT_TIMESTAMP()) AS o")
        assertPrints(
            "select metadata$action from s.t Changes (Information => Append_Only) before (statement => 'x')",
            "SELECT\n    metadata$action\nFROM s.t CHANGES (INFORMATION => APPEND_ONLY) BEFORE (STATEMENT => 'x')")
        // A table aliased `changes` with column aliases is still an alias.
        assertPrints("select * from t changes (a, b)", "SELECT\n    *\nFROM t AS changes (a, b)")
    }

    func testMalformedChanges() {
        assertError("select * from t changes (information => all) at (offset => -1)", "expected DEFAULT or APPEND_ONLY, found 'all'", at: 40)
        assertError("select * from t changes (info => default) at (offset => -1)", "expected INFORMATION, found 'info'", at: 25)
        assertError("select * from t changes (information => default)", "expected AT or BEFORE after CHANGES, found end of input", at: 48)
        assertError("select * from t changes (information => default) end (offset => 1)", "expected AT or BEFORE after CHANGES, found 'end'", at: 49)
        assertError("select * from t changes (information => default) at (offset => -1) end (offset 1)", "expected '=>', found '1'", at: 79)
    }

    func testMatchRecognize() {
        assertPrints(
            "select * from t match_recognize (order by ts measures classifier() as c all rows per match with unmatched rows after match skip past last row pattern (^ a b*? ({- c -} d)+ | permute(a, b){1,2} $) define a as x > 0, b as x < prev(x), c as true, d as next(x) > x) as m",
            """
            SELECT
                *
            FROM t MATCH_RECOGNIZE (
                ORDER BY ts
                MEASURES
                    CLASSIFIER() AS c
                ALL ROWS PER MATCH WITH UNMATCHED ROWS
                AFTER MATCH SKIP PAST LAST ROW
                PATTERN (^ a b*? ({- c -} d)+ | PERMUTE(a, b){1,2} $)
                DEFINE
                    a AS x > 0,
                    b AS x < PREV(x),
                    c AS TRUE,
                    d AS NEXT(x) > x
            ) AS m
            """)
        assertPrints(
            "select * from t match_recognize(partition by k, j measures last(x) lx one row per match after match skip to b pattern(a{2}b{,3}?c{1,}d{2,4})define a as true)",
            """
            SELECT
                *
            FROM t MATCH_RECOGNIZE (
                PARTITION BY k, j
                MEASURES
                    LAST(x) AS lx
                ONE ROW PER MATCH
                AFTER MATCH SKIP TO b
                PATTERN (a{2} b{,3}? c{1,} d{2,4})
                DEFINE
                    a AS TRUE
            )
            """)
        guard case .success(let query) = SQLParser.parseQuery("select * from t match_recognize (pattern (b (a | c)* b) define a as true)"),
            case .select(let select) = query.body, case .matchRecognize(let match)? = select.from.first
        else { return XCTFail("expected MATCH_RECOGNIZE") }
        XCTAssertEqual(match.pattern.symbols.map(\.name), ["b", "a", "c"])
    }

    func testMalformedMatchRecognize() {
        assertError("select * from t match_recognize (pattern (a b) )", "expected DEFINE, found ')'", at: 47)
        assertError("select * from t match_recognize (define a as true)", "expected PATTERN, found 'define'", at: 33)
        assertError("select * from t match_recognize (pattern (a |) define a as true)", "expected pattern symbol, found ')'", at: 45)
        assertError("select * from t match_recognize (pattern (a{,}) define a as true)", "quantifier {,} has no bounds", at: 43)
        assertError("select * from t match_recognize (pattern ({- a) define a as true)", "expected '-}' to close exclusion, found ')'", at: 46)
        assertError("select * from t match_recognize (one row match pattern (a) define a as true)", "expected PER, found 'match'", at: 41)
        // The row pattern operators are still stray characters elsewhere.
        assertError("select a ? b from t", "unexpected character '?'", at: 9)
        assertError("select a | b from t", "unexpected character '|'", at: 9)
        assertError("select ^a from t", "unexpected character '^'", at: 7)
        assertError("select a from t $", "unexpected character '$'", at: 16)
    }
}
