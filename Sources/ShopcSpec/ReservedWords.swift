/// Snowflake's reserved and limited keywords (docs.snowflake.com, "Reserved & limited
/// keywords"). shopc prints spec names as unquoted identifiers, and one of these words there
/// changes how a statement parses (`CREATE VIEW db.sch.select`), so the loader rejects them as
/// names instead of quoting them in some places and not others.
public enum ReservedWords {
    /// The words, upper case.
    public static let all: Set<String> = [
        "ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE", "CAST", "CHECK",
        "COLUMN", "CONNECT", "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT",
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATABASE", "DELETE",
        "DISTINCT", "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM", "FULL", "GRANT",
        "GROUP", "GSCLUSTER", "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT",
        "INTO", "IS", "ISSUE", "JOIN", "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP",
        "MINUS", "NATURAL", "NOT", "NULL", "OF", "ON", "OR", "ORDER", "ORGANIZATION", "QUALIFY",
        "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SAMPLE", "SCHEMA", "SELECT", "SET",
        "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER", "TRUE", "TRY_CAST",
        "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN", "WHENEVER", "WHERE",
        "WITH",
    ]

    /// Whether `name` (case-insensitive, ASCII) is a reserved word.
    public static func contains(_ name: String) -> Bool {
        // Every word is at most 17 letters and underscores, so a name with another ASCII byte
        // (a digit, say) is told apart without upper-casing and hashing it.
        name.utf8.count <= 17
            && name.utf8.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || $0 == UInt8(ascii: "_") || $0 >= 0x80 }
            && all.contains(name.uppercased())
    }
}
