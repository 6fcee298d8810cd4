extension Parser {
    /// Literals, column references, function calls, parenthesized expressions and subqueries,
    /// `CASE`, `CAST`, `EXISTS`, typed literals and array/object constructors.
    mutating func parsePrimary() throws(SQLSyntaxError) -> Expr {
        let token = current
        let start = token.start
        switch token.kind {
        case .number:
            advance()
            return .literal(Literal(.number(value(of: token)), range: token.range))
        case .string:
            advance()
            return .literal(Literal(.string(value(of: token)), range: token.range))
        case .positional:
            return .positional(try parsePositional(qualifier: [], start: start))
        case .binaryString:
            advance()
            return .literal(Literal(.binary(value(of: token)), range: token.range))
        case .leftParen:
            return try parseParenthesized()
        case .leftBracket:
            advance()
            let items = check(.rightBracket) ? [] : try parseExprList()
            try expect(.rightBracket, "']'")
            return .array(items, range: range(from: start))
        case .leftBrace:
            return try parseObjectConstructor()
        case .quotedIdentifier:
            return try parseNameExpression()
        case .word:
            if let expr = try parseKeywordExpression(token) { return expr }
            if atIdentifier || (token.keyword.map(Parser.reservedFunctionNames.contains) ?? false) && peek().kind == .leftParen {
                return try parseNameExpression()
            }
            throw expected("expression")
        default:
            throw expected("expression")
        }
    }

    /// Reserved words that may still name a function when followed by `(`.
    static let reservedFunctionNames: Set<Keyword> = [
        .left, .right, .like, .ilike, .rlike, .regexp, .currentDate, .currentTime, .currentTimestamp,
        .currentUser, .localtime, .localtimestamp,
    ]

    /// Niladic functions that may be written without parentheses.
    private static let bareFunctions: Set<Keyword> = [
        .currentDate, .currentTime, .currentTimestamp, .currentUser, .localtime, .localtimestamp,
    ]

    /// Keyword-led expressions; nil when the word is not one of them.
    private mutating func parseKeywordExpression(_ token: Token) throws(SQLSyntaxError) -> Expr? {
        guard let keyword = token.keyword else { return nil }
        let start = token.start
        switch keyword {
        case .null:
            advance()
            return .literal(Literal(.null, range: token.range))
        case .true, .false:
            advance()
            return .literal(Literal(.boolean(keyword == .true), range: token.range))
        case .case:
            return try parseCase()
        case .cast, .tryCast:
            guard peek().kind == .leftParen else { return nil }
            advance()
            advance()
            let value = try parseExpr()
            try expect(.as, "in \(keyword.rawValue)")
            let type = try parseDataType()
            try expect(.rightParen, "')'")
            let style: CastExpr.Style = keyword == .cast ? .cast : .tryCast
            return .cast(CastExpr(style: style, value: value, type: type, range: range(from: start)))
        case .extract:
            guard peek().kind == .leftParen else { return nil }
            advance()
            advance()
            guard atAnyName else { throw expected("date or time part in EXTRACT") }
            let part = takeIdentifier()
            try expect(.from, "in EXTRACT")
            let value = try parseExpr()
            try expect(.rightParen, "')'")
            return .extract(part, value, range: range(from: start))
        case .exists:
            advance()
            try expect(.leftParen, "'(' after EXISTS")
            let query = try parseQuery()
            try expect(.rightParen, "')' after subquery")
            return .exists(query, range: range(from: start))
        case .interval:
            guard peek().kind == .string else { return nil }
            advance()
            let value = value(of: current)
            advance()
            return .literal(Literal(.interval(value), range: range(from: start)))
        case .date, .time, .timestamp, .timestampLTZ, .timestampNTZ, .timestampTZ:
            guard peek().kind == .string else { return nil }
            advance()
            let value = value(of: current)
            advance()
            return .literal(Literal(.typed(keyword.rawValue, value), range: range(from: start)))
        default:
            if Parser.bareFunctions.contains(keyword) && peek().kind != .leftParen {
                advance()
                let name = QualifiedName([Identifier(text(of: token), range: token.range)], range: token.range)
                return .function(FunctionCall(name: name, hasParentheses: false, range: token.range))
            }
            return nil
        }
    }

    /// A column reference, function call or single-parameter lambda.
    private mutating func parseNameExpression() throws(SQLSyntaxError) -> Expr {
        let start = current.start
        if peek().kind == .lambdaArrow || lambdaParameterTypeLength(at: 1).map({ peek(1 + $0).kind == .lambdaArrow }) == true {
            let parameter = try parseLambdaParameter()
            try expect(.lambdaArrow, "'->'")
            let body = try parseExpr()
            return .lambda([parameter], body, range: range(from: start))
        }
        var parts = [takeIdentifier()]
        while check(.dot) && (peek().kind == .word || peek().kind == .quotedIdentifier) {
            advance()
            parts.append(takeIdentifier())
        }
        if check(.dot) && peek().kind == .positional && parts.count <= 3 {
            advance()
            return .positional(try parsePositional(qualifier: parts, start: start))
        }
        let name = QualifiedName(parts, range: range(from: start))
        if check(.leftParen) {
            return .function(try parseFunctionCall(name: name, start: start))
        }
        if parts.count > 4 {
            throw SQLSyntaxError(message: "column reference has more than 4 parts", offset: start)
        }
        return .column(ColumnRef(parts, range: name.range))
    }

    /// The `$n` token at the current position, after `qualifier` (already consumed).
    private mutating func parsePositional(qualifier: [Identifier], start: Int) throws(SQLSyntaxError) -> PositionalRef {
        guard let position = Int(value(of: current)), position >= 1 else {
            throw SQLSyntaxError(message: "column position \(describe(current)) must be 1 or more", offset: current.start)
        }
        advance()
        return PositionalRef(qualifier: qualifier, position: position, range: range(from: start))
    }

    /// `name [type]`.
    private mutating func parseLambdaParameter() throws(SQLSyntaxError) -> LambdaParameter {
        let name = try parseIdentifier("lambda parameter name")
        if check(.lambdaArrow) || check(.comma) || check(.rightParen) { return LambdaParameter(name) }
        return LambdaParameter(name, type: try parseDataType())
    }

    /// The number of tokens of the data type starting `ahead` tokens from the current one
    /// (`INT`, `DOUBLE PRECISION`, `NUMBER(38, 2)`), or nil when none starts there.
    private func lambdaParameterTypeLength(at ahead: Int) -> Int? {
        guard peek(ahead).kind == .word else { return nil }
        var length = 1
        let next = peek(ahead + 1)
        if next.kind == .word && (next.keyword == .precision || asciiUppercased(text(of: next)) == "VARYING") { length += 1 }
        guard peek(ahead + length).kind == .leftParen else { return length }
        length += 1
        while peek(ahead + length).kind == .number {
            length += 1
            if peek(ahead + length).kind == .rightParen { return length + 1 }
            guard peek(ahead + length).kind == .comma else { return nil }
            length += 1
        }
        return nil
    }

    /// Whether `(` at the current position opens a lambda parameter list: names, each
    /// optionally typed, then `) ->`.
    private func atLambdaParameterList() -> Bool {
        var ahead = 1
        while true {
            let name = peek(ahead)
            guard name.kind == .quotedIdentifier || (name.kind == .word && !(name.keyword?.isReserved ?? false)) else { return false }
            ahead += 1
            if peek(ahead).kind != .comma && peek(ahead).kind != .rightParen {
                guard let length = lambdaParameterTypeLength(at: ahead) else { return false }
                ahead += length
            }
            if peek(ahead).kind == .comma {
                ahead += 1
                continue
            }
            return peek(ahead).kind == .rightParen && peek(ahead + 1).kind == .lambdaArrow
        }
    }

    /// `( … )`: a subquery, a nested expression, a tuple, or a lambda parameter list.
    private mutating func parseParenthesized() throws(SQLSyntaxError) -> Expr {
        let start = current.start
        if atLambdaParameterList() {
            advance()
            var parameters = [try parseLambdaParameter()]
            while accept(.comma) { parameters.append(try parseLambdaParameter()) }
            try expect(.rightParen, "')'")
            try expect(.lambdaArrow, "'->'")
            let body = try parseExpr()
            return .lambda(parameters, body, range: range(from: start))
        }
        advance()
        if check(.select) || check(.with) {
            let query = try parseQuery()
            try expect(.rightParen, "')' after subquery")
            return .subquery(query, range: range(from: start))
        }
        let items = try parseExprList()
        try expect(.rightParen, "')'")
        if items.count == 1, let only = items.first {
            return .nested(only, range: range(from: start))
        }
        if check(.lambdaArrow) {
            var parameters: [LambdaParameter] = []
            for item in items {
                guard case .column(let column) = item, column.parts.count == 1, let name = column.parts.first else {
                    throw SQLSyntaxError(message: "lambda parameters must be plain names", offset: item.range.start)
                }
                parameters.append(LambdaParameter(name))
            }
            advance()
            let body = try parseExpr()
            return .lambda(parameters, body, range: range(from: start))
        }
        return .tuple(items, range: range(from: start))
    }

    private mutating func parseObjectConstructor() throws(SQLSyntaxError) -> Expr {
        let start = current.start
        advance()
        var entries: [ObjectEntry] = []
        if !check(.rightBrace) {
            repeat {
                let key = try parseExpr()
                try expect(.colon, "':' in object constructor")
                let value = try parseExpr()
                entries.append(ObjectEntry(key: key, value: value))
            } while accept(.comma)
        }
        try expect(.rightBrace, "'}'")
        return .object(entries, range: range(from: start))
    }

    private mutating func parseCase() throws(SQLSyntaxError) -> Expr {
        let start = current.start
        advance()
        var operand: Expr?
        if !check(.when) { operand = try parseExpr() }
        var whens: [WhenClause] = []
        while accept(.when) {
            let condition = try parseExpr()
            try expect(.then, "after WHEN condition")
            whens.append(WhenClause(condition: condition, result: try parseExpr()))
        }
        if whens.isEmpty { throw expected("WHEN in CASE") }
        var elseResult: Expr?
        if accept(.else) { elseResult = try parseExpr() }
        try expect(.end, "to close CASE")
        return .caseWhen(CaseExpr(operand: operand, whens: whens, elseResult: elseResult, range: range(from: start)))
    }
}
