/// String literal lexing with Python escapes.
extension Lexer {
    mutating func string(at p: Int, quote: UInt8) throws(TemplateError) -> Int {
        var j = p + 1
        var scalars = String.UnicodeScalarView()
        var chunkStart = j
        func flush(_ upTo: Int) {
            if chunkStart < upTo { scalars.append(contentsOf: text(chunkStart, upTo).unicodeScalars) }
        }
        while j < end {
            let c = b[j]
            if c == quote {
                if chunkStart == p + 1 {
                    // No escapes: the literal is its bytes.
                    tokens.append(Token(kind: .string(text(chunkStart, j)), start: p, end: j + 1))
                    return j + 1
                }
                flush(j)
                tokens.append(Token(kind: .string(String(scalars)), start: p, end: j + 1))
                return j + 1
            }
            if c != 0x5C {
                j += 1
                continue
            }
            flush(j)
            let e = at(j + 1)
            j += 2
            switch e {
            case 0x6E: scalars.append("\n")
            case 0x74: scalars.append("\t")
            case 0x72: scalars.append("\r")
            case 0x5C: scalars.append("\\")
            case 0x27: scalars.append("'")
            case 0x22: scalars.append("\"")
            case 0x61: scalars.append("\u{07}")
            case 0x62: scalars.append("\u{08}")
            case 0x66: scalars.append("\u{0C}")
            case 0x76: scalars.append("\u{0B}")
            case 0x0A: break  // line continuation
            case 0x78, 0x75, 0x55:  // \xNN \uNNNN \UNNNNNNNN
                let width = e == 0x78 ? 2 : (e == 0x75 ? 4 : 8)
                guard j + width <= end, let v = UInt32(text(j, j + width), radix: 16),
                    let scalar = Unicode.Scalar(v)
                else {
                    throw loc.error(.templateSyntax, "invalid escape sequence in string literal", at: j - 2)
                }
                scalars.append(scalar)
                j += width
            case 0x30...0x37:
                var v = UInt32(e - 0x30)
                var k = 0
                while k < 2 && at(j) >= 0x30 && at(j) <= 0x37 {
                    v = v * 8 + UInt32(at(j) - 0x30)
                    j += 1
                    k += 1
                }
                if let scalar = Unicode.Scalar(v) { scalars.append(scalar) }
            default:
                // Unknown escapes keep their backslash, as in Python.
                j -= 1
                scalars.append("\\")
            }
            chunkStart = j
        }
        throw loc.error(.templateSyntax, "unterminated string literal", at: p)
    }
}
