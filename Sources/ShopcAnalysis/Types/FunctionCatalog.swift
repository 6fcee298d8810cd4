/// What kind of function a catalog entry is.
public enum FunctionKind: String, Sendable {
    /// A scalar function.
    case scalar
    /// An aggregate (may also be used as a window function).
    case aggregate
    /// A function that needs `OVER (…)`.
    case window
    /// A table function (`FLATTEN`, `SPLIT_TO_TABLE`…).
    case table
}

/// What an argument position accepts. The checker only rejects what can never work; text
/// arguments take anything, as Snowflake converts scalars to text implicitly.
public enum ArgumentKind: Sendable {
    /// Anything.
    case any
    /// NUMBER or FLOAT (or a numeric string literal).
    case numeric
    /// DATE, TIME or a timestamp (or a string literal).
    case temporal
    /// BOOLEAN.
    case boolean
    /// A date or time part such as `day` or `'month'`: an identifier that is not a column.
    case datePart
}

/// How a function's result type follows from its arguments.
public enum ReturnRule: Sendable {
    /// Always this type.
    case fixed(SQLType)
    /// The type of argument i (`unknown` when absent).
    case argument(Int)
    /// The common type of the arguments from index i on; an error when they do not unify.
    case common(from: Int)
    /// `DECODE(expr, search, result, …, default)`: the common type of the results.
    case decode
    /// `SUM`: NUMBER(38, s) for NUMBER(p, s), FLOAT for FLOAT.
    case sum
    /// `AVG` and friends: NUMBER(38, max(s, min(s + 6, 12))), FLOAT for FLOAT.
    case average
    /// `ROUND`, `TRUNC`, `CEIL`, `FLOOR` with an optional scale argument (index 1).
    case rounding
    /// `DIV0`, `DIV0NULL`: the type of `a / b`.
    case division
    /// `MOD`: the type of `a % b`.
    case modulo
    /// A VARCHAR as long as argument i (UPPER, TRIM…).
    case textOf(Int)
    /// `TO_NUMBER(expr [, format] [, precision [, scale]])` and its kin: NUMBER(precision, scale)
    /// from literal arguments after an optional format string, NUMBER(38, 0) without them.
    case decimal
    /// A type per number of arguments (`CONVERT_TIMEZONE`: TIMESTAMP_TZ with two, NTZ with three).
    case byArgumentCount([Int: SQLType])
}

/// One entry of the function catalog: name, kind, how many arguments it takes, what they must
/// be, and its result type.
public struct FunctionSignature: Sendable {
    /// The upper-case name.
    public var name: String
    /// Scalar, aggregate, window or table.
    public var kind: FunctionKind
    /// The accepted argument counts.
    public var arity: ClosedRange<Int>
    /// The result type rule.
    public var returns: ReturnRule
    /// What each argument position accepts; positions past the end accept anything.
    public var arguments: [ArgumentKind]

    /// Creates an entry.
    public init(_ name: String, _ kind: FunctionKind, _ arity: ClosedRange<Int>, _ returns: ReturnRule, _ arguments: [ArgumentKind] = []) {
        self.name = name
        self.kind = kind
        self.arity = arity
        self.returns = returns
        self.arguments = arguments
    }
}

/// Snowflake's built-in functions, as data: built once, looked up by upper-case name.
public enum FunctionCatalog {
    /// Unbounded argument count.
    static let many = Int.max

    /// Every entry, by upper-case name.
    public static let byName: [String: FunctionSignature] = {
        var out: [String: FunctionSignature] = [:]
        let all = aggregateFunctions + windowFunctions + conditionalFunctions + stringFunctions + numericFunctions
            + dateTimeFunctions + conversionFunctions + semiStructuredFunctions + contextFunctions + tableFunctions
        for entry in all where out[entry.name] == nil { out[entry.name] = entry }
        return out
    }()

    /// Looks a function up by name (any case).
    public static func lookup(_ name: String) -> FunctionSignature? { byName[name.uppercased()] }

    /// The number of functions in the catalog.
    public static var count: Int { byName.count }

    /// All names, for did-you-mean.
    public static let names: [String] = byName.keys.sorted()
}
