import OrderedCollections
import ShopcBase
import ShopcTemplate
import XCTest

@testable import ShopcAnalysis

final class AnalysisTests: XCTestCase {
    func ref(_ model: String, line: Int) -> RecordedRef {
        RecordedRef(node: .model(model), location: SourceLocation(file: "specs/m.yml", line: line, column: 1))
    }

    func testTopologicalOrderIsDeterministicAndDependenciesFirst() {
        let graph = DependencyGraph(models: ["d", "c", "b", "a"], dependencies: [
            "d": [ref("b", line: 1), ref("c", line: 2)], "b": [ref("a", line: 3)], "c": [ref("a", line: 4)],
        ])
        XCTAssertEqual(graph.topologicalOrder(), ["a", "b", "c", "d"])
        var d = Diagnostics()
        graph.reportCycles(&d)
        XCTAssertEqual(d.all, [])
    }

    func testCycleIsReportedOnceWithEveryEdge() {
        let graph = DependencyGraph(models: ["a", "b", "c", "x"], dependencies: [
            "a": [ref("b", line: 1)], "b": [ref("c", line: 2)], "c": [ref("a", line: 3)], "x": [ref("a", line: 4)],
        ])
        var d = Diagnostics()
        graph.reportCycles(&d)
        XCTAssertEqual(d.all.count, 1)
        XCTAssertEqual(d.all.first?.message, "models form a cycle: a -> b -> c -> a")
        XCTAssertEqual(d.all.first?.notes.map { $0.location?.line }, [1, 2, 3])
        // Every model still gets a place in the order.
        XCTAssertEqual(Set(graph.topologicalOrder()), ["a", "b", "c", "x"])
    }

    func testSQLTypeNamesAreCanonical() {
        XCTAssertEqual(SQLTypeName.canonical("number( 38 , 2 )"), "NUMBER(38,2)")
        XCTAssertEqual(SQLTypeName.canonical("timestamp_ntz"), "TIMESTAMP_NTZ")
        XCTAssertEqual(SQLTypeName.canonical("double precision"), "DOUBLE PRECISION")
        XCTAssertNil(SQLTypeName.canonical("NUMBER(39,0)"))
        XCTAssertNil(SQLTypeName.canonical("NUMBER(10,11)"))
        XCTAssertNil(SQLTypeName.canonical("VARCHR"))
        XCTAssertNil(SQLTypeName.canonical("VARCHAR(x)"))
    }

    func testMacroArgumentTypesCheckValues() {
        XCTAssertNil(MacroArgumentType("column").mismatch(.string("amount")))
        XCTAssertNil(MacroArgumentType("expression NUMBER").mismatch(.string("a + b")))
        XCTAssertEqual(MacroArgumentType("integer").mismatch(.string("lots"))?.expected, "an integer")
        XCTAssertNil(MacroArgumentType("list[string]").mismatch(.list([.string("a")])))
        XCTAssertEqual(MacroArgumentType("list[string]").mismatch(.list([.int(1)]))?.actual, "a list holding the integer 1")
        XCTAssertNotNil(MacroArgumentType("boolean").mismatch(.int(1)))
    }

    /// Derived test names become file names: long ones are shortened, stably and distinctly.
    func testLongTestNamesAreShortenedStably() {
        var namer = TestNamer()
        XCTAssertEqual(namer.unique("not_null_orders_order_id"), "not_null_orders_order_id")
        XCTAssertEqual(namer.unique("not_null_orders_order_id"), "not_null_orders_order_id_2")
        let long = "not_null_" + String(repeating: "m", count: 250) + "_" + String(repeating: "c", count: 200)
        let other = "unique_" + String(repeating: "m", count: 250) + "_" + String(repeating: "c", count: 200)
        let short = TestNamer.fitting(long)
        XCTAssertEqual(short.utf8.count, 117)
        XCTAssertTrue(short.hasPrefix("not_null_mmm"))
        XCTAssertEqual(short, TestNamer.fitting(long))
        XCTAssertNotEqual(TestNamer.fitting(long + "x"), short)
        XCTAssertNotEqual(TestNamer.fitting(other), short)
        XCTAssertEqual(namer.unique(long), short)
        XCTAssertEqual(namer.unique(long), short + "_2")
        // Multi-byte characters are kept whole.
        let accented = TestNamer.fitting("unique_" + String(repeating: "é", count: 100))
        XCTAssertTrue(accented.utf8.count <= 117)
        XCTAssertTrue(accented.hasPrefix("unique_éé"))
        XCTAssertEqual(TestNamer.fitting(String(repeating: "a", count: 128)), String(repeating: "a", count: 128))
    }

    func testSQLTextTidy() {
        XCTAssertEqual(SQLText.tidy("\n    SELECT 1\n\n\n    FROM t;  \n\n"), "SELECT 1\n\nFROM t")
    }
}
