import ShopcAnalysis

/// The `lineage` object of a model node in `manifest.json`: for each output column the upstream
/// columns it comes from and how, plus the upstream columns that only filter or join rows.
struct ManifestLineage: Encodable {
    struct Edge: Encodable {
        /// `source.<source>.<table>.<column>` or `model.<model>.<column>`.
        var from: String
        /// `identity`, `derived` or `aggregated`.
        var kind: String
    }

    var columns: [String: [Edge]]
    var filters: [String]
    var joins: [String]
    /// False when a `*` reads a relation of unknown shape, so the column list may be incomplete.
    var complete: Bool

    init(_ schema: ModelSchema) {
        var columns: [String: [Edge]] = [:]
        for column in schema.columns where columns[column.name] == nil {
            columns[column.name] = column.lineage.map { Edge(from: $0.origin.description, kind: $0.kind.rawValue) }
        }
        self.columns = columns
        filters = schema.filters.map(\.description)
        joins = schema.joins.map(\.description)
        complete = schema.complete
    }

    /// Inferred columns for a model that declares none, marked `inferred`.
    static func inferredColumns(_ model: ModelInfo) -> [ManifestEmitter.Column]? {
        guard model.columns.isEmpty, let schema = model.schema else { return nil }
        return schema.columns.map { column in
            ManifestEmitter.Column(name: column.name, type: column.type.isOpen ? nil : column.type.description, description: nil, masking: nil, pii: false, inferred: true)
        }
    }
}
