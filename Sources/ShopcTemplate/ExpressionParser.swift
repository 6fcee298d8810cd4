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
        var expr = try parseOr()
        guard condexpr else { return expr }
        while isName("if") {
            next()
            let condition = try parseOr()
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

    mutating func parseOr() throws(TemplateError) -> Expr {
        var left = try parseAnd()
        while isName("or") {
            next()
            let right = try parseAnd()
            left = try make(.or(left, right), at: left.offset, [left, right])
        }
        return left
    }

    mutating func parseAnd() throws(TemplateError) -> Expr {
        var left = try parseNot()
        while isName("and") {
            next()
            let right = try parseNot()
            left = try make(.and(left, right), at: left.offset, [left, right])
        }
        return left
    }

    mutating func parseNot() throws(TemplateError) -> Expr {
        guard isName("not") else { return try parseCompare() }
        let start = cur
        try enter(start)
        defer { leave() }
        next()
        let operand = try parseNot()
        return try make(.not(operand), at: start.start, [operand])
    }

    mutating func parseCompare() throws(TemplateError) -> Expr {
        let first = try parseMath1()
        var ops: [(op: CompareOp, rhs: Expr)] = []
        while true {
            var op: CompareOp?
            if case .op(let o) = cur.kind, let c = CompareOp(rawValue: o), c != .isIn, c != .notIn {
                op = c
                next()
            } else if isName("in") {
                op = .isIn
                next()
            } else if isName("not"), case .name("in") = peekKind {
                op = .notIn
                next()
                next()
            }
            guard let found = op else { break }
            ops.append((found, try parseMath1()))
        }
        if ops.isEmpty { return first }
        return try make(.compare(first, ops), at: first.offset, [first] + ops.map(\.rhs))
    }

    mutating func parseBinaryLevel(
        _ ops: [String], operand: (inout Parser) throws(TemplateError) -> Expr
    ) throws(TemplateError) -> Expr {
        var left = try operand(&self)
        while case .op(let o) = cur.kind, ops.contains(o), let op = BinaryOp(rawValue: o) {
            next()
            let right = try operand(&self)
            left = try make(.binary(op, left, right), at: left.offset, [left, right])
        }
        return left
    }

    mutating func parseMath1() throws(TemplateError) -> Expr {
        try parseBinaryLevel(["+", "-"]) { (p: inout Parser) throws(TemplateError) in try p.parseConcat() }
    }

    mutating func parseConcat() throws(TemplateError) -> Expr {
        try parseBinaryLevel(["~"]) { (p: inout Parser) throws(TemplateError) in try p.parseMath2() }
    }

    mutating func parseMath2() throws(TemplateError) -> Expr {
        try parseBinaryLevel(["*", "/", "//", "%"]) { (p: inout Parser) throws(TemplateError) in try p.parsePow() }
    }

    mutating func parsePow() throws(TemplateError) -> Expr {
        try parseBinaryLevel(["**"]) { (p: inout Parser) throws(TemplateError) in try p.parseUnary() }
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
