import ShopcSQL

/// A string literal in a position of another type: Snowflake converts its text at run time
/// (`quantity > '5'`, `CASE … ELSE '0' END` beside numbers, `order_date >= '2024-01-01'`) and
/// fails the query when the text does not parse ("Numeric value 'n/a' is not recognized").
/// The text is known at compile time, so the failure is reported then.
///
/// Kept in every typed string literal, so it holds no reference (copying a `Typed` stays a
/// plain copy); the binder keeps the texts that fail some conversion, for messages.
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

        static let all: Kinds = [.number, .float, .boolean, .temporal]
    }

    /// Where the literal is.
    var range: SourceRange
    var kinds: Kinds

    init(text: String, range: SourceRange) {
        self.range = range
        kinds = Self.kinds(of: text)
    }

    /// What a string converts to (spaces and tabs around it are ignored).
    static func kinds(of text: String) -> Kinds {
        var text = text
        return text.withUTF8 { all in
            var start = 0
            var end = all.count
            while start < end, all[start] == 0x20 || all[start] == 0x09 { start += 1 }
            while end > start, all[end - 1] == 0x20 || all[end - 1] == 0x09 { end -= 1 }
            let bytes = UnsafeBufferPointer(rebasing: all[start..<end])
            var kinds: Kinds = []
            if isDecimal(bytes) {
                kinds = [.number, .float]
            } else {
                let unsigned = bytes.first == 0x2B || bytes.first == 0x2D ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes
                if ["nan", "inf", "infinity"].contains(where: { equalsIgnoringCase(unsigned, $0) }) { kinds.insert(.float) }
            }
            if ["true", "t", "yes", "y", "on", "1", "false", "f", "no", "n", "off", "0"].contains(where: { equalsIgnoringCase(bytes, $0) }) {
                kinds.insert(.boolean)
            }
            if bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { kinds.insert(.temporal) }
            return kinds
        }
    }

    /// Whether `bytes` spell `word` (lower-case ASCII) in any case.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for i in 0..<bytes.count {
            let byte = bytes[i]
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != letters[i] { return false }
        }
        return true
    }

    /// `[+-] digits [. digits] [e [+-] digits]`, with digits on at least one side of the point.
    static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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

    /// A literal's text as messages quote it (shortened past 40 characters).
    static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return SQLQuoting.stringLiteral(shown)
    }
}
