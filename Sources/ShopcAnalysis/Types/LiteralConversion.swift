import ShopcSQL

/// A string literal in a position of another type: Snowflake converts its text at run time
/// (`quantity > '5'`, `CASE … ELSE '0' END` beside numbers, `order_date >= '2024-01-01'`) and
/// fails the query when the text does not parse ("Numeric value 'n/a' is not recognized").
/// The text is known at compile time, so the failure is reported then.
struct LiteralConversion: Sendable {
    /// What the text converts to.
    struct Kinds: OptionSet, Sendable {
        let rawValue: UInt8
        /// A decimal number, with an optional sign, point and exponent (`-1.5e3`).
        static let number = Kinds(rawValue: 1)
        /// Also `NaN` and `inf`/`infinity` with a sign, which FLOAT holds and NUMBER does not.
        static let float = Kinds(rawValue: 2)
        /// `true`/`false` and the other words `TO_BOOLEAN` reads (`yes`, `on`, `1`…).
        static let boolean = Kinds(rawValue: 4)
        /// Has a digit: some date, time or timestamp format may read it. Text without any
        /// digit is no date in any format.
        static let temporal = Kinds(rawValue: 8)
    }

    /// The literal's text, for messages.
    var text: String
    /// Where the literal is.
    var range: SourceRange
    var kinds: Kinds

    init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
        kinds = Self.kinds(of: text)
    }

    /// What a string converts to.
    static func kinds(of text: String) -> Kinds {
        var kinds: Kinds = []
        let trimmed = text.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        let bytes = Array(trimmed)
        if isDecimal(bytes) {
            kinds.formUnion([.number, .float])
        } else {
            var word = String(decoding: bytes, as: UTF8.self).lowercased()
            if word.hasPrefix("-") || word.hasPrefix("+") { word.removeFirst() }
            if ["nan", "inf", "infinity"].contains(word) { kinds.insert(.float) }
        }
        if ["true", "t", "yes", "y", "on", "1", "false", "f", "no", "n", "off", "0"].contains(String(decoding: bytes, as: UTF8.self).lowercased()) {
            kinds.insert(.boolean)
        }
        if bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { kinds.insert(.temporal) }
        return kinds
    }

    /// `[+-] digits [. digits] [e [+-] digits]`, with digits on at least one side of the point.
    static func isDecimal(_ bytes: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
        var mantissa = digits()
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == bytes.count
    }

    /// What `type` needs of the text, when this literal cannot give it; nil when it converts
    /// (or `type` takes any string: text, binary, semi-structured, unknown).
    func failure(converting type: SQLType) -> String? {
        if type == .float {
            return kinds.contains(.float) ? nil : "a number"
        }
        if type.isNumeric {
            if kinds.contains(.number) { return nil }
            return kinds.contains(.float) ? "a finite number (NUMBER holds no NaN or infinity)" : "a number"
        }
        if type == .boolean { return kinds.contains(.boolean) ? nil : "TRUE or FALSE ('true', 'false', 'yes', 'no', 'on', 'off', 't', 'f', 'y', 'n', '1', '0')" }
        if type.isTemporal { return kinds.contains(.temporal) ? nil : "a date or time" }
        return nil
    }

    /// The text as messages quote it (shortened past 40 characters).
    var quoted: String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return SQLQuoting.stringLiteral(shown)
    }
}
