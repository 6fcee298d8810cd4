import ShopcAnalysis
import ShopcBase

/// `manifest.json`: nodes, edges, columns, tests and spec checksums, for tools and for
/// `--state` comparisons. Keys sorted, no timestamps, no absolute paths.
struct ManifestEmitter {
    let project: AnalysedProject

    struct Column: Encodable {
        var name: String
        var type: String?
        var description: String?
        var masking: String?
        var pii: Bool
        /// True for columns inferred from the SQL of a model that declares none.
        var inferred: Bool? = nil
    }

    struct Node: Encodable {
        var unique_id: String
        var resource_type: String
        var name: String
        /// Covers the spec values and the compiled SQL (`AnalysedProject.checksum(of:)`), for `state:` selectors.
        var checksum: String
        var source_name: String?
        var layer: String?
        var materialized: String?
        var incremental_strategy: String?
        var unique_key: [String]?
        var cluster_by: [String]?
        var tags: [String]
        var description: String?
        var columns: [Column]
        var depends_on: [String]
        var original_file_path: String?
        var relations: [String: String]
        var sql_sha256: [String: String]?
        var lineage: ManifestLineage? = nil
    }

    struct Test: Encodable {
        var unique_id: String
        var test: String
        var attached_node: String?
        var column: String?
        var severity: String
        var warn_if: String?
        var error_if: String?
        var tags: [String]
        var depends_on: [String]
        /// SHA-256 of the compiled failing-rows query per target.
        var sql_sha256: [String: String]
    }

    struct Target: Encodable {
        var database: String
        var schema: String
        var warehouse: String
        var role: String
    }

    struct Manifest: Encodable {
        var manifest_version: Int
        var project: String
        var default_target: String
        var targets: [String: Target]
        var nodes: [String: Node]
        var edges: [[String]]
        var tests: [String: Test]
        var spec_files: [String: String]
    }

    static func column(_ c: ColumnInfo) -> Column {
        Column(name: c.name, type: c.type, description: c.description, masking: c.masking, pii: c.pii)
    }

    /// The document's text (`ManifestJSON.swift`).
    func json() -> String { manifest().json }

    /// The document as values; `Encodable`, so a test can check the hand-written JSON against
    /// `StableJSON.encode`.
    func manifest() -> Manifest {
        let checksums = project.checksums()
        var nodes: [String: Node] = [:]
        var edges: [[String]] = []
        for source in project.sources {
            for table in source.tables {
                nodes[table.id.description] = Node(
                    unique_id: table.id.description, resource_type: "source", name: table.name, checksum: checksums[table.id] ?? "", source_name: source.name,
                    layer: nil, materialized: nil, incremental_strategy: nil, unique_key: nil, cluster_by: nil, tags: [],
                    description: table.description, columns: table.columns.map(Self.column), depends_on: [],
                    original_file_path: nil, relations: table.relations.mapValues(\.description), sql_sha256: nil)
            }
        }
        // Models are independent (hashing their SQL is most of the work): built in parallel.
        let models = Parallel.map(project.models) { model in
            Node(
                unique_id: model.id.description, resource_type: "model", name: model.name, checksum: checksums[model.id] ?? "", source_name: nil, layer: model.layer,
                materialized: model.materialized, incremental_strategy: model.incrementalStrategy, unique_key: model.uniqueKey,
                cluster_by: model.clusterBy, tags: model.tags, description: model.description,
                columns: ManifestLineage.inferredColumns(model) ?? model.columns.map(Self.column),
                depends_on: model.dependsOn.map(\.description), original_file_path: model.file,
                relations: model.builds.mapValues(\.relation.description),
                sql_sha256: model.builds.mapValues { SHA256.hex($0.sql) }, lineage: model.schema.map(ManifestLineage.init))
        }
        for (model, node) in zip(project.models, models) {
            nodes[node.unique_id] = node
            for dep in model.dependsOn { edges.append([dep.description, node.unique_id]) }
        }
        var tests: [String: Test] = [:]
        for test in Parallel.map(project.tests, { test in
            Test(unique_id: "test.\(test.name)", test: test.kind, attached_node: test.node?.description, column: test.column,
                             severity: test.severity,
                             warn_if: test.kind == "freshness" ? nil : test.warnIf.description,
                             error_if: test.kind == "freshness" ? nil : test.errorIf.description, tags: test.tags,
                             depends_on: test.dependsOn.map(\.description),
                             sql_sha256: test.compiledSQL.mapValues { SHA256.hex($0) })
        }) {
            tests[test.unique_id] = test
        }
        let manifest = Manifest(
            manifest_version: 1, project: project.name, default_target: project.defaultTarget,
            targets: Dictionary(project.targets.map { ($0.name, Target(database: $0.database, schema: $0.schema, warehouse: $0.warehouse, role: $0.role)) }, uniquingKeysWith: { a, _ in a }),
            nodes: nodes, edges: edges.map { ($0.joined(separator: " "), $0) }.sorted { $0.0 < $1.0 }.map(\.1), tests: tests,
            spec_files: Dictionary(project.specFiles.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a }))
        return manifest
    }
}
