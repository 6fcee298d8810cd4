/// Splits SQL text into tokens, working on UTF-8 bytes. Comments (`--`, `//`, `/* */`) and
/// whitespace are skipped. The token list always ends with `.endOfInput`.
struct Lexer {
    /// The input; valid only while `tokenize` runs.
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private var tokens: [Token] = []
    private var values: [String] = []

    /// The tokens and the decoded texts they point at.
    struct Output {
        var tokens: [Token]
        var values: [String]
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Lexes the whole input.
    static func tokenize(_ input: [UInt8]) throws(SQLSyntaxError) -> Output {
        try input.withUnsafeBufferPointer { (buffer) throws(SQLSyntaxError) -> Output in
            var lexer = Lexer(bytes: buffer)
            lexer.tokens.reserveCapacity(buffer.count / 4 + 1)
            try lexer.run()
            return Output(tokens: lexer.tokens, values: lexer.values)
        }
    }

    func byte(at offset: Int) -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    mutating func add(_ kind: TokenKind, from start: Int, value: String? = nil, keyword: Keyword? = nil) {
        var token = Token(kind: kind, start: start, end: index, keyword: keyword)
        if let value {
            token.valueIndex = Int32(truncatingIfNeeded: values.count)
            values.append(value)
        }
        tokens.append(token)
    }

    private mutating func run() throws(SQLSyntaxError) {
        while true {
            try skipTrivia()
            guard index < bytes.count else { break }
            let start = index
            let current = bytes[index]
            if (current | 0x20) == UInt8(ascii: "x") && byte(at: index + 1) == UInt8(ascii: "'") {
                try lexBinaryString()
            } else if isWordStart(current) {
                try lexWord()
            } else if isDigit(current) || (current == UInt8(ascii: ".") && isDigit(byte(at: index + 1))) {
                lexNumber()
            } else if current == UInt8(ascii: "'") {
                try lexString()
            } else if current == UInt8(ascii: "\"") {
                try lexQuotedIdentifier()
            } else if current == UInt8(ascii: "$") && byte(at: index + 1) == UInt8(ascii: "$") {
                try lexDollarString()
            } else if current == UInt8(ascii: "$") && isDigit(byte(at: index + 1)) {
                index += 1
                while isDigit(byte(at: index)) { index += 1 }
                add(.positional, from: start, value: String(decoding: bytes[(start + 1)..<index], as: UTF8.self))
            } else {
                try lexPunctuation(current, start: start)
            }
        }
        tokens.append(Token(kind: .endOfInput, start: bytes.count, end: bytes.count))
    }

    private mutating func skipTrivia() throws(SQLSyntaxError) {
        while index < bytes.count {
            let current = bytes[index]
            if current == 0x20 || current == 0x0A || current == 0x09 || current == 0x0D || current == 0x0C {
                index += 1
            } else if (current == UInt8(ascii: "-") && byte(at: index + 1) == UInt8(ascii: "-"))
                || (current == UInt8(ascii: "/") && byte(at: index + 1) == UInt8(ascii: "/"))
            {
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            } else if current == UInt8(ascii: "/") && byte(at: index + 1) == UInt8(ascii: "*") {
                let start = index
                index += 2
                while true {
                    guard index < bytes.count else {
                        throw SQLSyntaxError(message: "unterminated block comment", offset: start)
                    }
                    if bytes[index] == UInt8(ascii: "*") && byte(at: index + 1) == UInt8(ascii: "/") {
                        index += 2
                        break
                    }
                    index += 1
                }
            } else {
                return
            }
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private func isWordStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b >= 0x80
    }

    private func isWordPart(_ b: UInt8) -> Bool {
        isWordStart(b) || isDigit(b) || b == UInt8(ascii: "$")
    }

    private mutating func lexWord() throws(SQLSyntaxError) {
        let start = index
        var ascii = true
        while index < bytes.count && isWordPart(bytes[index]) {
            if bytes[index] >= 0x80 { ascii = false }
            index += 1
        }
        if !ascii { try checkLetters(from: start, to: index) }
        add(.word, from: start, keyword: Keyword.lookup(bytes, from: start, to: index))
    }

    /// Non-ASCII characters in a name must be letters or digits: an invisible one (a byte-order
    /// mark, a zero-width space, a no-break space) would otherwise become part of a name that
    /// looks right and is printed back unquoted.
    private func checkLetters(from start: Int, to end: Int) throws(SQLSyntaxError) {
        var offset = start
        for scalar in String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars {
            if !scalar.isASCII && !scalar.properties.isAlphabetic && scalar.properties.numericType == nil {
                let code = String(scalar.value, radix: 16, uppercase: true)
                throw SQLSyntaxError(
                    message: "unexpected character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code) in a name", offset: offset)
            }
            offset += UTF8.width(scalar)
        }
    }

    private mutating func lexNumber() {
        let start = index
        while isDigit(byte(at: index)) { index += 1 }
        if byte(at: index) == UInt8(ascii: ".") {
            index += 1
            while isDigit(byte(at: index)) { index += 1 }
        }
        let marker = byte(at: index)
        if marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            var probe = index + 1
            let sign = byte(at: probe)
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { probe += 1 }
            if isDigit(byte(at: probe)) {
                index = probe
                while isDigit(byte(at: index)) { index += 1 }
            }
        }
        var text = Array(bytes[start..<index])
        for i in text.indices where text[i] == UInt8(ascii: "E") { text[i] = UInt8(ascii: "e") }
        add(.number, from: start, value: String(decoding: text, as: UTF8.self))
    }

    private mutating func lexQuotedIdentifier() throws(SQLSyntaxError) {
        let start = index
        index += 1
        var text = [UInt8]()
        while true {
            guard index < bytes.count else {
                throw SQLSyntaxError(message: "unterminated quoted identifier", offset: start)
            }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                if byte(at: index + 1) == UInt8(ascii: "\"") {
                    text.append(b)
                    index += 2
                    continue
                }
                index += 1
                break
            }
            text.append(b)
            index += 1
        }
        if text.isEmpty {
            throw SQLSyntaxError(message: "empty quoted identifier", offset: start)
        }
        add(.quotedIdentifier, from: start, value: String(decoding: text, as: UTF8.self))
    }

    private mutating func lexDollarString() throws(SQLSyntaxError) {
        let start = index
        index += 2
        let contentStart = index
        while true {
            guard index + 1 < bytes.count else {
                throw SQLSyntaxError(message: "unterminated $$ string", offset: start)
            }
            if bytes[index] == UInt8(ascii: "$") && bytes[index + 1] == UInt8(ascii: "$") { break }
            index += 1
        }
        let value = String(decoding: bytes[contentStart..<index], as: UTF8.self)
        index += 2
        add(.string, from: start, value: value)
    }
}
