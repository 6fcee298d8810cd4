import ShopcBase

/// Evaluates selector expressions over the models of an analysed project.
public struct NodeSelector {
    let project: AnalysedProject
    let state: ProjectState?
    let parents: [String: [String]]
    let children: [String: [String]]

    /// Creates a selector over `project`, comparing with `state` for `state:` methods.
    public init(project: AnalysedProject, state: ProjectState?) {
        self.project = project
        self.state = state
        var parents: [String: [String]] = [:]
        var children: [String: [String]] = [:]
        for model in project.models {
            for case .model(let dep) in model.dependsOn {
                parents[model.name, default: []].append(dep)
                children[dep, default: []].append(model.name)
            }
        }
        self.parents = parents
        self.children = children
    }

    /// The selected models in dependency order: `select` (all when nil) minus `exclude`.
    /// Unknown names, tags and layers are errors with a did-you-mean note.
    public func select(_ select: SelectorExpression?, exclude: SelectorExpression?, _ d: inout Diagnostics) -> [ModelInfo] {
        let all = Set(project.models.map(\.name))
        var chosen = select.map { evaluate($0, &d) } ?? all
        if let exclude { chosen.subtract(evaluate(exclude, &d)) }
        let selected = project.models.filter { chosen.contains($0.name) }
        // An ephemeral model is compiled into its readers: selected without them, nothing of it
        // is deployed.
        let ephemeral = selected.filter { $0.materialized == "ephemeral" }.map(\.name)
        if select != nil, !ephemeral.isEmpty {
            let readers = Set(selected.flatMap { model in model.dependsOn.compactMap { dep -> String? in
                if case .model(let name) = dep, ephemeral.contains(name), model.materialized != "ephemeral" { return name }
                return nil
            } })
            for name in ephemeral where !readers.contains(name) {
                d.warning(.selectsNothing, "'\(name)' is an ephemeral model: it has no table or view, and no selected model reads it, so nothing of it is deployed; select its readers ('\(name)+')", at: nil)
            }
        }
        return selected
    }

    func evaluate(_ expression: SelectorExpression, _ d: inout Diagnostics) -> Set<String> {
        var out: Set<String> = []
        for intersection in expression.union {
            var current: Set<String>?
            for term in intersection {
                let matched = evaluate(term, &d)
                current = current.map { $0.intersection(matched) } ?? matched
            }
            out.formUnion(current ?? [])
        }
        return out
    }

    func evaluate(_ term: SelectorTerm, _ d: inout Diagnostics) -> Set<String> {
        if case .source(let pattern) = term.method { return evaluateSource(pattern, term, &d) }
        let base = match(term, &d)
        var out = base
        if let depth = term.parents { out.formUnion(walk(from: base, edges: parents, depth: depth)) }
        if let depth = term.children { out.formUnion(walk(from: base, edges: children, depth: depth)) }
        if term.withAncestorsOfDescendants {
            let descendants = walk(from: base, edges: children, depth: .unbounded)
            out.formUnion(walk(from: descendants, edges: parents, depth: .unbounded))
        }
        return out
    }

    /// `source:raw.orders+`: a source is not a model, so alone it selects nothing (a warning);
    /// its direct readers are its first level of children.
    func evaluateSource(_ pattern: String, _ term: SelectorTerm, _ d: inout Diagnostics) -> Set<String> {
        let tables = project.sources.flatMap { source in source.tables.map { (source: source.name, table: $0.name) } }
        let (sourcePattern, tablePattern) = pattern.contains(".")
            ? (String(pattern.prefix { $0 != "." }), String(pattern.drop { $0 != "." }.dropFirst())) : (pattern, "*")
        let matched = Set(tables.filter {
            Glob.matches(sourcePattern, $0.source, caseInsensitive: true) && Glob.matches(tablePattern, $0.table, caseInsensitive: true)
        }.map { NodeID.source(source: $0.source, table: $0.table) })
        if matched.isEmpty {
            let names = pattern.contains(".") ? tables.map { "\($0.source).\($0.table)" } : Array(Set(tables.map(\.source))).sorted()
            d.error(.invalidSelector, "no source table matches '\(pattern)' (selector '\(term.text)')", at: nil,
                    notes: Suggestion.note(for: pattern, in: names).map { [$0] } ?? [])
            return []
        }
        let readers = Set(project.models.filter { model in model.dependsOn.contains { matched.contains($0) } }.map(\.name))
        var out: Set<String> = []
        if let depth = term.children {
            out = readers
            if case .levels(let n) = depth {
                if n > 1 { out.formUnion(walk(from: readers, edges: children, depth: .levels(n - 1))) }
            } else {
                out.formUnion(walk(from: readers, edges: children, depth: .unbounded))
            }
        } else if term.withAncestorsOfDescendants {
            out = walk(from: readers, edges: children, depth: .unbounded)
        } else {
            d.warning(.selectsNothing, "selector '\(term.text)' names a source, which is not a model: add '+' to select the models that read it ('\(term.text)+')", at: nil)
        }
        if term.withAncestorsOfDescendants { out.formUnion(walk(from: out, edges: parents, depth: .unbounded)) }
        return out
    }

    func match(_ term: SelectorTerm, _ d: inout Diagnostics) -> Set<String> {
        let models = project.models
        switch term.method {
        case .name(let pattern):
            let found = Set(models.filter { Glob.matches(pattern, $0.name, caseInsensitive: true) }.map(\.name))
            if found.isEmpty && !pattern.contains("*") {
                d.error(.invalidSelector, "unknown model '\(pattern)' in selector '\(term.text)'", at: nil,
                        notes: Suggestion.note(for: pattern, in: models.map(\.name)).map { [$0] } ?? [])
            }
            return found
        case .tag(let tag):
            let tags = Set(models.flatMap(\.tags))
            guard tags.contains(tag) else {
                d.error(.invalidSelector, "no model has tag '\(tag)' (selector '\(term.text)')", at: nil,
                        notes: Suggestion.note(for: tag, in: tags.sorted()).map { [$0] } ?? [])
                return []
            }
            return Set(models.filter { $0.tags.contains(tag) }.map(\.name))
        case .layer(let layer):
            let layers = Set(models.compactMap(\.layer))
            guard layers.contains(layer) else {
                d.error(.invalidSelector, "no model is in layer '\(layer)' (selector '\(term.text)')", at: nil,
                        notes: Suggestion.note(for: layer, in: layers.sorted()).map { [$0] } ?? [])
                return []
            }
            return Set(models.filter { $0.layer == layer }.map(\.name))
        case .path(let pattern):
            let found = Set(models.filter { Glob.matchesPath(pattern, $0.file) || Glob.matchesPath(pattern, $0.sqlFile) }.map(\.name))
            if found.isEmpty {
                d.warning(.selectsNothing, "selector '\(term.text)' matches no model's spec file", at: nil)
            }
            return found
        case .source:
            return []  // evaluated by `evaluateSource`
        case .config(let key, let value):
            func setting(_ model: ModelInfo) -> String? {
                switch key {
                case "materialized": model.materialized
                case "incremental_strategy": model.incrementalStrategy
                default: model.customSchema
                }
            }
            let found = Set(models.filter { setting($0).map { Glob.matches(value, $0, caseInsensitive: true) } ?? false }.map(\.name))
            if found.isEmpty {
                let values = Set(models.compactMap(setting)).sorted()
                d.error(.invalidSelector, "no model has \(key) '\(value)' (selector '\(term.text)')", at: nil,
                        notes: Suggestion.note(for: value, in: values).map { [$0] } ?? [])
            }
            return found
        case .stateModified, .stateNew:
            guard let state else {
                d.error(.invalidSelector, "selector '\(term.text)' needs --state DIR (the folder of an earlier manifest.json)", at: nil)
                return []
            }
            let checksums = project.checksums()  // once for all models: tests are grouped by node once
            return Set(models.filter { model in
                guard let previous = state.models[model.name] else { return true }
                return term.method == .stateModified && previous.checksum != checksums[model.id]
            }.map(\.name))
        }
    }

    func walk(from start: Set<String>, edges: [String: [String]], depth: Depth) -> Set<String> {
        var seen = start
        var frontier = Array(start)
        var level = 0
        while !frontier.isEmpty {
            if case .levels(let n) = depth, level >= n { break }
            level += 1
            var next: [String] = []
            for node in frontier {
                for other in edges[node] ?? [] where seen.insert(other).inserted { next.append(other) }
            }
            frontier = next
        }
        return seen
    }

    /// Every model downstream of `names` (not including them), in dependency order.
    public func descendants(of names: Set<String>) -> [ModelInfo] {
        let reached = walk(from: names, edges: children, depth: .unbounded).subtracting(names)
        return project.models.filter { reached.contains($0.name) }
    }
}

/// Shell-style globs: `*` (within a path segment), `**` (across segments), `?`.
enum Glob {
    static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = false) -> Bool {
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).utf8)
        let t = Array((caseInsensitive ? text.lowercased() : text).utf8)
        return match(p[...], t[...], crossSegments: true)
    }

    /// A path glob; a pattern without wildcards also matches everything below it as a folder.
    static func matchesPath(_ pattern: String, _ path: String) -> Bool {
        var pattern = pattern
        while pattern.hasPrefix("./") { pattern.removeFirst(2) }
        if !pattern.contains("*") && !pattern.contains("?") {
            let folder = pattern.hasSuffix("/") ? pattern : pattern + "/"
            return path == pattern || path.hasPrefix(folder)
        }
        return match(Array(pattern.utf8)[...], Array(path.utf8)[...], crossSegments: false)
    }

    static func match(_ p: ArraySlice<UInt8>, _ t: ArraySlice<UInt8>, crossSegments: Bool) -> Bool {
        guard let first = p.first else { return t.isEmpty }
        let star = UInt8(ascii: "*"), slash = UInt8(ascii: "/")
        if first == star {
            let double = p.dropFirst().first == star
            var rest = p.dropFirst(double ? 2 : 1)
            if double && rest.first == slash {
                // `**/` also matches zero folders.
                if match(rest.dropFirst(), t, crossSegments: crossSegments) { return true }
                rest = p.dropFirst(2)
            }
            let any = double || crossSegments
            var i = t.startIndex
            while true {
                if match(rest, t[i...], crossSegments: crossSegments) { return true }
                guard i < t.endIndex, any || t[i] != slash else { return false }
                i += 1
            }
        }
        guard let c = t.first else { return false }
        if first == UInt8(ascii: "?") ? c != slash || crossSegments : first == c {
            return match(p.dropFirst(), t.dropFirst(), crossSegments: crossSegments)
        }
        return false
    }
}
