/// A complete query: optional `WITH`, a body (a `SELECT` or set operation), and the trailing
/// `ORDER BY` / `LIMIT` that apply to the whole body.
public struct Query: Sendable, Hashable, Codable {
    /// The `WITH` clause.
    public var with: WithClause?
    /// The `SELECT` or set operation.
    public var body: QueryBody
    /// The final `ORDER BY`.
    public var orderBy: [OrderItem]
    /// The final `LIMIT`/`OFFSET`/`FETCH`.
    public var limit: LimitClause?
    /// Where the query was written (without a trailing `;`).
    public var range: SourceRange

    /// Creates a query.
    public init(
        with: WithClause? = nil, body: QueryBody, orderBy: [OrderItem] = [],
        limit: LimitClause? = nil, range: SourceRange = .none
    ) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.range = range
    }
}

/// `WITH [RECURSIVE] cte, …`.
public struct WithClause: Sendable, Hashable, Codable {
    /// `WITH RECURSIVE`.
    public var recursive: Bool
    /// The common table expressions, in order.
    public var ctes: [CommonTableExpression]

    /// Creates a `WITH` clause.
    public init(recursive: Bool = false, ctes: [CommonTableExpression]) {
        self.recursive = recursive
        self.ctes = ctes
    }
}

/// `name [(col, …)] AS (query)`.
public struct CommonTableExpression: Sendable, Hashable, Codable {
    /// The CTE's name.
    public var name: Identifier
    /// The optional column list.
    public var columns: [Identifier]
    /// The defining query.
    public var query: Query
    /// Where the CTE was written.
    public var range: SourceRange

    /// Creates a CTE.
    public init(name: Identifier, columns: [Identifier] = [], query: Query, range: SourceRange = .none) {
        self.name = name
        self.columns = columns
        self.query = query
        self.range = range
    }
}

/// The body of a query.
public indirect enum QueryBody: Sendable, Hashable, Codable {
    /// A single `SELECT`.
    case select(Select)
    /// `left UNION|INTERSECT|EXCEPT|MINUS right`.
    case setOperation(SetOperation)
    /// A parenthesized query used as an operand, `(SELECT … ORDER BY … LIMIT …)`.
    case nested(Query)
    /// A row constructor `VALUES (…), (…)`.
    case values(ValuesList)

    /// Where the body was written.
    public var range: SourceRange {
        switch self {
        case .select(let s): s.range
        case .setOperation(let s): s.range
        case .nested(let q): q.range
        case .values(let v): v.range
        }
    }
}

/// A set operator.
public enum SetOperator: String, Sendable, Hashable, Codable {
    /// `UNION`, `INTERSECT`, `EXCEPT`, `MINUS`.
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT", minus = "MINUS"

    /// Binding strength: `INTERSECT` binds tighter than the others.
    public var precedence: Int { self == .intersect ? 2 : 1 }
}

/// `left op [ALL] [BY NAME] right`.
public struct SetOperation: Sendable, Hashable, Codable {
    /// The operator.
    public var op: SetOperator
    /// `UNION ALL`.
    public var all: Bool
    /// `UNION [ALL] BY NAME`.
    public var byName: Bool
    /// The left operand.
    public var left: QueryBody
    /// The right operand.
    public var right: QueryBody
    /// Where it was written.
    public var range: SourceRange

    /// Creates a set operation.
    public init(
        op: SetOperator, all: Bool = false, byName: Bool = false, left: QueryBody, right: QueryBody,
        range: SourceRange = .none
    ) {
        self.op = op
        self.all = all
        self.byName = byName
        self.left = left
        self.right = right
        self.range = range
    }
}

/// Row limiting: `LIMIT n [OFFSET m]` or `[OFFSET m ROWS] FETCH FIRST n ROWS ONLY`.
public struct LimitClause: Sendable, Hashable, Codable {
    /// Which spelling was used; printing keeps it.
    public enum Style: String, Sendable, Hashable, Codable { case limit, fetch }

    /// The spelling.
    public var style: Style
    /// The row count (`LIMIT n`, `FETCH FIRST n`); nil for `OFFSET` alone.
    public var count: Expr?
    /// The offset.
    public var offset: Expr?

    /// Creates a limit clause.
    public init(style: Style, count: Expr?, offset: Expr? = nil) {
        self.style = style
        self.count = count
        self.offset = offset
    }
}

/// `VALUES (a, b), (c, d)`.
public struct ValuesList: Sendable, Hashable, Codable {
    /// The rows, each a list of expressions.
    public var rows: [[Expr]]
    /// Where it was written.
    public var range: SourceRange

    /// Creates a row list.
    public init(rows: [[Expr]], range: SourceRange = .none) {
        self.rows = rows
        self.range = range
    }
}
