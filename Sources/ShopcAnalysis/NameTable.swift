import ShopcBase
import ShopcSpec

/// The project's named things, with duplicates reported once. Names are unquoted identifiers,
/// which Snowflake reads without regard to case, so `stg_orders` and `STG_ORDERS` are one name:
/// a second spelling is reported as a duplicate, not kept as a second object that would replace
/// the first (and whose file would replace the first's on a case-insensitive file system).
struct NameTable: Sendable {
    var models: [String: ModelSpec] = [:]
    /// Each model's layer, when it names one (read by passes over every edge, which would
    /// otherwise copy a whole spec out of `models` per lookup).
    var layers: [String: Located<String>] = [:]
    /// Source name → table name → spec.
    var sourceTables: [String: [String: SourceTableSpec]] = [:]

    static func build(_ specs: ProjectSpecs, _ d: inout Diagnostics) -> NameTable {
        var table = NameTable()
        var sources = Spellings()
        for source in specs.sources {
            guard sources.claim(source.name, "source", &d) else { continue }
            var tables: [String: SourceTableSpec] = [:]
            var spellings = Spellings()
            for t in source.tables {
                guard spellings.claim(t.name, "table", in: " in source '\(source.name.value)'", &d) else { continue }
                tables[t.name.value] = t
            }
            table.sourceTables[source.name.value] = tables
        }
        table.models.reserveCapacity(specs.models.count)
        var models = Spellings(capacity: specs.models.count)
        for model in specs.models {
            guard models.claim(model.name, "model", &d) else { continue }
            table.models[model.name.value] = model
            if let layer = model.layer { table.layers[model.name.value] = layer }
        }
        return table
    }

    /// The names declared so far, by their upper-cased form (the object Snowflake resolves).
    struct Spellings {
        private var first: [String: Located<String>] = [:]

        init(capacity: Int = 0) { first.reserveCapacity(capacity) }

        /// Records `name`, or reports it (SHP1007) when it, or the same name in other letter
        /// case, was declared before. Returns whether it is new.
        mutating func claim(_ name: Located<String>, _ what: String, in context: String = "", _ d: inout Diagnostics) -> Bool {
            let key = name.value.uppercased()
            guard let earlier = first[key] else {
                first[key] = name
                return true
            }
            let message = earlier.value == name.value
                ? "\(what) '\(name.value)'\(context) is declared twice"
                : "\(what) '\(name.value)'\(context) is declared twice: unquoted names ignore case, so it is the same object as '\(earlier.value)'"
            d.error(.duplicateName, message, at: name.location, notes: [DiagnosticNote("first declared here", at: earlier.location)])
            return false
        }
    }
}
