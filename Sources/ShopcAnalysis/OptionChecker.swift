import ShopcBase
import ShopcSpec

/// Checks COPY and file-format options written in specs against `OptionCatalog`: the name (with
/// did-you-mean), the value's type and allowed set. Returns the options in canonical form.
struct OptionChecker {
    /// How the options are named in messages: "COPY option", "CSV file format option".
    let what: String
    /// The accepted options.
    let catalog: [String: OptionCatalog.Kind]
    /// For file formats: the type being checked, to say when an option belongs to another type.
    var formatType: String?

    /// Checks every option; returns the accepted ones with upper-case names, in file order.
    func check(_ options: [(name: Located<String>, value: SpecValue, node: SpecNode)], _ d: inout Diagnostics) -> [(name: String, value: OptionValue, location: SourceLocation)] {
        var out: [(name: String, value: OptionValue, location: SourceLocation)] = []
        var seen: [String: SourceLocation] = [:]
        for option in options {
            let name = option.name.value.uppercased()
            if let first = seen[name] {
                d.error(.duplicateKey, "\(what) '\(option.name.value)' is given twice", at: option.name.location,
                        notes: [DiagnosticNote("first given here", at: first)])
                continue
            }
            seen[name] = option.name.location
            guard let kind = catalog[name] else {
                unknown(option.name, &d)
                continue
            }
            if let value = checkValue(option.name, kind, option.value, at: option.node.location, &d) {
                out.append((name, value, option.name.location))
            }
        }
        return out
    }

    func unknown(_ name: Located<String>, _ d: inout Diagnostics) {
        let upper = name.value.uppercased()
        let lower = name.value == name.value.lowercased()
        if let type = formatType, let other = OptionCatalog.formatTypes.first(where: { $0 != type && OptionCatalog.fileFormat($0)[upper] != nil }) {
            d.error(.unknownOption, "'\(name.value)' is not an option of \(type) file formats (it applies to \(other))", at: name.location)
            return
        }
        let candidates = catalog.compactMap { key, kind -> String? in
            if case .reserved = kind { return nil }
            return lower ? key.lowercased() : key
        }
        d.error(.unknownOption, "unknown \(what) '\(name.value)'", at: name.location,
                notes: Suggestion.note(for: name.value, in: candidates).map { [$0] } ?? [])
    }

    /// The code of `\\ooo` (octal) or `0xhh` / `\\xhh` (hex), which Snowflake reads as one character.
    static func characterCode(_ s: String) -> UInt8? {
        if s.count == 4, s.hasPrefix("\\"), let n = UInt8(s.dropFirst(), radix: 8) { return n }
        if s.count == 4, s.lowercased().hasPrefix("0x") || s.lowercased().hasPrefix("\\x"), let n = UInt8(s.dropFirst(2), radix: 16) { return n }
        return nil
    }

    func checkValue(_ name: Located<String>, _ kind: OptionCatalog.Kind, _ value: SpecValue, at location: SourceLocation, _ d: inout Diagnostics) -> OptionValue? {
        let key = name.value
        switch kind {
        case .reserved(let why):
            d.error(.unknownOption, "\(what) '\(key)' cannot be set in specs: \(why)", at: name.location)
            return nil
        case .bool:
            if case .bool(let b) = value { return .bool(b) }
            d.error(.invalidOptionValue, "'\(key)' must be true or false, found \(Self.describe(value))", at: location)
        case .integer:
            if case .int(let i) = value, i >= 0 { return .number(String(i)) }
            let found = if case .int(let i) = value { String(i) } else { Self.describe(value) }
            d.error(.invalidOptionValue, "'\(key)' must be a non-negative integer, found \(found)", at: location)
        case .string:
            if case .string(let s) = value { return .string(s) }
            if let text = value.scalarText, value != .null { return .string(text) }
            d.error(.invalidOptionValue, "'\(key)' must be a string, found \(Self.describe(value))", at: location)
        case .stringOr(let word):
            if case .string(let s) = value {
                return s.uppercased() == word ? .keyword(word) : .string(s)
            }
            if let text = value.scalarText, value != .null { return .string(text) }
            d.error(.invalidOptionValue, "'\(key)' must be a string or \(word), found \(Self.describe(value))", at: location)
        case .character(let only):
            guard case .string(let s) = value else {
                d.error(.invalidOptionValue, "'\(key)' must be one character or NONE, found \(Self.describe(value))", at: location)
                return nil
            }
            if s.uppercased() == "NONE" { return .keyword("NONE") }
            let code = Self.characterCode(s)
            if s.count == 1 || code != nil {
                let character = s.count == 1 ? s : code.map { String(UnicodeScalar($0)) }
                if let only, !(character.map { only.contains($0) } ?? false) {
                    let allowed = only.map { "\($0)" }.joined(separator: " or ")
                    d.error(.invalidOptionValue, "'\(key)' must be \(allowed) or NONE, found '\(s)'", at: location)
                    return nil
                }
                return .string(s)
            }
            d.error(.invalidOptionValue, "'\(key)' must be one character (or its octal \\ooo or hex 0xhh form) or NONE, found '\(s)' (\(s.count) characters)",
                    at: location, notes: s.allSatisfy({ $0 == "\\" }) ? [DiagnosticNote("a backslash is '\\' in single quotes or \"\\\\\" in double quotes: YAML does not read escapes in single quotes")] : [])
            return nil
        case .keyword(let words):
            if let text = value.scalarText, words.contains(text.uppercased()) { return .keyword(text.uppercased()) }
            let found = value.scalarText.map { "'\($0)'" } ?? Self.describe(value)
            d.error(.invalidOptionValue, "'\(key)' must be one of \(words.joined(separator: ", ")), found \(found)", at: location,
                    notes: value.scalarText.flatMap { Suggestion.note(for: $0.uppercased(), in: words) }.map { [$0] } ?? [])
        case .stringList:
            switch value {
            case .string(let s): return .list([.string(s)])
            case .list(let items):
                var out: [OptionValue] = []
                for item in items {
                    guard let text = item.scalarText, item != .null, !Self.isCollection(item) else {
                        d.error(.invalidOptionValue, "'\(key)' must be a list of strings, found an item that is \(Self.describe(item))", at: location)
                        return nil
                    }
                    out.append(.string(text))
                }
                return .list(out)
            default:
                d.error(.invalidOptionValue, "'\(key)' must be a list of strings, found \(Self.describe(value))", at: location)
            }
        case .onError:
            return Self.onError(key, value, at: location, &d)
        }
        return nil
    }

    /// `ON_ERROR`: CONTINUE | SKIP_FILE | SKIP_FILE_<n> | 'SKIP_FILE_<n>%' | ABORT_STATEMENT.
    static func onError(_ key: String, _ value: SpecValue, at location: SourceLocation, _ d: inout Diagnostics) -> OptionValue? {
        let words = ["CONTINUE", "SKIP_FILE", "ABORT_STATEMENT"]
        guard case .string(let raw) = value else {
            d.error(.invalidOptionValue, "'\(key)' must be CONTINUE, SKIP_FILE, SKIP_FILE_<n>, 'SKIP_FILE_<n>%' or ABORT_STATEMENT, found \(describe(value))", at: location)
            return nil
        }
        let text = raw.uppercased()
        if words.contains(text) { return .keyword(text) }
        if text.hasPrefix("SKIP_FILE_") {
            var count = String(text.dropFirst("SKIP_FILE_".count))
            let percent = count.hasSuffix("%")
            if percent { count.removeLast() }
            if !count.isEmpty, count.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(count), n > 0, !percent || n <= 100 {
                return percent ? .string("SKIP_FILE_\(n)%") : .keyword("SKIP_FILE_\(n)")
            }
        }
        d.error(.invalidOptionValue, "'\(key)' must be CONTINUE, SKIP_FILE, SKIP_FILE_<n>, 'SKIP_FILE_<n>%' or ABORT_STATEMENT, found '\(Identifier.printable(raw))'", at: location,
                notes: Suggestion.note(for: text, in: words).map { [$0] } ?? [])
        return nil
    }

    static func isCollection(_ v: SpecValue) -> Bool {
        switch v {
        case .list, .map: true
        default: false
        }
    }

    /// "a string", "a list"... for messages.
    static func describe(_ v: SpecValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}
