import ShopcBase

extension AnalysedProject {
    /// A checksum of everything that defines a model: its spec values (materialization, keys,
    /// columns and their types, tests) and its compiled SQL for every target. It changes when the
    /// model, a macro it calls or a var it reads changes, and not when its YAML is only reformatted.
    public func checksum(of model: ModelInfo) -> String {
        checksum(of: model, tests: tests.filter { $0.node == model.id })
    }

    /// The checksum of every model and source table, as `checksum(of:)` gives it, with the tests
    /// grouped by node once (checksumming nodes one by one scans every test for each) and the
    /// models hashed in parallel.
    public func checksums() -> [NodeID: String] {
        var grouped: [NodeID: [TestInfo]] = [:]
        for test in tests { if let node = test.node { grouped[node, default: []].append(test) } }
        let byNode = grouped
        var out: [NodeID: String] = [:]
        for (id, sum) in Parallel.map(models, { (model: ModelInfo) in (model.id, checksum(of: model, tests: byNode[model.id] ?? [])) }) {
            out[id] = sum
        }
        for source in sources {
            for table in source.tables { out[table.id] = checksum(of: table, tests: byNode[table.id] ?? []) }
        }
        return out
    }

    func checksum(of model: ModelInfo, tests: [TestInfo]) -> String {
        var parts: [String] = [
            "model \(model.name)", "layer \(model.layer ?? "")", "materialized \(model.materialized)",
            "strategy \(model.incrementalStrategy ?? "")", "unique_key \(model.uniqueKey.joined(separator: ","))",
            "cluster_by \(model.clusterBy.joined(separator: ","))", "tags \(model.tags.joined(separator: ","))",
            "description \(model.description ?? "")",
        ]
        parts += model.columns.map(Self.columnLine)
        parts += tests.map(Self.testLine).sorted()
        for target in model.builds.keys.sorted() {
            guard let build = model.builds[target] else { continue }
            parts.append("target \(target) \(build.relation)")
            parts.append(build.sql)
            parts.append(build.incrementalSQL ?? "")
        }
        return SHA256.hex(parts.joined(separator: "\u{1}"))
    }

    /// A checksum of a source table's declaration (columns, location, loading options).
    public func checksum(of table: SourceTableInfo) -> String {
        checksum(of: table, tests: tests.filter { $0.node == table.id })
    }

    func checksum(of table: SourceTableInfo, tests: [TestInfo]) -> String {
        var parts = ["source \(table.source).\(table.name)", "path \(table.path ?? "")", "description \(table.description ?? "")"]
        parts += table.columns.map(Self.columnLine)
        parts += tests.map(Self.testLine).sorted()
        parts.append("flags \(table.inferSchema) \(table.schemaEvolution) \(table.metadataColumns) \(table.autoIngest) \(table.awsSnsTopic ?? "")")
        for target in table.relations.keys.sorted() { parts.append("target \(target) \(table.relations[target].map(\.description) ?? "")") }
        return SHA256.hex(parts.joined(separator: "\u{1}"))
    }

    static func columnLine(_ c: ColumnInfo) -> String {
        "column \(c.name) \(c.type ?? "") \(c.masking ?? "") \(c.pii) \(c.description ?? "")"
    }

    static func testLine(_ t: TestInfo) -> String {
        "test \(t.name) \(t.kind) \(t.column ?? "") \(t.severity) \(t.warnIf) \(t.errorIf) \(t.whereClause ?? "") \(t.arguments.map { "\($0.name)=\($0.value)" }.joined(separator: ","))"
    }
}
