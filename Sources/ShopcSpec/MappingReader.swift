import ShopcBase

/// Reads typed fields out of a YAML mapping, reporting unknown keys (with did-you-mean), wrong
/// value types and missing required fields as located diagnostics.
struct MappingReader {
    let node: MappingNode
    /// What the mapping describes, for messages ("model", "source table"...).
    let what: String
    /// The allowed keys present, and the index of each one's entry when some key is not allowed.
    private var keys: [String] = []
    private var indices: [Int]?

    /// The declared shape of the mapping, when it is one of `SpecSchema.sections`.
    let section: SpecSchema.Section?
    /// The allowed keys, when given as a list rather than by `section`.
    private let allowedList: [String]?

    /// Checks the keys against the section's fields (every key for open-ended sections) and
    /// indexes the entries; `what` overrides the section's name in messages.
    init(_ node: MappingNode, section: SpecSchema.Section, what: String? = nil, diagnostics: inout Diagnostics) {
        self.node = node
        self.what = what ?? section.what
        self.section = section
        allowedList = nil
        indexKeys(&diagnostics)
    }

    /// Checks the keys against `allowed` and indexes the entries.
    init(_ node: MappingNode, what: String, allowed: [String], section: SpecSchema.Section? = nil, diagnostics: inout Diagnostics) {
        self.node = node
        self.what = what
        self.section = section
        allowedList = allowed
        indexKeys(&diagnostics)
    }

    private func allows(_ key: String) -> Bool {
        if let allowedList { return allowedList.contains(key) }
        return section?.openEnded == true || section?.field(key) != nil
    }

    /// Reports the keys that are not allowed and indexes the others.
    private mutating func indexKeys(_ diagnostics: inout Diagnostics) {
        keys.reserveCapacity(node.entries.count)
        for index in node.entries.indices {
            let key = node.entries[index].key.text
            if allows(key) {
                keys.append(key)
                indices?.append(index)
                continue
            }
            if indices == nil { indices = Array(0..<index) }
            var notes: [DiagnosticNote] = []
            if let note = Suggestion.note(for: key, in: allowedList ?? section?.keys ?? []) {
                notes.append(note)
            } else if let explanation = Self.dbtOnly[key] {
                notes.append(DiagnosticNote("'\(key)' is dbt's; \(explanation)"))
            } else if key.hasSuffix(")"), key.dropLast().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") }) {
                // `{name: amount, type: NUMBER(38,2)}`: the comma split the type into a second entry.
                notes.append(DiagnosticNote("this looks like the end of a type cut at a comma: inside `{…}` a comma separates entries, so quote the type"))
            }
            diagnostics.error(.unknownKey, "unknown key '\(key)' in \(what)", at: node.entries[index].key.location, notes: notes)
        }
    }

    /// Keys a dbt user writes that shopc has no equivalent of, with what to do instead.
    static let dbtOnly: [String: String] = [
        "config": "in shopc a model's settings (materialized, unique_key, tags…) are keys of the model itself",
        "on_schema_change": "shopc has none: a column change of an incremental model needs its table dropped (the next deploy rebuilds it) or altered, and shopc diff reports it as breaking",
        "full_refresh": "shopc has none: drop an incremental model's table and the next deploy rebuilds it from the full query",
        "pre_hook": "shopc runs no hooks", "post_hook": "shopc runs no hooks", "pre-hook": "shopc runs no hooks", "post-hook": "shopc runs no hooks",
        "snapshots": "shopc has no snapshots", "seeds": "shopc has no seeds: load files through a source's stage",
        "exposures": "shopc has no exposures", "metrics": "shopc has no metrics", "semantic_models": "shopc has no semantic models",
        "persist_docs": "shopc writes descriptions as COMMENTs on its own",
        "grants": "shopc grants through the roles of the project section",
    ]

    /// The entry index of an allowed key. A linear search: mappings are small, and the YAML
    /// reader has rejected duplicate keys.
    private func index(_ key: String) -> Int? {
        // Comparing lengths first spares most calls into the string comparison.
        let length = key.utf8.count
        guard let position = keys.firstIndex(where: { $0.utf8.count == length && $0 == key }) else { return nil }
        return indices?[position] ?? position
    }

    /// The value of an allowed key.
    private func value(_ key: String) -> SpecNode? { index(key).map { node.entries[$0].value } }

    /// The raw node of a key, if present.
    func node(_ key: String) -> SpecNode? { value(key) }

    /// Whether the key is present.
    func has(_ key: String) -> Bool { index(key) != nil }

    /// The location of a key itself, or of the mapping when absent.
    func keyLocation(_ key: String) -> SourceLocation { index(key).map { node.entries[$0].key.location } ?? node.location }

    private func wrongType(_ key: String, expected: String, found: SpecNode, _ diagnostics: inout Diagnostics) {
        diagnostics.error(
            .wrongType, "'\(key)' in \(what) must be \(expected), found \(found.kindDescription)", at: found.location)
    }

    /// Checks, in debug builds, that a typed field is declared in `SpecSchema`.
    private func assertDeclared(_ key: String) {
        assert(section == nil || section?.openEnded == true || section?.field(key) != nil, "'\(key)' is not declared in SpecSchema for \(what)")
    }

    /// Whether `key` must be present: the caller's word, else the section's declaration. Asked
    /// only when the key is absent or null, as the declaration takes a search.
    private func isRequired(_ key: String, _ explicit: Bool?) -> Bool {
        explicit ?? section?.field(key)?.required ?? false
    }

    private func missing(_ key: String, _ diagnostics: inout Diagnostics) {
        diagnostics.error(.missingField, "\(what) is missing required key '\(key)'", at: node.location)
    }

    /// A string field. Numbers and booleans are not accepted where a string is expected, except
    /// when `lenient` (for free text such as descriptions).
    func string(_ key: String, required explicit: Bool? = nil, lenient: Bool = false, _ d: inout Diagnostics) -> Located<String>? {
        assertDeclared(key)
        guard let value = value(key) else {
            if isRequired(key, explicit) { missing(key, &d) }
            return nil
        }
        if case .scalar(let s) = value {
            switch s.resolved {
            case .string(let text): return Located(text, at: s.location)
            case .null where !isRequired(key, explicit): return nil
            case .int, .double, .bool:
                if lenient { return Located(s.text, at: s.location) }
            default: break
            }
        }
        wrongType(key, expected: "a string", found: value, &d)
        return nil
    }

    /// A scalar string with its origin, for embedded SQL and templates.
    func text(_ key: String, _ d: inout Diagnostics) -> ScalarNode? {
        guard let value = value(key) else { return nil }
        if case .scalar(let s) = value, case .string = s.resolved { return s }
        wrongType(key, expected: "a string", found: value, &d)
        return nil
    }

    /// An integer field.
    func int(_ key: String, required explicit: Bool? = nil, _ d: inout Diagnostics) -> Located<Int>? {
        assertDeclared(key)
        guard let value = value(key) else {
            if isRequired(key, explicit) { missing(key, &d) }
            return nil
        }
        if case .scalar(let s) = value, case .int(let i) = s.resolved { return Located(i, at: s.location) }
        wrongType(key, expected: "an integer", found: value, &d)
        return nil
    }

    /// A boolean field.
    func bool(_ key: String, _ d: inout Diagnostics) -> Located<Bool>? {
        guard let value = value(key) else { return nil }
        if case .scalar(let s) = value, case .bool(let b) = s.resolved { return Located(b, at: s.location) }
        wrongType(key, expected: "a boolean (true or false)", found: value, &d)
        return nil
    }

    /// A string restricted to a set of values.
    func choice(_ key: String, _ choices: [String], ignoringCase: Bool = false, _ d: inout Diagnostics) -> Located<String>? {
        guard var s = string(key, &d) else { return nil }
        if ignoringCase, let match = choices.first(where: { $0.lowercased() == s.value.lowercased() }) { s = Located(match, at: s.location) }
        guard choices.contains(s.value) else {
            var notes = [DiagnosticNote("expected one of: \(choices.joined(separator: ", "))")]
            if let note = Suggestion.note(for: s.value, in: choices) { notes.insert(note, at: 0) }
            d.error(.invalidValue, "invalid value '\(s.value)' for '\(key)' in \(what)", at: s.location, notes: notes)
            return nil
        }
        return s
    }

    /// A list of strings; a single string is accepted as a one-element list.
    func stringList(_ key: String, _ d: inout Diagnostics) -> [Located<String>] {
        guard let value = value(key) else { return [] }
        switch value {
        case .scalar(let s):
            if case .string(let text) = s.resolved { return [Located(text, at: s.location)] }
            if case .null = s.resolved { return [] }
        case .sequence(let seq):
            var out: [Located<String>] = []
            out.reserveCapacity(seq.items.count)
            for item in seq.items {
                if case .scalar(let s) = item, case .string(let text) = s.resolved {
                    out.append(Located(text, at: s.location))
                } else {
                    d.error(.wrongType, "items of '\(key)' in \(what) must be strings, found \(item.kindDescription)", at: item.location)
                }
            }
            return out
        case .mapping:
            break
        }
        wrongType(key, expected: "a list of strings", found: value, &d)
        return []
    }

    /// A nested mapping.
    func mapping(_ key: String, required explicit: Bool? = nil, _ d: inout Diagnostics) -> MappingNode? {
        assertDeclared(key)
        guard let value = value(key) else {
            if isRequired(key, explicit) { missing(key, &d) }
            return nil
        }
        if case .mapping(let m) = value { return m }
        if case .scalar(let s) = value, case .null = s.resolved, !isRequired(key, explicit) { return nil }
        wrongType(key, expected: "a mapping", found: value, &d)
        return nil
    }

    /// A list of mappings (for example the models of a file).
    func mappingList(_ key: String, _ d: inout Diagnostics) -> [MappingNode] {
        guard let value = value(key) else { return [] }
        switch value {
        case .sequence(let seq):
            var out: [MappingNode] = []
            out.reserveCapacity(seq.items.count)
            for item in seq.items {
                if case .mapping(let m) = item {
                    out.append(m)
                } else {
                    d.error(.wrongType, "items of '\(key)' must be mappings, found \(item.kindDescription)", at: item.location)
                }
            }
            return out
        case .scalar(let s) where s.resolved == .null:
            return []
        default:
            wrongType(key, expected: "a list", found: value, &d)
            return []
        }
    }
}
