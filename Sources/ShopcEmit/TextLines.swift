/// Line and whitespace edits of generated text, done on UTF-8 bytes (emitters run them on every
/// model script, so `Character` iteration and Foundation would dominate emission).
///
/// They keep the results the `Character`-based versions gave: a line ends at a `\n` that is not
/// part of a `\r\n` pair (Swift's `split(separator: "\n")` does not split a `\r\n` grapheme), and
/// trimming stops at the first character that is not one of ` `, `\t`, `\n`, `\r` as a whole
/// grapheme — where a non-ASCII scalar borders the whitespace, grapheme rules decide, so those
/// rare texts take the `Character` path.
extension String {
    /// Every non-empty line indented by `width` spaces.
    func indented(_ width: Int) -> String {
        var source = self
        return source.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + width)
            var lineStart = 0
            var index = 0
            while index <= bytes.count {
                if index == bytes.count || Self.isLineBreak(bytes, at: index) {
                    if index > lineStart {
                        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
                        out.append(contentsOf: bytes[lineStart..<index])
                    }
                    if index < bytes.count { out.append(UInt8(ascii: "\n")) }
                    lineStart = index + 1
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text after its first line (empty when there is only one line).
    var droppingFirstLine: String {
        var source = self
        return source.withUTF8 { bytes in
            for index in bytes.indices where Self.isLineBreak(bytes, at: index) {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)...]), as: UTF8.self)
            }
            return ""
        }
    }

    /// The text without its leading empty lines.
    var droppingLeadingBlankLines: String {
        guard utf8.first == UInt8(ascii: "\n") else { return self }
        let start = utf8.firstIndex { $0 != UInt8(ascii: "\n") } ?? utf8.endIndex
        return String(self[start...])
    }

    /// The last line (all of the text when it has no line break).
    var lastLine: Substring {
        var source = self
        let start = source.withUTF8 { bytes in
            bytes.indices.reversed().first { Self.isLineBreak(bytes, at: $0) }.map { $0 + 1 } ?? 0
        }
        return self[utf8.index(startIndex, offsetBy: start)...]
    }

    /// The text without leading and trailing spaces, tabs, `\n` and `\r`.
    func trimmingCharacters() -> String {
        var source = self
        let range: Range<Int>? = source.withUTF8 { bytes in
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
            var start = 0
            // A `\r\n` pair is one character, and not one of the four.
            while start < bytes.count, isSpace(bytes[start]),
                  !(bytes[start] == 0x0D && start + 1 < bytes.count && bytes[start + 1] == 0x0A) {
                start += 1
            }
            if start > 0 && start < bytes.count && bytes[start] >= 0x80 { return nil }
            var end = bytes.count
            while end > start, isSpace(bytes[end - 1]), !(bytes[end - 1] == 0x0A && end - 2 >= 0 && bytes[end - 2] == 0x0D) {
                end -= 1
            }
            if end < bytes.count && end > 0 && bytes[end - 1] >= 0x80 { return nil }
            return start..<end
        }
        guard let range else { return trimmingGraphemes() }
        if range.count == utf8.count { return self }
        return String(self[utf8.index(startIndex, offsetBy: range.lowerBound)..<utf8.index(startIndex, offsetBy: range.upperBound)])
    }

    /// `trimmingCharacters` by `Character`, for whitespace next to non-ASCII text.
    private func trimmingGraphemes() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }

    /// Whether the byte at `index` is a `\n` that ends a line (not the second half of `\r\n`).
    private static func isLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        bytes[index] == UInt8(ascii: "\n") && (index == 0 || bytes[index - 1] != UInt8(ascii: "\r"))
    }
}
