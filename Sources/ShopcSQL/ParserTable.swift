extension Parser {
    /// One projection entry.
    mutating func parseSelectItem() throws(SQLSyntaxError) -> SelectItem {
        let start = current.start
        if check(.star) {
            advance()
            return .wildcard(try parseWildcardModifiers(qualifier: [], start: start))
        }
        if let qualifier = qualifiedStarPrefix() {
            return .wildcard(try parseWildcardModifiers(qualifier: qualifier, start: start))
        }
        let expr = try parseExpr()
        var alias: Identifier?
        if accept(.as) {
            alias = try parseAliasName()
        } else if atImplicitAlias {
            alias = takeIdentifier()
        }
        return .expression(expr, alias: alias, range: range(from: start))
    }

    /// After `AS`: any non-reserved word or quoted identifier.
    mutating func parseAliasName() throws(SQLSyntaxError) -> Identifier {
        try parseIdentifier("alias after AS")
    }

    /// Consumes `a.b.*` and returns `[a, b]`, or consumes nothing and returns nil.
    private mutating func qualifiedStarPrefix() -> [Identifier]? {
        var ahead = 0
        var count = 0
        while true {
            let token = peek(ahead)
            guard token.kind == .word || token.kind == .quotedIdentifier else { return nil }
            guard peek(ahead + 1).kind == .dot else { return nil }
            count += 1
            if peek(ahead + 2).kind == .star { break }
            ahead += 2
        }
        var parts: [Identifier] = []
        for _ in 0..<count {
            parts.append(takeIdentifier())
            advance()  // the dot
        }
        advance()  // the star
        return parts
    }

    private mutating func parseWildcardModifiers(qualifier: [Identifier], start: Int) throws(SQLSyntaxError) -> Wildcard {
        var wildcard = Wildcard(qualifier: qualifier)
        while true {
            if accept(.ilike) {
                guard check(.string) else { throw expected("pattern string after ILIKE") }
                wildcard.ilike = value(of: current)
                advance()
            } else if accept(.exclude) {
                if check(.leftParen) {
                    wildcard.exclude += try parseIdentifierList("column name after EXCLUDE")
                } else {
                    wildcard.exclude.append(try parseIdentifier("column name after EXCLUDE"))
                }
            } else if accept(.replace) {
                try expect(.leftParen, "'(' after REPLACE")
                repeat {
                    let expr = try parseExpr()
                    try expect(.as, "in REPLACE")
                    wildcard.replace.append(ReplacePair(expr: expr, column: try parseIdentifier("column name")))
                } while accept(.comma)
                try expect(.rightParen, "')'")
            } else if accept(.rename) {
                let parenthesized = accept(.leftParen)
                repeat {
                    let column = try parseIdentifier("column name after RENAME")
                    try expect(.as, "in RENAME")
                    wildcard.rename.append(RenamePair(column: column, alias: try parseIdentifier("new column name")))
                } while parenthesized && accept(.comma)
                if parenthesized { try expect(.rightParen, "')'") }
            } else {
                break
            }
        }
        wildcard.range = range(from: start)
        return wildcard
    }

    /// A table factor followed by any number of joins.
    mutating func parseJoinedTable() throws(SQLSyntaxError) -> TableRef {
        let start = current.start
        var left = try parseTableFactor()
        var links = 0
        defer { treeDepth -= links }
        while true {
            var natural = false
            if check(.natural) {
                advance()
                natural = true
            }
            let kindStart = current.start
            guard let kind = try parseJoinKind() else {
                if natural { throw expected("JOIN after NATURAL") }
                return left
            }
            if natural && (kind == .cross || kind == .asof) {
                throw SQLSyntaxError(message: "NATURAL cannot be combined with \(kind.rawValue)", offset: kindStart)
            }
            links += 1
            try chainLink()
            let right = try parseTableFactor()
            var join = Join(left: left, right: right, kind: kind, natural: natural)
            if kind == .asof {
                try expect(.matchCondition, "after ASOF JOIN table")
                try expect(.leftParen, "'(' after MATCH_CONDITION")
                join.matchCondition = try parseExpr()
                try expect(.rightParen, "')'")
            }
            if kind != .cross && !natural {
                if accept(.on) {
                    join.condition = .on(try parseExpr())
                } else if accept(.using) {
                    join.condition = .using(try parseIdentifierList("column name in USING"))
                }
            }
            join.range = range(from: start)
            left = .join(join)
        }
    }

    /// Consumes the words of a join operator through `JOIN`.
    private mutating func parseJoinKind() throws(SQLSyntaxError) -> JoinKind? {
        guard current.kind == .word, let keyword = current.keyword else { return nil }
        let kind: JoinKind
        switch keyword {
        case .join:
            advance()
            return .inner
        case .inner: kind = .inner
        case .cross: kind = .cross
        case .asof: kind = .asof
        case .left, .right, .full:
            kind = keyword == .left ? .left : keyword == .right ? .right : .full
            advance()
            _ = accept(.outer)
            try expect(.join, "after \(keyword.rawValue)")
            return kind
        default: return nil
        }
        advance()
        try expect(.join, "after \(keyword.rawValue)")
        return kind
    }

    /// A table, subquery, table function or parenthesized join, with its alias, followed by any
    /// `PIVOT`/`UNPIVOT`.
    mutating func parseTableFactor() throws(SQLSyntaxError) -> TableRef {
        try enter()
        defer { leave() }
        let start = current.start
        return try parsePivots(try parseTableSource(), start: start)
    }

    private mutating func parseTableSource() throws(SQLSyntaxError) -> TableRef {
        let start = current.start
        let lateral = accept(.lateral)
        if check(.leftParen) {
            if parenthesisOpensQuery() {
                advance()
                let query = try parseQuery()
                try expect(.rightParen, "')' after subquery")
                let alias = try parseTableAlias()
                return .subquery(DerivedTable(lateral: lateral, query: query, alias: alias, range: range(from: start)))
            }
            if lateral { throw expected("subquery or table function after LATERAL") }
            advance()
            let inner = try parseJoinedTable()
            try expect(.rightParen, "')'")
            return .nested(inner, range: range(from: start))
        }
        if check(.values) && !lateral {
            let values = try parseValues()
            let query = Query(body: .values(values), range: values.range)
            let alias = try parseTableAlias()
            return .subquery(DerivedTable(query: query, alias: alias, range: range(from: start)))
        }
        if check(.table) && peek().kind == .leftParen {
            advance()
            advance()
            let call = try parseTableFunctionCall()
            try expect(.rightParen, "')' after table function")
            let alias = try parseTableAlias()
            return .function(TableFunction(lateral: lateral, tableWrapper: true, call: call, alias: alias, range: range(from: start)))
        }
        guard atIdentifier else {
            throw expected(lateral ? "subquery or table function after LATERAL" : "table name")
        }
        let name = try parseDottedName("table name")
        if check(.leftParen) {
            let call = try parseFunctionCall(name: name, start: start)
            let alias = try parseTableAlias()
            return .function(TableFunction(lateral: lateral, tableWrapper: false, call: call, alias: alias, range: range(from: start)))
        }
        if lateral { throw expected("subquery or table function after LATERAL") }
        if name.parts.count > 3 {
            throw SQLSyntaxError(message: "table name has more than 3 parts", offset: name.range.start)
        }
        var table = NamedTable(name: name)
        if let (changes, interval) = try parseChanges() {
            table.changes = changes
            table.timeTravel = interval
        } else {
            table.timeTravel = try parseTimeTravel()
        }
        table.alias = try parseTableAlias()
        table.range = range(from: start)
        return .table(table)
    }

    /// The function call inside `TABLE(…)`.
    private mutating func parseTableFunctionCall() throws(SQLSyntaxError) -> FunctionCall {
        let start = current.start
        let name = try parseDottedName("table function name")
        guard check(.leftParen) else { throw expected("'(' after table function name") }
        return try parseFunctionCall(name: name, start: start)
    }

    /// Whether the `(` at the current position starts a subquery (possibly behind more `(`).
    private func parenthesisOpensQuery() -> Bool {
        var ahead = 0
        while peek(ahead).kind == .leftParen { ahead += 1 }
        let token = peek(ahead)
        return token.kind == .word
            && (token.keyword == .select || token.keyword == .with || token.keyword == .values)
    }

    /// `[AS] alias [(col, …)]`.
    mutating func parseTableAlias() throws(SQLSyntaxError) -> TableAlias? {
        let name: Identifier
        if accept(.as) {
            name = try parseAliasName()
        } else if atImplicitAlias {
            name = takeIdentifier()
        } else {
            return nil
        }
        var columns: [Identifier] = []
        if check(.leftParen) { columns = try parseIdentifierList("column alias") }
        return TableAlias(name, columns: columns)
    }
}
