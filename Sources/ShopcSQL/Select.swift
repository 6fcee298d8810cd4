/// One `SELECT … FROM … WHERE … GROUP BY … HAVING … QUALIFY …` block.
public struct Select: Sendable, Hashable, Codable {
    /// `SELECT DISTINCT`.
    public var distinct: Bool
    /// `SELECT TOP n`.
    public var top: Expr?
    /// The projection.
    public var items: [SelectItem]
    /// The `FROM` items; more than one means comma joins.
    public var from: [TableRef]
    /// `START WITH … CONNECT BY …` of a hierarchical query.
    public var connectBy: HierarchicalClause?
    /// The `WHERE` condition.
    public var whereClause: Expr?
    /// The `GROUP BY` clause.
    public var groupBy: GroupBy?
    /// The `HAVING` condition.
    public var having: Expr?
    /// The `QUALIFY` condition.
    public var qualify: Expr?
    /// Where the block was written.
    public var range: SourceRange

    /// Creates a select block.
    public init(
        distinct: Bool = false, top: Expr? = nil, items: [SelectItem], from: [TableRef] = [],
        whereClause: Expr? = nil, groupBy: GroupBy? = nil, having: Expr? = nil,
        qualify: Expr? = nil, range: SourceRange = .none
    ) {
        self.distinct = distinct
        self.top = top
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.qualify = qualify
        self.range = range
    }
}

/// `[START WITH condition] CONNECT BY [NOCYCLE] condition` after `FROM` (either order is read;
/// `START WITH` prints first). `PRIOR x` and `CONNECT_BY_ROOT x` are unary operators; `LEVEL` is a
/// pseudo-column.
public struct HierarchicalClause: Sendable, Hashable, Codable {
    /// The condition selecting the roots.
    public var startWith: Expr?
    /// The condition linking a row to its parent (with `PRIOR`).
    public var connectBy: Expr
    /// `CONNECT BY NOCYCLE`.
    public var noCycle: Bool
    /// Where it was written.
    public var range: SourceRange

    /// Creates a hierarchical clause.
    public init(startWith: Expr? = nil, connectBy: Expr, noCycle: Bool = false, range: SourceRange = .none) {
        self.startWith = startWith
        self.connectBy = connectBy
        self.noCycle = noCycle
        self.range = range
    }
}

/// One entry of the projection.
public enum SelectItem: Sendable, Hashable, Codable {
    /// `expr [[AS] alias]`.
    case expression(Expr, alias: Identifier?, range: SourceRange)
    /// `*` or `t.*`, with optional `EXCLUDE`/`REPLACE`/`RENAME`.
    case wildcard(Wildcard)

    /// Where the item was written.
    public var range: SourceRange {
        switch self {
        case .expression(_, _, let r): r
        case .wildcard(let w): w.range
        }
    }
}

/// `old AS new` inside `* RENAME (…)`.
public struct RenamePair: Sendable, Hashable, Codable {
    /// The column renamed.
    public var column: Identifier
    /// The new name.
    public var alias: Identifier

    /// Creates a pair.
    public init(column: Identifier, alias: Identifier) {
        self.column = column
        self.alias = alias
    }
}

/// `expr AS col` inside `* REPLACE (…)`.
public struct ReplacePair: Sendable, Hashable, Codable {
    /// The replacement value.
    public var expr: Expr
    /// The column replaced.
    public var column: Identifier

    /// Creates a pair.
    public init(expr: Expr, column: Identifier) {
        self.expr = expr
        self.column = column
    }
}

/// A star projection: `*`, `t.*`, `* ILIKE '%id'`, `* EXCLUDE (a, b)`, `* REPLACE (x AS a)`, `* RENAME (a AS b)`.
public struct Wildcard: Sendable, Hashable, Codable {
    /// The table qualifier of `t.*` (empty for a bare `*`).
    public var qualifier: [Identifier]
    /// `* ILIKE 'pattern'`.
    public var ilike: String?
    /// `EXCLUDE` columns.
    public var exclude: [Identifier]
    /// `REPLACE` pairs.
    public var replace: [ReplacePair]
    /// `RENAME` pairs.
    public var rename: [RenamePair]
    /// Where it was written.
    public var range: SourceRange

    /// Creates a wildcard.
    public init(
        qualifier: [Identifier] = [], ilike: String? = nil, exclude: [Identifier] = [],
        replace: [ReplacePair] = [], rename: [RenamePair] = [], range: SourceRange = .none
    ) {
        self.qualifier = qualifier
        self.ilike = ilike
        self.exclude = exclude
        self.replace = replace
        self.rename = rename
        self.range = range
    }
}

/// One element of `GROUP BY`.
public enum GroupingItem: Sendable, Hashable, Codable {
    /// A plain expression or ordinal.
    case expr(Expr)
    /// `ROLLUP (…)`.
    case rollup([Expr])
    /// `CUBE (…)`.
    case cube([Expr])
    /// `GROUPING SETS (…)`: each set is a list of expressions (`()` is the empty set).
    case groupingSets([[Expr]])
}

/// `GROUP BY ALL` or `GROUP BY item, …`.
public struct GroupBy: Sendable, Hashable, Codable {
    /// `GROUP BY ALL`.
    public var all: Bool
    /// The grouping items (empty for `ALL`).
    public var items: [GroupingItem]

    /// Creates a grouping clause.
    public init(all: Bool = false, items: [GroupingItem] = []) {
        self.all = all
        self.items = items
    }
}
