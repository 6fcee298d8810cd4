import ShopcBase

/// A parsed template (parse once, render many times).
public struct Template: Sendable {
    /// Where the template text sits in its file.
    public let origin: TextOrigin
    let nodes: [Node]
    let locator: Locator

    /// Parses template text with the default limits.
    public static func parse(_ text: String, origin: TextOrigin) throws(TemplateError) -> Template {
        try parse(text, origin: origin, limits: TemplateLimits())
    }

    /// Parses template text, capping nesting at `limits.maxNestingDepth`.
    public static func parse(_ text: String, origin: TextOrigin, limits: TemplateLimits) throws(TemplateError) -> Template {
        let locator = Locator(lines: LineTable(text), origin: origin)
        var lexer = Lexer(text: text, locator: locator)
        let tokens = try lexer.run()
        var parser = Parser(tokens: tokens, loc: locator, maxDepth: limits.maxNestingDepth)
        let nodes = try parser.parseTemplate()
        return Template(origin: origin, nodes: nodes, locator: locator)
    }
}

/// An open block while parsing, for error notes.
struct OpenBlock {
    var name: String
    var offset: Int
    var ends: [String]
}

/// Recursive-descent parser over the token stream; recursion depth is capped.
struct Parser {
    static let statementTags = ["if", "for", "set", "do", "raw"]
    static let endTags: Set<String> = ["elif", "else", "endif", "endfor", "endset", "endraw"]

    let tokens: [Token]
    var pos = 0
    let loc: Locator
    let maxDepth: Int
    var depth = 0
    var open: [OpenBlock] = []

    init(tokens: [Token], loc: Locator, maxDepth: Int) {
        self.tokens = tokens
        self.loc = loc
        self.maxDepth = maxDepth
    }

    var cur: Token { tokens[pos] }
    var peekKind: TokenKind { pos + 1 < tokens.count ? tokens[pos + 1].kind : .eof }

    mutating func next() { if pos < tokens.count - 1 { pos += 1 } }

    func isName(_ n: String) -> Bool {
        if case .name(let x) = cur.kind { return x == n }
        return false
    }

    func isOp(_ o: String) -> Bool {
        if case .op(let x) = cur.kind { return x == o }
        return false
    }

    func syntax(_ message: String, at token: Token, notes: [DiagnosticNote] = []) -> TemplateError {
        loc.error(.templateSyntax, message, at: token.start, notes: notes)
    }

    mutating func expectOp(_ o: String) throws(TemplateError) {
        guard isOp(o) else { throw syntax("expected '\(o)', found \(cur.describe)", at: cur) }
        next()
    }

    mutating func expectName() throws(TemplateError) -> String {
        guard case .name(let n) = cur.kind else { throw syntax("expected a name, found \(cur.describe)", at: cur) }
        next()
        return n
    }

    mutating func expectBlockEnd() throws(TemplateError) {
        guard cur.kind == .blockEnd else { throw syntax("expected '%}', found \(cur.describe)", at: cur) }
        next()
    }

    mutating func enter(_ token: Token) throws(TemplateError) {
        depth += 1
        if depth > maxDepth {
            throw loc.error(.expansionLimit, "template nesting deeper than \(maxDepth) levels", at: token.start)
        }
    }

    mutating func leave() { depth -= 1 }

    mutating func parseTemplate() throws(TemplateError) -> [Node] {
        let (nodes, _) = try parseNodes(until: [])
        return nodes
    }

    /// Parses nodes until a block tag named in `ends`; leaves the stream after that tag's name.
    mutating func parseNodes(until ends: [String]) throws(TemplateError) -> ([Node], String?) {
        var nodes: [Node] = []
        while true {
            let token = cur
            switch token.kind {
            case .data(let s):
                nodes.append(.text(s, offset: token.start))
                next()
            case .variableBegin:
                next()
                let expr = try parseTuple()
                guard cur.kind == .variableEnd else { throw syntax("expected '}}', found \(cur.describe)", at: cur) }
                next()
                nodes.append(.output(expr))
            case .blockBegin:
                next()
                let nameToken = cur
                guard case .name(let name) = nameToken.kind else {
                    throw syntax("expected a tag name, found \(nameToken.describe)", at: nameToken)
                }
                if ends.contains(name) {
                    next()
                    return (nodes, name)
                }
                nodes.append(try parseStatement(name, at: nameToken, blockStart: token))
            case .eof:
                if let block = open.last, !ends.isEmpty {
                    throw syntax(
                        "unexpected end of template: '\(block.name)' block is not closed, expected '\(block.ends.last ?? "")'",
                        at: token, notes: [DiagnosticNote("'\(block.name)' block opened here", at: loc.location(block.offset))])
                }
                return (nodes, nil)
            default:
                throw syntax("unexpected \(token.describe)", at: token)
            }
        }
    }

    mutating func parseStatement(_ name: String, at token: Token, blockStart: Token) throws(TemplateError) -> Node {
        switch name {
        case "if": return try parseIf(blockStart)
        case "for": return try parseFor(blockStart)
        case "set": return try parseSet(blockStart)
        case "do":
            next()
            let e = try parseTuple()
            try expectBlockEnd()
            return .doExpr(e)
        default:
            if Self.endTags.contains(name) {
                if let block = open.last {
                    let expected = block.ends.map { "'\($0)'" }.joined(separator: " or ")
                    throw syntax(
                        "unexpected '\(name)', expected \(expected)", at: token,
                        notes: [DiagnosticNote("'\(block.name)' block opened here", at: loc.location(block.offset))])
                }
                throw syntax("unexpected '\(name)' outside of any block", at: token)
            }
            let note = Suggestion.note(for: name, in: Self.statementTags + Self.endTags.sorted())
            throw syntax("unknown tag '\(name)'", at: token, notes: note.map { [$0] } ?? [])
        }
    }

    mutating func parseBlock(_ name: String, at start: Token, ends: [String]) throws(TemplateError) -> ([Node], String) {
        try enter(start)
        open.append(OpenBlock(name: name, offset: start.start, ends: ends))
        let (nodes, end) = try parseNodes(until: ends)
        open.removeLast()
        leave()
        return (nodes, end ?? "")
    }

    mutating func parseIf(_ start: Token) throws(TemplateError) -> Node {
        next()
        var branches: [IfBranch] = []
        var condition = try parseExpression()
        try expectBlockEnd()
        while true {
            let (body, end) = try parseBlock("if", at: start, ends: ["elif", "else", "endif"])
            branches.append(IfBranch(condition: condition, body: body))
            switch end {
            case "elif":
                condition = try parseExpression()
                try expectBlockEnd()
            case "else":
                try expectBlockEnd()
                let (otherwise, _) = try parseBlock("if", at: start, ends: ["endif"])
                try expectBlockEnd()
                return .ifChain(branches, otherwise: otherwise)
            default:
                try expectBlockEnd()
                return .ifChain(branches, otherwise: nil)
            }
        }
    }

    mutating func parseTargets() throws(TemplateError) -> [String] {
        let parens = isOp("(")
        if parens { next() }
        var names = [try expectName()]
        while isOp(",") {
            next()
            if case .name = cur.kind { names.append(try expectName()) } else { break }
        }
        if parens { try expectOp(")") }
        return names
    }

    mutating func parseFor(_ start: Token) throws(TemplateError) -> Node {
        next()
        let targets = try parseTargets()
        guard isName("in") else { throw syntax("expected 'in', found \(cur.describe)", at: cur) }
        next()
        let iterable = try parseTuple(condexpr: false)
        var filter: Expr?
        if isName("if") {
            next()
            filter = try parseExpression()
        }
        if isName("recursive") { throw syntax("recursive loops are not supported", at: cur) }
        try expectBlockEnd()
        let (body, end) = try parseBlock("for", at: start, ends: ["else", "endfor"])
        var otherwise: [Node]?
        if end == "else" {
            try expectBlockEnd()
            otherwise = try parseBlock("for", at: start, ends: ["endfor"]).0
        }
        try expectBlockEnd()
        return .forLoop(targets: targets, iterable: iterable, filter: filter, body: body, otherwise: otherwise)
    }

    mutating func parseSet(_ start: Token) throws(TemplateError) -> Node {
        next()
        let targetToken = cur
        let targets = try parseTargets()
        if isOp(".") { throw syntax("assigning to attributes is not supported", at: cur) }
        if cur.kind == .blockEnd {
            guard targets.count == 1 else { throw syntax("a block 'set' takes exactly one name", at: targetToken) }
            next()
            let (body, _) = try parseBlock("set", at: start, ends: ["endset"])
            try expectBlockEnd()
            return .setBlock(name: targets[0], body: body)
        }
        try expectOp("=")
        let value = try parseTuple()
        try expectBlockEnd()
        return .set(targets: targets, value: value, offset: value.offset)
    }
}
