/// `SAMPLE`/`TABLESAMPLE` on a table reference: `t SAMPLE BERNOULLI (10) SEED (42)`.
/// `TABLESAMPLE` and `REPEATABLE` are printed as their synonyms `SAMPLE` and `SEED`.
public struct TableSample: Sendable, Hashable, Codable {
    /// The sampling method.
    public enum Method: String, Sendable, Hashable, Codable {
        /// `BERNOULLI` (`ROW` is a synonym and parses to this).
        case bernoulli = "BERNOULLI"
        /// `SYSTEM` (`BLOCK` is a synonym and parses to this).
        case system = "SYSTEM"
    }

    /// The sampled input.
    public var source: TableRef
    /// The explicit method, if any.
    public var method: Method?
    /// The probability in percent, or the row count when `rows` is true.
    public var size: Expr
    /// `(n ROWS)`: a fixed row count.
    public var rows: Bool
    /// `SEED (n)` / `REPEATABLE (n)`.
    public var seed: Expr?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a sample clause.
    public init(
        source: TableRef, method: Method? = nil, size: Expr, rows: Bool = false, seed: Expr? = nil,
        range: SourceRange = .none
    ) {
        self.source = source
        self.method = method
        self.size = size
        self.rows = rows
        self.seed = seed
        self.range = range
    }
}

/// Time travel on a named table: `t AT (TIMESTAMP => …)` or `t BEFORE (STATEMENT => …)`.
public struct TimeTravel: Sendable, Hashable, Codable {
    /// `AT` or `BEFORE`.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `AT`.
        case at = "AT"
        /// `BEFORE`.
        case before = "BEFORE"
    }

    /// `AT` or `BEFORE`.
    public var kind: Kind
    /// The point in time, a named argument such as `TIMESTAMP => x` or `OFFSET => -60`.
    public var argument: FunctionArgument

    /// Creates a time travel clause.
    public init(kind: Kind, argument: FunctionArgument) {
        self.kind = kind
        self.argument = argument
    }
}

/// `CHANGES (INFORMATION => DEFAULT|APPEND_ONLY) AT|BEFORE (…) [END (…)]` on a named table: the
/// change-tracking rows of an interval. The `AT`/`BEFORE` start is the table's `timeTravel`.
public struct ChangesClause: Sendable, Hashable, Codable {
    /// What changes are returned.
    public enum Information: String, Sendable, Hashable, Codable {
        /// `DEFAULT`: inserts, updates and deletes; `APPEND_ONLY`: inserted rows only.
        case `default` = "DEFAULT", appendOnly = "APPEND_ONLY"
    }

    /// `INFORMATION => …`.
    public var information: Information
    /// The end of the interval, a named argument such as `TIMESTAMP => x`.
    public var end: FunctionArgument?

    /// Creates a changes clause.
    public init(information: Information, end: FunctionArgument? = nil) {
        self.information = information
        self.end = end
    }
}

extension Parser {
    /// Parses `CHANGES (INFORMATION => …) AT|BEFORE (…) [END (…)]` when it follows a table name;
    /// returns the clause and its start point.
    mutating func parseChanges() throws(SQLSyntaxError) -> (ChangesClause, TimeTravel)? {
        guard current.kind == .word, peek().kind == .leftParen, peek(3).kind == .namedArrow,
            asciiUppercased(text(of: current)) == "CHANGES"
        else { return nil }
        advance()
        advance()
        guard current.kind == .word, asciiUppercased(text(of: current)) == "INFORMATION" else { throw expected("INFORMATION") }
        advance()
        try expect(.namedArrow, "'=>'")
        let information: ChangesClause.Information
        if check(Keyword.default) {
            information = .default
        } else if current.kind == .word, asciiUppercased(text(of: current)) == "APPEND_ONLY" {
            information = .appendOnly
        } else {
            throw expected("DEFAULT or APPEND_ONLY")
        }
        advance()
        try expect(.rightParen, "')' after CHANGES information")
        guard let start = try parseTimeTravel() else { throw expected("AT or BEFORE after CHANGES") }
        var clause = ChangesClause(information: information)
        if check(.end) && peek().kind == .leftParen {
            advance()
            advance()
            guard atAnyName else { throw expected("END parameter") }
            let name = takeIdentifier()
            try expect(.namedArrow, "'=>'")
            let value = try parseExpr()
            try expect(.rightParen, "')' after END argument")
            clause.end = FunctionArgument(name: name, value: value)
        }
        return (clause, start)
    }

    /// Whether a `SAMPLE`/`TABLESAMPLE` clause starts here.
    var atSample: Bool { check(.sample) || check(.tablesample) }

    /// Parses `SAMPLE [method] (size [ROWS]) [SEED|REPEATABLE (n)]` applied to `source`.
    mutating func parseSample(_ source: TableRef, start: Int) throws(SQLSyntaxError) -> TableRef {
        advance()
        var method: TableSample.Method?
        if current.kind == .word {
            switch asciiUppercased(text(of: current)) {
            case "BERNOULLI", "ROW": method = .bernoulli
            case "SYSTEM", "BLOCK": method = .system
            default: break
            }
            if method != nil { advance() }
        }
        try expect(.leftParen, "'(' after SAMPLE")
        let size = try parseExpr()
        let rows = accept(.rows)
        try expect(.rightParen, "')' after sample size")
        var seed: Expr?
        if current.kind == .word, ["SEED", "REPEATABLE"].contains(asciiUppercased(text(of: current))) {
            advance()
            try expect(.leftParen, "'(' after SEED")
            seed = try parseExpr()
            try expect(.rightParen, "')' after seed")
        }
        return .sample(
            TableSample(source: source, method: method, size: size, rows: rows, seed: seed, range: range(from: start)))
    }

    /// Parses `AT (name => value)` or `BEFORE (name => value)` when it follows a table name.
    mutating func parseTimeTravel() throws(SQLSyntaxError) -> TimeTravel? {
        guard current.kind == .word, peek().kind == .leftParen, peek(3).kind == .namedArrow else { return nil }
        let kind: TimeTravel.Kind
        switch asciiUppercased(text(of: current)) {
        case "AT": kind = .at
        case "BEFORE": kind = .before
        default: return nil
        }
        advance()
        advance()
        guard atAnyName else { throw expected("time travel parameter") }
        let name = takeIdentifier()
        try expect(.namedArrow, "'=>'")
        let value = try parseExpr()
        try expect(.rightParen, "')' after time travel argument")
        return TimeTravel(kind: kind, argument: FunctionArgument(name: name, value: value))
    }
}

extension Printer {
    func sample(_ sample: TableSample, _ level: Int) -> String {
        var out = tableRef(sample.source, level) + " SAMPLE "
        if let method = sample.method { out += method.rawValue + " " }
        out += "(" + expr(sample.size, level) + (sample.rows ? " ROWS)" : ")")
        if let seed = sample.seed { out += " SEED (" + expr(seed, level) + ")" }
        return out
    }

    /// `CHANGES (…) AT|BEFORE (…) [END (…)]`, or just the time travel clause.
    func changesAndTimeTravel(_ table: NamedTable, _ level: Int) -> String {
        guard let changes = table.changes else { return timeTravel(table.timeTravel, level) }
        var out = " CHANGES (INFORMATION => " + changes.information.rawValue + ")" + timeTravel(table.timeTravel, level)
        if let end = changes.end, let name = end.name {
            out += " END (" + asciiUppercased(name.name) + " => " + expr(end.value, level) + ")"
        }
        return out
    }

    func timeTravel(_ travel: TimeTravel?, _ level: Int) -> String {
        guard let travel, let name = travel.argument.name else { return "" }
        return " " + travel.kind.rawValue + " (" + asciiUppercased(name.name) + " => " + expr(travel.argument.value, level) + ")"
    }
}
