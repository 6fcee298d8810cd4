import ShopcBase
import ShopcSQL
import XCTest

@testable import ShopcAnalysis

/// Expression → type pairs: each SQL expression is typed in a scope holding one column of every
/// Snowflake type, and its inferred type spelling is compared with the expected one.
final class ExpressionTypeTests: XCTestCase {
    /// The columns of table `t`.
    static let columns: [(String, SQLType)] = [
        ("n", .integer), ("d", .number(precision: 12, scale: 2)), ("f", .float), ("s", .varchar(20)), ("b", .boolean),
        ("dt", .date), ("tm", .time), ("ts", .timestampNTZ), ("tl", .timestampLTZ), ("tz", .timestampTZ),
        ("v", .variant), ("o", .object), ("a", .array), ("bin", .binary), ("g", .geography),
    ]

    /// Types `expr` in `SELECT expr AS x FROM t`; returns the type and the diagnostics.
    static func type(_ expr: String) -> (type: String, diagnostics: [Diagnostic]) {
        guard case .success(let query) = SQLParser.parseQuery("SELECT \(expr) AS x FROM t") else { return ("PARSE ERROR", []) }
        let relation = ScopeRelation(
            key: "T", columns: columns.map { ScopeColumn(name: SQLName($0.0), type: $0.1, lineage: [:]) }, open: false,
            origin: RelationOrigin(description: "table 't'"))
        var binder = QueryBinder(locate: { _ in nil }, resolveTable: { _ in relation }, injectedCTEs: [:], strict: true, expansions: [:])
        let shape = binder.bindQuery(query)
        return (shape.columns.first?.type.description ?? "NONE", binder.diagnostics)
    }

    static let cases: [(String, String)] = [
        // Literals and operators
        ("1", "NUMBER(1,0)"), ("123.45", "NUMBER(5,2)"), ("1e3", "FLOAT"), ("'abc'", "VARCHAR(3)"), ("TRUE", "BOOLEAN"),
        ("NULL", "NULL"), ("X'AB01'", "BINARY"), ("DATE '2024-01-01'", "DATE"), ("TIMESTAMP '2024-01-01 00:00:00'", "TIMESTAMP_NTZ"),
        ("d + d", "NUMBER(13,2)"), ("d - n", "NUMBER(38,2)"), ("d * d", "NUMBER(24,4)"), ("d * n", "NUMBER(38,2)"),
        ("d / 2", "NUMBER(18,8)"), ("n / n", "NUMBER(38,6)"), ("d % 3", "NUMBER(12,2)"), ("d + f", "FLOAT"), ("-d", "NUMBER(12,2)"),
        ("dt - dt", "NUMBER(38,0)"), ("dt + 1", "DATE"), ("dt + INTERVAL '1 day'", "DATE"), ("ts - INTERVAL '1 hour'", "TIMESTAMP_NTZ"),
        ("s || s", "VARCHAR"), ("n = d", "BOOLEAN"), ("dt >= '2024-01-01'", "BOOLEAN"), ("s LIKE 'a%'", "BOOLEAN"),
        ("n BETWEEN 1 AND 10", "BOOLEAN"), ("n IN (1, 2)", "BOOLEAN"), ("s IS NULL", "BOOLEAN"), ("NOT b", "BOOLEAN"),
        ("b AND n > 1", "BOOLEAN"), ("n IS DISTINCT FROM d", "BOOLEAN"),
        // Casts and semi-structured access
        ("CAST(s AS NUMBER(10, 2))", "NUMBER(10,2)"), ("s::INT", "NUMBER(38,0)"), ("TRY_CAST(s AS DATE)", "DATE"),
        ("v:a.b", "VARIANT"), ("v:a::VARCHAR", "VARCHAR"), ("v['k']", "VARIANT"), ("[1, 2]", "ARRAY"), ("{'k': 1}", "OBJECT"),
        ("EXTRACT(year FROM dt)", "NUMBER(38,0)"),
        // Conditional
        ("CASE WHEN b THEN d ELSE n END", "NUMBER(38,2)"), ("CASE WHEN b THEN 'x' END", "VARCHAR(1)"),
        ("CASE n WHEN 1 THEN dt ELSE ts END", "TIMESTAMP_NTZ"), ("COALESCE(d, 0)", "NUMBER(12,2)"), ("COALESCE(s, 'x')", "VARCHAR(20)"),
        ("NVL(n, d)", "NUMBER(38,2)"), ("NVL2(s, d, 0)", "NUMBER(12,2)"), ("IFNULL(dt, ts)", "TIMESTAMP_NTZ"), ("NULLIF(n, 0)", "NUMBER(38,0)"),
        ("IFF(b, d, f)", "FLOAT"), ("ZEROIFNULL(d)", "NUMBER(12,2)"), ("NULLIFZERO(n)", "NUMBER(38,0)"),
        ("DECODE(n, 1, 'one', 2, 'two', 'many')", "VARCHAR(4)"), ("GREATEST(n, d)", "NUMBER(38,2)"), ("LEAST(dt, dt)", "DATE"),
        ("EQUAL_NULL(n, d)", "BOOLEAN"), ("BOOLAND(b, b)", "BOOLEAN"),
        // Aggregates
        ("COUNT(*)", "NUMBER(18,0)"), ("COUNT(DISTINCT s)", "NUMBER(18,0)"), ("COUNT_IF(b)", "NUMBER(18,0)"), ("SUM(d)", "NUMBER(38,2)"),
        ("SUM(f)", "FLOAT"), ("AVG(n)", "NUMBER(38,6)"), ("AVG(d)", "NUMBER(38,8)"), ("MIN(dt)", "DATE"), ("MAX(s)", "VARCHAR(20)"),
        ("ANY_VALUE(ts)", "TIMESTAMP_NTZ"), ("MEDIAN(d)", "NUMBER(38,8)"), ("MODE(s)", "VARCHAR(20)"), ("STDDEV(d)", "FLOAT"),
        ("VARIANCE(n)", "FLOAT"), ("CORR(d, n)", "FLOAT"), ("LISTAGG(s, ',')", "VARCHAR"), ("ARRAY_AGG(n)", "ARRAY"),
        ("OBJECT_AGG(s, v)", "OBJECT"), ("BOOLAND_AGG(b)", "BOOLEAN"), ("APPROX_COUNT_DISTINCT(s)", "NUMBER(18,0)"),
        ("APPROX_PERCENTILE(d, 0.5)", "FLOAT"), ("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d)", "FLOAT"), ("MAX_BY(s, d)", "VARCHAR(20)"),
        ("HASH_AGG(s)", "NUMBER(19,0)"), ("SUM(d) OVER (PARTITION BY s)", "NUMBER(38,2)"),
        // Window
        ("ROW_NUMBER() OVER (ORDER BY n)", "NUMBER(38,0)"), ("RANK() OVER (ORDER BY n)", "NUMBER(38,0)"),
        ("DENSE_RANK() OVER (ORDER BY n)", "NUMBER(38,0)"), ("PERCENT_RANK() OVER (ORDER BY n)", "FLOAT"), ("CUME_DIST() OVER (ORDER BY n)", "FLOAT"),
        ("NTILE(4) OVER (ORDER BY n)", "NUMBER(38,0)"), ("LAG(d) OVER (ORDER BY n)", "NUMBER(12,2)"), ("LEAD(s, 2) OVER (ORDER BY n)", "VARCHAR(20)"),
        ("FIRST_VALUE(dt) OVER (ORDER BY n)", "DATE"), ("LAST_VALUE(ts) OVER (ORDER BY n)", "TIMESTAMP_NTZ"),
        ("NTH_VALUE(d, 2) OVER (ORDER BY n)", "NUMBER(12,2)"), ("RATIO_TO_REPORT(d) OVER ()", "NUMBER(38,6)"),
        // Strings
        ("UPPER(s)", "VARCHAR(20)"), ("LOWER(s)", "VARCHAR(20)"), ("TRIM(s)", "VARCHAR(20)"), ("LTRIM(s, 'x')", "VARCHAR(20)"),
        ("INITCAP(s)", "VARCHAR(20)"), ("SUBSTR(s, 1, 3)", "VARCHAR(20)"), ("LEFT(s, 2)", "VARCHAR(20)"), ("LENGTH(s)", "NUMBER(38,0)"),
        ("CONCAT(s, n)", "VARCHAR"), ("CONCAT_WS('-', s, s)", "VARCHAR"), ("REPLACE(s, 'a', 'b')", "VARCHAR"), ("SPLIT_PART(s, ',', 1)", "VARCHAR"),
        ("SPLIT(s, ',')", "ARRAY"), ("LPAD(s, 10, '0')", "VARCHAR"), ("REGEXP_LIKE(s, 'a.*')", "BOOLEAN"), ("REGEXP_SUBSTR(s, '[0-9]+')", "VARCHAR"),
        ("REGEXP_REPLACE(s, 'a', 'b')", "VARCHAR"), ("REGEXP_COUNT(s, 'a')", "NUMBER(38,0)"), ("CONTAINS(s, 'a')", "BOOLEAN"),
        ("STARTSWITH(s, 'a')", "BOOLEAN"), ("POSITION('a', s)", "NUMBER(38,0)"), ("CHARINDEX('a', s)", "NUMBER(38,0)"),
        ("MD5(s)", "VARCHAR(32)"), ("SHA2(s, 256)", "VARCHAR(128)"), ("HASH(s, n)", "NUMBER(19,0)"), ("UUID_STRING()", "VARCHAR(36)"),
        ("EDITDISTANCE(s, 'x')", "NUMBER(38,0)"), ("REVERSE(s)", "VARCHAR(20)"), ("TRANSLATE(s, 'a', 'b')", "VARCHAR"),
        ("ASCII(s)", "NUMBER(38,0)"), ("CHR(65)", "VARCHAR(1)"), ("BASE64_ENCODE(s)", "VARCHAR"), ("SOUNDEX(s)", "VARCHAR"),
        // Numbers
        ("ABS(d)", "NUMBER(12,2)"), ("ROUND(d)", "NUMBER(11,0)"), ("ROUND(d, 1)", "NUMBER(12,1)"), ("ROUND(n * d, 2)", "NUMBER(38,2)"),
        ("ROUND(f, 2)", "FLOAT"), ("CEIL(d)", "NUMBER(11,0)"), ("FLOOR(d, 1)", "NUMBER(12,1)"), ("TRUNC(d, 0)", "NUMBER(11,0)"),
        ("TRUNCATE(d)", "NUMBER(11,0)"), ("MOD(n, 7)", "NUMBER(38,0)"), ("DIV0(d, n)", "NUMBER(18,8)"), ("SQRT(d)", "FLOAT"), ("POWER(d, 2)", "FLOAT"),
        ("LN(f)", "FLOAT"), ("LOG(10, d)", "FLOAT"), ("EXP(n)", "FLOAT"), ("SIGN(d)", "NUMBER(38,0)"), ("PI()", "FLOAT"),
        ("RANDOM()", "NUMBER(19,0)"), ("UNIFORM(1, 10, RANDOM())", "NUMBER(2,0)"), ("WIDTH_BUCKET(d, 0, 100, 10)", "NUMBER(38,0)"),
        ("BITAND(n, 1)", "NUMBER(38,0)"), ("SIN(f)", "FLOAT"), ("ATAN2(f, f)", "FLOAT"), ("HAVERSINE(f, f, f, f)", "FLOAT"),
        // Dates and times
        ("DATEADD(day, 1, dt)", "DATE"), ("DATEADD('month', -1, ts)", "TIMESTAMP_NTZ"), ("DATEDIFF(day, dt, ts)", "NUMBER(38,0)"),
        ("DATE_TRUNC('month', dt)", "DATE"), ("DATE_TRUNC(hour, tl)", "TIMESTAMP_LTZ"), ("DATE_PART(year, dt)", "NUMBER(38,0)"),
        ("TRUNC(dt, 'month')", "DATE"), ("LAST_DAY(dt)", "DATE"), ("LAST_DAY(dt, 'week')", "DATE"), ("ADD_MONTHS(dt, 1)", "DATE"),
        ("MONTHS_BETWEEN(dt, dt)", "NUMBER(38,6)"), ("YEAR(dt)", "NUMBER(38,0)"), ("MONTH(ts)", "NUMBER(38,0)"), ("DAYOFWEEK(dt)", "NUMBER(38,0)"),
        ("DAYNAME(dt)", "VARCHAR(3)"), ("HOUR(tm)", "NUMBER(38,0)"), ("WEEKISO(dt)", "NUMBER(38,0)"), ("QUARTER(dt)", "NUMBER(38,0)"),
        ("NEXT_DAY(dt, 'mo')", "DATE"), ("DATE_FROM_PARTS(2024, 1, 1)", "DATE"), ("TIMESTAMP_FROM_PARTS(2024, 1, 1, 0, 0, 0)", "TIMESTAMP_NTZ"),
        ("CONVERT_TIMEZONE('UTC', tl)", "TIMESTAMP_TZ"), ("CONVERT_TIMEZONE('UTC', 'America/New_York', ts)", "TIMESTAMP_NTZ"),
        ("DATEADD(DAYS, 1, dt)", "DATE"), ("DATE_TRUNC('WEEK_ISO', dt)", "DATE"), ("DATE_PART(epoch_second, ts)", "NUMBER(38,0)"),
        ("TIME_SLICE(ts, 15, 'MINUTE')", "TIMESTAMP_NTZ"), ("TIMESTAMPDIFF(hour, ts, ts)", "NUMBER(38,0)"),
        // Context
        ("CURRENT_DATE", "DATE"), ("CURRENT_DATE()", "DATE"), ("CURRENT_TIMESTAMP", "TIMESTAMP_LTZ"), ("CURRENT_TIME()", "TIME"),
        ("SYSDATE()", "TIMESTAMP_NTZ"), ("GETDATE()", "TIMESTAMP_LTZ"), ("CURRENT_USER()", "VARCHAR"), ("CURRENT_ROLE()", "VARCHAR"),
        ("CURRENT_DATABASE()", "VARCHAR"), ("CURRENT_WAREHOUSE()", "VARCHAR"), ("CURRENT_ACCOUNT()", "VARCHAR"), ("LAST_QUERY_ID()", "VARCHAR"),
        ("IS_ROLE_IN_SESSION('ADMIN')", "BOOLEAN"),
        // Conversion
        ("TO_CHAR(dt, 'YYYY-MM')", "VARCHAR"), ("TO_VARCHAR(n)", "VARCHAR"), ("TO_NUMBER(s)", "NUMBER(38,0)"), ("TRY_TO_NUMBER(s)", "NUMBER(38,0)"),
        ("TO_NUMBER(s, 10, 3)", "NUMBER(10,3)"), ("TRY_TO_NUMBER(s, 38, 2)", "NUMBER(38,2)"), ("TO_DECIMAL(s, '99.9', 9, 1)", "NUMBER(9,1)"),
        ("TRY_TO_DECIMAL(s, 12)", "NUMBER(12,0)"), ("TO_NUMERIC(s, '999')", "NUMBER(38,0)"), ("TO_NUMBER(s, n, 2)", "UNKNOWN"),
        ("TO_DOUBLE(s)", "FLOAT"), ("TO_BOOLEAN(s)", "BOOLEAN"), ("TO_DATE(s)", "DATE"), ("TRY_TO_DATE(s, 'YYYY-MM-DD')", "DATE"),
        ("TO_TIMESTAMP(s)", "TIMESTAMP_NTZ"), ("TO_TIMESTAMP_LTZ(s)", "TIMESTAMP_LTZ"), ("TO_TIMESTAMP_TZ(s)", "TIMESTAMP_TZ"),
        ("TO_TIME(s)", "TIME"), ("TO_VARIANT(n)", "VARIANT"), ("TO_ARRAY(n)", "ARRAY"), ("TO_OBJECT(v)", "OBJECT"), ("PARSE_JSON(s)", "VARIANT"),
        ("TRY_PARSE_JSON(s)", "VARIANT"), ("TO_JSON(v)", "VARCHAR"), ("TO_BINARY(s, 'HEX')", "BINARY"), ("TO_GEOGRAPHY(s)", "GEOGRAPHY"),
        // Semi-structured
        ("ARRAY_CONSTRUCT(1, 2)", "ARRAY"), ("ARRAY_SIZE(a)", "NUMBER(38,0)"), ("ARRAY_CONTAINS(v, a)", "BOOLEAN"), ("ARRAY_TO_STRING(a, ',')", "VARCHAR"),
        ("ARRAY_APPEND(a, 1)", "ARRAY"), ("ARRAY_SLICE(a, 0, 2)", "ARRAY"), ("ARRAYS_OVERLAP(a, a)", "BOOLEAN"), ("OBJECT_CONSTRUCT('k', n)", "OBJECT"),
        ("OBJECT_INSERT(o, 'k', v)", "OBJECT"), ("OBJECT_KEYS(o)", "ARRAY"), ("GET(v, 'k')", "VARIANT"), ("GET_PATH(v, 'a.b')", "VARIANT"),
        ("TYPEOF(v)", "VARCHAR"), ("IS_ARRAY(v)", "BOOLEAN"), ("AS_VARCHAR(v)", "VARCHAR"), ("AS_NUMBER(v)", "NUMBER(38,0)"),
        ("AS_DOUBLE(v)", "FLOAT"), ("STRIP_NULL_VALUE(v)", "VARIANT"), ("JSON_EXTRACT_PATH_TEXT(s, 'a')", "VARCHAR"),
        ("FILTER(a, x -> x > 1)", "ARRAY"), ("TRANSFORM(a, x -> x * 2)", "ARRAY"),
        // String literals that convert to the type they meet
        ("n = ' 42 '", "BOOLEAN"), ("d > '-1.5E+3'", "BOOLEAN"), ("f = '-inf'", "BOOLEAN"), ("f <> 'NaN'", "BOOLEAN"), ("n IN ('1', '.5', '5.')", "BOOLEAN"),
        ("b = 'Yes'", "BOOLEAN"), ("b <> 'OFF'", "BOOLEAN"), ("dt >= '2024-01-01'", "BOOLEAN"), ("ts < '10 Jan 2024'", "BOOLEAN"),
        ("s = 'anything'", "BOOLEAN"), ("v = 'text'", "BOOLEAN"), ("COALESCE(d, '0')", "NUMBER(12,2)"),
        ("TRY_CAST('abc' AS NUMBER)", "NUMBER(38,0)"), ("'2024-01-01'::DATE", "DATE"), ("CAST('yes' AS BOOLEAN)", "BOOLEAN"),
        ("'{\"a\": 1}'::VARIANT", "VARIANT"), ("'abc'::VARCHAR", "VARCHAR"),
        // Subqueries
        ("(SELECT MAX(d) FROM t)", "NUMBER(12,2)"), ("EXISTS (SELECT 1 FROM t)", "BOOLEAN"), ("n IN (SELECT n FROM t)", "BOOLEAN"),
    ]

    func testExpressionTypes() {
        var failures: [String] = []
        for (expr, expected) in Self.cases {
            let (actual, diagnostics) = Self.type(expr)
            if actual != expected || !diagnostics.isEmpty {
                failures.append("\(expr): expected \(expected), got \(actual) \(diagnostics.map(\.message))")
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(Self.cases.count, 200)
    }

    /// Expressions the checker must reject, with the code it reports.
    static let errors: [(String, DiagnosticCode)] = [
        ("SUM(s)", .functionArgumentType), ("AVG(dt)", .functionArgumentType), ("DATEADD(day, 1, n)", .functionArgumentType),
        ("dt = n", .incomparableTypes), ("s = n", .incomparableTypes), ("ts < d", .incomparableTypes), ("s + n", .invalidOperands),
        ("b * 2", .invalidOperands), ("dt * 2", .invalidOperands), ("CASE WHEN b THEN dt ELSE n END", .branchTypeMismatch),
        ("COALESCE(s, n)", .branchTypeMismatch), ("IFF(b, dt, s)", .branchTypeMismatch), ("NVL(b, dt)", .branchTypeMismatch),
        ("CASE WHEN n THEN 1 END", .nonBooleanCondition), ("NOT n", .nonBooleanCondition), ("b AND s", .nonBooleanCondition),
        ("ROUND(d, 1, 'HALF_EVEN', 4)", .functionArity), ("UPPER()", .functionArity), ("ROW_NUMBER()", .windowWithoutOver),
        ("NO_SUCH_FUNCTION(n)", .unknownFunction), ("missing_col", .unresolvedColumn), ("q.n", .unknownQualifier),
        ("IFF(n, 1, 2)", .functionArgumentType), ("COUNT_IF(n)", .functionArgumentType),
        // String literals whose text does not convert to the type they meet.
        ("n = ''", .incomparableTypes), ("d > '1,000'", .incomparableTypes), ("n IN (1, 'x')", .incomparableTypes),
        ("d = 'NaN'", .incomparableTypes), ("dt > 'today'", .incomparableTypes), ("ts BETWEEN 'a' AND 'b'", .incomparableTypes),
        ("b = 'maybe'", .incomparableTypes), ("n + '1.2.3'", .invalidOperands), ("-'e5'", .invalidOperands), ("d * '.'", .invalidOperands),
        ("COALESCE(d, 'none')", .branchTypeMismatch), ("CASE WHEN b THEN dt ELSE 'never' END", .branchTypeMismatch),
        ("ROUND('x', 2)", .functionArgumentType), ("DATEADD(day, 1, 'soon')", .functionArgumentType),
        ("TO_DATE('banana')", .functionArgumentType), ("'abc'::NUMBER", .functionArgumentType), ("CAST('maybe' AS BOOLEAN)", .functionArgumentType),
        ("TO_NUMBER('')", .functionArgumentType), ("TO_TIMESTAMP('never')", .functionArgumentType),
        // Precision and scale out of range; date and time parts Snowflake does not know.
        ("TO_NUMBER(s, 39, 2)", .functionArgumentType), ("TRY_TO_DECIMAL(s, 5, 6)", .functionArgumentType),
        ("DATEDIFF('dya', dt, dt)", .functionArgumentType), ("DATE_TRUNC('mnth', dt)", .functionArgumentType),
        ("DATEADD(wek, 1, dt)", .functionArgumentType), ("DATE_PART('yeer', dt)", .functionArgumentType),
        ("EXTRACT(yeer FROM dt)", .functionArgumentType), ("LAST_DAY(dt, 'fortnight')", .functionArgumentType),
    ]

    func testTypeErrors() {
        for (expr, code) in Self.errors {
            let codes = Self.type(expr).diagnostics.map(\.code)
            XCTAssert(codes.contains(code), "\(expr): expected \(code.rawValue), got \(codes.map(\.rawValue))")
        }
    }

    /// Every catalog function can be called with its smallest argument count without an arity
    /// error, and the catalog holds at least 200 functions.
    func testCatalogEntriesAreCallable() {
        XCTAssertGreaterThanOrEqual(FunctionCatalog.count, 200)
        for name in FunctionCatalog.names {
            guard let signature = FunctionCatalog.lookup(name), signature.kind != .table else { continue }
            let count = signature.arity.lowerBound
            let args = (0..<count).map { i -> String in
                switch i < signature.arguments.count ? signature.arguments[i] : .any {
                case .numeric: "n"
                case .temporal: "ts"
                case .boolean: "b"
                case .datePart: "day"
                case .any: "s"
                }
            }
            let over = signature.kind == .window ? " OVER (ORDER BY n)" : ""
            let (type, diagnostics) = Self.type("\(name)(\(args.joined(separator: ", ")))\(over)")
            XCTAssertFalse(diagnostics.contains { $0.code == .functionArity || $0.code == .unknownFunction }, "\(name): \(diagnostics.map(\.message))")
            XCTAssertNotEqual(type, "PARSE ERROR", name)
        }
    }

    /// Chains as long as the parser accepts are typed without exhausting the stack.
    func testLongChainsDoNotRecurseDeeply() {
        let chain = Array(repeating: "n > 0", count: 990).joined(separator: " AND ")
        XCTAssertEqual(Self.type(chain).type, "BOOLEAN")
        let sum = Array(repeating: "d", count: 990).joined(separator: " + ")
        XCTAssertEqual(Self.type(sum).type, "NUMBER(38,2)")
        let mixed = Array(repeating: "s", count: 500).joined(separator: " || ") + " = 'x' AND b"
        XCTAssertEqual(Self.type(mixed).type, "BOOLEAN")
    }

    /// Flat chains of thousands of operands (a template loop) bind on a small stack, with the
    /// same types as short chains.
    func testFlatChainsOfThousandsOfOperandsBind() {
        let cases: [(String, String)] = [
            ((0..<5000).map { "n = \($0)" }.joined(separator: " OR "), "BOOLEAN"),
            ((0..<5000).map { "b AND n > \($0)" }.joined(separator: " AND "), "BOOLEAN"),
            (Array(repeating: "s", count: 5000).joined(separator: " || "), "VARCHAR"),
            (Array(repeating: "d", count: 5000).joined(separator: " + "), "NUMBER(38,2)"),
            (Array(repeating: "f", count: 5000).joined(separator: " * "), "FLOAT"),
        ]
        for (expr, expected) in cases {
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: (type: String, diagnostics: [Diagnostic]) = ("", [])
            let thread = Thread {
                result = Self.type(expr)
                done.signal()
            }
            thread.stackSize = 512 << 10
            thread.start()
            done.wait()
            XCTAssertEqual(result.type, expected)
            XCTAssertEqual(result.diagnostics.map(\.message), [])
        }
        // A type error in the middle of a chain is reported at that operand.
        let bad = (0..<3000).map { $0 == 1500 ? "s" : "b" }.joined(separator: " AND ")
        let diagnostics = Self.type(bad).diagnostics
        XCTAssertEqual(diagnostics.map(\.code), [.nonBooleanCondition])
    }

    func testContractRule() {
        XCTAssertTrue(TypeCoercion.matchesContract(.number(precision: 38, scale: 2), declared: .number(precision: 12, scale: 2)))
        XCTAssertFalse(TypeCoercion.matchesContract(.number(precision: 38, scale: 0), declared: .number(precision: 12, scale: 2)))
        XCTAssertTrue(TypeCoercion.matchesContract(.varchar(3), declared: .varchar(nil)))
        XCTAssertFalse(TypeCoercion.matchesContract(.timestampLTZ, declared: .timestampNTZ))
        XCTAssertFalse(TypeCoercion.matchesContract(.float, declared: .number(precision: 38, scale: 0)))
        XCTAssertTrue(TypeCoercion.matchesContract(.unknown, declared: .date))
        XCTAssertEqual(SQLType.parse("int"), .integer)
        XCTAssertEqual(SQLType.parse("TIMESTAMP"), .timestampNTZ)
        XCTAssertEqual(SQLType.parse("string"), .varchar(nil))
        XCTAssertEqual(SQLType.parse("NUMBER(12,2)")?.description, "NUMBER(12,2)")
    }
}
