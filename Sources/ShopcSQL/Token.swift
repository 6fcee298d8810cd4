/// The lexical category of a token.
enum TokenKind: UInt8, Sendable {
    case word, quotedIdentifier, string, number
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, dot, semicolon, colon, doubleColon
    case star, plus, minus, slash, percent, concat
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case namedArrow  // =>
    case lambdaArrow  // ->
    case endOfInput
}

/// One token: its kind, byte range, keyword (for unquoted words) and decoded text (for
/// strings, quoted identifiers and numbers).
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int
    /// The keyword an unquoted word spells, if any.
    var keyword: Keyword?
    /// Decoded value of strings and quoted identifiers, and the text of numbers.
    var value: String?

    var range: SourceRange { SourceRange(start: start, end: end) }
}

/// Words the parser recognizes. Recognition is case-insensitive.
enum Keyword: String, Sendable, CaseIterable {
    case all = "ALL", and = "AND", any = "ANY", `as` = "AS", asc = "ASC", asof = "ASOF"
    case between = "BETWEEN", by = "BY", `case` = "CASE", cast = "CAST", connect = "CONNECT"
    case cross = "CROSS", cube = "CUBE", current = "CURRENT", currentDate = "CURRENT_DATE"
    case currentTime = "CURRENT_TIME", currentTimestamp = "CURRENT_TIMESTAMP"
    case currentUser = "CURRENT_USER", date = "DATE", desc = "DESC", distinct = "DISTINCT"
    case double = "DOUBLE", `else` = "ELSE", end = "END", escape = "ESCAPE", except = "EXCEPT"
    case exclude = "EXCLUDE", exists = "EXISTS", `false` = "FALSE", fetch = "FETCH"
    case first = "FIRST", following = "FOLLOWING", `for` = "FOR", from = "FROM", full = "FULL"
    case group = "GROUP", grouping = "GROUPING", having = "HAVING", ignore = "IGNORE"
    case ilike = "ILIKE", `in` = "IN", inner = "INNER", intersect = "INTERSECT"
    case interval = "INTERVAL", into = "INTO", `is` = "IS", join = "JOIN", last = "LAST"
    case lateral = "LATERAL", left = "LEFT", like = "LIKE", limit = "LIMIT"
    case localtime = "LOCALTIME", localtimestamp = "LOCALTIMESTAMP"
    case matchCondition = "MATCH_CONDITION", minus = "MINUS", name = "NAME"
    case natural = "NATURAL", next = "NEXT", not = "NOT", null = "NULL", nulls = "NULLS"
    case of = "OF", offset = "OFFSET", on = "ON", only = "ONLY", or = "OR", order = "ORDER"
    case outer = "OUTER", over = "OVER", partition = "PARTITION", pivot = "PIVOT"
    case preceding = "PRECEDING", precision = "PRECISION", qualify = "QUALIFY"
    case range = "RANGE", recursive = "RECURSIVE", regexp = "REGEXP", rename = "RENAME"
    case replace = "REPLACE", respect = "RESPECT", right = "RIGHT", rlike = "RLIKE"
    case rollup = "ROLLUP", row = "ROW", rows = "ROWS", sample = "SAMPLE", select = "SELECT"
    case set = "SET", sets = "SETS", some = "SOME", start = "START", table = "TABLE"
    case tablesample = "TABLESAMPLE", then = "THEN", time = "TIME", timestamp = "TIMESTAMP"
    case timestampLTZ = "TIMESTAMP_LTZ", timestampNTZ = "TIMESTAMP_NTZ"
    case timestampTZ = "TIMESTAMP_TZ", to = "TO", top = "TOP", `true` = "TRUE"
    case tryCast = "TRY_CAST", unbounded = "UNBOUNDED", union = "UNION", unpivot = "UNPIVOT"
    case using = "USING", values = "VALUES", when = "WHEN", `where` = "WHERE"
    case window = "WINDOW", with = "WITH", within = "WITHIN"

    /// The longest keyword, in bytes; longer words are never looked up.
    static let maxLength = 24

    /// The keyword spelled (case-insensitively) by `word`, if any.
    static func lookup(_ word: ArraySlice<UInt8>) -> Keyword? {
        guard word.count <= maxLength else { return nil }
        return KeywordTable.shared.find(KeywordKey(word))
    }

    /// Snowflake reserved words: never a bare identifier or alias.
    var isReserved: Bool {
        switch self {
        case .all, .and, .any, .as, .between, .by, .case, .cast, .connect, .cross, .current,
            .currentDate, .currentTime, .currentTimestamp, .currentUser, .distinct, .else,
            .exists, .false, .following, .for, .from, .full, .group, .having, .ilike, .in,
            .inner, .intersect, .into, .is, .join, .lateral, .left, .like, .localtime,
            .localtimestamp, .minus, .natural, .not, .null, .of, .on, .or, .order, .qualify,
            .regexp, .right, .rlike, .row, .rows, .sample, .select, .set, .some, .start, .table,
            .tablesample, .then, .to, .true, .tryCast, .union, .using, .values, .when, .where,
            .with:
            true
        default:
            false
        }
    }

    /// Words that cannot be an alias written without `AS` (they start a following clause).
    var blocksImplicitAlias: Bool {
        if isReserved { return true }
        switch self {
        case .asof, .except, .limit, .offset, .fetch, .window, .matchCondition, .pivot, .unpivot,
            .end:
            return true
        default:
            return false
        }
    }
}

/// Up to 24 ASCII bytes, upper-cased and packed into integers, so keyword lookup needs no
/// string allocation.
struct KeywordKey: Equatable {
    var a: UInt64 = 0
    var b: UInt64 = 0
    var c: UInt64 = 0

    init(_ word: ArraySlice<UInt8>) {
        var offset = 0
        for byte in word {
            let upper = UInt64(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            let shift = UInt64((offset % 8) * 8)
            switch offset / 8 {
            case 0: a |= upper << shift
            case 1: b |= upper << shift
            default: c |= upper << shift
            }
            offset += 1
        }
    }

    /// A cheap multiplicative hash (the table is small and fixed).
    var hash: Int {
        let mixed = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ c
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)) & 0x7FFF_FFFF)
    }
}

/// An open-addressing table from packed spellings to keywords, avoiding `Hasher` on the
/// lexer's hot path.
struct KeywordTable: Sendable {
    static let shared = KeywordTable()

    private static let size = 1024
    private var keys: [KeywordKey?]
    private var values: [Keyword?]

    private init() {
        keys = Array(repeating: nil, count: KeywordTable.size)
        values = Array(repeating: nil, count: KeywordTable.size)
        for keyword in Keyword.allCases {
            let key = KeywordKey(Array(keyword.rawValue.utf8)[...])
            var slot = key.hash & (KeywordTable.size - 1)
            while keys[slot] != nil { slot = (slot + 1) & (KeywordTable.size - 1) }
            keys[slot] = key
            values[slot] = keyword
        }
    }

    func find(_ key: KeywordKey) -> Keyword? {
        var slot = key.hash & (KeywordTable.size - 1)
        while let candidate = keys[slot] {
            if candidate == key { return values[slot] }
            slot = (slot + 1) & (KeywordTable.size - 1)
        }
        return nil
    }
}
