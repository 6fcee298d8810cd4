/// `x [NOT] LIKE|ILIKE|RLIKE [ANY|ALL] pattern(s) [ESCAPE e]`.
public struct LikeExpr: Sendable, Hashable, Codable {
    /// Which matching operator.
    public enum Operator: String, Sendable, Hashable, Codable {
        /// `LIKE`, `ILIKE`, `RLIKE`.
        case like = "LIKE", ilike = "ILIKE", rlike = "RLIKE"
    }

    /// `ANY` or `ALL` before a parenthesized pattern list.
    public enum Quantifier: String, Sendable, Hashable, Codable {
        /// `ANY`, `ALL`.
        case any = "ANY", all = "ALL"
    }

    /// The value being matched.
    public var subject: Expr
    /// The operator.
    public var op: Operator
    /// `NOT LIKE`.
    public var negated: Bool
    /// `LIKE ANY (…)` / `LIKE ALL (…)`; nil for a single pattern.
    public var quantifier: Quantifier?
    /// The pattern, or the patterns of a quantified form.
    public var patterns: [Expr]
    /// The `ESCAPE` character expression.
    public var escape: Expr?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a match expression.
    public init(
        subject: Expr, op: Operator, negated: Bool = false, quantifier: Quantifier? = nil,
        patterns: [Expr], escape: Expr? = nil, range: SourceRange = .none
    ) {
        self.subject = subject
        self.op = op
        self.negated = negated
        self.quantifier = quantifier
        self.patterns = patterns
        self.escape = escape
        self.range = range
    }
}

/// One `WHEN … THEN …` branch.
public struct WhenClause: Sendable, Hashable, Codable {
    /// The condition (searched CASE) or comparison value (simple CASE).
    public var condition: Expr
    /// The result.
    public var result: Expr

    /// Creates a branch.
    public init(condition: Expr, result: Expr) {
        self.condition = condition
        self.result = result
    }
}

/// `CASE [operand] WHEN … THEN … [ELSE …] END`.
public struct CaseExpr: Sendable, Hashable, Codable {
    /// The operand of a simple CASE; nil for a searched CASE.
    public var operand: Expr?
    /// The branches, in order.
    public var whens: [WhenClause]
    /// The `ELSE` result.
    public var elseResult: Expr?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a CASE expression.
    public init(operand: Expr? = nil, whens: [WhenClause], elseResult: Expr? = nil, range: SourceRange = .none) {
        self.operand = operand
        self.whens = whens
        self.elseResult = elseResult
        self.range = range
    }
}

/// A type conversion.
public struct CastExpr: Sendable, Hashable, Codable {
    /// How the conversion was written; printing keeps the spelling.
    public enum Style: String, Sendable, Hashable, Codable {
        /// `CAST(x AS t)`.
        case cast = "CAST"
        /// `TRY_CAST(x AS t)`.
        case tryCast = "TRY_CAST"
        /// `x::t`.
        case doubleColon = "::"
    }

    /// The spelling.
    public var style: Style
    /// The value converted.
    public var value: Expr
    /// The target type.
    public var type: DataType
    /// Where it was written.
    public var range: SourceRange

    /// Creates a conversion.
    public init(style: Style, value: Expr, type: DataType, range: SourceRange = .none) {
        self.style = style
        self.value = value
        self.type = type
        self.range = range
    }
}

/// A key in a semi-structured path. Keys are case-sensitive in Snowflake, so unlike identifiers
/// they compare and print exactly as written.
public struct PathKey: Sendable, Hashable, Codable {
    /// The key text, without quotes.
    public var name: String
    /// Whether it was double-quoted.
    public var quoted: Bool
    /// Where it was written.
    public var range: SourceRange

    /// Creates a key.
    public init(_ name: String, quoted: Bool = false, range: SourceRange = .none) {
        self.name = name
        self.quoted = quoted
        self.range = range
    }
}

/// One step of a semi-structured path.
public enum PathStep: Sendable, Hashable, Codable {
    /// `:key` (the step that enters a VARIANT).
    case colon(PathKey)
    /// `.key` after the path has started.
    case dot(PathKey)
    /// `[expr]`: an array index or a `'key'` lookup.
    case index(Expr)
}

/// Semi-structured access: a base expression followed by path steps, e.g. `src:a.b[0]`.
public struct PathExpr: Sendable, Hashable, Codable {
    /// The VARIANT/OBJECT/ARRAY value accessed, usually a column.
    public var base: Expr
    /// The steps, in order; never empty when parsed.
    public var steps: [PathStep]
    /// Where it was written.
    public var range: SourceRange

    /// Creates a path access.
    public init(base: Expr, steps: [PathStep], range: SourceRange = .none) {
        self.base = base
        self.steps = steps
        self.range = range
    }
}

/// One `ORDER BY` key.
public struct OrderItem: Sendable, Hashable, Codable {
    /// `ASC` or `DESC`.
    public enum Direction: String, Sendable, Hashable, Codable { case asc = "ASC", desc = "DESC" }
    /// `NULLS FIRST` or `NULLS LAST`.
    public enum Nulls: String, Sendable, Hashable, Codable { case first = "NULLS FIRST", last = "NULLS LAST" }

    /// The sort key.
    public var expr: Expr
    /// The explicit direction, if written.
    public var direction: Direction?
    /// The explicit null ordering, if written.
    public var nulls: Nulls?

    /// Creates an order item.
    public init(expr: Expr, direction: Direction? = nil, nulls: Nulls? = nil) {
        self.expr = expr
        self.direction = direction
        self.nulls = nulls
    }
}

/// A window frame boundary.
public enum FrameBound: Sendable, Hashable, Codable {
    /// `UNBOUNDED PRECEDING`.
    case unboundedPreceding
    /// `n PRECEDING`.
    case preceding(Expr)
    /// `CURRENT ROW`.
    case currentRow
    /// `n FOLLOWING`.
    case following(Expr)
    /// `UNBOUNDED FOLLOWING`.
    case unboundedFollowing
}

/// `ROWS|RANGE BETWEEN start AND end`, or `ROWS|RANGE start`.
public struct WindowFrame: Sendable, Hashable, Codable {
    /// The frame unit.
    public enum Unit: String, Sendable, Hashable, Codable { case rows = "ROWS", range = "RANGE" }

    /// `ROWS` or `RANGE`.
    public var unit: Unit
    /// The start bound.
    public var start: FrameBound
    /// The end bound; nil for the short form without `BETWEEN`.
    public var end: FrameBound?

    /// Creates a frame.
    public init(unit: Unit, start: FrameBound, end: FrameBound? = nil) {
        self.unit = unit
        self.start = start
        self.end = end
    }
}

/// The contents of `OVER (…)`.
public struct WindowSpec: Sendable, Hashable, Codable {
    /// `PARTITION BY` expressions.
    public var partitionBy: [Expr]
    /// `ORDER BY` keys.
    public var orderBy: [OrderItem]
    /// The frame clause.
    public var frame: WindowFrame?

    /// Creates a window specification.
    public init(partitionBy: [Expr] = [], orderBy: [OrderItem] = [], frame: WindowFrame? = nil) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

/// A data type as written in `CAST`, `::` or `TRY_CAST`: an upper-cased name and optional
/// numeric parameters, e.g. `NUMBER(38, 2)`, `VARCHAR(100)`, `TIMESTAMP_NTZ(9)`, `VARIANT`.
public struct DataType: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The type name, upper case; multi-word names use single spaces (`DOUBLE PRECISION`).
    public var name: String
    /// The parameters in parentheses.
    public var parameters: [Int]
    /// Where it was written.
    public var range: SourceRange

    /// Creates a data type.
    public init(_ name: String, parameters: [Int] = [], range: SourceRange = .none) {
        self.name = name
        self.parameters = parameters
        self.range = range
    }

    /// The canonical spelling: `NAME` or `NAME(p1, p2)`.
    public var description: String {
        if parameters.isEmpty { return name }
        return name + "(" + parameters.map(String.init).joined(separator: ", ") + ")"
    }
}
