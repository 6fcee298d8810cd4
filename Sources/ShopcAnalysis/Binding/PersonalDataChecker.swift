import ShopcBase
import ShopcSpec

/// Finds model columns that copy personal data without protecting it: a table column whose value
/// comes (unchanged or computed) from an upstream column that is masked or marked `pii`, while the
/// model's own column has no masking policy. Masking applies where a policy is attached: a table
/// built by a role that sees the real values stores them in the clear, for every reader of it.
/// Views and ephemeral models store nothing; their columns pass the personal data on to the
/// tables that read them.
enum PersonalDataChecker {
    /// Where a column's personal data comes from: the masked or pii column, for messages.
    struct Origin: Sendable {
        var column: String
        var name: String
        /// The policy that masks it, or nil for a column marked pii.
        var policy: String?
        var location: SourceLocation?
    }

    /// Checks one model; returns its columns that carry personal data on to its readers (only
    /// for views and ephemeral models, by column key).
    static func check(
        _ spec: ModelSpec, produced: RelationShape, names: NameTable, upstream: [NodeID: [String: Origin]], _ diagnostics: inout [Diagnostic]
    ) -> [String: Origin] {
        // Most projects mask nothing: then there is nothing to look for.
        guard !upstream.isEmpty, !produced.columns.isEmpty else { return [:] }
        let stores = ["table", "incremental"].contains(spec.materialized.value)
        var maskedHere: Set<String> = []
        for column in spec.columns where column.masking != nil { maskedHere.insert(SQLName(column.name.value).normalized) }
        var passed: [String: Origin] = [:]
        for column in produced.columns where !maskedHere.contains(column.key) {
            for edge in column.lineage.entries where edge.kind == .identity || edge.kind == .derived {
                guard let origin = Self.origin(edge.origin, names, upstream) else { continue }
                if stores {
                    let policy = origin.policy.map { "masked by '\($0)'" } ?? "marked pii"
                    let fix = origin.policy.map { "declare it with 'masking: \($0)'" } ?? "declare it with a masking policy"
                    diagnostics.append(.warning(
                        .unmaskedPersonalData,
                        "column '\(column.name)' of model '\(spec.name.value)' carries \(origin.column), which is \(policy), but has no masking policy: the table stores the values the building role sees, and its readers see them unmasked; \(fix)",
                        at: column.location ?? spec.name.location,
                        notes: [DiagnosticNote("'\(origin.name)' is \(policy) here", at: origin.location)]))
                } else {
                    passed[column.key] = origin
                }
                break
            }
        }
        return passed
    }

    /// The personal column behind an upstream column: itself when it is masked or marked pii,
    /// or what a view or ephemeral model passed on.
    static func origin(_ origin: ColumnOrigin, _ names: NameTable, _ upstream: [NodeID: [String: Origin]]) -> Origin? {
        guard let columns = upstream[origin.node] else { return nil }
        return columns[SQLName(origin.column).normalized]
    }

    /// The columns of sources and models that are masked or marked pii, by node and column key:
    /// what `check` starts from (views and ephemeral models add what they pass on).
    static func declared(_ names: NameTable) -> [NodeID: [String: Origin]] {
        var out: [NodeID: [String: Origin]] = [:]
        func add(_ node: NodeID, _ columns: [ColumnSpec]) {
            for column in columns where column.pii?.value ?? (column.masking != nil) {
                out[node, default: [:]][SQLName(column.name.value).normalized] = Origin(
                    column: ColumnOrigin(node: node, column: column.name.value).description, name: column.name.value,
                    policy: column.masking?.value, location: column.location)
            }
        }
        for (source, tables) in names.sourceTables {
            for (table, spec) in tables { add(.source(source: source, table: table), spec.columns) }
        }
        for (name, spec) in names.models { add(.model(name), spec.columns) }
        return out
    }
}
