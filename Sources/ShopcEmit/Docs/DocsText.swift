/// Escaping of free text (descriptions come from specs) for the documentation formats. Every
/// value that reaches HTML, SVG, Markdown or mermaid goes through one of these.
enum DocsText {
    /// Text for HTML element content and attribute values: `& < > " '` become entities, so a
    /// description holding `<script>` renders as text.
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Free text for a Markdown paragraph: HTML is neutralised (GitHub would sanitise it, other
    /// renderers may not); Markdown emphasis and code spans are kept.
    static func markdown(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Free text for one cell of a Markdown table: one line, `|` escaped.
    static func markdownCell(_ s: String) -> String {
        markdown(oneLine(s)).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A mermaid label inside `["…"]`: quotes and angle brackets as mermaid entity codes.
    static func mermaid(_ s: String) -> String {
        var out = ""
        for scalar in oneLine(s).unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            case "#": out += "#35;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whitespace runs (newlines included) folded to single spaces, trimmed.
    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// A code fence longer than any backtick run in `body`, so the body cannot close it.
    static func fence(for body: String) -> String {
        var longest = 0
        var run = 0
        for ch in body.utf8 {
            if ch == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// An HTML id for a node: `model-stg_orders`, `source-shopverse_raw-bronze_orders`.
    /// Names are identifiers (no `-`), so the mapping is one-to-one.
    static func anchor(_ id: String) -> String {
        id.replacingOccurrences(of: ".", with: "-")
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
