import ShopcAnalysis

/// One upstream column a column is computed from.
struct ColumnOrigin: Sendable, Equatable, Comparable {
    /// The upstream node (`model.stg_orders`, `source.shopverse_raw.bronze_orders`).
    var node: NodeID
    var column: String

    static func < (lhs: ColumnOrigin, rhs: ColumnOrigin) -> Bool {
        (lhs.node.description, lhs.column) < (rhs.node.description, rhs.column)
    }
}

/// The data hook through which the docs read what type checking and column-level lineage
/// produce. Until the analysed project carries inferred types and per-column lineage (the
/// `types` branch adds them), both functions return nothing and the docs show declared types and
/// node-level lineage only. Filling them in is the only change the docs need: every page,
/// the Markdown and the HTML already render whatever these return.
enum DocsLineageHook {
    /// For each model, its output columns (upper-cased names) and the upstream columns each is
    /// computed from. Empty until `AnalysedProject` provides column lineage.
    static func columnLineage(_ project: AnalysedProject) -> [NodeID: [String: [ColumnOrigin]]] {
        [:]
    }

    /// For each node, inferred Snowflake types of its columns (upper-cased names), used where a
    /// column declares no type. Empty until `AnalysedProject` provides inferred types.
    static func inferredTypes(_ project: AnalysedProject) -> [NodeID: [String: String]] {
        [:]
    }
}
