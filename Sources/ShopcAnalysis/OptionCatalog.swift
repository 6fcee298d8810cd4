/// Snowflake's documented COPY INTO <table> options and file-format type options, with the kind
/// of value each accepts. The checker validates spec keys and values against these tables.
public enum OptionCatalog {
    /// The kind of value an option accepts.
    public enum Kind: Sendable, Equatable {
        case bool
        /// A non-negative integer.
        case integer
        /// Any string, emitted as a string literal.
        case string
        /// A string, or the keyword given (`NONE`, `AUTO`).
        case stringOr(String)
        /// One character (or its octal `\\047` / hex `0x27` form), or `NONE`; `only` limits
        /// which characters.
        case character(only: String?)
        /// One keyword of a fixed set.
        case keyword([String])
        /// A list of strings (a single string is read as a one-item list).
        case stringList
        /// `ON_ERROR`: CONTINUE | SKIP_FILE | SKIP_FILE_<n> | 'SKIP_FILE_<n>%' | ABORT_STATEMENT.
        case onError
        /// Set by shopc itself; a spec may not set it.
        case reserved(String)
    }

    /// File format types whose staged rows are one column (`$1`): declared columns are filled
    /// by name, or from `$1:"column"`.
    public static let oneColumnRowFormats: Set<String> = ["JSON", "PARQUET", "AVRO", "ORC"]

    static let compression = ["AUTO", "GZIP", "BZ2", "BROTLI", "ZSTD", "DEFLATE", "RAW_DEFLATE", "NONE"]

    /// Options of the `copy:` mapping of a source table (COPY INTO <table> parameters and copy options).
    public static let copy: [String: Kind] = [
        "ON_ERROR": .onError,
        "SIZE_LIMIT": .integer,
        "PURGE": .bool,
        "RETURN_FAILED_ONLY": .bool,
        "MATCH_BY_COLUMN_NAME": .keyword(["CASE_SENSITIVE", "CASE_INSENSITIVE", "NONE"]),
        "ENFORCE_LENGTH": .bool,
        "TRUNCATECOLUMNS": .bool,
        "FORCE": .bool,
        "LOAD_UNCERTAIN_FILES": .bool,
        "PATTERN": .string,
        "FILES": .stringList,
        "VALIDATION_MODE": .reserved("shopc writes the validation script with VALIDATION_MODE = RETURN_ERRORS itself"),
        "INCLUDE_METADATA": .reserved("shopc fills the load metadata columns itself when 'metadata_columns: true'"),
        "FILE_FORMAT": .reserved("the file format comes from the stage's 'file_format'"),
    ]

    /// Copy options a pipe's COPY statement may not use (Snowpipe rejects them).
    public static let notInPipes: Set<String> = ["FILES", "SIZE_LIMIT", "PURGE", "FORCE", "RETURN_FAILED_ONLY", "LOAD_UNCERTAIN_FILES"]

    /// Canonical order of COPY options in generated statements.
    public static let copyOrder = [
        "FILES", "PATTERN", "MATCH_BY_COLUMN_NAME", "ON_ERROR", "SIZE_LIMIT", "PURGE", "RETURN_FAILED_ONLY", "ENFORCE_LENGTH",
        "TRUNCATECOLUMNS", "FORCE", "LOAD_UNCERTAIN_FILES",
    ]

    static let csv: [String: Kind] = [
        "COMPRESSION": .keyword(compression),
        "RECORD_DELIMITER": .stringOr("NONE"),
        "FIELD_DELIMITER": .stringOr("NONE"),
        "MULTI_LINE": .bool,
        "FILE_EXTENSION": .string,
        "PARSE_HEADER": .bool,
        "SKIP_HEADER": .integer,
        "SKIP_BLANK_LINES": .bool,
        "DATE_FORMAT": .stringOr("AUTO"),
        "TIME_FORMAT": .stringOr("AUTO"),
        "TIMESTAMP_FORMAT": .stringOr("AUTO"),
        "BINARY_FORMAT": .keyword(["HEX", "BASE64", "UTF8"]),
        "ESCAPE": .character(only: nil),
        "ESCAPE_UNENCLOSED_FIELD": .character(only: nil),
        "TRIM_SPACE": .bool,
        "FIELD_OPTIONALLY_ENCLOSED_BY": .character(only: "'\""),
        "NULL_IF": .stringList,
        "ERROR_ON_COLUMN_COUNT_MISMATCH": .bool,
        "REPLACE_INVALID_CHARACTERS": .bool,
        "EMPTY_FIELD_AS_NULL": .bool,
        "SKIP_BYTE_ORDER_MARK": .bool,
        "ENCODING": .string,
    ]

    static let json: [String: Kind] = [
        "COMPRESSION": .keyword(compression),
        "DATE_FORMAT": .stringOr("AUTO"),
        "TIME_FORMAT": .stringOr("AUTO"),
        "TIMESTAMP_FORMAT": .stringOr("AUTO"),
        "BINARY_FORMAT": .keyword(["HEX", "BASE64", "UTF8"]),
        "TRIM_SPACE": .bool,
        "MULTI_LINE": .bool,
        "NULL_IF": .stringList,
        "FILE_EXTENSION": .string,
        "ENABLE_OCTAL": .bool,
        "ALLOW_DUPLICATE": .bool,
        "STRIP_OUTER_ARRAY": .bool,
        "STRIP_NULL_VALUES": .bool,
        "REPLACE_INVALID_CHARACTERS": .bool,
        "IGNORE_UTF8_ERRORS": .bool,
        "SKIP_BYTE_ORDER_MARK": .bool,
    ]

    static let parquet: [String: Kind] = [
        "COMPRESSION": .keyword(["AUTO", "LZO", "SNAPPY", "NONE"]),
        "SNAPPY_COMPRESSION": .bool,
        "BINARY_AS_TEXT": .bool,
        "USE_LOGICAL_TYPE": .bool,
        "TRIM_SPACE": .bool,
        "USE_VECTORIZED_SCANNER": .bool,
        "REPLACE_INVALID_CHARACTERS": .bool,
        "NULL_IF": .stringList,
    ]

    static let avro: [String: Kind] = [
        "COMPRESSION": .keyword(compression), "TRIM_SPACE": .bool, "REPLACE_INVALID_CHARACTERS": .bool, "NULL_IF": .stringList,
    ]

    static let orc: [String: Kind] = ["TRIM_SPACE": .bool, "REPLACE_INVALID_CHARACTERS": .bool, "NULL_IF": .stringList]

    static let xml: [String: Kind] = [
        "COMPRESSION": .keyword(compression), "IGNORE_UTF8_ERRORS": .bool, "PRESERVE_SPACE": .bool, "STRIP_OUTER_ELEMENT": .bool,
        "DISABLE_AUTO_CONVERT": .bool, "REPLACE_INVALID_CHARACTERS": .bool, "SKIP_BYTE_ORDER_MARK": .bool,
    ]

    /// The format type options of one file format type (`CSV`, `JSON`, ...).
    public static func fileFormat(_ type: String) -> [String: Kind] {
        switch type {
        case "JSON": json
        case "PARQUET": parquet
        case "AVRO": avro
        case "ORC": orc
        case "XML": xml
        default: csv
        }
    }

    /// Every format type, for "this option belongs to another type" hints.
    public static let formatTypes = ["CSV", "JSON", "PARQUET", "AVRO", "ORC", "XML"]
}
