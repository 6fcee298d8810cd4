import ShopcBase

/// Postfix forms: attributes, subscripts, slices, calls, filters and tests.
extension Parser {
    @inline(never)
    mutating func parsePostfix(_ base: Expr) throws(TemplateError) -> Expr {
        var node = base
        while true {
            if isOp(".") {
                next()
                let token = cur
                switch token.kind {
                case .name(let n):
                    next()
                    node = try make(.attribute(node, n), at: node.offset, [node])
                case .integer(let i):
                    next()
                    let index = Expr(kind: .literal(.int(i)), offset: token.start, depth: 1)
                    node = try make(.subscript(node, index), at: node.offset, [node, index])
                default:
                    throw syntax("expected an attribute name, found \(token.describe)", at: token)
                }
            } else if isOp("[") {
                next()
                node = try parseSubscript(node)
            } else if isOp("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    @inline(never)
    mutating func parseSubscript(_ base: Expr) throws(TemplateError) -> Expr {
        var parts: [Expr?] = [nil]
        var isSlice = false
        while !isOp("]") {
            if isOp(":") {
                next()
                isSlice = true
                guard parts.count < 3 else { throw syntax("too many ':' in a slice", at: cur) }
                parts.append(nil)
            } else {
                guard parts[parts.count - 1] == nil else { throw syntax("expected ']', found \(cur.describe)", at: cur) }
                parts[parts.count - 1] = try parseExpression()
            }
        }
        next()
        if !isSlice {
            guard let index = parts[0] else { throw syntax("expected a subscript, found ']'", at: tokens[pos - 1]) }
            return try make(.subscript(base, index), at: base.offset, [base, index])
        }
        while parts.count < 3 { parts.append(nil) }
        let children = [base] + parts.compactMap { $0 }
        return try make(.slice(base, start: parts[0], stop: parts[1], step: parts[2]), at: base.offset, children)
    }

    /// Parses `(args)`; the stream is at `(`.
    @inline(never)
    mutating func parseArguments() throws(TemplateError) -> ([Expr], [(name: String, value: Expr)]) {
        try expectOp("(")
        var positional: [Expr] = []
        var keywords: [(name: String, value: Expr)] = []
        while !isOp(")") {
            if !positional.isEmpty || !keywords.isEmpty {
                try expectOp(",")
                if isOp(")") { break }
            }
            if isOp("*") { throw syntax("argument unpacking is not supported", at: cur) }
            if case .name(let n) = cur.kind, case .op("=") = peekKind {
                next()
                next()
                keywords.append((n, try parseExpression()))
            } else {
                let token = cur
                let arg = try parseExpression()
                if !keywords.isEmpty { throw syntax("positional argument follows keyword argument", at: token) }
                positional.append(arg)
            }
        }
        next()
        return (positional, keywords)
    }

    @inline(never)
    mutating func parseCall(_ callee: Expr) throws(TemplateError) -> Expr {
        var calleeOffset = callee.offset
        if case .attribute = callee.kind, pos >= 1 { calleeOffset = tokens[pos - 1].start }
        let (positional, keywords) = try parseArguments()
        let site = CallSite(
            callee: loc.location(calleeOffset),
            arguments: (positional + keywords.map(\.value)).map { loc.location($0.offset) })
        let children = [callee] + positional + keywords.map(\.value)
        return try make(.call(callee, positional: positional, keywords: keywords, site: site), at: callee.offset, children)
    }

    @inline(never)
    mutating func parseFilterExpr(_ base: Expr) throws(TemplateError) -> Expr {
        var node = base
        while true {
            if isOp("|") {
                next()
                let token = cur
                let name = try expectName()
                guard Filters.names.contains(name) else {
                    let note = Suggestion.note(for: name, in: Filters.names.sorted())
                    throw loc.error(.unknownFilter, "unknown filter '\(name)'", at: token.start, notes: note.map { [$0] } ?? [])
                }
                var positional: [Expr] = []
                var keywords: [(name: String, value: Expr)] = []
                if isOp("(") { (positional, keywords) = try parseArguments() }
                let children = [node] + positional + keywords.map(\.value)
                node = try make(.filter(node, name: name, positional: positional, keywords: keywords), at: node.offset, children)
            } else if isName("is") {
                next()
                var negated = false
                if isName("not") {
                    next()
                    negated = true
                }
                let token = cur
                let name = try expectName()
                guard Tests.names.contains(name) else {
                    let note = Suggestion.note(for: name, in: Tests.names.sorted())
                    throw loc.error(.templateSyntax, "unknown test '\(name)'", at: token.start, notes: note.map { [$0] } ?? [])
                }
                var arguments: [Expr] = []
                if isOp("(") {
                    let (positional, keywords) = try parseArguments()
                    arguments = positional + keywords.map(\.value)
                } else if startsPrimary && !isName("else") && !isName("or") && !isName("and") {
                    arguments = [try parsePostfix(try parsePrimary())]
                }
                node = try make(.test(node, name: name, arguments: arguments, negated: negated), at: node.offset, [node] + arguments)
            } else if isOp("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    var startsPrimary: Bool {
        switch cur.kind {
        case .name, .string, .integer, .float, .op("("), .op("["), .op("{"): true
        default: false
        }
    }
}
