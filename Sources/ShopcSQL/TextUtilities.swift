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

/// A single-quoted SQL string literal for `value`: `'` doubled, backslash and control
/// characters written as backslash escapes.
func stringLiteralSQL(_ value: String) -> String {
    var out = "'"
    for scalar in value.unicodeScalars {
        switch scalar {
        case "'": out += "''"
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        // Not `\0`: before an octal digit it would read back as one octal escape (`\05`).
        case "\u{0}": out += "\\x00"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out += "'"
    return out
}
