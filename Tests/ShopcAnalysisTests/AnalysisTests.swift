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

    func testSQLTextTidy() {
        XCTAssertEqual(SQLText.tidy("\n    SELECT 1\n\n\n    FROM t;  \n\n"), "SELECT 1\n\nFROM t")
    }
}
