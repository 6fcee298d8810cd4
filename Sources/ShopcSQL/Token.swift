/// The lexical category of a token.
enum TokenKind: UInt8, Sendable {
    /// The character of a row pattern operator token, which is an error anywhere else.
    var patternCharacter: Character? {
        switch self {
        case .question: "?"
        case .caret: "^"
        case .pipe: "|"
        case .dollar: "$"
        default: nil
        }
    }

    case word, quotedIdentifier, string, number
    /// `X'…'`; its value is the hex digits, upper case.
    case binaryString
    /// `$1`; its value is the digits.
    case positional
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, dot, semicolon, colon, doubleColon
    case star, plus, minus, slash, percent, concat
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    /// `?`, `^`, `|` and a lone `$`: only row pattern operators (`PATTERN (^ a b*? | c $)`).
    case question, caret, pipe, dollar
    case namedArrow  // =>
    case lambdaArrow  // ->
    case endOfInput
}

/// One token: its kind, byte range, keyword (for unquoted words) and the index of its decoded
/// text (for strings, quoted identifiers and numbers) in the lexer's value list. Tokens hold no
/// references, so copying them is free.
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int
    /// The keyword an unquoted word spells, if any.
    var keyword: Keyword?
    /// Index into `Lexer.Output.values`, or -1.
    var valueIndex: Int32 = -1

    var range: SourceRange { SourceRange(start: start, end: end) }
}

/// Words the parser recognizes. Recognition is case-insensitive.
enum Keyword: String, Sendable, CaseIterable {
    case all = "ALL", and = "AND", any = "ANY", `as` = "AS", asc = "ASC", asof = "ASOF"
    case between = "BETWEEN", by = "BY", `case` = "CASE", cast = "CAST", connect = "CONNECT"
    case cross = "CROSS", cube = "CUBE", current = "CURRENT", currentDate = "CURRENT_DATE", `default` = "DEFAULT"
    case currentTime = "CURRENT_TIME", currentTimestamp = "CURRENT_TIMESTAMP"
    case currentUser = "CURRENT_USER", date = "DATE", desc = "DESC", distinct = "DISTINCT"
    case double = "DOUBLE", `else` = "ELSE", end = "END", escape = "ESCAPE", except = "EXCEPT"
    case exclude = "EXCLUDE", exists = "EXISTS", extract = "EXTRACT", `false` = "FALSE", fetch = "FETCH"
    case first = "FIRST", following = "FOLLOWING", `for` = "FOR", from = "FROM", full = "FULL"
    case group = "GROUP", grouping = "GROUPING", having = "HAVING", ignore = "IGNORE"
    case ilike = "ILIKE", `in` = "IN", include = "INCLUDE", inner = "INNER", intersect = "INTERSECT"
    case interval = "INTERVAL", into = "INTO", `is` = "IS", join = "JOIN", last = "LAST"
    case lateral = "LATERAL", left = "LEFT", like = "LIKE", limit = "LIMIT"
    case localtime = "LOCALTIME", localtimestamp = "LOCALTIMESTAMP"
    case matchCondition = "MATCH_CONDITION", matchRecognize = "MATCH_RECOGNIZE", minus = "MINUS", name = "NAME"
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

    /// The longest keyword, in bytes (`CURRENT_TIMESTAMP`); longer words are never looked up.
    /// Must stay at most 24, the capacity of `KeywordKey`.
    static let maxLength = 17

    /// The keyword spelled (case-insensitively) by `bytes[start..<end]`, if any.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Keyword? {
        guard end - start <= maxLength else { return nil }
        return KeywordTable.shared.find(KeywordKey(bytes, from: start, to: end))
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
        case .asof, .except, .limit, .offset, .fetch, .window, .matchCondition, .matchRecognize, .pivot,
            .unpivot, .end:
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

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var shift: UInt64 = 0
        var slot = 0
        var accumulator: UInt64 = 0
        for offset in start..<end {
            let byte = bytes[offset]
            let upper = byte &- 0x61 < 26 ? byte &- 0x20 : byte
            accumulator |= UInt64(upper) << shift
            shift += 8
            if shift == 64 {
                if slot == 0 { words.0 = accumulator } else { words.1 = accumulator }
                slot += 1
                shift = 0
                accumulator = 0
            }
        }
        switch slot {
        case 0: words.0 = accumulator
        case 1: words.1 = accumulator
        default: words.2 = accumulator
        }
        a = words.0
        b = words.1
        c = words.2
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
            let spelling = Array(keyword.rawValue.utf8)
            let key = spelling.withUnsafeBufferPointer { KeywordKey($0, from: 0, to: $0.count) }
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
