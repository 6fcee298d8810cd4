/// Parses one Snowflake query (optionally followed by `;`) into a `Query`.
public enum SQLParser {
    /// The deepest nesting of expressions, subqueries and parenthesized tables accepted.
    /// Deeper input is rejected with an error instead of exhausting the stack.
    public static let maxNestingDepth = 256

    /// The deepest syntax tree accepted, counting each operator of a mixed chain such as
    /// `a + b - c`, each set operator and each join as one level (these build left-deep trees,
    /// and every later pass walks them recursively). A run of one chaining operator
    /// (`a OR b OR c`) is a flat `Expr.chain` and counts once.
    public static let maxTreeDepth = 1000

    /// Parses `sql`. Errors carry a UTF-8 byte offset into `sql`.
    public static func parseQuery(_ sql: String) -> Result<Query, SQLSyntaxError> {
        let bytes = Array(sql.utf8)
        do throws(SQLSyntaxError) {
            let lexed = try Lexer.tokenize(bytes)
            var parser = Parser(tokens: lexed.tokens, values: lexed.values, bytes: bytes)
            return .success(try parser.parseStatement())
        } catch {
            return .failure(error)
        }
    }

    /// Parses a single expression (such as a macro argument or expansion). Errors carry a UTF-8
    /// byte offset into `sql`.
    public static func parseExpression(_ sql: String) -> Result<Expr, SQLSyntaxError> {
        let bytes = Array(sql.utf8)
        do throws(SQLSyntaxError) {
            let lexed = try Lexer.tokenize(bytes)
            var parser = Parser(tokens: lexed.tokens, values: lexed.values, bytes: bytes)
            let expr = try parser.parseExpr()
            if parser.current.kind != .endOfInput {
                throw parser.unexpected(after: "expression")
            }
            return .success(expr)
        } catch {
            return .failure(error)
        }
    }
}

/// Recursive-descent parser over the token list.
struct Parser {
    let tokens: [Token]
    let values: [String]
    let bytes: [UInt8]
    var position = 0
    var depth = 0
    var treeDepth = 0
    /// The input has `CONNECT` (reserved, so only in `CONNECT BY`): `PRIOR` and
    /// `CONNECT_BY_ROOT` are operators. Elsewhere they stay ordinary names.
    let hierarchical: Bool

    init(tokens: [Token], values: [String], bytes: [UInt8]) {
        self.tokens = tokens
        self.values = values
        self.bytes = bytes
        hierarchical = tokens.contains { $0.kind == .word && $0.keyword == .connect }
    }

    /// A query, an optional `;`, then the end of input.
    mutating func parseStatement() throws(SQLSyntaxError) -> Query {
        let query = try parseQuery()
        _ = accept(.semicolon)
        if current.kind != .endOfInput {
            throw unexpected(after: "query")
        }
        return query
    }

    // MARK: Token access

    var current: Token { tokens[position] }

    func peek(_ ahead: Int = 1) -> Token {
        let index = position + ahead
        return index < tokens.count ? tokens[index] : tokens[tokens.count - 1]
    }

    /// The decoded text of a string, quoted identifier or number token ("" for others).
    func value(of token: Token) -> String {
        let index = Int(token.valueIndex)
        return index >= 0 && index < values.count ? values[index] : ""
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

    mutating func expect(_ keyword: Keyword, _ context: @autoclosure () -> String = "") throws(SQLSyntaxError) {
        guard accept(keyword) else {
            let context = context()
            throw expected(keyword.rawValue + (context.isEmpty ? "" : " " + context))
        }
    }

    mutating func expect(_ kind: TokenKind, _ what: @autoclosure () -> String) throws(SQLSyntaxError) {
        guard accept(kind) else { throw expected(what()) }
    }

    /// `expected X, found Y` at the current token.
    func expected(_ what: String) -> SQLSyntaxError {
        if let character = current.kind.patternCharacter { return unexpectedCharacter(character) }
        return SQLSyntaxError(message: "expected \(what), found \(describe(current))", offset: current.start)
    }

    /// `unexpected X after end of …` at the current token.
    func unexpected(after what: String) -> SQLSyntaxError {
        if let character = current.kind.patternCharacter { return unexpectedCharacter(character) }
        return SQLSyntaxError(message: "unexpected \(describe(current)) after end of \(what)", offset: current.start)
    }

    /// A row pattern operator outside `PATTERN (…)` reads as the stray character it is.
    private func unexpectedCharacter(_ character: Character) -> SQLSyntaxError {
        SQLSyntaxError(message: "unexpected character '\(character)'", offset: current.start)
    }

    /// How a token is shown in messages: its source text in quotes, or `end of input`.
    func describe(_ token: Token) -> String {
        if token.kind == .endOfInput { return "end of input" }
        let length = min(token.end - token.start, 40)
        let text = String(decoding: bytes[token.start..<(token.start + length)], as: UTF8.self)
        return "'" + text + (token.end - token.start > length ? "…" : "") + "'"
    }

    /// Enters one level of nesting; callers balance it with `leave()`.
    mutating func enter() throws(SQLSyntaxError) {
        depth += 1
        treeDepth += 1
        if depth > SQLParser.maxNestingDepth {
            throw SQLSyntaxError(
                message: "nesting is deeper than \(SQLParser.maxNestingDepth) levels", offset: current.start)
        }
        try checkTreeDepth()
    }

    /// Leaves a level entered with `enter()`.
    mutating func leave() {
        depth -= 1
        treeDepth -= 1
    }

    /// Counts one more link of a left-deep chain (binary operator, set operator, join); the
    /// caller subtracts its links from `treeDepth` when it returns.
    mutating func chainLink() throws(SQLSyntaxError) {
        treeDepth += 1
        try checkTreeDepth()
    }

    private func checkTreeDepth() throws(SQLSyntaxError) {
        if treeDepth > SQLParser.maxTreeDepth {
            throw SQLSyntaxError(
                message: "query is too deeply nested: more than \(SQLParser.maxTreeDepth) levels of operators, joins and subqueries",
                offset: current.start)
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
            return Identifier(value(of: token), quoted: true, range: token.range)
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
        guard check(.number), let value = Int(value(of: current)) else { throw expected(what) }
        advance()
        return value
    }
}
