/// Snowflake's reserved and limited keywords (docs.snowflake.com, "Reserved & limited
/// keywords"). shopc prints spec names as unquoted identifiers, and one of these words there
/// changes how a statement parses (`CREATE VIEW db.sch.select`), so the loader rejects them as
/// names instead of quoting them in some places and not others.
public enum ReservedWords {
    /// Snowflake's system roles, which a project's loader, transformer and reporter must not be,
    /// and which setup never creates or grants.
    public static let systemRoles: Set<String> = ["ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "ORGADMIN", "PUBLIC"]

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
        let bytes = name.utf8
        guard bytes.count <= maxLength else { return false }
        guard bytes.allSatisfy({ $0 < 0x80 }), let first = bytes.first else {
            return all.contains(name.uppercased())
        }
        // ASCII: compare with the few words of the same length and first letter, without
        // upper-casing and hashing the name.
        let upper = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte }
        return byLengthAndFirst[bytes.count * 128 + Int(upper(first))]?.contains { word in
            word.elementsEqual(bytes, by: { $0 == upper($1) })
        } ?? false
    }

    private static let maxLength = 17

    /// The words' UTF-8 bytes, by length and first byte (`length * 128 + byte`).
    private static let byLengthAndFirst: [Int: [[UInt8]]] = Dictionary(
        grouping: all.map { Array($0.utf8) }, by: { $0.count * 128 + Int($0[0]) })
}
