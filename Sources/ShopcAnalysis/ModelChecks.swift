import ShopcBase
import ShopcSpec

/// Checks of a model's configuration against its declared columns.
enum ModelChecks {
    static func check(models: [String: ModelSpec], _ d: inout Diagnostics) {
        for name in models.keys.sorted() {
            guard let model = models[name] else { continue }
            func checkColumn(_ column: Located<String>, role: String) {
                let declared = model.columns.map(\.name.value)
                guard !declared.isEmpty, !declared.contains(where: { $0.uppercased() == column.value.uppercased() }) else { return }
                d.error(.unknownColumn, "\(role) column '\(column.value)' is not a declared column of model '\(name)'", at: column.location,
                        notes: (Suggestion.note(for: column.value, in: declared).map { [$0] } ?? [])
                            + [DiagnosticNote("'\(name)' declares its columns here", at: model.columns.first?.location)])
            }
            for key in model.uniqueKey { checkColumn(key, role: "unique_key") }
            for key in model.clusterBy { checkColumn(key, role: "cluster_by") }
            if model.materialized.value == "incremental" {
                let strategy = model.incrementalStrategy?.value ?? (model.uniqueKey.isEmpty ? "append" : "merge")
                if strategy != "append" && model.uniqueKey.isEmpty {
                    d.error(.missingField, "incremental model '\(name)' with strategy '\(strategy)' needs a 'unique_key'", at: model.materialized.location)
                }
            }
            for column in model.columns { checkType(column, &d) }
        }
    }

    static func checkType(_ column: ColumnSpec, _ d: inout Diagnostics) {
        guard let type = column.type, let problem = SQLTypeName.problem(type.value) else { return }
        d.error(.invalidSQLType, problem.message, at: type.location, notes: problem.notes)
    }
}
