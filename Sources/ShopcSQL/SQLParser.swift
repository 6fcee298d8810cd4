/// Parses one Snowflake query (optionally followed by `;`) into a `Query`.
public enum SQLParser {
    /// The deepest nesting of expressions, subqueries and parenthesized tables accepted.
    /// Deeper input is rejected with an error instead of exhausting the stack.
    public static let maxNestingDepth = 256

    /// Parses `sql`. Errors carry a UTF-8 byte offset into `sql`.
    public static func parseQuery(_ sql: String) -> Result<Query, SQLSyntaxError> {
        let bytes = Array(sql.utf8)
        do throws(SQLSyntaxError) {
            let tokens = try Lexer.tokenize(bytes)
            var parser = Parser(tokens: tokens, bytes: bytes)
            return .success(try parser.parseStatement())
        } catch {
            return .failure(error)
        }
    }
}

/// Recursive-descent parser over the token list.
struct Parser {
    let tokens: [Token]
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(tokens: [Token], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
    }

    /// A query, an optional `;`, then the end of input.
    mutating func parseStatement() throws(SQLSyntaxError) -> Query {
        let query = try parseQuery()
        _ = accept(.semicolon)
        if current.kind != .endOfInput {
            throw SQLSyntaxError(message: "unexpected \(describe(current)) after end of query", offset: current.start)
        }
        return query
    }

    // MARK: Token access

    var current: Token { tokens[position] }

    func peek(_ ahead: Int = 1) -> Token {
        let index = position + ahead
        return index < tokens.count ? tokens[index] : tokens[tokens.count - 1]
    }

    /// End offset of the last consumed token.
    var lastEnd: Int { position > 0 ? tokens[position - 1].end : 0 }

    /// A range from `start` to the end of the last consumed token.
    func range(from start: Int) -> SourceRange { SourceRange(start: start, end: lastEnd) }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    func check(_ keyword: Keyword) -> Bool { current.kind == .word && current.keyword == keyword }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    mutating func accept(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    mutating func accept(_ kind: TokenKind) -> Bool {
        guard current.kind == kind else { return false }
        advance()
        return true
    }

    mutating func expect(_ keyword: Keyword, _ context: String = "") throws(SQLSyntaxError) {
        guard accept(keyword) else {
            throw expected(keyword.rawValue + (context.isEmpty ? "" : " " + context))
        }
    }

    mutating func expect(_ kind: TokenKind, _ what: String) throws(SQLSyntaxError) {
        guard accept(kind) else { throw expected(what) }
    }

    /// `expected X, found Y` at the current token.
    func expected(_ what: String) -> SQLSyntaxError {
        SQLSyntaxError(message: "expected \(what), found \(describe(current))", offset: current.start)
    }

    /// How a token is shown in messages: its source text in quotes, or `end of input`.
    func describe(_ token: Token) -> String {
        if token.kind == .endOfInput { return "end of input" }
        let length = min(token.end - token.start, 40)
        let text = String(decoding: bytes[token.start..<(token.start + length)], as: UTF8.self)
        return "'" + text + (token.end - token.start > length ? "…" : "") + "'"
    }

    /// Enters one level of nesting; callers leave with `depth -= 1`.
    mutating func enter() throws(SQLSyntaxError) {
        depth += 1
        if depth > SQLParser.maxNestingDepth {
            throw SQLSyntaxError(
                message: "nesting is deeper than \(SQLParser.maxNestingDepth) levels", offset: current.start)
        }
    }

    // MARK: Identifiers

    /// The source text of an unquoted word token.
    func text(of token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// Whether the current token can be used as an identifier (a non-reserved word or a quoted
    /// identifier).
    var atIdentifier: Bool {
        switch current.kind {
        case .quotedIdentifier: true
        case .word: !(current.keyword?.isReserved ?? false)
        default: false
        }
    }

    /// Whether the current token can be an alias written without `AS`.
    var atImplicitAlias: Bool {
        switch current.kind {
        case .quotedIdentifier: true
        case .word: !(current.keyword?.blocksImplicitAlias ?? false)
        default: false
        }
    }

    /// Consumes the current token as an identifier, whatever word it is (used after `.` and
    /// where the grammar already decided an identifier must follow).
    mutating func takeIdentifier() -> Identifier {
        let token = current
        advance()
        if token.kind == .quotedIdentifier {
            return Identifier(token.value ?? "", quoted: true, range: token.range)
        }
        return Identifier(text(of: token), quoted: false, range: token.range)
    }

    /// Parses an identifier or throws `expected <what>`.
    mutating func parseIdentifier(_ what: String) throws(SQLSyntaxError) -> Identifier {
        guard atIdentifier else { throw expected(what) }
        return takeIdentifier()
    }

    /// Whether the current token is any word or quoted identifier (reserved words included).
    var atAnyName: Bool { current.kind == .word || current.kind == .quotedIdentifier }

    /// `a.b.c`: an identifier followed by dotted parts.
    mutating func parseDottedName(_ what: String) throws(SQLSyntaxError) -> QualifiedName {
        let start = current.start
        var parts = [try parseIdentifier(what)]
        while check(.dot) && (peek().kind == .word || peek().kind == .quotedIdentifier) {
            advance()
            parts.append(takeIdentifier())
        }
        return QualifiedName(parts, range: range(from: start))
    }

    /// `(a, b, …)` of identifiers.
    mutating func parseIdentifierList(_ what: String) throws(SQLSyntaxError) -> [Identifier] {
        try expect(.leftParen, "'('")
        var names = [try parseIdentifier(what)]
        while accept(.comma) { names.append(try parseIdentifier(what)) }
        try expect(.rightParen, "')'")
        return names
    }

    /// A comma-separated list of expressions (at least one).
    mutating func parseExprList() throws(SQLSyntaxError) -> [Expr] {
        var items = [try parseExpr()]
        while accept(.comma) { items.append(try parseExpr()) }
        return items
    }

    /// An unsigned integer literal.
    mutating func parseInteger(_ what: String) throws(SQLSyntaxError) -> Int {
        guard check(.number), let text = current.value, let value = Int(text) else { throw expected(what) }
        advance()
        return value
    }
}
