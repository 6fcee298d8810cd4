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
    static func check(_ spec: ModelSpec, produced: RelationShape, _ diagnostics: inout [Diagnostic]) {
        let name = spec.name.value
        var producedByKey: [String: ScopeColumn] = [:]
        for column in produced.columns where producedByKey[column.key] == nil { producedByKey[column.key] = column }
        guard !spec.columns.isEmpty else { return }
        let declaredKeys = Set(spec.columns.map { SQLName($0.name.value).normalized })
        let declaredHere = DiagnosticNote("'\(name)' declares its columns here", at: spec.columns.first?.name.location)
        for column in spec.columns {
            let key = SQLName(column.name.value).normalized
            guard let actual = producedByKey[key] else {
                if produced.open { continue }
                let extras = produced.columns.filter { !declaredKeys.contains($0.key) }.map { $0.name.description }
                var notes: [DiagnosticNote] = []
                if let guess = Suggestion.closest(to: column.name.value, in: extras) {
                    notes.append(DiagnosticNote("did you mean '\(guess)'? The SQL produces it here", at: producedByKey[SQLName(guess, quoted: guess.hasPrefix("\"")).normalized]?.location ?? produced.columns.first { $0.name.description == guess }?.location))
                }
                diagnostics.append(.error(.contractMissingColumn, "model '\(name)' declares column '\(column.name.value)' but its SQL does not produce it", at: column.name.location, notes: notes))
                continue
            }
            guard let declaredText = column.type, let declared = SQLType.parse(declaredText.value) else { continue }
            if !TypeCoercion.matchesContract(actual.type, declared: declared) {
                diagnostics.append(.error(
                    .contractTypeMismatch,
                    "column '\(column.name.value)' of model '\(name)' is declared \(declaredText.value.uppercased()) but its SQL produces \(actual.type)",
                    at: declaredText.location, notes: [DiagnosticNote("the SQL produces '\(actual.name)' here", at: actual.location)]))
            }
        }
        for column in produced.columns where !declaredKeys.contains(column.key) {
            let missing = spec.columns.map(\.name.value).filter { producedByKey[SQLName($0).normalized] == nil }
            var notes = [declaredHere]
            if let guess = Suggestion.closest(to: column.name.description, in: missing) {
                notes.insert(DiagnosticNote("did you mean the declared column '\(guess)'?"), at: 0)
            }
            diagnostics.append(.error(.contractExtraColumn, "the SQL of model '\(name)' produces column '\(column.name)', which is not declared", at: column.location, notes: notes))
        }
    }

    /// Reports output columns that appear twice (a view or table cannot have both).
    static func checkDuplicates(_ name: String, produced: RelationShape, _ diagnostics: inout [Diagnostic]) {
        var seen: [String: SourceLocation?] = [:]
        for column in produced.columns {
            if let first = seen[column.key] {
                diagnostics.append(.error(.duplicateOutputColumn, "model '\(name)' produces column '\(column.name)' twice", at: column.location,
                                          notes: [DiagnosticNote("first produced here", at: first)]))
            } else {
                seen[column.key] = column.location
            }
        }
    }
}
