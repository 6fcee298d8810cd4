import XCTest

@testable import ShopcAnalysis

/// Thresholds, type families and the built-in test SQL, checked alone.
final class DataTestTests: XCTestCase {
    func testThresholdsParseAndNormalise() {
        XCTAssertEqual(TestThreshold(parsing: ">10"), TestThreshold(op: ">", value: 10))
        XCTAssertEqual(TestThreshold(parsing: " != 0 "), TestThreshold(op: "<>", value: 0))
        XCTAssertEqual(TestThreshold(parsing: ">= 5"), TestThreshold(op: ">=", value: 5))
        XCTAssertEqual(TestThreshold(parsing: "==3"), TestThreshold(op: "=", value: 3))
        XCTAssertEqual(TestThreshold(parsing: "<>7")?.sql("n"), "n <> 7")
        for bad in ["10", ">> 1", "> -1", "> 1.5", "more than 3", ">", "", "> 1 0", "> 99999999999999999999"] {
            XCTAssertNil(TestThreshold(parsing: bad), bad)
        }
    }

    func testTypeFamilies() {
        XCTAssertEqual(ColumnTypeFamily(declaredType: "NUMBER(38,2)"), .numeric)
        XCTAssertEqual(ColumnTypeFamily(declaredType: "float"), .numeric)
        XCTAssertEqual(ColumnTypeFamily(declaredType: "VARCHAR(3)"), .text)
        XCTAssertEqual(ColumnTypeFamily(declaredType: "TIMESTAMP_NTZ"), .dateTime)
        XCTAssertEqual(ColumnTypeFamily(declaredType: "BOOLEAN"), .boolean)
        XCTAssertEqual(ColumnTypeFamily(declaredType: "VARIANT"), .semiStructured)
        XCTAssertNil(ColumnTypeFamily(declaredType: "MONEY"))
        XCTAssertEqual(ColumnTypeFamily.textLength("VARCHAR(20)"), 20)
        XCTAssertEqual(ColumnTypeFamily.textLength("CHAR"), 1)
        XCTAssertNil(ColumnTypeFamily.textLength("STRING"))
        XCTAssertNil(ColumnTypeFamily.textLength("NUMBER(10)"))
    }

    func testTemporalLiterals() {
        XCTAssertTrue(TestChecker.looksTemporal("2024-01-31"))
        XCTAssertTrue(TestChecker.looksTemporal("2024-01-31 08:30:00"))
        XCTAssertTrue(TestChecker.looksTemporal("08:30"))
        XCTAssertFalse(TestChecker.looksTemporal("yesterday"))
        XCTAssertFalse(TestChecker.looksTemporal("2024-1-31"))
    }

    func testRangeBoundsFollowInclusiveness() {
        let sql = BuiltinTestSQL.sql(.acceptedRange(min: "0", max: "10", minInclusive: false, maxInclusive: true), model: "T", column: "x", parent: nil)
        XCTAssertEqual(sql, "SELECT *\nFROM T\nWHERE x <= 0\n    OR x > 10")
    }

    func testFreshnessThresholdsInMinutes() {
        XCTAssertEqual(TestChecker.minutes((count: 2, period: "hour")), 120)
        XCTAssertEqual(TestChecker.minutes((count: 3, period: "day")), 4320)
        XCTAssertEqual(TestChecker.minutes((count: Int.max, period: "day")), Int.max)
        let info = FreshnessInfo(warnAfter: nil, errorAfter: (1, "day"), loadedAtField: "at")
        let sql = BuiltinTestSQL.freshness(info, relation: "D.S.T", loadedAtType: "TIMESTAMP_TZ")
        XCTAssertTrue(sql.contains("'error' AS severity"))
        XCTAssertTrue(sql.contains("CURRENT_TIMESTAMP()"))
        XCTAssertTrue(sql.hasSuffix("WHERE max_loaded_at IS NULL OR age_minutes > 1440"))
    }

    func testStringLiteralsStayInert() {
        XCTAssertEqual(BuiltinTest.literal("O'Hare\\\n"), "'O''Hare\\\\\\n'")
    }
}
