import ShopcAnalysis
import ShopcTemplate

extension ModelInfo {
    /// The typed column list of a `CREATE TABLE … (…) AS SELECT`: the columns in the order the
    /// SQL produces them (CTAS maps columns by position), each with its declared type, or the
    /// inferred one when none is declared. Nil when a column's type or the list is unknown.
    var ctasColumns: [(name: String, type: String)]? {
        guard let schema, schema.complete, !schema.columns.isEmpty else { return nil }
        var declared: [String: String] = [:]
        for column in columns { if let type = column.type { declared[column.name.uppercased()] = type } }
        var out: [(name: String, type: String)] = []
        for column in schema.columns {
            if let type = declared[column.name.uppercased()] {
                out.append((column.name, type))
            } else if column.type.isOpen {
                return nil
            } else {
                out.append((column.name, column.type.description))
            }
        }
        return out
    }

    /// `ctasColumns` as template values (`name`, `type`).
    var ctasColumnValues: TemplateValue { ctasColumnValues(masking: [:]) }

    /// `ctasColumns` as template values (`name`, `type`, and `masking`: the policy a column is
    /// created with, by upper-case column name).
    func ctasColumnValues(masking: [String: String]) -> TemplateValue {
        .list((ctasColumns ?? []).map { Self.columnValue(name: $0.name, type: $0.type, masking: masking) })
    }

    /// One column of a typed column list.
    static func columnValue(name: String, type: String, masking: [String: String]) -> TemplateValue {
        .dict(["name": .string(name), "type": .string(type), "masking": masking[name.uppercased()].map { .string($0) } ?? .none])
    }

    /// The declared columns that have a description, in the order the model produces them, as
    /// template values (`name`, and `comment`: the description as a SQL string literal), for the
    /// column comments of a table (`COMMENT ON COLUMN`).
    var columnCommentValues: TemplateValue {
        let described = columnDescriptions
        guard !described.isEmpty else { return .list([]) }
        return .list(producedColumnNames.compactMap { name in
            described[name.uppercased()].map { .dict(["name": .string(name), "comment": .string(SQLLiteral.string($0))]) }
        })
    }

    /// The column list of a view whose columns have descriptions: every produced column in
    /// order (a view's column list names them all), each with `comment` when it is described.
    /// None when no column is described, or the produced columns are not all known.
    var viewColumnValues: TemplateValue {
        let described = columnDescriptions
        guard !described.isEmpty, let schema, schema.complete, !schema.columns.isEmpty else { return .none }
        return .list(schema.columns.map { column in
            .dict(["name": .string(column.name), "comment": described[column.name.uppercased()].map { .string(SQLLiteral.string($0)) } ?? .none])
        })
    }

    /// Each described column's description (trimmed, not empty), by upper-case column name.
    private var columnDescriptions: [String: String] {
        var out: [String: String] = [:]
        for column in columns {
            guard let text = column.description?.trimmingCharacters(), !text.isEmpty else { continue }
            out[column.name.uppercased()] = text
        }
        return out
    }

    /// The column names in the order the SQL produces them, or as declared when that is unknown.
    private var producedColumnNames: [String] {
        if let schema, schema.complete, !schema.columns.isEmpty { return schema.columns.map(\.name) }
        return columns.map(\.name)
    }

    /// The masking policy of each masked column (by upper-case name), as `target` names it.
    func maskingPolicies(_ target: TargetInfo) -> [String: String] {
        var out: [String: String] = [:]
        for column in columns { if let policy = column.masking { out[column.name.uppercased()] = IngestEmitter.platformRelation(target, policy) } }
        return out
    }
}
