import ShopcAnalysis
import ShopcBase
import ShopcTemplate

/// Wraps a model run or a load in a Snowflake Scripting block that writes an audit-log row on
/// success and on failure (then re-raises, so the deploy stops). Used only in `deploy.sql`: the
/// plain `models/*.sql` and `ingest/*.sql` scripts stay runnable without scripting.
struct AuditWrapper: Sendable {
    let templates: TemplateSet
    let target: TargetInfo
    /// The literals every row of the target repeats, and its audit table (quoted once, not per model).
    let constants: String
    let auditTable: String

    init(templates: TemplateSet, target: TargetInfo) {
        self.templates = templates
        self.target = target
        constants = ["shopc", target.name, target.database, target.schema, target.warehouse].map(SQLLiteral.string).joined(separator: ", ")
        auditTable = SetupEmitter.auditTable(target)
    }

    /// The columns written by the wrapper, in the order of the values it inserts.
    static let columns = [
        "model_name", "run_kind", "run_started_at", "run_completed_at", "rows_affected", "dbt_version", "target_name",
        "target_database", "target_schema", "target_warehouse", "status", "error_message",
    ].joined(separator: ", ")

    /// How rows_affected is measured after the body.
    enum Rows {
        /// Views: nothing is written.
        case none
        /// The last DML statement's count (COPY, MERGE, INSERT).
        case lastStatement
        /// A full count of the relation (CREATE TABLE AS).
        case count(Relation)
    }

    /// The audited block around `body` (complete statements). `name` must be an identifier.
    func wrap(name: String, kind: String, body: String, rows: Rows, _ d: inout Diagnostics) -> String? {
        let rowsStatement: TemplateValue
        switch rows {
        case .none: rowsStatement = .none
        case .lastStatement: rowsStatement = .string("affected := COALESCE(SQLROWCOUNT, 0);")
        case .count(let relation): rowsStatement = .string("SELECT COUNT(*) INTO :affected FROM \(relation);")
        }
        return templates.render("audited.sql", [
            "body": .string(body.indented(4)), "rows": rowsStatement, "audit_table": .string(auditTable),
            "columns": .string(Self.columns), "name": .string(SQLLiteral.string(name)), "kind": .string(kind),
            "constants": .string(constants),
        ], &d).map { $0.droppingLeadingBlankLines.trimmingCharacters() }
    }
}
