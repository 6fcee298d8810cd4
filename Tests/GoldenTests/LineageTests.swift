import Foundation
import ShopcAnalysis
import ShopcBase
import ShopcDriver
import XCTest

/// Column lineage on real projects: ShopVerse and the binding corner-case fixture.
final class LineageTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func analyse(_ dir: URL) -> AnalysedProject? {
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: dir.path, diagnostics: &read)
        var options = Compiler.Options()
        options.analyseOnly = true
        let output = Compiler.run(files, options: options, readDiagnostics: read)
        XCTAssertFalse(output.hasErrors, DiagnosticRenderer(format: .text).render(output.diagnostics))
        return output.project
    }

    func edges(_ project: AnalysedProject, _ model: String, _ column: String) -> [String] {
        let info = project.models.first { $0.name == model }
        let lineage = info?.schema?.columns.first { $0.name == column }?.lineage ?? []
        return lineage.map { "\($0.origin) \($0.kind.rawValue)" }
    }

    func testShopVerseProfitComesFromPriceCostAndQuantity() throws {
        let project = try XCTUnwrap(Self.analyse(Self.repo))
        XCTAssertEqual(edges(project, "stg_orders", "profit"), [
            "source.shopverse_raw.bronze_orders.cost_price derived",
            "source.shopverse_raw.bronze_orders.quantity derived",
            "source.shopverse_raw.bronze_orders.selling_price derived",
        ])
        XCTAssertEqual(edges(project, "stg_orders", "order_id"), ["source.shopverse_raw.bronze_orders.order_id identity"])
        let graph = LineageGraph(project)
        let down = graph.walk(from: ColumnOrigin(node: .source(source: "shopverse_raw", table: "bronze_orders"), column: "quantity"), downstream: true)
        XCTAssertTrue(down.next.contains { $0.column == "model.stg_orders.profit" && $0.kind == "derived" })
        // Every ShopVerse model column has lineage, except counts of rows.
        for model in project.models {
            let schema = try XCTUnwrap(model.schema, model.name)
            XCTAssertTrue(schema.complete, model.name)
        }
    }

    func testCornerCaseKindsFiltersAndJoins() throws {
        let dir = GoldenTests.fixtures.appendingPathComponent("types/binding_corner_cases")
        let project = try XCTUnwrap(Self.analyse(dir))
        XCTAssertEqual(edges(project, "stg_orders", "order_status"), ["source.raw.orders.status identity"])
        XCTAssertEqual(edges(project, "stg_orders", "doubled"), ["source.raw.orders.amount derived"])
        XCTAssertEqual(edges(project, "stg_orders", "total"), ["source.raw.orders.amount aggregated"])
        XCTAssertEqual(edges(project, "stg_orders", "region"), ["source.raw.customers.region identity"])
        XCTAssertEqual(edges(project, "customer_totals", "revenue"), ["model.stg_orders.amount aggregated"])
        let schema = try XCTUnwrap(project.models.first { $0.name == "stg_orders" }?.schema)
        XCTAssertTrue(schema.joins.map(\.description).contains("source.raw.customers.customer_id"))
        XCTAssertTrue(schema.filters.map(\.description).contains("source.raw.orders.order_date"))
        XCTAssertEqual(schema.columns.map(\.name), [
            "order_id", "order_status", "order_date", "customer_id", "region", "total", "item", "item_index", "max_day", "doubled", "amount", "v1",
        ])
    }
}
