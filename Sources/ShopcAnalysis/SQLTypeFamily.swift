/// Groups Snowflake types into families (what a masking policy's type must match) and spells a
/// declared type the way `INFORMATION_SCHEMA.COLUMNS` reports it (for the schema-drift check).
public enum SQLTypeFamily {
    /// Splits a canonical type (`NUMBER(12,2)`) into its name and integer parameters.
    static func parts(_ canonical: String) -> (name: String, params: [Int]) {
        guard let open = canonical.firstIndex(of: "("), canonical.hasSuffix(")") else { return (canonical, []) }
        let inner = canonical[canonical.index(after: open)..<canonical.index(before: canonical.endIndex)]
        return (String(canonical[..<open]), inner.split(separator: ",").compactMap { Int($0) })
    }

    /// The family of a type: `NUMBER`, `FLOAT`, `TEXT`, `BINARY`, `BOOLEAN`, `DATE`, `TIME`,
    /// `TIMESTAMP_NTZ`, `TIMESTAMP_LTZ`, `TIMESTAMP_TZ`, or the type name itself.
    public static func family(_ type: String) -> String {
        let name = parts(SQLTypeName.canonical(type) ?? type.uppercased()).name
        switch name {
        case "NUMBER", "DECIMAL", "DEC", "NUMERIC", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT": return "NUMBER"
        case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL": return "FLOAT"
        case "VARCHAR", "CHAR", "CHARACTER", "NCHAR", "STRING", "TEXT", "NVARCHAR": return "TEXT"
        case "BINARY", "VARBINARY": return "BINARY"
        case "DATETIME", "TIMESTAMP": return "TIMESTAMP_NTZ"
        default: return name
        }
    }

    /// The type as `INFORMATION_SCHEMA.COLUMNS` describes it, with NUMBER precision and scale and
    /// TEXT length made explicit: `NUMBER(38,0)`, `TEXT(16777216)`, `TIMESTAMP_NTZ`.
    public static func informationSchemaSignature(_ type: String) -> String {
        let canonical = SQLTypeName.canonical(type) ?? type.uppercased()
        let (name, params) = parts(canonical)
        switch family(canonical) {
        case "NUMBER":
            let isInteger = !["NUMBER", "DECIMAL", "DEC", "NUMERIC"].contains(name)
            let precision = isInteger ? 38 : (params.first ?? 38)
            let scale = isInteger ? 0 : (params.count > 1 ? params[1] : 0)
            return "NUMBER(\(precision),\(scale))"
        case "TEXT":
            let isChar = ["CHAR", "CHARACTER", "NCHAR"].contains(name)
            return "TEXT(\(params.first ?? (isChar ? 1 : 16_777_216)))"
        case "BINARY":
            return "BINARY(\(params.first ?? 8_388_608))"
        case let other:
            return other
        }
    }
}

/// The load metadata columns added to a landing table by `metadata_columns: true`.
public enum MetadataColumns {
    /// Column name, type, the metadata expression that fills it, and its comment.
    public static let all: [(name: String, type: String, expression: String, comment: String)] = [
        ("_source_file", "VARCHAR", "METADATA$FILENAME", "Stage file the row was loaded from."),
        ("_source_row", "NUMBER(38,0)", "METADATA$FILE_ROW_NUMBER", "Row number of the row in its file."),
        ("_loaded_at", "TIMESTAMP_LTZ", "METADATA$START_SCAN_TIME", "When the load that wrote the row started."),
    ]

    /// The column names, lower case.
    public static var names: [String] { all.map(\.name) }

    /// The value written when a load cannot read the metadata (a local `file://` stage on an
    /// emulator): the load time is the insert time; file name and row number stay NULL.
    public static func localValue(_ name: String) -> String {
        name == "_loaded_at" ? "CURRENT_TIMESTAMP()" : "NULL"
    }
}
