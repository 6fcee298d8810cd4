/// Upper-cases ASCII letters only, leaving other characters untouched.
func asciiUppercased(_ text: String) -> String { asciiShifted(text, from: 0x61...0x7A, by: -0x20) }

/// Lower-cases ASCII letters only, leaving other characters untouched.
func asciiLowercased(_ text: String) -> String { asciiShifted(text, from: 0x41...0x5A, by: 0x20) }

/// `text` with the bytes in `range` shifted by `delta`; the text itself (no copy) when none is.
/// Printing calls this for every identifier, so it works on the contiguous UTF-8 in place.
private func asciiShifted(_ text: String, from range: ClosedRange<UInt8>, by delta: Int8) -> String {
    var text = text
    return text.withUTF8 { bytes in
        guard bytes.contains(where: { range.contains($0) }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            for i in 0..<bytes.count {
                let byte = bytes[i]
                out[i] = range.contains(byte) ? UInt8(truncatingIfNeeded: Int(byte) + Int(delta)) : byte
            }
            return bytes.count
        }
    } ?? text
}

/// Wraps `text` in `quote` characters, doubling any quote inside.
func quotedSQL(_ text: String, quote: Character) -> String {
    var out = String(quote)
    for character in text {
        if character == quote { out.append(quote) }
        out.append(character)
    }
    out.append(quote)
    return out
}

/// A single-quoted SQL string literal for `value`; see `SQLQuoting.stringLiteral`.
func stringLiteralSQL(_ value: String) -> String { SQLQuoting.stringLiteral(value) }

/// Quoting of text placed into Snowflake SQL. The one implementation every stage uses (the
/// printer, test compilation, emitters), so the escaping rules cannot drift apart.
public enum SQLQuoting {
    /// A single-quoted Snowflake string literal: `'` doubled; backslash, line breaks, tabs and
    /// other control characters written as backslash escapes (NUL as `\x00`, since `\0` before a
    /// digit would read back as an octal escape); and a `$` next to another `$` as `\x24`, so the
    /// literal can sit inside a `$$ … $$` scripting block. Any text stays inert data.
    public static func stringLiteral(_ value: String) -> String {
        var out = "'"
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "$" where (index > 0 && scalars[index - 1] == "$") || (index + 1 < scalars.count && scalars[index + 1] == "$"):
                out += "\\x24"
            case "'": out += "''"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }
}
