extension Lexer {
    /// Lexes a single-quoted string: `''` is a quote, backslash escapes follow Snowflake
    /// (`\n`, `\t`, `\r`, `\b`, `\f`, `\0`, `\\`, `\'`, `\"`, octal `\ooo`, hex `\xhh`,
    /// `\uhhhh`); any other escaped character stands for itself.
    mutating func lexString() throws(SQLSyntaxError) {
        let start = index
        index += 1
        var text = [UInt8]()
        while true {
            guard index < bytes.count else {
                throw SQLSyntaxError(message: "unterminated string literal", offset: start)
            }
            let b = bytes[index]
            if b == UInt8(ascii: "'") {
                if byte(at: index + 1) == UInt8(ascii: "'") {
                    text.append(b)
                    index += 2
                    continue
                }
                index += 1
                break
            }
            if b == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else {
                    throw SQLSyntaxError(message: "unterminated string literal", offset: start)
                }
                index += 1
                decodeEscape(into: &text)
                continue
            }
            text.append(b)
            index += 1
        }
        add(.string, from: start, value: String(decoding: text, as: UTF8.self))
    }

    /// Lexes a binary literal `X'…'`: hex digits only (no escapes, no spaces), an even number
    /// of them, stored upper case.
    mutating func lexBinaryString() throws(SQLSyntaxError) {
        let start = index
        index += 2
        var digits = [UInt8]()
        while true {
            guard index < bytes.count else {
                throw SQLSyntaxError(message: "unterminated binary literal", offset: start)
            }
            let b = bytes[index]
            if b == UInt8(ascii: "'") { break }
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "F"): digits.append(b)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(b - 0x20)
            default:
                let shown = b < 0x20 || b >= 0x7F ? "byte 0x" + String(b, radix: 16) : String(UnicodeScalar(b))
                throw SQLSyntaxError(message: "binary literal holds '\(shown)', which is not a hexadecimal digit", offset: index)
            }
            index += 1
        }
        index += 1
        if digits.count % 2 != 0 {
            throw SQLSyntaxError(message: "binary literal has an odd number of hexadecimal digits", offset: start)
        }
        add(.binaryString, from: start, value: String(decoding: digits, as: UTF8.self))
    }

    /// Decodes the escape whose first character (after the backslash) is at `index`.
    private mutating func decodeEscape(into text: inout [UInt8]) {
        let b = bytes[index]
        index += 1
        switch b {
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "x"):
            appendScalar(readHex(maxDigits: 2), orLiteral: b, into: &text)
        case UInt8(ascii: "u"):
            appendScalar(readHex(maxDigits: 4), orLiteral: b, into: &text)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(b - 0x30)
            var digits = 1
            while digits < 3, index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x37 {
                value = value * 8 + UInt32(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            appendScalar(value, orLiteral: b, into: &text)
        default:
            text.append(b)
        }
    }

    private mutating func readHex(maxDigits: Int) -> UInt32? {
        var value: UInt32 = 0
        var digits = 0
        while digits < maxDigits, index < bytes.count {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: return digits == 0 ? nil : value
            }
            value = value * 16 + digit
            index += 1
            digits += 1
        }
        return digits == 0 ? nil : value
    }

    private func appendScalar(_ value: UInt32?, orLiteral b: UInt8, into text: inout [UInt8]) {
        guard let value, let scalar = Unicode.Scalar(value) else {
            text.append(b)
            return
        }
        text.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Lexes operators and punctuation.
    mutating func lexPunctuation(_ current: UInt8, start: Int) throws(SQLSyntaxError) {
        let next = byte(at: index + 1)
        var length = 1
        let kind: TokenKind
        switch current {
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: "{"): kind = .leftBrace
        case UInt8(ascii: "}"): kind = .rightBrace
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "."): kind = .dot
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "%"): kind = .percent
        case UInt8(ascii: ":"):
            if next == UInt8(ascii: ":") { kind = .doubleColon; length = 2 } else { kind = .colon }
        case UInt8(ascii: "-"):
            if next == UInt8(ascii: ">") { kind = .lambdaArrow; length = 2 } else { kind = .minus }
        case UInt8(ascii: "="):
            if next == UInt8(ascii: ">") { kind = .namedArrow; length = 2 } else { kind = .equal }
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") {
                kind = .lessOrEqual; length = 2
            } else if next == UInt8(ascii: ">") {
                kind = .notEqual; length = 2
            } else {
                kind = .less
            }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { kind = .greaterOrEqual; length = 2 } else { kind = .greater }
        case UInt8(ascii: "!") where next == UInt8(ascii: "="):
            kind = .notEqual; length = 2
        case UInt8(ascii: "|"):
            if next == UInt8(ascii: "|") { kind = .concat; length = 2 } else { kind = .pipe }
        case UInt8(ascii: "?"): kind = .question
        case UInt8(ascii: "^"): kind = .caret
        case UInt8(ascii: "$"): kind = .dollar
        default:
            let shown = current < 0x20 || current >= 0x7F ? "byte 0x" + String(current, radix: 16) : String(UnicodeScalar(current))
            throw SQLSyntaxError(message: "unexpected character '\(shown)'", offset: start)
        }
        index += length
        add(kind, from: start)
    }
}
