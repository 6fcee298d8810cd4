/// A scalar SQL expression. Every case carries (directly or in its payload) the source range it
/// was parsed from; `range` returns it.
public indirect enum Expr: Sendable, Hashable, Codable {
    /// A column reference such as `amount` or `o.amount`.
    case column(ColumnRef)
    /// A literal value.
    case literal(Literal)
    /// A function call, aggregate or window function.
    case function(FunctionCall)
    /// A prefix operator: `NOT x`, `-x`, `+x`.
    case unary(UnaryOperator, Expr, range: SourceRange)
    /// A binary operator: arithmetic, `||`, comparison, `AND`, `OR`.
    case binary(BinaryOperator, Expr, Expr, range: SourceRange)
    /// Three or more operands joined by one chaining operator (`BinaryOperator.chains`), read
    /// left to right: `a OR b OR c`, `x || '-' || y`. Kept flat so a chain of thousands of terms
    /// (a template loop) is one level deep for every recursive pass.
    case chain(BinaryOperator, [Expr], range: SourceRange)
    /// `x IS [NOT] NULL`.
    case isNull(Expr, negated: Bool, range: SourceRange)
    /// `x IS [NOT] DISTINCT FROM y`.
    case isDistinctFrom(Expr, Expr, negated: Bool, range: SourceRange)
    /// `x [NOT] BETWEEN low AND high`.
    case between(Expr, low: Expr, high: Expr, negated: Bool, range: SourceRange)
    /// `x [NOT] IN (a, b, …)`.
    case inList(Expr, [Expr], negated: Bool, range: SourceRange)
    /// `x [NOT] IN (SELECT …)`.
    case inQuery(Expr, Query, negated: Bool, range: SourceRange)
    /// `LIKE`, `ILIKE`, `RLIKE`, with optional `ANY`/`ALL` and `ESCAPE`.
    case like(LikeExpr)
    /// `EXISTS (SELECT …)`; `NOT EXISTS` is `.unary(.not, .exists…)`.
    case exists(Query, range: SourceRange)
    /// A scalar subquery `(SELECT …)`.
    case subquery(Query, range: SourceRange)
    /// `CASE … END`, simple or searched.
    case caseWhen(CaseExpr)
    /// `CAST(x AS t)`, `TRY_CAST(x AS t)` or `x::t`.
    case cast(CastExpr)
    /// Semi-structured access: `v:a.b[0]`, `v['key']`.
    case path(PathExpr)
    /// An expression written in parentheses; kept so printing preserves the author's grouping.
    case nested(Expr, range: SourceRange)
    /// A parenthesized list of two or more expressions: `(a, b)`.
    case tuple([Expr], range: SourceRange)
    /// An array constructor `[a, b]`.
    case array([Expr], range: SourceRange)
    /// An object constructor `{'k': v, …}`.
    case object([ObjectEntry], range: SourceRange)
    /// A lambda `x -> expr`, `x INT -> expr` or `(x, y VARCHAR) -> expr` as used by
    /// `FILTER`/`TRANSFORM`/`REDUCE`.
    case lambda([LambdaParameter], Expr, range: SourceRange)
    /// A comparison with a subquery quantifier: `x > ALL (SELECT …)`, `x = ANY (SELECT …)`.
    case quantified(BinaryOperator, Expr, SubqueryQuantifier, Query, range: SourceRange)
    /// `EXTRACT(part FROM value)`.
    case extract(Identifier, Expr, range: SourceRange)
    /// A positional column reference `$1` or `t.$2` (staged files, `VALUES`).
    case positional(PositionalRef)

    /// Where the expression was written.
    public var range: SourceRange {
        switch self {
        case .column(let c): c.range
        case .literal(let l): l.range
        case .function(let f): f.range
        case .like(let l): l.range
        case .caseWhen(let c): c.range
        case .cast(let c): c.range
        case .path(let p): p.range
        case .positional(let p): p.range
        case .unary(_, _, let r), .binary(_, _, _, let r), .chain(_, _, let r), .isNull(_, _, let r),
            .isDistinctFrom(_, _, _, let r), .between(_, _, _, _, let r), .inList(_, _, _, let r),
            .inQuery(_, _, _, let r), .exists(_, let r), .subquery(_, let r), .nested(_, let r),
            .tuple(_, let r), .array(_, let r), .object(_, let r), .lambda(_, _, let r),
            .quantified(_, _, _, _, let r), .extract(_, _, let r):
            r
        }
    }
}

/// `ANY`, `SOME` or `ALL` before a comparison's subquery.
public enum SubqueryQuantifier: String, Sendable, Hashable, Codable {
    /// `ANY`, `SOME`, `ALL`.
    case any = "ANY", some = "SOME", all = "ALL"
}

/// A prefix operator.
public enum UnaryOperator: String, Sendable, Hashable, Codable {
    /// Logical `NOT`.
    case not = "NOT"
    /// Arithmetic negation.
    case minus = "-"
    /// Arithmetic identity.
    case plus = "+"
    /// `PRIOR x`: the value of `x` in the parent row of a hierarchical query.
    case prior = "PRIOR"
    /// `CONNECT_BY_ROOT x`: the value of `x` in the root row of a hierarchical query.
    case connectByRoot = "CONNECT_BY_ROOT"
}

/// A binary operator. `!=` is parsed as `notEqual` and printed `<>`.
public enum BinaryOperator: String, Sendable, Hashable, Codable {
    /// `OR`, `AND`.
    case or = "OR", and = "AND"
    /// `=`, `<>`, `<`, `<=`, `>`.
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">"
    /// `>=`.
    case greaterOrEqual = ">="
    /// `+`, `-`, `||`.
    case plus = "+", minus = "-", concat = "||"
    /// `*`, `/`, `%`.
    case multiply = "*", divide = "/", modulo = "%"

    /// Whether a run of this operator parses to one flat `Expr.chain`: the associative ones
    /// (`OR`, `AND`, `+`, `*`, `||`). `a - b - c` and comparisons stay nested binaries.
    public var chains: Bool {
        switch self {
        case .or, .and, .plus, .multiply, .concat: true
        default: false
        }
    }

    /// Binding strength; higher binds tighter.
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        case .plus, .minus, .concat: 5
        case .multiply, .divide, .modulo: 6
        }
    }
}

/// A column reference: one to four dotted parts (`col`, `t.col`, `s.t.col`, `db.s.t.col`).
public struct ColumnRef: Sendable, Hashable, Codable {
    /// The parts, qualifier first, column last.
    public var parts: [Identifier]
    /// Where it was written.
    public var range: SourceRange

    /// Creates a column reference.
    public init(_ parts: [Identifier], range: SourceRange = .none) {
        self.parts = parts
        self.range = range
    }

    /// The column's own name.
    public var column: Identifier? { parts.last }
}

/// A lambda parameter, optionally typed (`x INT`): the element is coerced to the type.
public struct LambdaParameter: Sendable, Hashable, Codable {
    /// The parameter name.
    public var name: Identifier
    /// The declared type, if written.
    public var type: DataType?

    /// Creates a parameter.
    public init(_ name: Identifier, type: DataType? = nil) {
        self.name = name
        self.type = type
    }
}

/// A positional column reference: `$1`, or `t.$1` with a table qualifier.
public struct PositionalRef: Sendable, Hashable, Codable {
    /// The table qualifier parts (empty for a bare `$n`).
    public var qualifier: [Identifier]
    /// The column position, from 1.
    public var position: Int
    /// Where it was written.
    public var range: SourceRange

    /// Creates a positional reference.
    public init(qualifier: [Identifier] = [], position: Int, range: SourceRange = .none) {
        self.qualifier = qualifier
        self.position = position
        self.range = range
    }
}

/// A literal value with its source range.
public struct Literal: Sendable, Hashable, Codable {
    /// What kind of literal, with its value.
    public enum Kind: Sendable, Hashable, Codable {
        /// A string; the value is unescaped. `$$…$$` strings parse to this too.
        case string(String)
        /// A number, kept as written (exponent marker lower-cased): `42`, `1.5`, `1e-3`.
        case number(String)
        /// `TRUE` or `FALSE`.
        case boolean(Bool)
        /// `NULL`.
        case null
        /// A typed literal such as `DATE '2024-01-01'`; the type keyword is upper case.
        case typed(String, String)
        /// `INTERVAL '1 day'`.
        case interval(String)
        /// A binary (hex string) literal `X'AB01'`; the value is its hex digits, upper case.
        case binary(String)
    }

    /// The value.
    public var kind: Kind
    /// Where it was written.
    public var range: SourceRange

    /// Creates a literal.
    public init(_ kind: Kind, range: SourceRange = .none) {
        self.kind = kind
        self.range = range
    }
}

/// One argument of a function call, optionally named (`input => x`).
public struct FunctionArgument: Sendable, Hashable, Codable {
    /// The parameter name for `name => value` arguments.
    public var name: Identifier?
    /// The argument value.
    public var value: Expr

    /// Creates an argument.
    public init(name: Identifier? = nil, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// `IGNORE NULLS` or `RESPECT NULLS`.
public enum NullTreatment: String, Sendable, Hashable, Codable {
    /// `IGNORE NULLS`, `RESPECT NULLS`.
    case ignore = "IGNORE NULLS", respect = "RESPECT NULLS"
}

/// A function call: scalar, aggregate (`COUNT(DISTINCT x)`, `COUNT(*)`), ordered-set
/// (`LISTAGG(x, ',') WITHIN GROUP (ORDER BY y)`) or window (`… OVER (…)`).
public struct FunctionCall: Sendable, Hashable, Codable {
    /// The function name, possibly qualified.
    public var name: QualifiedName
    /// `DISTINCT` before the arguments.
    public var distinct: Bool
    /// `f(*)`.
    public var star: Bool
    /// The arguments.
    public var arguments: [FunctionArgument]
    /// False for niladic keywords written without parentheses (`CURRENT_DATE`).
    public var hasParentheses: Bool
    /// `WITHIN GROUP (ORDER BY …)`.
    public var withinGroup: [OrderItem]?
    /// `IGNORE NULLS` / `RESPECT NULLS`.
    public var nullTreatment: NullTreatment?
    /// `OVER (…)`.
    public var over: WindowSpec?
    /// Where the call was written, through its `OVER` clause.
    public var range: SourceRange

    /// Creates a function call.
    public init(
        name: QualifiedName, distinct: Bool = false, star: Bool = false,
        arguments: [FunctionArgument] = [], hasParentheses: Bool = true,
        withinGroup: [OrderItem]? = nil, nullTreatment: NullTreatment? = nil,
        over: WindowSpec? = nil, range: SourceRange = .none
    ) {
        self.name = name
        self.distinct = distinct
        self.star = star
        self.arguments = arguments
        self.hasParentheses = hasParentheses
        self.withinGroup = withinGroup
        self.nullTreatment = nullTreatment
        self.over = over
        self.range = range
    }
}

/// An entry of an object constructor.
public struct ObjectEntry: Sendable, Hashable, Codable {
    /// The key expression (usually a string literal).
    public var key: Expr
    /// The value.
    public var value: Expr

    /// Creates an entry.
    public init(key: Expr, value: Expr) {
        self.key = key
        self.value = value
    }
}
