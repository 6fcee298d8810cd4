/// Evaluated arguments of a filter, test or method call, with Python-style binding by position
/// or keyword.
struct FilterArgs {
    var positional: [TemplateValue]
    var keywords: [(name: String, value: TemplateValue)]

    /// The argument at `index` or named `name`, if given.
    func value(_ index: Int, _ name: String) -> TemplateValue? {
        if index < positional.count { return positional[index] }
        return keywords.first { $0.name == name }?.value
    }

    /// Whether only known parameters were passed; returns the first unexpected keyword.
    func unexpected(_ parameters: [String]) -> String? {
        if positional.count > parameters.count { return "\(positional.count) positional arguments" }
        for k in keywords where !parameters.contains(k.name) { return "keyword '\(k.name)'" }
        return nil
    }
}

/// Python whitespace and case helpers on strings.
enum Text {
    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || (s.value >= 0x1C && s.value <= 0x1F) }

    static func strip(_ s: String, _ chars: String?, leading: Bool, trailing: Bool) -> String {
        let set = chars.map { Set($0.unicodeScalars) }
        let remove = { (c: Unicode.Scalar) -> Bool in set.map { $0.contains(c) } ?? isSpace(c) }
        let scalars = Array(s.unicodeScalars)
        var start = 0
        var end = scalars.count
        if leading { while start < end && remove(scalars[start]) { start += 1 } }
        if trailing { while end > start && remove(scalars[end - 1]) { end -= 1 } }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }

    static func capitalize(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        return String(first).uppercased() + String(s.unicodeScalars.dropFirst()).lowercased()
    }

    /// Jinja's `title`: words start after whitespace, `-`, `(`, `{`, `[` or `<`.
    static func title(_ s: String) -> String {
        var out = ""
        var word = ""
        var inDelimiters = true
        func flush() {
            if !word.isEmpty { out += capitalize(word) }
            word = ""
        }
        for c in s.unicodeScalars {
            let delimiter = isSpace(c) || c == "-" || c == "(" || c == "{" || c == "[" || c == "<"
            if delimiter != inDelimiters { flush() }
            inDelimiters = delimiter
            word.unicodeScalars.append(c)
        }
        flush()
        return out
    }

    /// Python `str.split()` with no separator: runs of whitespace, no empty parts.
    static func splitWhitespace(_ s: String, maxSplit: Int) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = s.unicodeScalars[...]
        while let c = scalars.first {
            if isSpace(c) {
                if !current.isEmpty {
                    parts.append(String(current))
                    current = String.UnicodeScalarView()
                    if maxSplit >= 0 && parts.count == maxSplit {
                        let rest = String(String.UnicodeScalarView(scalars.drop { isSpace($0) }))
                        if !rest.isEmpty { parts.append(strip(rest, nil, leading: false, trailing: true)) }
                        return parts
                    }
                }
            } else {
                current.append(c)
            }
            scalars = scalars.dropFirst()
        }
        if !current.isEmpty { parts.append(String(current)) }
        return parts
    }

    /// Python `str.split(sep, maxsplit)`.
    static func split(_ s: String, _ sep: String, maxSplit: Int) -> [String] {
        var parts: [String] = []
        var rest = Substring(s)
        while maxSplit < 0 || parts.count < maxSplit, let r = rest.firstRange(of: sep) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    /// Python `str.replace(old, new, count)`.
    static func replace(_ s: String, _ old: String, _ new: String, count: Int) -> String {
        if old.isEmpty { return s }
        var out = ""
        var rest = Substring(s)
        var done = 0
        while count < 0 || done < count, let r = rest.firstRange(of: old) {
            out += rest[..<r.lowerBound]
            out += new
            rest = rest[r.upperBound...]
            done += 1
        }
        out += rest
        return out
    }

    /// Python `str.splitlines()` for \n, \r\n and \r.
    static func lines(_ s: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for c in s.unicodeScalars {
            if c == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = c == "\r"
            if c == "\n" || c == "\r" {
                out.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }
}
