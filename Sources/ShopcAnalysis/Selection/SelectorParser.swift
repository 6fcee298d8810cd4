import ShopcBase

/// A selector that cannot be read; the command line reports it as a usage error.
public struct SelectorError: Error, Sendable, Equatable {
    public var message: String
    public var notes: [String]
}

/// Parses dbt-style selector arguments. Every argument may hold several space-separated terms.
public enum SelectorParser {
    /// The union of every argument; nil when there are none.
    public static func parse(_ arguments: [String]) throws(SelectorError) -> SelectorExpression? {
        var union: [[SelectorTerm]] = []
        for argument in arguments {
            for group in argument.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                var intersection: [SelectorTerm] = []
                for text in group.split(separator: ",", omittingEmptySubsequences: false) {
                    intersection.append(try term(String(text)))
                }
                union.append(intersection)
            }
        }
        return union.isEmpty ? nil : SelectorExpression(union: union)
    }

    /// One term: `[N]+` prefix, body, `+[N]` suffix.
    public static func term(_ text: String) throws(SelectorError) -> SelectorTerm {
        guard !text.isEmpty else {
            throw SelectorError(message: "empty selector term (two commas in a row, or a comma at an end)", notes: [])
        }
        var body = Substring(text)
        var parents: Depth?
        var children: Depth?
        var at = false
        if body.first == "@" {
            at = true
            body = body.dropFirst()
            if body.first == "+" || body.first?.isNumber == true {
                throw SelectorError(message: "selector '\(text)' combines '@' with a leading '+'", notes: ["'@x' already selects every ancestor of x's descendants"])
            }
        }
        let leadingDigits = body.prefix { $0.isASCII && $0.isNumber }
        if body.dropFirst(leadingDigits.count).first == "+" {
            parents = leadingDigits.isEmpty ? .unbounded : .levels(Int(leadingDigits) ?? 0)
            body = body.dropFirst(leadingDigits.count + 1)
        }
        let trailingDigits = String(body.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        if body.dropLast(trailingDigits.count).last == "+" {
            children = trailingDigits.isEmpty ? .unbounded : .levels(Int(trailingDigits) ?? 0)
            body = body.dropLast(trailingDigits.count + 1)
        }
        guard !body.isEmpty else { throw SelectorError(message: "selector '\(text)' names nothing", notes: []) }
        let method: SelectorMethod
        if let colon = body.firstIndex(of: ":") {
            let name = String(body[..<colon])
            let value = String(body[body.index(after: colon)...])
            guard !value.isEmpty else { throw SelectorError(message: "selector '\(text)' has no value after '\(name):'", notes: []) }
            switch name {
            case "tag": method = .tag(value)
            case "layer": method = .layer(value)
            case "path": method = .path(value)
            case "model": method = try .name(modelName(value, in: text))
            case "source": method = try .source(sourceName(value, in: text))
            case _ where name.hasPrefix("config."):
                let key = String(name.dropFirst("config.".count))
                guard SelectorMethod.configKeys.contains(key) else {
                    throw SelectorError(message: "unknown setting '\(key)' in selector '\(text)'",
                                        notes: (Suggestion.closest(to: key, in: SelectorMethod.configKeys).map { ["did you mean 'config.\($0):'?"] } ?? [])
                                            + ["config. selects on: \(SelectorMethod.configKeys.joined(separator: ", "))"])
                }
                method = .config(key: key, value: value)
            case "state":
                switch value {
                case "modified": method = .stateModified
                case "new": method = .stateNew
                default:
                    throw SelectorError(message: "unknown state '\(value)' in selector '\(text)'", notes: ["state selectors are state:modified and state:new"]
                        + (Suggestion.closest(to: value, in: ["modified", "new"]).map { ["did you mean 'state:\($0)'?"] } ?? []))
                }
            default:
                throw SelectorError(message: "unknown selector method '\(name)' in '\(text)'",
                                    notes: (Suggestion.closest(to: name, in: SelectorMethod.methods).map { ["did you mean '\($0):'?"] } ?? [])
                                        + ["methods are: \(SelectorMethod.methods.joined(separator: ", "))"])
            }
        } else {
            method = try .name(modelName(String(body), in: text))
        }
        if at && parents != nil {
            throw SelectorError(message: "selector '\(text)' combines '@' with a leading '+'", notes: ["'@x' already selects every ancestor of x's descendants"])
        }
        return SelectorTerm(parents: parents, children: children, method: method, text: text, withAncestorsOfDescendants: at)
    }

    /// `raw` or `raw.orders` (wildcards allowed).
    static func sourceName(_ name: String, in text: String) throws(SelectorError) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }), (try? parts.map { part throws(SelectorError) in try modelName(String(part), in: text) }) != nil else {
            throw SelectorError(message: "selector '\(text)' names no source: write source:NAME or source:NAME.TABLE", notes: [])
        }
        return name
    }

    static func modelName(_ name: String, in text: String) throws(SelectorError) -> String {
        let ok = name.unicodeScalars.allSatisfy { $0 == "_" || $0 == "*" || $0 == "$" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        guard ok else { throw SelectorError(message: "selector '\(text)' is not a model name, a method (tag:, layer:, path:, state:, source:, config.…:) or a graph operator (+, @)", notes: []) }
        return name
    }
}
