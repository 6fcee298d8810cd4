/// Escaping of free text (descriptions come from specs) for the documentation formats. Every
/// value that reaches HTML, SVG, Markdown or mermaid goes through one of these.
enum DocsText {
    /// Text for HTML element content and attribute values: `& < > " '` become entities, so a
    /// description holding `<script>` renders as text.
    static func html(_ s: String) -> String { htmlEscapes.apply(s) }

    /// Free text for a Markdown paragraph: HTML is neutralised (GitHub would sanitise it, other
    /// renderers may not); Markdown emphasis and code spans are kept.
    static func markdown(_ s: String) -> String { markdownEscapes.apply(s) }

    /// Free text for one cell of a Markdown table: one line, `|` escaped.
    static func markdownCell(_ s: String) -> String { cellEscapes.apply(oneLine(s)) }

    /// A mermaid label inside `["…"]`: quotes and angle brackets as mermaid entity codes.
    static func mermaid(_ s: String) -> String { mermaidEscapes.apply(oneLine(s)) }

    static let markdownEscapes = ByteEscapes(["&": "&amp;", "<": "&lt;", ">": "&gt;"])
    static let htmlEscapes = ByteEscapes(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"])
    static let cellEscapes = ByteEscapes(["&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|"])
    static let mermaidEscapes = ByteEscapes(["\"": "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;"])

    /// Replacements of ASCII characters, applied to UTF-8 bytes: the bytes of a multi-byte
    /// character are never ASCII, so this is exact.
    struct ByteEscapes: Sendable {
        /// Replacement bytes by byte value (nil: kept).
        let table: [[UInt8]?]

        init(_ replacements: [Unicode.Scalar: String]) {
            var table: [[UInt8]?] = Array(repeating: nil, count: 256)
            for (scalar, text) in replacements { table[Int(scalar.value)] = Array(text.utf8) }
            self.table = table
        }

        /// Appends `s` with the replacements made to `out`.
        func apply(_ s: String, into out: inout [UInt8]) {
            var source = s
            source.withUTF8 { bytes in
                var mark = 0
                for (index, byte) in bytes.enumerated() {
                    guard let replacement = table[Int(byte)] else { continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<index]))
                    out.append(contentsOf: replacement)
                    mark = index + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark...]))
            }
        }

        /// `s` with the replacements made; `s` itself when nothing matches.
        func apply(_ s: String) -> String {
            var source = s
            return source.withUTF8 { bytes in
                guard let first = bytes.firstIndex(where: { table[Int($0)] != nil }) else { return s }
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count + 16)
                out.append(contentsOf: bytes[..<first])
                for byte in bytes[first...] {
                    if let replacement = table[Int(byte)] { out.append(contentsOf: replacement) } else { out.append(byte) }
                }
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Whitespace runs (newlines included) folded to single spaces, trimmed. Runs of ` `, `\t`,
    /// `\n`, `\r` and `\r\n`; text with non-ASCII characters takes the `Character` path.
    static func oneLine(_ s: String) -> String {
        var source = s
        let folded: String? = source.withUTF8 { bytes in
            // Most descriptions are one line of words with single spaces: returned as they are.
            var plain = bytes.first != UInt8(ascii: " ") && bytes.last != UInt8(ascii: " ")
            var previous: UInt8 = 0
            for byte in bytes where plain {
                if byte >= 0x80 || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                    || (byte == UInt8(ascii: " ") && previous == UInt8(ascii: " ")) { plain = false }
                previous = byte
            }
            if plain { return s }
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var space = false
            var changed = false
            for byte in bytes {
                let separator = switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): true
                default: false
                }
                if separator {
                    // Kept as it was only when a single space sits between two words.
                    if byte != UInt8(ascii: " ") || space || out.isEmpty { changed = true }
                    space = !out.isEmpty
                } else {
                    if space { out.append(UInt8(ascii: " ")) }
                    space = false
                    out.append(byte)
                }
            }
            if space { changed = true }
            return changed ? String(decoding: out, as: UTF8.self) : s
        }
        // `\r\n` is one `Character`, equal to neither `\r` nor `\n`: it is a separator of its own.
        return folded ?? s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }

    /// A code fence longer than any backtick run in `body`, so the body cannot close it.
    static func fence(for body: String) -> String {
        var text = body
        let longest = text.withUTF8 { bytes in
            var longest = 0
            var run = 0
            for byte in bytes {
                if byte == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
            }
            return longest
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// An HTML id for a node: `model-stg_orders`, `source-shopverse_raw-bronze_orders`.
    /// Names are identifiers (no `-`), so the mapping is one-to-one.
    static func anchor(_ id: String) -> String {
        String(decoding: id.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }

    /// `1 model`, `2 models`.
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// A percentage with one decimal, computed with integers so output is byte-stable.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "n/a" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
