/// `source MATCH_RECOGNIZE (…) [AS alias]`: row pattern matching over the ordered rows of each
/// partition.
public struct MatchRecognize: Sendable, Hashable, Codable {
    /// How many rows a match returns.
    public enum RowsPerMatch: Sendable, Hashable, Codable {
        /// `ONE ROW PER MATCH` (Snowflake's default).
        case one
        /// `ALL ROWS PER MATCH [SHOW EMPTY MATCHES | OMIT EMPTY MATCHES | WITH UNMATCHED ROWS]`.
        case all(EmptyMatches?)
    }

    /// The option of `ALL ROWS PER MATCH`.
    public enum EmptyMatches: String, Sendable, Hashable, Codable {
        /// `SHOW EMPTY MATCHES`, `OMIT EMPTY MATCHES`, `WITH UNMATCHED ROWS`.
        case show = "SHOW EMPTY MATCHES", omit = "OMIT EMPTY MATCHES", withUnmatched = "WITH UNMATCHED ROWS"
    }

    /// Where matching resumes after a match.
    public enum AfterMatchSkip: Sendable, Hashable, Codable {
        /// `PAST LAST ROW`.
        case pastLastRow
        /// `TO NEXT ROW`.
        case toNextRow
        /// `TO FIRST symbol`.
        case toFirst(Identifier)
        /// `TO LAST symbol`.
        case toLast(Identifier)
        /// `TO symbol` (the same as `TO LAST symbol`, printed as written).
        case to(Identifier)
    }

    /// `expr [AS] alias` in `MEASURES`.
    public struct Measure: Sendable, Hashable, Codable {
        /// The value.
        public var expr: Expr
        /// The output column.
        public var alias: Identifier

        /// Creates a measure.
        public init(expr: Expr, alias: Identifier) {
            self.expr = expr
            self.alias = alias
        }
    }

    /// `symbol AS condition` in `DEFINE`.
    public struct Definition: Sendable, Hashable, Codable {
        /// The pattern symbol.
        public var symbol: Identifier
        /// The condition a row meets to be that symbol.
        public var condition: Expr

        /// Creates a definition.
        public init(symbol: Identifier, condition: Expr) {
            self.symbol = symbol
            self.condition = condition
        }
    }

    /// The matched input.
    public var source: TableRef
    /// `PARTITION BY`.
    public var partitionBy: [Expr] = []
    /// `ORDER BY`.
    public var orderBy: [OrderItem] = []
    /// `MEASURES`.
    public var measures: [Measure] = []
    /// `ONE ROW PER MATCH` / `ALL ROWS PER MATCH …`, if written.
    public var rowsPerMatch: RowsPerMatch?
    /// `AFTER MATCH SKIP …`, if written.
    public var afterMatchSkip: AfterMatchSkip?
    /// `PATTERN (…)`.
    public var pattern: RowPattern
    /// `DEFINE`.
    public var definitions: [Definition]
    /// The alias of the result.
    public var alias: TableAlias?
    /// Where it was written.
    public var range: SourceRange

    /// Creates a match clause.
    public init(source: TableRef, pattern: RowPattern, definitions: [Definition], range: SourceRange = .none) {
        self.source = source
        self.pattern = pattern
        self.definitions = definitions
        self.range = range
    }
}

/// The regular expression over rows of `PATTERN (…)`.
public indirect enum RowPattern: Sendable, Hashable, Codable {
    /// A symbol (pattern variable).
    case symbol(Identifier)
    /// `^`: the start of the partition.
    case partitionStart
    /// `$`: the end of the partition.
    case partitionEnd
    /// `( p )`.
    case group(RowPattern)
    /// `{- p -}`: matched but left out of the output rows.
    case exclusion(RowPattern)
    /// `PERMUTE(p, …)`.
    case permute([RowPattern])
    /// Two or more patterns in a row.
    case sequence([RowPattern])
    /// `p | q | …`.
    case alternation([RowPattern])
    /// `p*`, `p+`, `p?`, `p{n,m}`, optionally reluctant (`p*?`).
    case quantified(RowPattern, RowQuantifier, reluctant: Bool)

    /// The symbols used, in order of first use.
    public var symbols: [Identifier] {
        var out: [Identifier] = []
        var pending = [self]
        while let next = pending.popLast() {
            switch next {
            case .symbol(let name): if !out.contains(where: { $0.normalized == name.normalized }) { out.append(name) }
            case .partitionStart, .partitionEnd: break
            case .group(let inner), .exclusion(let inner), .quantified(let inner, _, _): pending.append(inner)
            case .permute(let items), .sequence(let items), .alternation(let items): pending += items.reversed()
            }
        }
        return out
    }
}

/// A quantifier of a row pattern.
public enum RowQuantifier: Sendable, Hashable, Codable {
    /// `*`, `+`, `?`.
    case star, plus, optional
    /// `{n}`.
    case exactly(Int)
    /// `{n,}`, `{,m}`, `{n,m}`.
    case range(Int?, Int?)

    /// The canonical spelling.
    public var description: String {
        switch self {
        case .star: "*"
        case .plus: "+"
        case .optional: "?"
        case .exactly(let n): "{\(n)}"
        case .range(let low, let high): "{" + (low.map(String.init) ?? "") + "," + (high.map(String.init) ?? "") + "}"
        }
    }
}

extension Parser {
    /// Whether `MATCH_RECOGNIZE (` starts here.
    var atMatchRecognize: Bool { check(.matchRecognize) && peek().kind == .leftParen }

    /// The word at the current position, upper-cased, if it is an unquoted word.
    private var currentWord: String? { current.kind == .word ? asciiUppercased(text(of: current)) : nil }

    /// Consumes the unquoted words `words` (case-insensitively) or throws `expected …`.
    private mutating func expectWords(_ words: String...) throws(SQLSyntaxError) {
        for word in words {
            guard currentWord == word else { throw expected(word) }
            advance()
        }
    }

    /// Parses `MATCH_RECOGNIZE (…) [AS alias]` applied to `source`.
    mutating func parseMatchRecognize(_ source: TableRef, start: Int) throws(SQLSyntaxError) -> TableRef {
        advance()
        try expect(.leftParen, "'(' after MATCH_RECOGNIZE")
        var partitionBy: [Expr] = []
        var orderBy: [OrderItem] = []
        var measures: [MatchRecognize.Measure] = []
        var rowsPerMatch: MatchRecognize.RowsPerMatch?
        var skip: MatchRecognize.AfterMatchSkip?
        if accept(.partition) {
            try expect(.by, "after PARTITION")
            partitionBy = try parseExprList()
        }
        if accept(.order) {
            try expect(.by, "after ORDER")
            orderBy = try parseOrderItems()
        }
        if currentWord == "MEASURES" {
            advance()
            repeat {
                let expr = try parseExpr()
                _ = accept(.as)
                measures.append(MatchRecognize.Measure(expr: expr, alias: try parseIdentifier("measure alias")))
            } while accept(.comma)
        }
        if currentWord == "ONE" {
            advance()
            try expect(.row, "after ONE")
            try expectWords("PER", "MATCH")
            rowsPerMatch = .one
        } else if check(.all) && peek().keyword == .rows {
            advance()
            advance()
            try expectWords("PER", "MATCH")
            var option: MatchRecognize.EmptyMatches?
            if currentWord == "SHOW" || currentWord == "OMIT" {
                option = currentWord == "SHOW" ? .show : .omit
                advance()
                try expectWords("EMPTY", "MATCHES")
            } else if accept(.with) {
                try expectWords("UNMATCHED")
                try expect(.rows, "after WITH UNMATCHED")
                option = .withUnmatched
            }
            rowsPerMatch = .all(option)
        }
        if currentWord == "AFTER" {
            advance()
            try expectWords("MATCH", "SKIP")
            if currentWord == "PAST" {
                advance()
                try expect(.last, "after PAST")
                try expect(.row, "after PAST LAST")
                skip = .pastLastRow
            } else {
                try expect(.to, "after AFTER MATCH SKIP")
                if accept(.next) {
                    try expect(.row, "after TO NEXT")
                    skip = .toNextRow
                } else if accept(.first) {
                    skip = .toFirst(try parseIdentifier("pattern symbol"))
                } else if accept(.last) {
                    skip = .toLast(try parseIdentifier("pattern symbol"))
                } else {
                    skip = .to(try parseIdentifier("pattern symbol"))
                }
            }
        }
        try expectWords("PATTERN")
        try expect(.leftParen, "'(' after PATTERN")
        let pattern = try parseRowAlternation()
        try expect(.rightParen, "')' to close PATTERN")
        try expectWords("DEFINE")
        var definitions: [MatchRecognize.Definition] = []
        repeat {
            let symbol = try parseIdentifier("pattern symbol")
            try expect(.as, "after pattern symbol")
            definitions.append(MatchRecognize.Definition(symbol: symbol, condition: try parseExpr()))
        } while accept(.comma)
        try expect(.rightParen, "')' to close MATCH_RECOGNIZE")
        var match = MatchRecognize(source: source, pattern: pattern, definitions: definitions)
        match.partitionBy = partitionBy
        match.orderBy = orderBy
        match.measures = measures
        match.rowsPerMatch = rowsPerMatch
        match.afterMatchSkip = skip
        match.alias = try parseTableAlias()
        match.range = range(from: start)
        return .matchRecognize(match)
    }

    /// `p | q | …`.
    private mutating func parseRowAlternation() throws(SQLSyntaxError) -> RowPattern {
        try enter()
        defer { leave() }
        var items = [try parseRowSequence()]
        while accept(.pipe) { items.append(try parseRowSequence()) }
        return items.count == 1 ? items[0] : .alternation(items)
    }

    /// One or more quantified patterns in a row.
    private mutating func parseRowSequence() throws(SQLSyntaxError) -> RowPattern {
        var items = [try parseRowQuantified()]
        while atRowPatternStart { items.append(try parseRowQuantified()) }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// Whether a row pattern element starts here.
    private var atRowPatternStart: Bool {
        switch current.kind {
        case .word, .quotedIdentifier, .caret, .dollar, .leftParen: true
        case .leftBrace: peek().kind == .minus
        default: false
        }
    }

    private mutating func parseRowQuantified() throws(SQLSyntaxError) -> RowPattern {
        let primary = try parseRowPrimary()
        let quantifier: RowQuantifier
        if accept(.star) {
            quantifier = .star
        } else if accept(.plus) {
            quantifier = .plus
        } else if accept(.question) {
            quantifier = .optional
        } else if check(.leftBrace) && (peek().kind == .number || peek().kind == .comma) {
            let braceStart = current.start
            advance()
            let low = check(.number) ? try parseInteger("repetition count") : nil
            if accept(.rightBrace) {
                guard let low else { throw expected("repetition count") }
                quantifier = .exactly(low)
            } else {
                try expect(.comma, "',' or '}' in quantifier")
                let high = check(.number) ? try parseInteger("repetition count") : nil
                try expect(.rightBrace, "'}' to close quantifier")
                if low == nil && high == nil { throw SQLSyntaxError(message: "quantifier {,} has no bounds", offset: braceStart) }
                quantifier = .range(low, high)
            }
        } else {
            return primary
        }
        return .quantified(primary, quantifier, reluctant: accept(.question))
    }

    private mutating func parseRowPrimary() throws(SQLSyntaxError) -> RowPattern {
        if accept(.caret) { return .partitionStart }
        if accept(.dollar) { return .partitionEnd }
        if accept(.leftParen) {
            let inner = try parseRowAlternation()
            try expect(.rightParen, "')' in PATTERN")
            return .group(inner)
        }
        if check(.leftBrace) && peek().kind == .minus {
            advance()
            advance()
            let inner = try parseRowAlternation()
            try expect(TokenKind.minus, "'-}' to close exclusion")
            try expect(.rightBrace, "'-}' to close exclusion")
            return .exclusion(inner)
        }
        if currentWord == "PERMUTE" && peek().kind == .leftParen {
            advance()
            advance()
            var items = [try parseRowAlternation()]
            while accept(.comma) { items.append(try parseRowAlternation()) }
            try expect(.rightParen, "')' after PERMUTE")
            return .permute(items)
        }
        guard atAnyName else { throw expected("pattern symbol") }
        return .symbol(takeIdentifier())
    }
}

extension Printer {
    /// `source MATCH_RECOGNIZE (` with one subclause per line, one level deeper, `) AS alias`.
    mutating func writeMatchRecognize(_ match: MatchRecognize, _ level: Int) {
        writeTableRef(match.source, level)
        out.append(" MATCH_RECOGNIZE (")
        if !match.partitionBy.isEmpty {
            writeNewline(level + 1)
            out.append("PARTITION BY " + exprs(match.partitionBy, level + 1))
        }
        if !match.orderBy.isEmpty {
            writeNewline(level + 1)
            out.append("ORDER BY " + orderItems(match.orderBy, level + 1))
        }
        if !match.measures.isEmpty {
            writeNewline(level + 1)
            out.append("MEASURES")
            for (i, measure) in match.measures.enumerated() {
                if i > 0 { out.append(",") }
                writeNewline(level + 2)
                writeExpr(measure.expr, level + 2)
                out.append(" AS " + measure.alias.description)
            }
        }
        switch match.rowsPerMatch {
        case .one:
            writeNewline(level + 1)
            out.append("ONE ROW PER MATCH")
        case .all(let option):
            writeNewline(level + 1)
            out.append("ALL ROWS PER MATCH" + (option.map { " " + $0.rawValue } ?? ""))
        case nil:
            break
        }
        if let skip = match.afterMatchSkip {
            writeNewline(level + 1)
            switch skip {
            case .pastLastRow: out.append("AFTER MATCH SKIP PAST LAST ROW")
            case .toNextRow: out.append("AFTER MATCH SKIP TO NEXT ROW")
            case .toFirst(let symbol): out.append("AFTER MATCH SKIP TO FIRST " + symbol.description)
            case .toLast(let symbol): out.append("AFTER MATCH SKIP TO LAST " + symbol.description)
            case .to(let symbol): out.append("AFTER MATCH SKIP TO " + symbol.description)
            }
        }
        writeNewline(level + 1)
        out.append("PATTERN (" + rowPattern(match.pattern) + ")")
        writeNewline(level + 1)
        out.append("DEFINE")
        for (i, definition) in match.definitions.enumerated() {
            if i > 0 { out.append(",") }
            writeNewline(level + 2)
            out.append(definition.symbol.description + " AS ")
            writeExpr(definition.condition, level + 2)
        }
        writeNewline(level)
        out.append(")")
        out.append(alias(match.alias))
    }

    /// The canonical text of a row pattern.
    func rowPattern(_ pattern: RowPattern) -> String {
        switch pattern {
        case .symbol(let name): name.description
        case .partitionStart: "^"
        case .partitionEnd: "$"
        case .group(let inner): "(" + rowPattern(inner) + ")"
        case .exclusion(let inner): "{- " + rowPattern(inner) + " -}"
        case .permute(let items): "PERMUTE(" + items.map(rowPattern).joined(separator: ", ") + ")"
        case .sequence(let items): items.map(rowPattern).joined(separator: " ")
        case .alternation(let items): items.map(rowPattern).joined(separator: " | ")
        case .quantified(let inner, let quantifier, let reluctant):
            rowPattern(inner) + quantifier.description + (reluctant ? "?" : "")
        }
    }
}
