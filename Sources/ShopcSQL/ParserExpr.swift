/// Binding strengths used by the expression parser (higher binds tighter).
enum Precedence {
    static let or = 1
    static let and = 2
    static let not = 3
    static let comparison = 4
    static let additive = 5
    static let multiplicative = 6
}

extension Parser {
    /// An expression; operators binding no tighter than `minPrecedence` are left to the caller.
    mutating func parseExpr(_ minPrecedence: Int = 0) throws(SQLSyntaxError) -> Expr {
        try enter()
        defer { leave() }
        let start = current.start
        var left = try parsePrefix(allowNot: minPrecedence <= Precedence.not)
        if minPrecedence > 0 { try rejectLambdaOperand(left) }
        var links = 0
        defer { treeDepth -= links }
        // The operands of a run of one chaining operator, collected flat: the run is one level of
        // the tree however long it is (`left` is stale while `run` is not empty).
        var run: [Expr] = []
        var runOperator = BinaryOperator.or
        func closeRun() {
            guard run.count > 1 else { return }
            let whole = range(from: start)
            left = run.count == 2 ? .binary(runOperator, run[0], run[1], range: whole) : .chain(runOperator, run, range: whole)
            run = []
        }
        while true {
            if let op = binaryOperator(), op.precedence > minPrecedence {
                if !run.isEmpty && op == runOperator {
                    advance()
                    run.append(try parseExpr(op.precedence))
                    continue
                }
                closeRun()
                if op.precedence > Precedence.comparison && Self.isPredicate(left) {
                    // `a IS NULL + b` would print as `(a IS NULL) + b` and read back differently.
                    throw SQLSyntaxError(
                        message: "'\(op.rawValue)' cannot follow an IS, IN, BETWEEN or LIKE test; put the test in parentheses",
                        offset: current.start)
                }
                links += 1
                try chainLink()
                advance()
                if op.precedence == Precedence.comparison, let quantifier = subqueryQuantifier() {
                    advance()
                    advance()
                    let query = try parseQuery()
                    try expect(.rightParen, "')' after subquery")
                    left = .quantified(op, left, quantifier, query, range: range(from: start))
                    continue
                }
                let right = try parseExpr(op.precedence)
                if op.chains {
                    run = [left, right]
                    runOperator = op
                } else {
                    left = .binary(op, left, right, range: range(from: start))
                }
                continue
            }
            closeRun()
            guard Precedence.comparison > minPrecedence, let predicate = try parsePredicate(left, start: start) else {
                return left
            }
            links += 1
            try chainLink()
            left = predicate
        }
    }

    /// `ANY (SELECT`, `SOME (SELECT` or `ALL (SELECT` at the current position.
    private func subqueryQuantifier() -> SubqueryQuantifier? {
        guard current.kind == .word, peek().kind == .leftParen,
            peek(2).keyword == .select || peek(2).keyword == .with
        else { return nil }
        guard let keyword = current.keyword else { return nil }
        switch keyword {
        case .any: return .any
        case .some: return .some
        case .all: return .all
        default: return nil
        }
    }

    /// The binary operator at the current token, if any.
    private func binaryOperator() -> BinaryOperator? {
        switch current.kind {
        case .word:
            if current.keyword == .and { return .and }
            if current.keyword == .or { return .or }
            return nil
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        case .plus: return .plus
        case .minus: return .minus
        case .concat: return .concat
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .modulo
        default: return nil
        }
    }

    /// `NOT x`, `-x`, `+x`, or a postfix expression. `NOT` binds looser than comparison and
    /// arithmetic, so it is refused (`allowNot` false) as their operand or after `-`/`+`: the
    /// canonical print would have to add parentheses, and `a = NOT b` reads ambiguously anyway.
    private mutating func parsePrefix(allowNot: Bool) throws(SQLSyntaxError) -> Expr {
        let start = current.start
        if check(.not) {
            guard allowNot else {
                throw SQLSyntaxError(message: "NOT cannot be the operand of an operator here; put the NOT expression in parentheses", offset: current.start)
            }
            advance()
            let operand = try parseExpr(Precedence.not)
            return .unary(.not, operand, range: range(from: start))
        }
        // A sign, or `PRIOR` / `CONNECT_BY_ROOT` in a hierarchical query.
        let prefix: UnaryOperator? = check(TokenKind.minus) ? .minus : check(TokenKind.plus) ? .plus : hierarchicalOperator()
        if let op = prefix {
            advance()
            try enter()
            defer { leave() }
            let operand = try parsePrefix(allowNot: false)
            try rejectLambdaOperand(operand)
            return .unary(op, operand, range: range(from: start))
        }
        return try parsePostfix()
    }

    /// `PRIOR` or `CONNECT_BY_ROOT` before an operand, in a query with `CONNECT BY`.
    private func hierarchicalOperator() -> UnaryOperator? {
        guard hierarchical, current.kind == .word, current.keyword == nil else { return nil }
        let next = peek()
        switch next.kind {
        case .word where !(next.keyword?.isReserved ?? false) || next.keyword == .case || next.keyword == .cast:
            break
        case .quotedIdentifier, .leftParen, .positional, .number, .string:
            break
        default:
            return nil
        }
        switch asciiUppercased(text(of: current)) {
        case "PRIOR": return .prior
        case "CONNECT_BY_ROOT": return .connectByRoot
        default: return nil
        }
    }

    /// Whether `value` is an `IS`, `IN`, `BETWEEN` or `LIKE` test (comparison precedence).
    private static func isPredicate(_ value: Expr) -> Bool {
        switch value {
        case .isNull, .isDistinctFrom, .between, .inList, .inQuery, .like: true
        default: false
        }
    }

    /// A lambda takes the rest of the expression as its body, so it can only be a whole
    /// expression (a function argument), never an operand: `b * c -> d` would print as
    /// `b * (c -> d)` and read back differently.
    private func rejectLambdaOperand(_ operand: Expr) throws(SQLSyntaxError) {
        if case .lambda(_, _, let range) = operand {
            throw SQLSyntaxError(message: "a lambda cannot be the operand of an operator; put it in parentheses", offset: range.start)
        }
    }

    /// `IS`, `BETWEEN`, `IN`, `LIKE` and their `NOT` forms after `left`; nil when none follows.
    private mutating func parsePredicate(_ left: Expr, start: Int) throws(SQLSyntaxError) -> Expr? {
        guard current.kind == .word, let keyword = current.keyword else { return nil }
        var negated = false
        var predicateKeyword = keyword
        if keyword == .not {
            guard let next = peek().keyword, peek().kind == .word,
                [.in, .between, .like, .ilike, .rlike, .regexp].contains(next)
            else { return nil }
            advance()
            negated = true
            predicateKeyword = next
        }
        switch predicateKeyword {
        case .is:
            guard !negated else { return nil }
            advance()
            let isNot = accept(.not)
            if accept(.null) { return .isNull(left, negated: isNot, range: range(from: start)) }
            if accept(.distinct) {
                try expect(.from, "after IS DISTINCT")
                let right = try parseExpr(Precedence.comparison)
                return .isDistinctFrom(left, right, negated: isNot, range: range(from: start))
            }
            throw expected("NULL or DISTINCT FROM after IS")
        case .between:
            advance()
            let low = try parseExpr(Precedence.comparison)
            try expect(.and, "in BETWEEN")
            let high = try parseExpr(Precedence.comparison)
            return .between(left, low: low, high: high, negated: negated, range: range(from: start))
        case .in:
            advance()
            try expect(.leftParen, "'(' after IN")
            if check(.select) || check(.with) {
                let query = try parseQuery()
                try expect(.rightParen, "')' after subquery")
                return .inQuery(left, query, negated: negated, range: range(from: start))
            }
            let items = try parseExprList()
            try expect(.rightParen, "')' after IN list")
            return .inList(left, items, negated: negated, range: range(from: start))
        case .like, .ilike, .rlike, .regexp:
            advance()
            return .like(try parseLikeRest(left, keyword: predicateKeyword, negated: negated, start: start))
        default:
            return nil
        }
    }

    private mutating func parseLikeRest(
        _ subject: Expr, keyword: Keyword, negated: Bool, start: Int
    ) throws(SQLSyntaxError) -> LikeExpr {
        let op: LikeExpr.Operator = keyword == .like ? .like : keyword == .ilike ? .ilike : .rlike
        var quantifier: LikeExpr.Quantifier?
        if op != .rlike && (check(.any) || check(.all)) && peek().kind == .leftParen {
            quantifier = check(.any) ? .any : .all
            advance()
        }
        var patterns: [Expr]
        if quantifier != nil {
            try expect(.leftParen, "'('")
            patterns = try parseExprList()
            try expect(.rightParen, "')' after pattern list")
        } else {
            patterns = [try parseExpr(Precedence.comparison)]
        }
        var escape: Expr?
        if op != .rlike && accept(.escape) { escape = try parseExpr(Precedence.comparison) }
        return LikeExpr(
            subject: subject, op: op, negated: negated, quantifier: quantifier, patterns: patterns,
            escape: escape, range: range(from: start))
    }

    /// A primary followed by `::type`, `:path`, `.path` and `[subscript]` suffixes.
    private mutating func parsePostfix() throws(SQLSyntaxError) -> Expr {
        let start = current.start
        var expr = try parsePrimary()
        var steps: [PathStep] = []
        var pathBase: Expr?
        while true {
            if check(.colon) && canStartPath(pathBase ?? expr) && (peek().kind == .word || peek().kind == .quotedIdentifier) {
                advance()
                if pathBase == nil { pathBase = expr }
                steps.append(.colon(takePathKey()))
            } else if check(.dot) && !steps.isEmpty && (peek().kind == .word || peek().kind == .quotedIdentifier) {
                advance()
                steps.append(.dot(takePathKey()))
            } else if check(.leftBracket) && canStartPath(pathBase ?? expr) {
                advance()
                if pathBase == nil { pathBase = expr }
                let index = try parseExpr()
                try expect(.rightBracket, "']'")
                steps.append(.index(index))
            } else if check(.doubleColon) {
                if let base = pathBase {
                    expr = .path(PathExpr(base: base, steps: steps, range: range(from: start)))
                    pathBase = nil
                    steps = []
                }
                advance()
                let type = try parseDataType()
                expr = .cast(CastExpr(style: .doubleColon, value: expr, type: type, range: range(from: start)))
            } else {
                break
            }
            if let base = pathBase {
                expr = .path(PathExpr(base: base, steps: steps, range: range(from: start)))
            }
        }
        return expr
    }

    /// Whether `:` or `[` after `expr` is semi-structured access (not, say, an object key).
    private func canStartPath(_ expr: Expr) -> Bool {
        switch expr {
        case .column, .positional, .function, .path, .nested, .cast, .array, .object: true
        default: false
        }
    }

    private mutating func takePathKey() -> PathKey {
        let token = current
        advance()
        if token.kind == .quotedIdentifier {
            return PathKey(value(of: token), quoted: true, range: token.range)
        }
        return PathKey(text(of: token), quoted: false, range: token.range)
    }
}
