/// The values a `PIVOT` spreads into columns.
public enum PivotValues: Sendable, Hashable, Codable {
    /// `IN (v1, v2, …)`.
    case list([Expr])
    /// `IN (ANY [ORDER BY …])`.
    case any([OrderItem])
    /// `IN (SELECT …)`.
    case subquery(Query)
}

/// `source PIVOT (agg(x) [AS a] FOR col IN (v [AS b], …) [DEFAULT ON NULL (v)]) [AS alias]`.
public struct PivotTable: Sendable, Hashable, Codable {
    /// The pivoted input.
    public var source: TableRef
    /// The aggregate computed per value.
    public var aggregate: FunctionCall
    /// `agg(x) AS a`: appended to every value column's name as `_A`.
    public var aggregateAlias: Identifier?
    /// `v AS b` per listed value (nil where none), in the order of `values`' list.
    public var valueAliases: [Identifier?] = []
    /// The column whose values become columns.
    public var pivotColumn: ColumnRef
    /// The values.
    public var values: PivotValues
    /// `DEFAULT ON NULL (…)`.
    public var defaultOnNull: Expr?
    /// The alias of the result.
    public var alias: TableAlias?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a pivot.
    public init(
        source: TableRef, aggregate: FunctionCall, pivotColumn: ColumnRef, values: PivotValues,
        defaultOnNull: Expr? = nil, alias: TableAlias? = nil, range: SourceRange = .none
    ) {
        self.source = source
        self.aggregate = aggregate
        self.pivotColumn = pivotColumn
        self.values = values
        self.defaultOnNull = defaultOnNull
        self.alias = alias
        self.range = range
    }
}

/// `source UNPIVOT [INCLUDE|EXCLUDE NULLS] (value FOR name IN (a, b, …)) [AS alias]`.
public struct UnpivotTable: Sendable, Hashable, Codable {
    /// The unpivoted input.
    public var source: TableRef
    /// `INCLUDE NULLS` (true), `EXCLUDE NULLS` (false) or unspecified (nil).
    public var includeNulls: Bool?
    /// The new column holding the values.
    public var valueColumn: Identifier
    /// The new column holding the source column names.
    public var nameColumn: Identifier
    /// The columns folded into rows.
    public var columns: [Identifier]
    /// The alias of the result.
    public var alias: TableAlias?
    /// Where it was written.
    public var range: SourceRange

    /// Creates an unpivot.
    public init(
        source: TableRef, includeNulls: Bool? = nil, valueColumn: Identifier, nameColumn: Identifier,
        columns: [Identifier], alias: TableAlias? = nil, range: SourceRange = .none
    ) {
        self.source = source
        self.includeNulls = includeNulls
        self.valueColumn = valueColumn
        self.nameColumn = nameColumn
        self.columns = columns
        self.alias = alias
        self.range = range
    }
}

extension Parser {
    /// Wraps `source` in any `PIVOT`/`UNPIVOT`/`SAMPLE` operators that follow it.
    /// `[AS] name` after a PIVOT aggregate or value, or nil.
    private mutating func parsePivotAlias() throws(SQLSyntaxError) -> Identifier? {
        if accept(.as) { return try parseIdentifier("alias after AS") }
        return atIdentifier ? takeIdentifier() : nil
    }

    mutating func parsePivots(_ source: TableRef, start: Int) throws(SQLSyntaxError) -> TableRef {
        var result = source
        while check(.pivot) || check(.unpivot) || atSample || atMatchRecognize {
            if atSample {
                result = try parseSample(result, start: start)
            } else if atMatchRecognize {
                result = try parseMatchRecognize(result, start: start)
            } else if accept(.pivot) {
                try expect(.leftParen, "'(' after PIVOT")
                let callStart = current.start
                let name = try parseDottedName("aggregate function")
                guard check(.leftParen) else { throw expected("'(' after aggregate function name") }
                let aggregate = try parseFunctionCall(name: name, start: callStart)
                let aggregateAlias = try parsePivotAlias()
                try expect(.for, "in PIVOT")
                let columnName = try parseDottedName("pivot column")
                try expect(.in, "in PIVOT")
                try expect(.leftParen, "'(' after IN")
                let values: PivotValues
                var valueAliases: [Identifier?] = []
                if accept(.any) {
                    var order: [OrderItem] = []
                    if accept(.order) {
                        try expect(.by, "after ORDER")
                        order = try parseOrderItems()
                    }
                    values = .any(order)
                } else if check(.select) || check(.with) {
                    values = .subquery(try parseQuery())
                } else {
                    var list: [Expr] = []
                    repeat {
                        list.append(try parseExpr())
                        valueAliases.append(try parsePivotAlias())
                    } while accept(.comma)
                    values = .list(list)
                    if valueAliases.allSatisfy({ $0 == nil }) { valueAliases = [] }
                }
                try expect(.rightParen, "')' after PIVOT values")
                var defaultOnNull: Expr?
                if accept(Keyword.`default`) {
                    try expect(.on, "after DEFAULT")
                    try expect(.null, "after DEFAULT ON")
                    try expect(.leftParen, "'(' after DEFAULT ON NULL")
                    defaultOnNull = try parseExpr()
                    try expect(.rightParen, "')'")
                }
                try expect(.rightParen, "')' to close PIVOT")
                let alias = try parseTableAlias()
                var pivot = PivotTable(
                    source: result, aggregate: aggregate, pivotColumn: ColumnRef(columnName.parts, range: columnName.range),
                    values: values, defaultOnNull: defaultOnNull, alias: alias, range: range(from: start))
                pivot.aggregateAlias = aggregateAlias
                pivot.valueAliases = valueAliases
                result = .pivot(pivot)
            } else {
                advance()
                var includeNulls: Bool?
                if (check(.include) || check(.exclude)) && peek().keyword == .nulls {
                    includeNulls = check(.include)
                    advance()
                    advance()
                }
                try expect(.leftParen, "'(' after UNPIVOT")
                let valueColumn = try parseIdentifier("value column name")
                try expect(.for, "in UNPIVOT")
                let nameColumn = try parseIdentifier("name column name")
                try expect(.in, "in UNPIVOT")
                let columns = try parseIdentifierList("column name")
                try expect(.rightParen, "')' to close UNPIVOT")
                let alias = try parseTableAlias()
                result = .unpivot(
                    UnpivotTable(
                        source: result, includeNulls: includeNulls, valueColumn: valueColumn, nameColumn: nameColumn,
                        columns: columns, alias: alias, range: range(from: start)))
            }
        }
        return result
    }
}

extension Printer {
    func pivot(_ pivot: PivotTable, _ level: Int) -> String {
        var out = tableRef(pivot.source, level) + " PIVOT (" + functionCall(pivot.aggregate, level)
            + (pivot.aggregateAlias.map { " AS " + $0.description } ?? "") + " FOR "
            + expr(.column(pivot.pivotColumn), level) + " IN ("
        switch pivot.values {
        case .list(let values):
            out += values.enumerated().map { index, value in
                let alias = index < pivot.valueAliases.count ? pivot.valueAliases[index] : nil
                return expr(value, level) + (alias.map { " AS " + $0.description } ?? "")
            }.joined(separator: ", ")
        case .any(let order): out += "ANY" + (order.isEmpty ? "" : " ORDER BY " + orderItems(order, level))
        case .subquery(let query): out += newline(level + 1) + self.query(query, level + 1) + newline(level)
        }
        out += ")"
        if let value = pivot.defaultOnNull { out += " DEFAULT ON NULL (" + expr(value, level) + ")" }
        return out + ")" + alias(pivot.alias)
    }

    func unpivot(_ unpivot: UnpivotTable, _ level: Int) -> String {
        var out = tableRef(unpivot.source, level) + " UNPIVOT"
        if let include = unpivot.includeNulls { out += include ? " INCLUDE NULLS" : " EXCLUDE NULLS" }
        out += " (" + unpivot.valueColumn.description + " FOR " + unpivot.nameColumn.description + " IN ("
        return out + identifiers(unpivot.columns) + "))" + alias(unpivot.alias)
    }
}
