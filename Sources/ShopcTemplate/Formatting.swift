/// Python-compatible printing of template values (`str()` and `repr()`).
extension TemplateValue {
    /// What `{{ value }}` prints: Python `str()`.
    public var displayString: String {
        switch self {
        case .string(let s): return s
        case .object(let o): return o.display
        default:
            var out = ""
            appendRepr(to: &out)
            return out
        }
    }

    /// Python `repr()`.
    public var reprString: String {
        var out = ""
        appendRepr(to: &out)
        return out
    }

    func appendRepr(to out: inout String) {
        switch self {
        case .none: out += "None"
        case .bool(let b): out += b ? "True" : "False"
        case .int(let i): out += String(i)
        case .double(let d): out += Self.pythonFloat(d)
        case .string(let s): Self.appendStringRepr(s, to: &out)
        case .object(let o): out += o.display
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.appendRepr(to: &out)
            }
            out += "]"
        case .dict(let dict):
            out += "{"
            var first = true
            for (key, value) in dict {
                if !first { out += ", " }
                first = false
                Self.appendStringRepr(key, to: &out)
                out += ": "
                value.appendRepr(to: &out)
            }
            out += "}"
        }
    }

    /// Python's `repr` of a str: single quotes unless the text has `'` and no `"`.
    static func appendStringRepr(_ s: String, to out: inout String) {
        let quote: Character = (s.contains("'") && !s.contains("\"")) ? "\"" : "'"
        out.append(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\"
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
    }

    /// Python's `repr` of a float: shortest round-trip digits, fixed notation for exponents in
    /// -4..<16, otherwise scientific with a signed two-digit exponent.
    static func pythonFloat(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description gives shortest round-trip digits; re-lay them out Python's way.
        var text = Swift.abs(d).description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var intPart = text
        var fracPart = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = String(text[..<dot])
            fracPart = String(text[text.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var pointPos = intPart.count + exponent  // digits before the decimal point
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPos -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let decimalExponent = pointPos - 1
        let sign = d < 0 ? "-" : ""
        if decimalExponent >= -4 && decimalExponent < 16 {
            if pointPos <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPos) + digits
            }
            if pointPos >= digits.count {
                return sign + digits + String(repeating: "0", count: pointPos - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: pointPos)
            return sign + digits[..<split] + "." + digits[split...]
        }
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let expSign = decimalExponent < 0 ? "-" : "+"
        let expDigits = String(Swift.abs(decimalExponent))
        return sign + mantissa + "e" + expSign + (expDigits.count < 2 ? "0" + expDigits : expDigits)
    }
}
