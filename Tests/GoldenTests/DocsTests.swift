import Foundation
import ShopcAnalysis
import ShopcBase
import ShopcDriver
import ShopcSpec
@testable import ShopcEmit
import XCTest

/// The documentation on ShopVerse: layout quality and determinism, escaping, the schema table.
final class DocsTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shopverse() throws -> AnalysedProject {
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: repo.path, diagnostics: &read)
        var options = Compiler.Options()
        options.analyseOnly = true
        return try XCTUnwrap(Compiler.run(files, options: options, readDiagnostics: read).project)
    }

    func testShopVerseLayoutIsLayeredDeterministicAndNearlyUncrossed() throws {
        let catalog = DocsCatalog(project: try Self.shopverse())
        let nodes = catalog.nodes.map(\.key)
        let edges = catalog.edges.map { (from: $0.from.description, to: $0.to.description) }
        let layout = GraphLayout.layout(nodes: nodes, edges: edges)
        XCTAssertEqual(layout, GraphLayout.layout(nodes: nodes.reversed(), edges: edges.reversed()))
        XCTAssertLessThanOrEqual(layout.crossings, 3)
        for edge in edges {
            let (a, b) = try (XCTUnwrap(layout.slot(edge.from)), XCTUnwrap(layout.slot(edge.to)))
            XCTAssertLessThan(a.rank, b.rank, "\(edge.from) → \(edge.to)")
        }
        for node in catalog.nodes where node.kind == "source" { XCTAssertEqual(layout.slot(node.key)?.rank, 0) }
        XCTAssertEqual(layout.slots.count { !$0.dummy }, nodes.count)
        // No two nodes of a rank overlap.
        for rank in Set(layout.slots.map(\.rank)) {
            let column = layout.slots.filter { $0.rank == rank }.sorted { $0.y < $1.y }
            for (upper, lower) in zip(column, column.dropFirst()) {
                let h = upper.dummy ? layout.metrics.dummyHeight : layout.metrics.nodeHeight
                XCTAssertGreaterThanOrEqual(lower.y, upper.y + h)
            }
        }
    }

    func testBarycenterSweepsRemoveAvoidableCrossings() {
        // Sorted by name, a→d and b→c cross; one sweep fixes it.
        let layout = GraphLayout.layout(nodes: ["a", "b", "c", "d"], edges: [("a", "d"), ("b", "c")])
        XCTAssertEqual(layout.crossings, 0)
        // K(2,2) cannot be drawn without one crossing.
        XCTAssertEqual(GraphLayout.layout(nodes: ["a", "b", "c", "d"], edges: [("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")]).crossings, 1)
        // A long edge gets one dummy per rank it crosses.
        let long = GraphLayout.layout(nodes: ["a", "b", "c", "d"], edges: [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")])
        XCTAssertEqual(long.routes.first { $0.from == "a" && $0.to == "d" }?.via.count, 2)
    }

    func testEveryModelHasAPageAGraphNodeAndAMarkdownFile() throws {
        let project = try Self.shopverse()
        var artifacts = ArtifactSet()
        DocsEmitter(project: project).emit(into: &artifacts)
        let html = try XCTUnwrap(artifacts.files["docs/index.html"])
        for model in project.models {
            XCTAssertTrue(html.contains("<section id=\"model-\(model.name)\""), model.name)
            XCTAssertTrue(html.contains("data-node=\"model.\(model.name)\"><title>"), model.name)
            XCTAssertNotNil(artifacts.files["docs/models/\(model.name).md"], model.name)
        }
        XCTAssertFalse(html.contains("src=\"http"), "no external resources")
        XCTAssertTrue(artifacts.files["docs/README.md"]?.contains("```mermaid\nflowchart LR\n") ?? false)
    }

    func testEnvironmentSchemaTableFollowsTheSchemaMacro() throws {
        let project = try Self.shopverse()
        let customs = DocsCatalog.customSchemas(project)
        let rows = Dictionary(uniqueKeysWithValues: DocsCatalog.schemaRows(project).map { ($0.target, $0) })
        func resolved(_ target: String, _ custom: String) -> String? {
            customs.firstIndex(of: custom).flatMap { rows[target]?.resolved[$0] }
        }
        XCTAssertEqual(resolved("dev", "silver"), "DEV_ANALYTICS_silver")
        XCTAssertEqual(resolved("prod", "gold"), "gold")
        XCTAssertEqual(resolved("ci", "gold"), "CI_ANALYTICS_gold")
        XCTAssertEqual(rows["ci"]?.targetSchema, "CI_ANALYTICS")
    }

    func testEscapingFixtureRendersSpecTextInert() throws {
        let dir = Self.repo.appendingPathComponent("Tests/GoldenTests/Fixtures/docs/escaping/expected/docs")
        let html = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        // The page's own script is the only one; the spec's <script>, <img> and </td> are text.
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 1)
        XCTAssertEqual(html.components(separatedBy: "</script>").count - 1, 1)
        XCTAssertFalse(html.contains("<img"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"))
        let markdown = try String(contentsOf: dir.appendingPathComponent("models/evil.md"), encoding: .utf8)
        // Outside code blocks (which Markdown shows verbatim) no tag survives.
        XCTAssertFalse(markdown.contains("<script>alert"))
        XCTAssertFalse(markdown.contains("<img") || markdown.contains("</td>"))
        XCTAssertTrue(markdown.contains("&lt;script&gt;alert(\"xss\")&lt;/script&gt;"))
        XCTAssertTrue(markdown.contains("````sql\n"), "the fence outgrows the ``` inside the SQL")
    }

    func testColumnLineageAndInferredTypesRenderWhenTheAnalysisProvidesThem() throws {
        let project = try Self.shopverse()
        let orders = NodeID.model("stg_orders")
        let bronze = NodeID.source(source: "shopverse_raw", table: "bronze_orders")
        let lineage: [NodeID: [String: [ColumnOrigin]]] = [orders: [
            "PROFIT": [ColumnOrigin(node: bronze, column: "SELLING_PRICE"), ColumnOrigin(node: bronze, column: "COST_PRICE")],
        ]]
        let catalog = DocsCatalog(project: project, columnLineage: lineage, inferredTypes: [orders: ["PROFIT": "NUMBER(38,2)"]])
        XCTAssertTrue(catalog.hasColumnLineage)
        let node = try XCTUnwrap(catalog.node(orders))
        XCTAssertEqual(node.columns.first { $0.name == "profit" }?.origins.map(\.column), ["COST_PRICE", "SELLING_PRICE"])
        let html = DocsNodePage(catalog: catalog, node: node).render()
        XCTAssertTrue(html.contains("<table class=\"column-lineage\">"))
        XCTAssertTrue(html.contains("<a href=\"#source-shopverse_raw-bronze_orders\">bronze_orders</a>.<code>cost_price</code>"))
        let markdown = DocsMarkdown(catalog: catalog, schemaRows: [], customSchemas: []).page(node)
        XCTAssertTrue(markdown.contains("### Column lineage"))
        XCTAssertTrue(markdown.contains("| `profit` | source.shopverse_raw.bronze_orders.`cost_price`, source.shopverse_raw.bronze_orders.`selling_price` |"))
        // Without lineage (a project whose SQL could not be analysed) the page says so instead.
        let plain = DocsCatalog(project: project, columnLineage: [:], inferredTypes: [:])
        XCTAssertFalse(plain.hasColumnLineage)
        XCTAssertTrue(DocsNodePage(catalog: plain, node: try XCTUnwrap(plain.node(orders))).render().contains("once type checking provides it"))
        // The real hook reads the type checker's lineage: profit comes from three source columns.
        let real = DocsCatalog(project: project)
        XCTAssertTrue(real.hasColumnLineage)
        XCTAssertEqual(
            try XCTUnwrap(real.node(orders)).columns.first { $0.name == "profit" }?.origins.map(\.column).sorted(),
            ["cost_price", "quantity", "selling_price"])
    }

    /// A project of `silver` models that read nothing and `gold` models that read two of them each.
    static func layered(silver: Int, gold: Int) throws -> AnalysedProject {
        var yaml = """
        project:
          name: layered
          default_target: dev
          targets:
            dev: {database: D, schema: S, warehouse: W, role: R}
          layers:
            - {name: silver, reads: [silver]}
            - {name: gold, reads: [silver, gold]}
        models:

        """
        for i in 0..<silver { yaml += "  - {name: s\(i), layer: silver, sql: \"SELECT \(i) AS id\"}\n" }
        for i in 0..<gold {
            yaml += "  - {name: g\(i), layer: gold, sql: \"SELECT id FROM {{ ref('s\(2 * i)') }} UNION ALL SELECT id FROM {{ ref('s\(2 * i + 1)') }}\"}\n"
        }
        var d = Diagnostics()
        let specs = SpecLoader(readReferenced: { _ in .missing }).load(files: [("specs/models/layered.yml", Array(yaml.utf8))], diagnostics: &d)
        let project = ProjectAnalyzer(specs: specs).analyse(&d)
        XCTAssertEqual(d.all.filter { $0.severity == .error }.map(\.message), [])
        return try XCTUnwrap(project)
    }

    func testALargeProjectsOverviewDrawsItsLayers() throws {
        // 400 + 120 = 520 nodes: past the limit, the overview draws two boxes and one arrow.
        let project = try Self.layered(silver: 400, gold: 120)
        var artifacts = ArtifactSet()
        DocsEmitter(project: project).emit(into: &artifacts)
        let html = try XCTUnwrap(artifacts.files["docs/index.html"])
        let overview = try XCTUnwrap(html.components(separatedBy: "<section id=\"overview\"").last?.components(separatedBy: "</section>").first)
        XCTAssertTrue(overview.contains("<p class=\"muted\">520 nodes and 240 edges: more than 500 nodes make a graph nobody can read"))
        XCTAssertTrue(overview.contains("<g class=\"gnode g0\"><title>silver: 400 models</title>"))
        XCTAssertTrue(overview.contains("<g class=\"gnode g1\"><title>gold: 120 models</title>"))
        XCTAssertTrue(overview.contains(">silver (400)</text></g>"))
        XCTAssertEqual(overview.components(separatedBy: "class=\"gnode").count - 1, 2)
        XCTAssertEqual(overview.components(separatedBy: "<path class=\"edge\"").count - 1, 1)
        XCTAssertFalse(overview.contains("<a class=\"gnode"), "no node is drawn one by one")
        XCTAssertTrue(overview.contains("<tr><td>silver</td><td>gold</td><td>240</td></tr>\n</tbody>"))
        // Every node still has its page, and the README no longer sends readers to a whole graph.
        XCTAssertTrue(html.contains("<section id=\"model-g119\""))
        let readme = try XCTUnwrap(artifacts.files["docs/README.md"])
        XCTAssertTrue(readme.contains("every model page draws its own lineage.\n"))
        XCTAssertFalse(readme.contains("has the whole graph"))

        // At the limit or below, every node is drawn and links to its page.
        let html2 = DocsHTML(catalog: DocsCatalog(project: project), schemaRows: [], customSchemas: []).overview(graphLimit: 520)
        XCTAssertEqual(html2.components(separatedBy: "<a class=\"gnode").count - 1, 520)
        XCTAssertTrue(html2.contains("data-node=\"model.g0\""))
    }

    func testEscaping() {
        XCTAssertEqual(DocsText.html("<script>alert('x')</script> & \""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;")
        XCTAssertEqual(DocsText.markdownCell("a | b\n<i>"), "a \\| b &lt;i&gt;")
        XCTAssertEqual(DocsText.mermaid("a\"b<c>#"), "a#quot;b#lt;c#gt;#35;")
        XCTAssertEqual(DocsText.fence(for: "x ```` y"), "`````")
        XCTAssertEqual(DocsText.percent(1, of: 3), "33.3%")
        XCTAssertEqual(DocsText.anchor("source.raw.orders"), "source-raw-orders")
        XCTAssertEqual(JSONValue.quote("</script>"), "\"\\u003c/script\\u003e\"")
    }
}
