extension Parser {
    /// `[WITH …] body [ORDER BY …] [LIMIT …]`.
    mutating func parseQuery() throws(SQLSyntaxError) -> Query {
        try enter()
        defer { leave() }
        let start = current.start
        var with: WithClause?
        if accept(.with) {
            let recursive = accept(.recursive)
            var ctes = [try parseCTE()]
            while accept(.comma) { ctes.append(try parseCTE()) }
            with = WithClause(recursive: recursive, ctes: ctes)
        }
        let body = try parseSetExpression(minPrecedence: 0)
        var orderBy: [OrderItem] = []
        if check(.order) {
            advance()
            try expect(.by, "after ORDER")
            orderBy = try parseOrderItems()
        }
        let limit = try parseLimit()
        return Query(with: with, body: body, orderBy: orderBy, limit: limit, range: range(from: start))
    }

    private mutating func parseCTE() throws(SQLSyntaxError) -> CommonTableExpression {
        let start = current.start
        let name = try parseIdentifier("common table expression name")
        var columns: [Identifier] = []
        if check(.leftParen) { columns = try parseIdentifierList("column name") }
        try expect(.as, "after common table expression name")
        try expect(.leftParen, "'(' before common table expression query")
        let query = try parseQuery()
        try expect(.rightParen, "')' after common table expression query")
        return CommonTableExpression(name: name, columns: columns, query: query, range: range(from: start))
    }

    /// Set operations with `INTERSECT` binding tighter than `UNION`/`EXCEPT`/`MINUS`.
    mutating func parseSetExpression(minPrecedence: Int) throws(SQLSyntaxError) -> QueryBody {
        let start = current.start
        var left = try parseSetOperand()
        var links = 0
        defer { treeDepth -= links }
        while current.kind == .word, let keyword = current.keyword {
            let op: SetOperator
            switch keyword {
            case .union: op = .union
            case .intersect: op = .intersect
            case .except: op = .except
            case .minus: op = .minus
            default: return left
            }
            guard op.precedence > minPrecedence else { return left }
            links += 1
            try chainLink()
            advance()
            let all = accept(.all)
            if !all { _ = accept(.distinct) }
            var byName = false
            if check(.by) && peek().keyword == .name {
                advance()
                advance()
                byName = true
            }
            let right = try parseSetExpression(minPrecedence: op.precedence)
            left = .setOperation(
                SetOperation(op: op, all: all, byName: byName, left: left, right: right, range: range(from: start)))
        }
        return left
    }

    private mutating func parseSetOperand() throws(SQLSyntaxError) -> QueryBody {
        if check(.select) { return .select(try parseSelect()) }
        if check(.values) { return .values(try parseValues()) }
        if check(.leftParen) {
            advance()
            let query = try parseQuery()
            try expect(.rightParen, "')' after subquery")
            return .nested(query)
        }
        throw expected("SELECT")
    }

    /// `VALUES (…), (…)`.
    mutating func parseValues() throws(SQLSyntaxError) -> ValuesList {
        let start = current.start
        try expect(.values)
        var rows: [[Expr]] = []
        repeat {
            try expect(.leftParen, "'(' before VALUES row")
            rows.append(try parseExprList())
            try expect(.rightParen, "')' after VALUES row")
        } while accept(.comma)
        return ValuesList(rows: rows, range: range(from: start))
    }

    /// `expr [ASC|DESC] [NULLS FIRST|LAST], …`.
    mutating func parseOrderItems() throws(SQLSyntaxError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            let expr = try parseExpr()
            var direction: OrderItem.Direction?
            if accept(.asc) { direction = .asc } else if accept(.desc) { direction = .desc }
            var nulls: OrderItem.Nulls?
            if accept(.nulls) {
                if accept(.first) {
                    nulls = .first
                } else if accept(.last) {
                    nulls = .last
                } else {
                    throw expected("FIRST or LAST after NULLS")
                }
            }
            items.append(OrderItem(expr: expr, direction: direction, nulls: nulls))
        } while accept(.comma)
        return items
    }

    private mutating func parseLimit() throws(SQLSyntaxError) -> LimitClause? {
        if accept(.limit) {
            let count = try parseExpr()
            var offset: Expr?
            if accept(.offset) { offset = try parseExpr() }
            return LimitClause(style: .limit, count: count, offset: offset)
        }
        guard check(.offset) || check(.fetch) else { return nil }
        var offset: Expr?
        if accept(.offset) {
            offset = try parseExpr()
            if !accept(.rows) { _ = accept(.row) }
        }
        var count: Expr?
        if accept(.fetch) {
            if !accept(.first) { _ = accept(.next) }
            count = try parseExpr()
            if !accept(.rows) { _ = accept(.row) }
            _ = accept(.only)
        }
        return LimitClause(style: .fetch, count: count, offset: offset)
    }

    /// `SELECT [DISTINCT] [TOP n] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [QUALIFY …]`.
    mutating func parseSelect() throws(SQLSyntaxError) -> Select {
        let start = current.start
        try expect(.select)
        let distinct = accept(.distinct)
        if !distinct { _ = accept(.all) }
        var top: Expr?
        if accept(.top) {
            guard check(.number) else { throw expected("row count after TOP") }
            top = try parsePrimary()
        }
        var items = [try parseSelectItem()]
        while accept(.comma) { items.append(try parseSelectItem()) }
        var select = Select(distinct: distinct, top: top, items: items)
        if accept(.from) {
            select.from = [try parseJoinedTable()]
            while accept(.comma) { select.from.append(try parseJoinedTable()) }
        }
        if atHierarchicalClause { select.connectBy = try parseHierarchicalClause() }
        if accept(.where) { select.whereClause = try parseExpr() }
        if select.connectBy == nil && atHierarchicalClause { select.connectBy = try parseHierarchicalClause() }
        if check(.group) {
            advance()
            try expect(.by, "after GROUP")
            select.groupBy = try parseGroupBy()
        }
        if accept(.having) { select.having = try parseExpr() }
        if accept(.qualify) { select.qualify = try parseExpr() }
        select.range = range(from: start)
        return select
    }

    /// Whether `START WITH` or `CONNECT BY` starts here.
    private var atHierarchicalClause: Bool {
        (check(.start) && peek().keyword == .with) || (check(.connect) && peek().keyword == .by)
    }

    /// `START WITH … CONNECT BY [NOCYCLE] …` or `CONNECT BY … [START WITH …]`.
    private mutating func parseHierarchicalClause() throws(SQLSyntaxError) -> HierarchicalClause {
        let start = current.start
        var startWith: Expr?
        var connectBy: Expr?
        var noCycle = false
        while true {
            if startWith == nil && check(.start) && peek().keyword == .with {
                advance()
                advance()
                startWith = try parseExpr()
            } else if connectBy == nil && check(.connect) && peek().keyword == .by {
                advance()
                advance()
                if current.kind == .word && asciiUppercased(text(of: current)) == "NOCYCLE" {
                    advance()
                    noCycle = true
                }
                connectBy = try parseExpr()
            } else {
                break
            }
        }
        guard let connectBy else { throw expected("CONNECT BY after START WITH condition") }
        return HierarchicalClause(startWith: startWith, connectBy: connectBy, noCycle: noCycle, range: range(from: start))
    }

    private mutating func parseGroupBy() throws(SQLSyntaxError) -> GroupBy {
        if accept(.all) { return GroupBy(all: true) }
        var items: [GroupingItem] = []
        repeat {
            if check(.rollup) && peek().kind == .leftParen {
                advance()
                advance()
                items.append(.rollup(try parseExprList()))
                try expect(.rightParen, "')'")
            } else if check(.cube) && peek().kind == .leftParen {
                advance()
                advance()
                items.append(.cube(try parseExprList()))
                try expect(.rightParen, "')'")
            } else if check(.grouping) && peek().keyword == .sets {
                advance()
                advance()
                try expect(.leftParen, "'(' after GROUPING SETS")
                var sets: [[Expr]] = []
                repeat {
                    if accept(.leftParen) {
                        sets.append(check(.rightParen) ? [] : try parseExprList())
                        try expect(.rightParen, "')'")
                    } else {
                        sets.append([try parseExpr()])
                    }
                } while accept(.comma)
                try expect(.rightParen, "')'")
                items.append(.groupingSets(sets))
            } else {
                items.append(.expr(try parseExpr()))
            }
        } while accept(.comma)
        return GroupBy(items: items)
    }
}
