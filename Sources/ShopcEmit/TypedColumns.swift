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
    var ctasColumnValues: TemplateValue {
        .list((ctasColumns ?? []).map { .dict(["name": .string($0.name), "type": .string($0.type)]) })
    }
}
