import ShopcBase

/// Expression grammar, following Jinja's precedence: conditional < or < and < not < comparison
/// < `+ -` < `~` < `* / // %` < `**` < unary < postfix and filters.
extension Parser {
    func make(_ kind: ExprKind, at offset: Int, _ children: [Expr]) throws(TemplateError) -> Expr {
        var d = 0
        for c in children where c.depth > d { d = c.depth }
        if d + 1 > maxDepth {
            throw loc.error(.expansionLimit, "template nesting deeper than \(maxDepth) levels", at: offset)
        }
        return Expr(kind: kind, offset: offset, depth: d + 1)
    }

    /// Parses `a, b, c` (a tuple, as a list) or a single expression.
    @inline(never)
    mutating func parseTuple(condexpr: Bool = true) throws(TemplateError) -> Expr {
        let start = cur
        var items: [Expr] = []
        var isTuple = false
        while true {
            if !items.isEmpty {
                guard isOp(",") else { break }
                next()
                isTuple = true
            }
            if cur.kind == .blockEnd || cur.kind == .variableEnd || isOp(")") || (!items.isEmpty && isName("if")) { break }
            items.append(try parseExpression(condexpr: condexpr))
        }
        if !isTuple, let only = items.first { return only }
        if items.isEmpty { throw syntax("expected an expression, found \(cur.describe)", at: cur) }
        return try make(.list(items), at: start.start, items)
    }

    mutating func parseExpression(condexpr: Bool = true) throws(TemplateError) -> Expr {
        try enter(cur)
        defer { leave() }
        var expr = try parseBinary(1)
        guard condexpr else { return expr }
        while isName("if") {
            next()
            let condition = try parseBinary(1)
            var otherwise: Expr?
            if isName("else") {
                next()
                otherwise = try parseExpression()
            }
            let children = [expr, condition] + (otherwise.map { [$0] } ?? [])
            expr = try make(.conditional(then: expr, condition: condition, otherwise: otherwise), at: expr.offset, children)
        }
        return expr
    }

    /// Binding power of the binary operator at the cursor (Jinja's levels), if any.
    var binaryPrecedence: Int? {
        switch cur.kind {
        case .name("or"): return 1
        case .name("and"): return 2
        case .name("in"): return 4
        case .name("not"):
            if case .name("in") = peekKind { return 4 }
            return nil
        case .op(let o):
            switch o {
            case "==", "!=", "<", "<=", ">", ">=": return 4
            case "+", "-": return 5
            case "~": return 6
            case "*", "/", "//", "%": return 7
            case "**": return 8
            default: return nil
            }
        default: return nil
        }
    }

    /// Precedence climbing over all binary levels, so that nesting costs few stack frames.
    /// All operators are left-associative (as in Jinja, even `**`); comparisons chain.
    mutating func parseBinary(_ minPrecedence: Int) throws(TemplateError) -> Expr {
        var left: Expr
        if isName("not") && minPrecedence <= 3 {
            let start = cur
            try enter(start)
            next()
            let operand = try parseBinary(3)
            leave()
            left = try make(.not(operand), at: start.start, [operand])
        } else {
            left = try parseUnary()
        }
        while let precedence = binaryPrecedence, precedence >= minPrecedence {
            if precedence == 4 {
                var ops: [(op: CompareOp, rhs: Expr)] = []
                while binaryPrecedence == 4 {
                    var op: CompareOp = .isIn
                    if case .op(let o) = cur.kind, let c = CompareOp(rawValue: o) { op = c }
                    if isName("not") {
                        op = .notIn
                        next()
                    }
                    next()
                    ops.append((op, try parseBinary(5)))
                }
                left = try make(.compare(left, ops), at: left.offset, [left] + ops.map(\.rhs))
                continue
            }
            let token = cur
            next()
            let right = try parseBinary(precedence + 1)
            let kind: ExprKind
            switch token.kind {
            case .name("or"): kind = .or(left, right)
            case .name("and"): kind = .and(left, right)
            case .op(let o): kind = .binary(BinaryOp(rawValue: o) ?? .add, left, right)
            default: throw syntax("unexpected \(token.describe)", at: token)
            }
            left = try make(kind, at: left.offset, [left, right])
        }
        return left
    }

    mutating func parseUnary(withFilter: Bool = true) throws(TemplateError) -> Expr {
        let start = cur
        var node: Expr
        if isOp("-") || isOp("+") {
            try enter(start)
            next()
            let operand = try parseUnary(withFilter: false)
            leave()
            node = try make(start.kind == .op("-") ? .negate(operand) : .plus(operand), at: start.start, [operand])
        } else {
            node = try parsePrimary()
        }
        node = try parsePostfix(node)
        if withFilter { node = try parseFilterExpr(node) }
        return node
    }

    @inline(never)
    mutating func parsePrimary() throws(TemplateError) -> Expr {
        let token = cur
        switch token.kind {
        case .name(let n):
            next()
            switch n {
            case "true", "True": return Expr(kind: .literal(.bool(true)), offset: token.start, depth: 1)
            case "false", "False": return Expr(kind: .literal(.bool(false)), offset: token.start, depth: 1)
            case "none", "None": return Expr(kind: .literal(.none), offset: token.start, depth: 1)
            default: return Expr(kind: .name(n), offset: token.start, depth: 1)
            }
        case .string(var s):
            next()
            while case .string(let more) = cur.kind {
                s += more
                next()
            }
            return Expr(kind: .literal(.string(s)), offset: token.start, depth: 1)
        case .integer(let i):
            next()
            return Expr(kind: .literal(.int(i)), offset: token.start, depth: 1)
        case .float(let d):
            next()
            return Expr(kind: .literal(.double(d)), offset: token.start, depth: 1)
        case .op("("):
            next()
            if isOp(")") {
                next()
                return Expr(kind: .list([]), offset: token.start, depth: 1)
            }
            var inner = try parseTuple()
            try expectOp(")")
            inner.offset = token.start
            return inner
        case .op("["):
            next()
            var items: [Expr] = []
            while !isOp("]") {
                if !items.isEmpty {
                    try expectOp(",")
                    if isOp("]") { break }
                }
                items.append(try parseExpression())
            }
            next()
            return try make(.list(items), at: token.start, items)
        case .op("{"):
            next()
            var pairs: [(key: Expr, value: Expr)] = []
            var children: [Expr] = []
            while !isOp("}") {
                if !pairs.isEmpty {
                    try expectOp(",")
                    if isOp("}") { break }
                }
                let key = try parseExpression()
                try expectOp(":")
                let value = try parseExpression()
                pairs.append((key, value))
                children += [key, value]
            }
            next()
            return try make(.dict(pairs), at: token.start, children)
        default:
            throw syntax("expected an expression, found \(token.describe)", at: token)
        }
    }
}
