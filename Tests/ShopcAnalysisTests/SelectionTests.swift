import ShopcBase
import ShopcSpec
import XCTest

@testable import ShopcAnalysis

/// Selector parsing, graph operators, set operations, globs, state comparison and diff.
final class SelectionTests: XCTestCase {
    /// a → b → c, a → d (ephemeral) → e; tags and layers vary.
    static let yaml = """
    project:
      name: p
      default_target: dev
      targets:
        dev: {database: D, schema: S, warehouse: W, role: R}
      layers:
        - {name: silver, reads: [silver]}
        - {name: gold, reads: [silver, gold]}
    models:
      - {name: a, layer: silver, tags: [x], columns: [{name: id, type: 'NUMBER(38,0)'}, {name: v, type: VARCHAR}], sql: "SELECT 1 AS id, 'v' AS v"}
      - {name: b, layer: silver, tags: [x, y], sql: "SELECT id, v FROM {{ ref('a') }}"}
      - {name: c, layer: gold, tags: [y], sql: "SELECT id FROM {{ ref('b') }}"}
      - {name: d, layer: silver, materialized: ephemeral, sql: "SELECT id FROM {{ ref('a') }}"}
      - {name: e, layer: gold, sql: "SELECT id FROM {{ ref('d') }}"}
    """

    func project(_ yaml: String = SelectionTests.yaml) throws -> AnalysedProject {
        var d = Diagnostics()
        let specs = SpecLoader(readReferenced: { _ in .missing }).load(files: [("specs/models/p.yml", Array(yaml.utf8))], diagnostics: &d)
        let project = ProjectAnalyzer(specs: specs).analyse(&d)
        XCTAssertEqual(d.all.filter { $0.severity == .error }.map(\.message), [])
        return try XCTUnwrap(project)
    }

    func select(_ select: [String], exclude: [String] = [], state: ProjectState? = nil) throws -> [String] {
        var d = Diagnostics()
        let names = NodeSelector(project: try project(), state: state)
            .select(try SelectorParser.parse(select), exclude: try SelectorParser.parse(exclude), &d).map(\.name)
        // Selecting the ephemeral `d` without `e` warns (testAnEphemeralModelSelectedWithoutItsReadersWarns).
        let ephemeralAlone = d.all.filter { $0.code == .selectsNothing && $0.message.hasPrefix("'d' is an ephemeral model") }
        XCTAssertEqual(ephemeralAlone.count, names.contains("d") && !names.contains("e") ? 1 : 0)
        XCTAssertEqual(d.all.filter { $0.code != .selectsNothing || !$0.message.hasPrefix("'d' is an ephemeral") }.map(\.message), [])
        return names
    }

    func testParsesGraphOperatorsAndMethods() throws {
        let t = try SelectorParser.term("2+tag:finance+1")
        XCTAssertEqual(t.parents, .levels(2))
        XCTAssertEqual(t.children, .levels(1))
        XCTAssertEqual(t.method, .tag("finance"))
        XCTAssertEqual(try SelectorParser.term("+stg_orders").parents, .unbounded)
        XCTAssertEqual(try SelectorParser.term("state:modified+").method, .stateModified)
        XCTAssertEqual(try SelectorParser.parse(["a b,c"])?.union.map { $0.map(\.text) }, [["a"], ["b", "c"]])
        XCTAssertThrowsError(try SelectorParser.term("tags:x")) { error in
            XCTAssertEqual((error as? SelectorError)?.notes.first, "did you mean 'tag:'?")
        }
        XCTAssertThrowsError(try SelectorParser.term("state:changed"))
        XCTAssertThrowsError(try SelectorParser.term("+"))
        XCTAssertThrowsError(try SelectorParser.parse(["a,,b"]))
        XCTAssertThrowsError(try SelectorParser.term("a;b"))
    }

    func testAnEphemeralModelSelectedWithoutItsReadersWarns() throws {
        let project = try project()
        var d = Diagnostics()
        let alone = NodeSelector(project: project, state: nil).select(try SelectorParser.parse(["d"]), exclude: nil, &d).map(\.name)
        XCTAssertEqual(alone, ["d"])
        XCTAssertEqual(d.all.map(\.code), [.selectsNothing])
        XCTAssertTrue(d.all.first?.message.hasPrefix("'d' is an ephemeral model") ?? false)
        // With a model that reads it, it is compiled into that model: nothing to say.
        var quiet = Diagnostics()
        _ = NodeSelector(project: project, state: nil).select(try SelectorParser.parse(["d+"]), exclude: nil, &quiet)
        XCTAssertEqual(quiet.all.map(\.message), [])
    }

    func testGraphOperatorsUnionIntersectionAndExclude() throws {
        XCTAssertEqual(try select(["+c"]), ["a", "b", "c"])
        XCTAssertEqual(try select(["a+"]).sorted(), ["a", "b", "c", "d", "e"])
        XCTAssertEqual(try select(["a+1"]).sorted(), ["a", "b", "d"])
        XCTAssertEqual(try select(["1+c"]), ["b", "c"])
        XCTAssertEqual(try select(["tag:x,tag:y"]), ["b"])
        XCTAssertEqual(try select(["tag:x layer:gold"]).sorted(), ["a", "b", "c", "e"])
        XCTAssertEqual(try select(["a+"], exclude: ["layer:gold"]).sorted(), ["a", "b", "d"])
        XCTAssertEqual(try select(["path:specs/models/*.yml"]).count, 5)
        XCTAssertEqual(try select(["path:specs/models"]).count, 5)
        XCTAssertEqual(try select(["*"]).count, 5)
    }

    func testUnknownNamesAreErrorsWithDidYouMean() throws {
        var d = Diagnostics()
        let selector = NodeSelector(project: try project(), state: nil)
        _ = selector.select(try SelectorParser.parse(["bb", "tag:z", "layer:golden", "state:modified"]), exclude: nil, &d)
        XCTAssertEqual(d.all.map(\.code), [.invalidSelector, .invalidSelector, .invalidSelector, .invalidSelector])
        XCTAssertEqual(d.all.first?.notes.first?.message, "did you mean 'b'?")
        XCTAssertEqual(d.all[2].notes.first?.message, "did you mean 'gold'?")
    }

    func testStateModifiedComparesChecksums() throws {
        let p = try project()
        var models: [String: ProjectState.Model] = [:]
        for m in p.models { models[m.name] = ProjectState.Model(name: m.name, checksum: p.checksum(of: m), columns: [], dependsOn: []) }
        models["a"]?.checksum = "old"
        models["e"] = nil
        let state = ProjectState(models: models)
        XCTAssertEqual(try select(["state:modified"], state: state), ["a", "e"])
        XCTAssertEqual(try select(["state:new"], state: state), ["e"])
        XCTAssertEqual(try select(["state:modified+"], state: state).sorted(), ["a", "b", "c", "d", "e"])
    }

    func testDiffClassifiesColumnChanges() throws {
        let p = try project()
        var models: [String: ProjectState.Model] = [:]
        for m in p.models { models[m.name] = ProjectState.Model(name: m.name, checksum: p.checksum(of: m), columns: [], dependsOn: []) }
        models["a"] = ProjectState.Model(name: "a", checksum: "old", columns: [
            .init(name: "id", type: "NUMBER(18,0)"), .init(name: "gone", type: "VARCHAR"),
        ], dependsOn: [])
        models["old_model"] = ProjectState.Model(name: "old_model", checksum: "x", columns: [], dependsOn: [])
        let diff = StateDiff(project: p, state: ProjectState(models: models))
        XCTAssertEqual(diff.changes.map(\.model), ["a", "old_model"])
        let a = diff.changes[0]
        XCTAssertEqual(a.addedColumns, ["v"])
        XCTAssertEqual(a.removedColumns, ["gone"])
        XCTAssertEqual(a.retypedColumns.map(\.name), ["id"])
        XCTAssertEqual(a.brokenDownstream.map(\.model), ["b", "d"])
        XCTAssertTrue(a.breaking)
        XCTAssertFalse(a.tableKeepsOldColumns)
        XCTAssertTrue(diff.changes[1].breaking)
    }

    /// An incremental model's table is created only when missing: any change to its columns
    /// breaks the next deploy, even an added column no reader uses.
    func testAColumnAddedToAnIncrementalModelIsBreaking() throws {
        func change(_ p: AnalysedProject) -> StateDiff.Change? {
            var models: [String: ProjectState.Model] = [:]
            for m in p.models { models[m.name] = ProjectState.Model(name: m.name, checksum: p.checksum(of: m), columns: [], dependsOn: []) }
            models["a"] = ProjectState.Model(name: "a", checksum: "old", columns: [.init(name: "id", type: "NUMBER(38,0)")], dependsOn: [])
            return StateDiff(project: p, state: ProjectState(models: models)).changes.first { $0.model == "a" }
        }
        let view = try XCTUnwrap(change(try project()))
        XCTAssertEqual(view.addedColumns, ["v"])
        XCTAssertFalse(view.tableKeepsOldColumns)
        XCTAssertFalse(view.breaking)
        let yaml = SelectionTests.yaml.replacingOccurrences(of: "- {name: a, layer: silver,", with: "- {name: a, layer: silver, materialized: incremental,")
        let incremental = try XCTUnwrap(change(try project(yaml)))
        XCTAssertEqual(incremental.addedColumns, ["v"])
        XCTAssertTrue(incremental.tableKeepsOldColumns)
        XCTAssertTrue(incremental.breaking)
    }

    /// source:, config. and @, over raw.orders → a → b → c, raw.customers → b, a → d.
    func testSourceConfigAndAtSelectors() throws {
        let yaml = """
        project:
          name: p
          default_target: dev
          targets:
            dev: {database: D, schema: S, warehouse: W, role: R}
        sources:
          - name: raw
            schema: bronze
            tables:
              - {name: orders, columns: [{name: id, type: 'NUMBER(38,0)'}]}
              - {name: customers, columns: [{name: id, type: 'NUMBER(38,0)'}]}
        models:
          - {name: a, sql: "SELECT id FROM {{ source('raw', 'orders') }}"}
          - {name: b, materialized: table, sql: "SELECT a.id FROM {{ ref('a') }} AS a JOIN {{ source('raw', 'customers') }} AS c ON c.id = a.id"}
          - {name: c, schema: marts, sql: "SELECT id FROM {{ ref('b') }}"}
          - {name: d, materialized: incremental, unique_key: id, sql: "SELECT id FROM {{ ref('a') }}"}
        """
        let selector = NodeSelector(project: try project(yaml), state: nil)
        func names(_ select: String) throws -> ([String], [DiagnosticCode]) {
            var d = Diagnostics()
            let names = selector.select(try SelectorParser.parse([select]), exclude: nil, &d).map(\.name)
            return (names.sorted(), d.all.map(\.code))
        }
        XCTAssertEqual(try names("source:raw.orders+").0, ["a", "b", "c", "d"])
        XCTAssertEqual(try names("source:raw.orders+1").0, ["a"])
        XCTAssertEqual(try names("source:raw.orders+2").0, ["a", "b", "d"])
        XCTAssertEqual(try names("source:raw.customers+").0, ["b", "c"])
        XCTAssertEqual(try names("source:raw+1").0, ["a", "b"])
        XCTAssertEqual(try names("source:RAW.cust*+1").0, ["b"])
        // Alone, a source selects no model, and says how to select its readers.
        XCTAssertEqual(try names("source:raw.orders").0, [])
        XCTAssertEqual(try names("source:raw.orders").1, [.selectsNothing])
        XCTAssertEqual(try names("source:raw.invoices+").1, [.invalidSelector])
        XCTAssertEqual(try names("config.materialized:incremental").0, ["d"])
        XCTAssertEqual(try names("config.materialized:view").0, ["a", "c"])
        XCTAssertEqual(try names("config.incremental_strategy:merge").0, ["d"])
        XCTAssertEqual(try names("config.schema:marts").0, ["c"])
        XCTAssertEqual(try names("config.materialized:tabel").1, [.invalidSelector])
        // @b: b, its descendant c, and every ancestor of either (a): not d, a sibling.
        XCTAssertEqual(try names("@b").0, ["a", "b", "c"])
        XCTAssertEqual(try names("@source:raw.customers").0, ["a", "b", "c"])
        XCTAssertThrowsError(try SelectorParser.term("@+b"))
        XCTAssertThrowsError(try SelectorParser.term("config.materialised:table")) { error in
            XCTAssertEqual((error as? SelectorError)?.notes.first, "did you mean 'config.materialized:'?")
        }
        XCTAssertThrowsError(try SelectorParser.term("source:a.b.c+"))
    }

    func testGlobs() {
        XCTAssertTrue(Glob.matchesPath("specs/models/gold/*", "specs/models/gold/a.yml"))
        XCTAssertFalse(Glob.matchesPath("specs/models/*", "specs/models/gold/a.yml"))
        XCTAssertTrue(Glob.matchesPath("specs/**/a.yml", "specs/models/gold/a.yml"))
        XCTAssertTrue(Glob.matchesPath("specs/**/a.yml", "specs/a.yml"))
        XCTAssertTrue(Glob.matchesPath("./specs/models", "specs/models/x.yml"))
        XCTAssertFalse(Glob.matchesPath("specs/model", "specs/models/x.yml"))
        XCTAssertTrue(Glob.matches("stg_*", "STG_ORDERS", caseInsensitive: true))
        XCTAssertTrue(Glob.matchesPath("specs/m?dels/*.yml", "specs/models/x.yml"))
    }
}
