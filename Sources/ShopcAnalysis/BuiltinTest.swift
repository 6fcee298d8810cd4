import ShopcSQL
/// Where a test may be declared.
enum TestScope: Sendable {
    /// Under a column, or on the model with a `column_name` argument.
    case column
    /// On the model or source table (under a column it ignores the column).
    case model
    /// Either: under a column it checks that column, on the model the whole row.
    case either
}

/// A built-in test after its arguments were checked, with values ready for SQL.
enum BuiltinTest: Sendable, Equatable {
    case notNull
    case unique
    /// Accepted values as SQL literals (quoted or raw per `quote`).
    case acceptedValues([String])
    /// Bounds as SQL literals.
    case acceptedRange(min: String?, max: String?, minInclusive: Bool, maxInclusive: Bool)
    case relationships(to: NodeID, field: String)
    case uniqueCombination([String])
    case expressionIsTrue(String)
    case rowCount(min: Int?, max: Int?)
    case notEmpty

    /// The built-in tests: arguments (required, optional) and where each may be declared.
    static let catalog: [String: (required: [String], optional: [String], scope: TestScope)] = [
        "not_null": ([], [], .column),
        "unique": ([], [], .column),
        "accepted_values": (["values"], ["quote"], .column),
        "accepted_range": ([], ["min", "max", "inclusive", "min_inclusive", "max_inclusive"], .column),
        "relationships": (["to", "field"], [], .column),
        "unique_combination_of_columns": (["combination_of_columns"], [], .model),
        "expression_is_true": (["expression"], [], .either),
        "row_count": ([], ["min", "max"], .model),
        "not_empty": ([], [], .model),
    ]

    /// A single-quoted SQL string literal; quotes and backslashes escaped, control characters
    /// written as escapes, so any text stays inert data.
    static func literal(_ s: String) -> String { SQLQuoting.stringLiteral(s) }
}
