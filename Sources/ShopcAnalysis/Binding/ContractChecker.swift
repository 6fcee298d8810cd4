import ShopcBase
import ShopcSQL
import ShopcSpec

/// Checks a model's declared columns (its contract) against the columns its SQL produces.
///
/// Rule: the same set of names (Snowflake resolution: unquoted names compare case-insensitively;
/// order is free), and for each declared type the inferred type must be of the same family
/// (NUMBER, FLOAT, TEXT, BINARY, BOOLEAN, DATE, TIME, each timestamp kind, VARIANT, OBJECT,
/// ARRAY, GEOGRAPHY) with the same NUMBER scale. VARCHAR lengths and NUMBER precisions may
/// differ; the declared type is what the table is created with.
enum ContractChecker {
    static func check(_ spec: ModelSpec, declared: DeclaredColumns, produced: RelationShape, _ diagnostics: inout [Diagnostic]) {
        guard !declared.isEmpty else { return }
        let name = spec.name.value
        var producedByKey = SmallMap<Int>(minimumCapacity: produced.columns.count)
        for i in produced.columns.indices where producedByKey[produced.columns[i].key] == nil { producedByKey[produced.columns[i].key] = i }
        for column in declared.columns {
            guard let position = producedByKey[column.key] else {
                if produced.open { continue }
                let extras = produced.columns.filter { !declared.contains(key: $0.key) }.map { $0.name.description }
                var notes: [DiagnosticNote] = []
                if let guess = Suggestion.closest(to: column.name, in: extras) {
                    let at = producedByKey[SQLName(guess, quoted: guess.hasPrefix("\"")).normalized].map { produced.columns[$0].location }
                        ?? produced.columns.first { $0.name.description == guess }?.location
                    notes.append(DiagnosticNote("did you mean '\(guess)'? The SQL produces it here", at: at))
                }
                diagnostics.append(.error(.contractMissingColumn, "model '\(name)' declares column '\(column.name)' but its SQL does not produce it", at: column.location, notes: notes))
                continue
            }
            guard let declaredText = column.typeText, let declaredType = column.type else { continue }
            let actual = produced.columns[position]
            if !TypeCoercion.matchesContract(actual.type, declared: declaredType) {
                diagnostics.append(.error(
                    .contractTypeMismatch,
                    "column '\(column.name)' of model '\(name)' is declared \(declaredText.value.uppercased()) but its SQL produces \(actual.type)",
                    at: declaredText.location, notes: [DiagnosticNote("the SQL produces '\(actual.name)' here", at: actual.location)]))
            }
        }
        for i in produced.columns.indices where !declared.contains(key: produced.columns[i].key) {
            let column = produced.columns[i]
            let missing = declared.columns.filter { producedByKey[$0.key] == nil }.map(\.name)
            var notes = [DiagnosticNote("'\(name)' declares its columns here", at: declared.columns.first?.location)]
            if let guess = Suggestion.closest(to: column.name.description, in: missing) {
                notes.insert(DiagnosticNote("did you mean the declared column '\(guess)'?"), at: 0)
            }
            diagnostics.append(.error(.contractExtraColumn, "the SQL of model '\(name)' produces column '\(column.name)', which is not declared", at: column.location, notes: notes))
        }
    }

    /// Without declared columns, `unique_key` and `cluster_by` name columns of what the SQL
    /// produces (the MERGE joins on them; CLUSTER BY reads them).
    static func checkKeys(_ spec: ModelSpec, produced: RelationShape, _ diagnostics: inout [Diagnostic]) {
        guard spec.columns.isEmpty, !produced.open else { return }
        let names = produced.columns.map { $0.name.description }
        for (role, keys) in [("unique_key", spec.uniqueKey), ("cluster_by", spec.clusterBy)] {
            for key in keys where !produced.columns.contains(where: { $0.key == SQLName(key.value).normalized }) {
                var notes: [DiagnosticNote] = []
                if let guess = Suggestion.closest(to: key.value, in: names) {
                    notes.append(DiagnosticNote("did you mean '\(guess)'? The SQL produces it here", at: produced.columns.first { $0.name.description == guess }?.location))
                }
                diagnostics.append(.error(.unknownColumn, "\(role) column '\(key.value)' is not a column the SQL of model '\(spec.name.value)' produces", at: key.location, notes: notes))
            }
        }
    }

    /// Without declared columns, an incremental model's table is created with the columns of
    /// its full query, and each incremental run writes those columns from the incremental query:
    /// it must produce each of them, with a type that fits, and no other.
    static func checkIncremental(_ spec: ModelSpec, full: RelationShape, incremental: RelationShape, _ diagnostics: inout [Diagnostic]) {
        guard spec.columns.isEmpty, !full.open, !incremental.open else { return }
        let name = spec.name.value
        for column in full.columns {
            guard let other = incremental.columns.first(where: { $0.key == column.key }) else {
                diagnostics.append(.error(
                    .contractMissingColumn, "the incremental query of model '\(name)' does not produce column '\(column.name)', which its table has (from the query with is_incremental() false)",
                    at: column.location))
                continue
            }
            let open = column.type.isOpen || other.type.isOpen || column.type == .null || other.type == .null
            if !open, !TypeCoercion.matchesContract(other.type, declared: column.type) {
                diagnostics.append(.error(
                    .contractTypeMismatch, "column '\(column.name)' of model '\(name)' is \(column.type) in its table but the incremental query produces \(other.type)",
                    at: other.location, notes: [DiagnosticNote("the table's type comes from here (is_incremental() false)", at: column.location)]))
            }
        }
        for column in incremental.columns where !full.columns.contains(where: { $0.key == column.key }) {
            diagnostics.append(.error(
                .contractExtraColumn, "the incremental query of model '\(name)' produces column '\(column.name)', which its table does not have (the query with is_incremental() false does not produce it)",
                at: column.location))
        }
    }

    /// Reports output columns that appear twice (a view or table cannot have both).
    static func checkDuplicates(_ name: String, produced: RelationShape, _ diagnostics: inout [Diagnostic]) {
        var seen = SmallMap<Int>(minimumCapacity: produced.columns.count)
        for i in produced.columns.indices {
            let key = produced.columns[i].key
            if let first = seen[key] {
                let column = produced.columns[i]
                diagnostics.append(.error(.duplicateOutputColumn, "model '\(name)' produces column '\(column.name)' twice", at: column.location,
                                          notes: [DiagnosticNote("first produced here", at: produced.columns[first].location)]))
            } else {
                seen[key] = i
            }
        }
    }
}
