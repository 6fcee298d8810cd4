import ShopcBase
import ShopcSpec

/// The project's named things, with duplicates reported once.
struct NameTable: Sendable {
    var models: [String: ModelSpec] = [:]
    /// Each model's layer, when it names one (read by passes over every edge, which would
    /// otherwise copy a whole spec out of `models` per lookup).
    var layers: [String: Located<String>] = [:]
    /// Source name → table name → spec.
    var sourceTables: [String: [String: SourceTableSpec]] = [:]

    static func build(_ specs: ProjectSpecs, _ d: inout Diagnostics) -> NameTable {
        var table = NameTable()
        var sourceLocations: [String: SourceLocation] = [:]
        for source in specs.sources {
            if let first = sourceLocations[source.name.value] {
                d.error(.duplicateName, "source '\(source.name.value)' is declared twice", at: source.name.location,
                        notes: [DiagnosticNote("first declared here", at: first)])
                continue
            }
            sourceLocations[source.name.value] = source.name.location
            var tables: [String: SourceTableSpec] = [:]
            for t in source.tables {
                if let first = tables[t.name.value] {
                    d.error(.duplicateName, "table '\(t.name.value)' is declared twice in source '\(source.name.value)'", at: t.name.location,
                            notes: [DiagnosticNote("first declared here", at: first.name.location)])
                    continue
                }
                tables[t.name.value] = t
            }
            table.sourceTables[source.name.value] = tables
        }
        table.models.reserveCapacity(specs.models.count)
        for model in specs.models {
            if let first = table.models[model.name.value] {
                d.error(.duplicateName, "model '\(model.name.value)' is declared twice", at: model.name.location,
                        notes: [DiagnosticNote("first declared here", at: first.name.location)])
                continue
            }
            table.models[model.name.value] = model
            if let layer = model.layer { table.layers[model.name.value] = layer }
        }
        return table
    }
}
