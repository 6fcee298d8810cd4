import ShopcAnalysis
import ShopcBase

/// Where the docs read what type checking and column-level lineage produce: the inferred schema
/// of each model (`ModelInfo.schema`). Models whose SQL could not be analysed have none, and the
/// docs then show their declared types and node-level lineage only.
enum DocsLineageHook {
    /// For each model, its output columns (upper-cased names) and the upstream columns each is
    /// computed from.
    static func columnLineage(_ project: AnalysedProject) -> [NodeID: [String: [ColumnOrigin]]] {
        let perModel = Parallel.map(project.models) { model -> [String: [ColumnOrigin]]? in
            guard let schema = model.schema else { return nil }
            var columns: [String: [ColumnOrigin]] = [:]
            for column in schema.columns {
                columns[column.name.uppercased()] = Array(Set(column.lineage.map(\.origin))).sorted()
            }
            return columns
        }
        var out: [NodeID: [String: [ColumnOrigin]]] = [:]
        for (model, columns) in zip(project.models, perModel) { out[model.id] = columns }
        return out
    }

    /// For each model, the inferred Snowflake types of its columns (upper-cased names), used where
    /// a column declares no type.
    static func inferredTypes(_ project: AnalysedProject) -> [NodeID: [String: String]] {
        var out: [NodeID: [String: String]] = [:]
        for model in project.models {
            guard let schema = model.schema else { continue }
            var types: [String: String] = [:]
            for column in schema.columns { types[column.name.uppercased()] = column.type.description }
            out[model.id] = types
        }
        return out
    }
}
