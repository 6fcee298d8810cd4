import ShopcBase

/// Splits template text into data and tag tokens, on UTF-8 bytes, in one linear pass.
/// Applies Jinja's whitespace control (`{%-`, `-%}`...), comments, `raw` blocks and the removal of
/// a single trailing newline.
struct Lexer {
    let b: [UInt8]
    let end: Int
    let loc: Locator
    var tokens: [Token] = []
    var lstripNext = false

    init(text: String, locator: Locator) {
        b = Array(text.utf8)
        var e = b.count
        if e > 0 && b[e - 1] == 0x0A {
            e -= 1
            if e > 0 && b[e - 1] == 0x0D { e -= 1 }
        }
        end = e
        loc = locator
        tokens.reserveCapacity(b.count / 4 + 8)
    }

    func at(_ i: Int) -> UInt8 { i < end ? b[i] : 0 }

    func text(_ from: Int, _ to: Int) -> String { String(decoding: b[from..<to], as: UTF8.self) }

    /// Emits a data token for `from..<to`, honouring pending left strip and a right strip.
    mutating func emitData(_ from: Int, _ to: Int, rstrip: Bool) {
        var s = from, e = to
        if lstripNext { while s < e && b[s].isSpace { s += 1 } }
        lstripNext = false
        if rstrip { while e > s && b[e - 1].isSpace { e -= 1 } }
        if s < e { tokens.append(Token(kind: .data(text(s, e)), start: s, end: e)) }
    }

    mutating func run() throws(TemplateError) -> [Token] {
        var pos = 0
        while pos < end {
            var i = pos
            var found = false
            while i + 1 < end {
                if b[i] == 0x7B, b[i + 1] == 0x7B || b[i + 1] == 0x25 || b[i + 1] == 0x23 { found = true; break }
                i += 1
            }
            if !found {
                emitData(pos, end, rstrip: false)
                pos = end
                break
            }
            let kind = b[i + 1]
            let strip = at(i + 2) == 0x2D  // '-'
            emitData(pos, i, rstrip: strip)
            let bodyStart = i + 2 + ((strip || at(i + 2) == 0x2B) ? 1 : 0)
            switch kind {
            case 0x23: pos = try comment(opener: i, from: bodyStart)
            case 0x25:
                if let after = try rawBlock(opener: i, from: bodyStart) {
                    pos = after
                } else {
                    tokens.append(Token(kind: .blockBegin, start: i, end: bodyStart))
                    pos = try tagBody(opener: i, from: bodyStart, close: 0x25)
                }
            default:
                tokens.append(Token(kind: .variableBegin, start: i, end: bodyStart))
                pos = try tagBody(opener: i, from: bodyStart, close: 0x7D)
            }
        }
        tokens.append(Token(kind: .eof, start: end, end: end))
        return tokens
    }

    mutating func comment(opener: Int, from: Int) throws(TemplateError) -> Int {
        var j = from
        while j + 1 < end {
            if b[j] == 0x23 && b[j + 1] == 0x7D {
                lstripNext = j > from && b[j - 1] == 0x2D
                return j + 2
            }
            j += 1
        }
        throw loc.error(.templateSyntax, "unterminated comment", at: opener)
    }

    /// Matches `name` (after optional spaces) then `%}` or `-%}` at `p`; returns (end, strip).
    func matchTagWord(_ word: String, at p: Int) -> (end: Int, strip: Bool)? {
        var j = p
        while j < end && b[j].isSpace { j += 1 }
        for byte in word.utf8 {
            guard at(j) == byte else { return nil }
            j += 1
        }
        if at(j).isNameChar { return nil }
        while j < end && b[j].isSpace { j += 1 }
        if at(j) == 0x2D && at(j + 1) == 0x25 && at(j + 2) == 0x7D { return (j + 3, true) }
        if at(j) == 0x25 && at(j + 1) == 0x7D { return (j + 2, false) }
        return nil
    }

    /// Handles `{% raw %}...{% endraw %}`; returns nil when the tag is not `raw`.
    mutating func rawBlock(opener: Int, from: Int) throws(TemplateError) -> Int? {
        guard let open = matchTagWord("raw", at: from) else { return nil }
        var j = open.end
        while j + 1 < end {
            if b[j] == 0x7B && b[j + 1] == 0x25 {
                let strip = at(j + 2) == 0x2D
                let wordStart = j + 2 + ((strip || at(j + 2) == 0x2B) ? 1 : 0)
                if let close = matchTagWord("endraw", at: wordStart) {
                    lstripNext = open.strip
                    emitData(open.end, j, rstrip: strip)
                    lstripNext = close.strip
                    return close.end
                }
            }
            j += 1
        }
        throw loc.error(.templateSyntax, "unterminated 'raw' block: missing '{% endraw %}'", at: opener)
    }

    /// Tokenizes the expression inside a tag up to its closing delimiter.
    mutating func tagBody(opener: Int, from: Int, close: UInt8) throws(TemplateError) -> Int {
        var p = from
        var brackets: [(UInt8, Int)] = []
        let tagName = close == 0x25 ? "'{%'" : "'{{'"
        while true {
            while p < end && b[p].isSpace { p += 1 }
            if p >= end {
                throw loc.error(.templateSyntax, "unterminated \(tagName) tag", at: opener)
            }
            if brackets.isEmpty {
                if b[p] == 0x2D && at(p + 1) == close && at(p + 2) == 0x7D {
                    tokens.append(Token(kind: close == 0x25 ? .blockEnd : .variableEnd, start: p, end: p + 3))
                    lstripNext = true
                    return p + 3
                }
                if b[p] == close && at(p + 1) == 0x7D {
                    tokens.append(Token(kind: close == 0x25 ? .blockEnd : .variableEnd, start: p, end: p + 2))
                    return p + 2
                }
            }
            let c = b[p]
            if c.isNameStart {
                var j = p + 1
                while j < end && b[j].isNameChar { j += 1 }
                tokens.append(Token(kind: .name(text(p, j)), start: p, end: j))
                p = j
            } else if c.isDigit {
                p = try number(at: p)
            } else if c == 0x27 || c == 0x22 {
                p = try string(at: p, quote: c)
            } else {
                p = try op(at: p, brackets: &brackets)
            }
        }
    }

    mutating func op(at p: Int, brackets: inout [(UInt8, Int)]) throws(TemplateError) -> Int {
        let c = b[p], n = at(p + 1)
        var len = 1
        switch c {
        case 0x2F, 0x2A: if n == c { len = 2 }  // // **
        case 0x3D, 0x21, 0x3C, 0x3E: if n == 0x3D { len = 2 }  // == != <= >=
        case 0x28, 0x5B, 0x7B: brackets.append((c, p))
        case 0x29, 0x5D, 0x7D:
            let expected: UInt8 = c == 0x29 ? 0x28 : (c == 0x5D ? 0x5B : 0x7B)
            guard let last = brackets.last, last.0 == expected else {
                if let last = brackets.last {
                    let closer = last.0 == 0x28 ? ")" : (last.0 == 0x5B ? "]" : "}")
                    throw loc.error(
                        .templateSyntax, "unexpected '\(text(p, p + 1))', expected '\(closer)'", at: p,
                        notes: [DiagnosticNote("'\(text(last.1, last.1 + 1))' opened here", at: loc.location(last.1))])
                }
                throw loc.error(.templateSyntax, "unexpected '\(text(p, p + 1))'", at: p)
            }
            brackets.removeLast()
        case 0x2B, 0x2D, 0x25, 0x7E, 0x2E, 0x3A, 0x7C, 0x2C, 0x3B: break
        default:
            var j = p + 1
            while j < end && b[j] & 0xC0 == 0x80 { j += 1 }
            throw loc.error(.templateSyntax, "unexpected character '\(text(p, j))'", at: p)
        }
        let o = text(p, p + len)
        if o == "!" { throw loc.error(.templateSyntax, "unexpected character '!'", at: p) }
        tokens.append(Token(kind: .op(o), start: p, end: p + len))
        return p + len
    }

    func digitsEnd(_ from: Int) -> Int {
        var j = from
        while j < end && (b[j].isDigit || (b[j] == 0x5F && at(j + 1).isDigit && j > from)) { j += 1 }
        return j
    }

    mutating func number(at p: Int) throws(TemplateError) -> Int {
        var j = digitsEnd(p)
        var isFloat = false
        if at(j) == 0x2E && at(j + 1).isDigit {
            isFloat = true
            j = digitsEnd(j + 1)
        }
        if at(j) == 0x65 || at(j) == 0x45 {
            var k = j + 1
            if at(k) == 0x2B || at(k) == 0x2D { k += 1 }
            if at(k).isDigit {
                isFloat = true
                j = digitsEnd(k)
            }
        }
        let literal = String(text(p, j).filter { $0 != "_" })
        if isFloat {
            guard let d = Double(literal) else { throw loc.error(.templateSyntax, "invalid number literal", at: p) }
            tokens.append(Token(kind: .float(d), start: p, end: j))
        } else {
            guard let i = Int(literal) else { throw loc.error(.templateSyntax, "integer literal too large", at: p) }
            tokens.append(Token(kind: .integer(i), start: p, end: j))
        }
        return j
    }
}
