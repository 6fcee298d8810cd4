/// The family of a declared Snowflake type, for the checks that compare types loosely
/// (relationships, accepted_range, accepted_values, typed generic-test arguments).
public enum ColumnTypeFamily: String, Sendable, Equatable {
    case numeric, text, dateTime = "date/time", boolean, semiStructured = "semi-structured", binary, geospatial

    /// The family of a declared type (`NUMBER(38,2)`, `varchar(3)`, `TIMESTAMP_NTZ`); nil when the
    /// type is not a known Snowflake type.
    public init?(declaredType: String) {
        let upper = declaredType.uppercased()
        let head = upper.split(separator: "(").first.map { String($0).trimmingWhitespace() } ?? upper
        switch head {
        case "NUMBER", "DECIMAL", "DEC", "NUMERIC", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT",
             "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL":
            self = .numeric
        case "VARCHAR", "CHAR", "CHARACTER", "NCHAR", "STRING", "TEXT", "NVARCHAR":
            self = .text
        case "DATE", "DATETIME", "TIME", "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "TIMESTAMP_TZ":
            self = .dateTime
        case "BOOLEAN": self = .boolean
        case "VARIANT", "OBJECT", "ARRAY": self = .semiStructured
        case "BINARY", "VARBINARY": self = .binary
        case "GEOGRAPHY", "GEOMETRY": self = .geospatial
        default: return nil
        }
    }

    /// The family named in a generic-test argument type (`column NUMBER` → numeric).
    static func named(_ word: String) -> ColumnTypeFamily? {
        ColumnTypeFamily(declaredType: word)
    }

    /// The maximum length of a text type (`VARCHAR(20)` → 20; `CHAR` → 1), nil when unbounded.
    static func textLength(_ declaredType: String) -> Int? {
        let upper = declaredType.uppercased()
        let head = upper.split(separator: "(").first.map { String($0).trimmingWhitespace() } ?? upper
        guard ColumnTypeFamily(declaredType: upper) == .text else { return nil }
        if let open = upper.firstIndex(of: "("), let close = upper.lastIndex(of: ")"), open < close {
            return Int(String(upper[upper.index(after: open)..<close]).trimmingWhitespace())
        }
        return ["CHAR", "CHARACTER", "NCHAR"].contains(head) ? 1 : nil
    }
}
