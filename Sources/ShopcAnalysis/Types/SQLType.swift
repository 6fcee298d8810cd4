import ShopcBase
import ShopcSQL

/// A Snowflake data type as the type checker sees it: NUMBER with precision and scale, the other
/// scalar types, the semi-structured types, and two checker-only types: `null` (the type of a
/// bare `NULL`, which fits anything) and `unknown` (the type of anything that could not be
/// typed; it fits anything too, so one error does not cascade).
public enum SQLType: Sendable, Hashable, CustomStringConvertible {
    /// `NUMBER(p,s)` and its synonyms (`INT` is `NUMBER(38,0)`).
    case number(precision: Int, scale: Int)
    /// `FLOAT` and its synonyms (`DOUBLE`, `REAL`, `FLOAT8`…).
    case float
    /// `VARCHAR(n)`; nil length is the maximum.
    case varchar(Int?)
    /// `BINARY`.
    case binary
    /// `BOOLEAN`.
    case boolean
    /// `DATE`, `TIME`.
    case date, time
    /// The three timestamp kinds.
    case timestampNTZ, timestampLTZ, timestampTZ
    /// Semi-structured types.
    case variant, object, array
    /// Spatial types.
    case geography, geometry
    /// The type of a bare `NULL` literal.
    case null
    /// Could not be inferred.
    case unknown

    /// `NUMBER(38,0)`, the type of integers.
    public static let integer = SQLType.number(precision: 38, scale: 0)
    /// `VARCHAR` of maximum length.
    public static let text = SQLType.varchar(nil)

    /// The canonical spelling, as written in DDL: `NUMBER(38,2)`, `VARCHAR(20)`, `TIMESTAMP_NTZ`.
    public var description: String {
        switch self {
        case .number(let p, let s): "NUMBER(\(p),\(s))"
        case .float: "FLOAT"
        case .varchar(let n): n.map { "VARCHAR(\($0))" } ?? "VARCHAR"
        case .binary: "BINARY"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .time: "TIME"
        case .timestampNTZ: "TIMESTAMP_NTZ"
        case .timestampLTZ: "TIMESTAMP_LTZ"
        case .timestampTZ: "TIMESTAMP_TZ"
        case .variant: "VARIANT"
        case .object: "OBJECT"
        case .array: "ARRAY"
        case .geography: "GEOGRAPHY"
        case .geometry: "GEOMETRY"
        case .null: "NULL"
        case .unknown: "UNKNOWN"
        }
    }

    /// The family used for compatibility and contracts: `NUMBER`, `FLOAT`, `TEXT`, `BINARY`,
    /// `BOOLEAN`, `DATE`, `TIME`, `TIMESTAMP_NTZ`, `TIMESTAMP_LTZ`, `TIMESTAMP_TZ`, `VARIANT`,
    /// `OBJECT`, `ARRAY`, `GEOGRAPHY`, `GEOMETRY`, `NULL`, `UNKNOWN`.
    public var family: String {
        switch self {
        case .number: "NUMBER"
        case .varchar: "TEXT"
        default: description
        }
    }

    /// Whether the checker knows nothing about the value (`unknown` or `NULL`): such values fit
    /// every expected type.
    public var isOpen: Bool { self == .unknown || self == .null }
    /// NUMBER or FLOAT.
    public var isNumeric: Bool {
        switch self {
        case .number, .float: true
        default: false
        }
    }
    /// One of the three timestamp kinds.
    public var isTimestamp: Bool { self == .timestampNTZ || self == .timestampLTZ || self == .timestampTZ }
    /// DATE, TIME or a timestamp.
    public var isTemporal: Bool { self == .date || self == .time || isTimestamp }
    /// VARIANT, OBJECT or ARRAY.
    public var isSemiStructured: Bool { self == .variant || self == .object || self == .array }
    /// VARCHAR.
    public var isText: Bool {
        if case .varchar = self { return true }
        return false
    }

    /// The scale of a NUMBER, 0 for others.
    public var scale: Int {
        if case .number(_, let s) = self { return s }
        return 0
    }

    /// Parses a type name with parameters, such as a declared column type (`NUMBER(12,2)`,
    /// `varchar`, `TIMESTAMP`). Returns nil for names Snowflake does not know.
    public static func parse(_ text: String) -> SQLType? {
        parsed.value(text) { text in
            guard let canonical = SQLTypeName.canonical(text) else { return nil }
            let (name, params) = SQLTypeFamily.parts(canonical)
            return from(name: name, parameters: params)
        }
    }

    private static let parsed = Memo<String, SQLType?>()

    /// The type named by a cast's target (`CAST(x AS NUMBER(10, 2))`).
    public static func from(_ type: DataType) -> SQLType {
        from(name: type.name, parameters: type.parameters) ?? .unknown
    }

    /// Maps a type name and its parameters to a type.
    static func from(name: String, parameters: [Int]) -> SQLType? {
        switch name {
        case "NUMBER", "DECIMAL", "DEC", "NUMERIC":
            let p = parameters.first ?? 38
            return .number(precision: p, scale: parameters.count > 1 ? parameters[1] : 0)
        case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT": return .integer
        case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL": return .float
        case "VARCHAR", "STRING", "TEXT", "NVARCHAR", "NVARCHAR2", "CHAR VARYING", "NCHAR VARYING":
            return .varchar(parameters.first)
        case "CHAR", "CHARACTER", "NCHAR": return .varchar(parameters.first ?? 1)
        case "BINARY", "VARBINARY": return .binary
        case "BOOLEAN": return .boolean
        case "DATE": return .date
        case "TIME": return .time
        case "DATETIME", "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP WITHOUT TIME ZONE": return .timestampNTZ
        case "TIMESTAMP_LTZ", "TIMESTAMPLTZ", "TIMESTAMP WITH LOCAL TIME ZONE": return .timestampLTZ
        case "TIMESTAMP_TZ", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE": return .timestampTZ
        case "VARIANT": return .variant
        case "OBJECT": return .object
        case "ARRAY": return .array
        case "GEOGRAPHY": return .geography
        case "GEOMETRY": return .geometry
        default: return nil
        }
    }
}
