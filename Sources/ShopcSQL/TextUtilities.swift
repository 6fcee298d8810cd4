/// Upper-cases ASCII letters only, leaving other characters untouched.
func asciiUppercased(_ text: String) -> String {
    var bytes = Array(text.utf8)
    var changed = false
    for index in bytes.indices where bytes[index] >= 0x61 && bytes[index] <= 0x7A {
        bytes[index] -= 0x20
        changed = true
    }
    return changed ? String(decoding: bytes, as: UTF8.self) : text
}

/// Lower-cases ASCII letters only, leaving other characters untouched.
func asciiLowercased(_ text: String) -> String {
    var bytes = Array(text.utf8)
    var changed = false
    for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
        bytes[index] += 0x20
        changed = true
    }
    return changed ? String(decoding: bytes, as: UTF8.self) : text
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
