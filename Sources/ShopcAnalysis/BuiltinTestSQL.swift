/// The SQL of the built-in tests and of source freshness: each a query that returns the failing
/// rows, so that a test passes when it returns nothing. NULLs are judged only by `not_null`.
enum BuiltinTestSQL {
    /// The name the `where`-filtered rows of the tested relation go by (a CTE).
    static let filteredName = "shopc_filtered"

    /// The failing-rows query of a built-in test on `model` (a relation or the filtered CTE).
    static func sql(_ test: BuiltinTest, model: String, column: String?, parent: String?) -> String {
        let c = column ?? ""
        switch test {
        case .notNull:
            return "SELECT *\nFROM \(model)\nWHERE \(c) IS NULL"
        case .unique:
            return "SELECT\n    \(c),\n    COUNT(*) AS n_records\nFROM \(model)\nWHERE \(c) IS NOT NULL\nGROUP BY \(c)\nHAVING COUNT(*) > 1"
        case .acceptedValues(let values):
            return "SELECT *\nFROM \(model)\nWHERE \(c) NOT IN (\(values.joined(separator: ", ")))"
        case .acceptedRange(let min, let max, let minInclusive, let maxInclusive):
            var conditions: [String] = []
            if let min { conditions.append("\(c) \(minInclusive ? "<" : "<=") \(min)") }
            if let max { conditions.append("\(c) \(maxInclusive ? ">" : ">=") \(max)") }
            return "SELECT *\nFROM \(model)\nWHERE \(conditions.joined(separator: "\n    OR "))"
        case .relationships(_, let field):
            return """
                SELECT child.\(c)
                FROM \(model) AS child
                LEFT JOIN \(parent ?? model) AS parent
                    ON child.\(c) = parent.\(field)
                WHERE child.\(c) IS NOT NULL
                    AND parent.\(field) IS NULL
                """
        case .uniqueCombination(let columns):
            let list = columns.joined(separator: ", ")
            return "SELECT\n    \(columns.joined(separator: ",\n    ")),\n    COUNT(*) AS n_records\nFROM \(model)\nGROUP BY \(list)\nHAVING COUNT(*) > 1"
        case .expressionIsTrue(let expression):
            let condition = column.map { "\($0) \(expression)" } ?? expression
            return "SELECT *\nFROM \(model)\nWHERE NOT (\(condition))"
        case .rowCount(let min, let max):
            var conditions: [String] = []
            if let min { conditions.append("row_count < \(min)") }
            if let max { conditions.append("row_count > \(max)") }
            return counted(model, where: conditions.joined(separator: " OR "))
        case .notEmpty:
            return counted(model, where: "row_count = 0")
        }
    }

    private static func counted(_ model: String, where condition: String) -> String {
        "SELECT row_count\nFROM (\n    SELECT COUNT(*) AS row_count\n    FROM \(model)\n) AS counted\nWHERE \(condition)"
    }

    /// The rows of `relation` that pass the `where` config, as the body of the filtered CTE.
    static func filtered(_ relation: String, where condition: String) -> String {
        "SELECT *\nFROM \(relation)\nWHERE \(condition)"
    }

    /// Source freshness: one row when the newest `loaded_at_field` value is older than a
    /// threshold (or the table is empty), with the `severity` reached (`warn` or `error`).
    /// Ages are whole minutes; the clock is UTC (`SYSDATE()`) unless the column holds time zones.
    static func freshness(_ f: FreshnessInfo, relation: String, loadedAtType: String?) -> String {
        let type = loadedAtType?.uppercased() ?? ""
        let now = type.hasPrefix("TIMESTAMP_LTZ") || type.hasPrefix("TIMESTAMP_TZ") ? "CURRENT_TIMESTAMP()" : "SYSDATE()"
        let warn = f.warnAfter.map { TestChecker.minutes($0) }
        let error = f.errorAfter.map { TestChecker.minutes($0) }
        let severity: String
        switch (warn, error) {
        case (_?, let e?): severity = "CASE WHEN max_loaded_at IS NULL OR age_minutes > \(e) THEN 'error' ELSE 'warn' END"
        case (nil, _?): severity = "'error'"
        default: severity = "'warn'"
        }
        let threshold = warn ?? error ?? 0
        return """
            SELECT
                max_loaded_at,
                age_minutes,
                \(severity) AS severity
            FROM (
                SELECT
                    MAX(\(f.loadedAtField)) AS max_loaded_at,
                    DATEDIFF(MINUTE, MAX(\(f.loadedAtField)), \(now)) AS age_minutes
                FROM \(relation)
            ) AS freshness
            WHERE max_loaded_at IS NULL OR age_minutes > \(threshold)
            """
    }
}
