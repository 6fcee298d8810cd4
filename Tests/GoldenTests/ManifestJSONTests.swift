import ShopcBase
@testable import ShopcEmit
import XCTest

/// The hand-written `manifest.json` is byte for byte what `JSONEncoder` (through
/// `StableJSON.encode`) gives for the same values.
final class ManifestJSONTests: XCTestCase {
    func testShopVerseManifestMatchesTheEncoder() throws {
        let manifest = ManifestEmitter(project: try DocsTests.shopverse()).manifest()
        XCTAssertEqual(manifest.json, StableJSON.encode(manifest))
    }

    func testChecksumsOfAllNodesMatchTheOneByOneChecksums() throws {
        let project = try DocsTests.shopverse()
        let sums = project.checksums()
        for model in project.models { XCTAssertEqual(sums[model.id], project.checksum(of: model), model.name) }
        for table in project.sources.flatMap(\.tables) { XCTAssertEqual(sums[table.id], project.checksum(of: table), table.name) }
        XCTAssertEqual(sums.count, project.models.count + project.sources.flatMap(\.tables).count)
    }

    func testEscapesEmptyContainersAndKeyOrderMatchTheEncoder() {
        let odd = "q\"uote \\ slash/ tab\t nl\n cr\r bell\u{07} esc\u{1B} del\u{7F} é 中 \u{2028} </script> &"
        let column = ManifestEmitter.Column(name: odd, type: nil, description: "", masking: nil, pii: true, inferred: false)
        let node = ManifestEmitter.Node(
            unique_id: "model.a", resource_type: "model", name: "a", checksum: "c", source_name: nil, layer: odd,
            materialized: "view", incremental_strategy: nil, unique_key: [], cluster_by: nil, tags: [odd, ""],
            description: odd, columns: [column, column], depends_on: [], original_file_path: nil, relations: [:],
            sql_sha256: ["b": "1", "a": "2", "B": "3", "a_b": "4", "a.b": "5", "é": "6", "z": "7", "10": "8", "9": "9"])
        let manifest = ManifestEmitter.Manifest(
            manifest_version: 1, project: odd, default_target: "dev", targets: [:],
            nodes: ["model.a": node, "model.B": node, "source.x.y": node], edges: [[], ["a", "b"]], tests: [:], spec_files: [odd: odd])
        XCTAssertEqual(manifest.json, StableJSON.encode(manifest))
    }
}
