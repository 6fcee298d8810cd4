import ShopcBase
import ShopcSpec
import XCTest

final class SpecLoaderTests: XCTestCase {
    func load(_ files: [String: String], referenced: [String: String] = [:]) -> (ProjectSpecs, [Diagnostic]) {
        var d = Diagnostics()
        let loader = SpecLoader(readReferenced: { path in referenced[path].map { .text($0) } ?? .missing })
        let specs = loader.load(files: files.map { ($0.key, Array($0.value.utf8)) }, diagnostics: &d)
        return (specs, d.sorted)
    }

    func testBlockScalarSQLMapsBackToYAMLPositions() throws {
        let yaml = """
            models:
              - name: m
                sql: |
                  SELECT a
                  FROM b
            """
        let (specs, diagnostics) = load(["specs/m.yml": yaml])
        XCTAssertEqual(diagnostics, [])
        let model = try XCTUnwrap(specs.models.first)
        XCTAssertEqual(model.sql?.value, "SELECT a\nFROM b")
        XCTAssertEqual(model.name.location, SourceLocation(file: "specs/m.yml", line: 2, column: 11))
        // "FROM" starts text line 2, column 1 → file line 5, column 7.
        XCTAssertEqual(model.sqlOrigin?.location(line: 2, column: 1), SourceLocation(file: "specs/m.yml", line: 5, column: 7))
        XCTAssertEqual(model.materialized.value, "view")
    }

    func testInlineAndQuotedScalarPositions() throws {
        let (specs, _) = load(["specs/m.yml": "models:\n  - {name: m, sql: \"SELECT 1\"}\n"])
        let origin = try XCTUnwrap(specs.models.first?.sqlOrigin)
        XCTAssertEqual(origin.location(line: 1, column: 8), SourceLocation(file: "specs/m.yml", line: 2, column: 28))
    }

    func testFilesAreReadInPathOrder() {
        let a = "models:\n  - {name: a, sql: SELECT 1}\n"
        let b = "models:\n  - {name: b, sql: SELECT 1}\n"
        let (specs, _) = load(["specs/z.yml": a, "specs/a.yml": b])
        XCTAssertEqual(specs.models.map(\.name.value), ["b", "a"])
        XCTAssertEqual(specs.files.map(\.path), ["specs/a.yml", "specs/z.yml"])
    }

    func testShapeErrorsAreAllReported() {
        let yaml = """
            modles: []
            models:
              - name: m
                materialized: incremental
                incremental_strategy: upsert
                unique_key: [id]
                tags: 3
                sql: SELECT 1
            """
        let (_, diagnostics) = load(["specs/m.yml": yaml])
        XCTAssertEqual(diagnostics.map(\.code), [.unknownKey, .invalidValue, .wrongType])
        XCTAssertEqual(diagnostics[0].notes.first?.message, "did you mean 'models'?")
        XCTAssertEqual(diagnostics[1].location, SourceLocation(file: "specs/m.yml", line: 5, column: 27))
    }

    func testClusterByOnAViewHasNoEffect() {
        let yaml = """
            models:
              - {name: v, cluster_by: [id], sql: SELECT 1 AS id}
              - {name: e, materialized: ephemeral, cluster_by: id, sql: SELECT 1 AS id}
              - {name: t, materialized: table, cluster_by: [id], sql: SELECT 1 AS id}
              - {name: x, materialized: tabel, cluster_by: [id], sql: SELECT 1 AS id}
            """
        let (_, diagnostics) = load(["specs/m.yml": yaml])
        // The misspelt materialization is reported once, not also as a view's clustering.
        XCTAssertEqual(diagnostics.map(\.severity), [.warning, .warning, .error])
        XCTAssertEqual(diagnostics.first?.message, "'cluster_by' has no effect on a view model: only tables are clustered")
        XCTAssertEqual(diagnostics.first?.location, SourceLocation(file: "specs/m.yml", line: 2, column: 28))
        XCTAssertEqual(diagnostics[1].message, "'cluster_by' has no effect on an ephemeral model: only tables are clustered")
    }

    func testInvalidUTF8AndBOM() {
        var d = Diagnostics()
        let loader = SpecLoader(readReferenced: { _ in .missing })
        var bytes = Array("models:\n  - name: ".utf8)
        bytes.append(0xFF)
        _ = loader.load(files: [("specs/bad.yml", bytes)], diagnostics: &d)
        XCTAssertEqual(d.sorted.first?.code, .invalidEncoding)
        XCTAssertEqual(d.sorted.first?.location?.line, 2)

        var clean = Diagnostics()
        let specs = loader.load(files: [("specs/bom.yml", [0xEF, 0xBB, 0xBF] + Array("models:\n  - {name: a, sql: SELECT 1}\n".utf8))], diagnostics: &clean)
        XCTAssertEqual(clean.all, [])
        XCTAssertEqual(specs.models.count, 1)
    }

    func testHostileYAMLIsBounded() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 10).joined(separator: ", ") + "]\n" }
        for (name, text) in [("deep", deep), ("bomb", bomb)] {
            let (_, diagnostics) = load(["specs/\(name).yml": text])
            XCTAssertEqual(diagnostics.first?.severity, .error, name)
        }
    }

    func testSQLFilePathsStayInsideTheProject() {
        let yaml = "models:\n  - {name: a, sql_file: ../../x.sql}\n  - {name: b, sql_file: sql/b.sql}\n"
        let (specs, diagnostics) = load(["specs/m.yml": yaml], referenced: ["specs/sql/b.sql": "SELECT 2"])
        XCTAssertEqual(diagnostics.map(\.code), [.pathOutsideProject])
        // The model stays (without SQL) so that models reading it do not report it as unknown.
        XCTAssertEqual(specs.models.map(\.name.value), ["a", "b"])
        XCTAssertNil(specs.models.first?.sql)
        XCTAssertEqual(specs.models.last?.sqlOrigin?.file, "specs/sql/b.sql")
    }
}

/// Inputs too large or too deep to keep as fixtures, generated here.
final class SpecLoaderLimitTests: XCTestCase {
    func load(_ text: String) -> [Diagnostic] {
        var d = Diagnostics()
        _ = SpecLoader(readReferenced: { _ in .missing }).load(files: [("specs/big.yml", Array(text.utf8))], diagnostics: &d)
        return d.sorted
    }

    func testTenMegabyteScalarLoads() {
        let big = String(repeating: "x", count: 10 << 20)
        XCTAssertEqual(load("version: 1\nmodels:\n  - name: a\n    description: \(big)\n    sql: SELECT 1 AS x\n").map(\.code), [])
    }

    func testHundredThousandLevelsOfNesting() {
        let n = 100_000
        for text in [
            "version: 1\nmodels: " + String(repeating: "[", count: n) + String(repeating: "]", count: n),
            "version: 1\nmodels: " + String(repeating: "{a: ", count: n) + "1" + String(repeating: "}", count: n),
            "version: 1\nmodels:\n  " + String(repeating: "- ", count: n) + "x",
        ] {
            let diagnostics = load(text)
            XCTAssertEqual(diagnostics.map(\.code), [.yamlAlias])
            XCTAssertNotNil(diagnostics.first?.location)
        }
    }
}
