import ShopcBase
import ShopcSpec

/// The project's named things, with duplicates reported once.
struct NameTable: Sendable {
    var models: [String: ModelSpec] = [:]
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
        }
        return table
    }
}
