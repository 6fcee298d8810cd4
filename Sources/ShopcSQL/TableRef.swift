/// An item of a `FROM` clause.
public indirect enum TableRef: Sendable, Hashable, Codable {
    /// A named table or view.
    case table(NamedTable)
    /// A derived table `(SELECT …)`, optionally `LATERAL`.
    case subquery(DerivedTable)
    /// A table function: `TABLE(f(…))`, `LATERAL FLATTEN(…)`.
    case function(TableFunction)
    /// A join of two table references.
    case join(Join)
    /// A parenthesized join tree `(a JOIN b ON …)`.
    case nested(TableRef, range: SourceRange)
    /// `source PIVOT (…)`.
    case pivot(PivotTable)
    /// `source UNPIVOT (…)`.
    case unpivot(UnpivotTable)
    /// `source SAMPLE (…)`.
    case sample(TableSample)
    /// `source MATCH_RECOGNIZE (…)`.
    case matchRecognize(MatchRecognize)

    /// Where it was written.
    public var range: SourceRange {
        switch self {
        case .table(let t): t.range
        case .subquery(let s): s.range
        case .function(let f): f.range
        case .join(let j): j.range
        case .nested(_, let r): r
        case .pivot(let p): p.range
        case .unpivot(let u): u.range
        case .sample(let s): s.range
        case .matchRecognize(let m): m.range
        }
    }
}

/// `AS alias [(col, …)]`.
public struct TableAlias: Sendable, Hashable, Codable {
    /// The alias.
    public var name: Identifier
    /// Column aliases.
    public var columns: [Identifier]

    /// Creates an alias.
    public init(_ name: Identifier, columns: [Identifier] = []) {
        self.name = name
        self.columns = columns
    }
}

/// A table named by one to three parts (`t`, `schema.t`, `db.schema.t`).
public struct NamedTable: Sendable, Hashable, Codable {
    /// The table name.
    public var name: QualifiedName
    /// `CHANGES (INFORMATION => …)`; its start point is `timeTravel`, which it requires.
    public var changes: ChangesClause?
    /// `AT (…)` / `BEFORE (…)`.
    public var timeTravel: TimeTravel?
    /// The alias.
    public var alias: TableAlias?
    /// Where it was written, alias included.
    public var range: SourceRange

    /// Creates a table reference.
    public init(name: QualifiedName, timeTravel: TimeTravel? = nil, alias: TableAlias? = nil, range: SourceRange = .none) {
        self.name = name
        self.timeTravel = timeTravel
        self.alias = alias
        self.range = range
    }
}

/// `[LATERAL] (query) [AS alias]`.
public struct DerivedTable: Sendable, Hashable, Codable {
    /// `LATERAL`.
    public var lateral: Bool
    /// The subquery.
    public var query: Query
    /// The alias.
    public var alias: TableAlias?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a derived table.
    public init(lateral: Bool = false, query: Query, alias: TableAlias? = nil, range: SourceRange = .none) {
        self.lateral = lateral
        self.query = query
        self.alias = alias
        self.range = range
    }
}

/// A table function call: `TABLE(f(…))`, `LATERAL f(…)` or `LATERAL TABLE(f(…))`.
public struct TableFunction: Sendable, Hashable, Codable {
    /// `LATERAL`.
    public var lateral: Bool
    /// Written inside `TABLE(…)`.
    public var tableWrapper: Bool
    /// The call.
    public var call: FunctionCall
    /// The alias.
    public var alias: TableAlias?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a table function reference.
    public init(
        lateral: Bool = false, tableWrapper: Bool = true, call: FunctionCall,
        alias: TableAlias? = nil, range: SourceRange = .none
    ) {
        self.lateral = lateral
        self.tableWrapper = tableWrapper
        self.call = call
        self.alias = alias
        self.range = range
    }
}

/// The kind of a join. `LEFT OUTER JOIN` and `LEFT JOIN` are the same kind.
public enum JoinKind: String, Sendable, Hashable, Codable {
    /// `INNER JOIN`, `LEFT JOIN`, `RIGHT JOIN`.
    case inner = "INNER JOIN", left = "LEFT JOIN", right = "RIGHT JOIN"
    /// `FULL OUTER JOIN`, `CROSS JOIN`, `ASOF JOIN`.
    case full = "FULL OUTER JOIN", cross = "CROSS JOIN", asof = "ASOF JOIN"
}

/// `ON cond` or `USING (cols)`.
public enum JoinCondition: Sendable, Hashable, Codable {
    /// `ON condition`.
    case on(Expr)
    /// `USING (columns)`.
    case using([Identifier])
}

/// `left [NATURAL] kind JOIN right [MATCH_CONDITION (…)] [ON … | USING (…)]`.
public struct Join: Sendable, Hashable, Codable {
    /// The left input.
    public var left: TableRef
    /// The right input.
    public var right: TableRef
    /// The join kind.
    public var kind: JoinKind
    /// `NATURAL`.
    public var natural: Bool
    /// `MATCH_CONDITION (…)` of an `ASOF JOIN`.
    public var matchCondition: Expr?
    /// The join condition.
    public var condition: JoinCondition?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a join.
    public init(
        left: TableRef, right: TableRef, kind: JoinKind, natural: Bool = false,
        matchCondition: Expr? = nil, condition: JoinCondition? = nil, range: SourceRange = .none
    ) {
        self.left = left
        self.right = right
        self.kind = kind
        self.natural = natural
        self.matchCondition = matchCondition
        self.condition = condition
        self.range = range
    }
}
