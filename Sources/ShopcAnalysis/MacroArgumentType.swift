import ShopcTemplate

/// A macro argument type as declared in a spec (`column`, `expression NUMBER`, `list[string]`...),
/// checked against the value given at a call site.
struct MacroArgumentType: Sendable, Equatable {
    /// The base kind, lower case.
    var kind: String
    /// The element kind of `list[T]`.
    var element: String?

    init(_ text: String) {
        let head = text.split(separator: " ").first.map { String($0).lowercased() } ?? "any"
        let base = head.split(separator: "(").first.map(String.init) ?? head
        if base.hasPrefix("list[") && base.hasSuffix("]") {
            kind = "list"
            element = String(base.dropFirst(5).dropLast())
        } else {
            kind = base
            element = nil
        }
    }

    /// What was expected and what was given, or nil when the value fits.
    func mismatch(_ value: TemplateValue) -> (expected: String, actual: String)? {
        if fits(kind, value) {
            if let element, case .list(let items) = value {
                for item in items where !fits(element, item) {
                    return ("a list of \(element) values", "a list holding \(Self.describe(item))")
                }
            }
            return nil
        }
        return (Self.expected(kind), Self.describe(value))
    }

    private func fits(_ kind: String, _ value: TemplateValue) -> Bool {
        switch (kind, value) {
        case ("any", _): return true
        case ("column", .string), ("expression", .string), ("string", .string): return true
        case ("expression", .int), ("expression", .double): return true
        case ("integer", .int): return true
        case ("number", .int), ("number", .double): return true
        case ("boolean", .bool): return true
        case ("relation", .object), ("relation", .string): return true
        case ("list", .list): return true
        case (_, .none): return kind == "string" || kind == "relation" || kind == "expression"
        default: return false
        }
    }

    static func expected(_ kind: String) -> String {
        switch kind {
        case "column": "a column name (a string)"
        case "expression": "a SQL expression (a string)"
        case "string": "a string"
        case "integer": "an integer"
        case "number": "a number"
        case "boolean": "a boolean"
        case "relation": "a relation (ref() or source())"
        case "list": "a list"
        default: kind
        }
    }

    static func describe(_ value: TemplateValue) -> String {
        switch value {
        case .none: "none"
        case .bool(let b): "the boolean \(b ? "true" : "false")"
        case .int(let i): "the integer \(i)"
        case .double(let d): "the number \(d)"
        case .string(let s): "the string '\(s.count > 40 ? String(s.prefix(37)) + "..." : s)'"
        case .list: "a list"
        case .dict: "a mapping"
        case .object(let o): "the relation \(o.display)"
        }
    }
}
