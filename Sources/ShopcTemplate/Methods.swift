import OrderedCollections

/// The builtin tests (`x is name`).
enum Tests {
    static let names: Set<String> = [
        "defined", "undefined", "none", "string", "number", "integer", "float", "boolean", "mapping", "sequence",
        "iterable", "true", "false", "even", "odd", "divisibleby", "eq", "equalto", "ne", "in",
    ]
}

/// Sorting-style filters, tests and methods on values.
extension RenderState {
    /// A sort key: lower-cased strings unless case-sensitive.
    func sortKey(_ v: TemplateValue, caseSensitive: Bool) -> TemplateValue {
        if !caseSensitive, case .string(let s) = v { return .string(s.lowercased()) }
        return v
    }

    func keyed(_ v: TemplateValue, _ args: FilterArgs, attributeIndex: Int, caseIndex: Int, filter: String, at offset: Int)
        throws(TemplateError) -> [(key: TemplateValue, item: TemplateValue)]
    {
        let caseSensitive = args.value(caseIndex, "case_sensitive")?.isTruthy ?? false
        let attribute = args.value(attributeIndex, "attribute")?.displayString
        var out: [(key: TemplateValue, item: TemplateValue)] = []
        for item in try sequence(v, filter, at: offset) {
            let k = try attribute.map { (a) throws(TemplateError) in try self.attribute(item, a, at: offset) } ?? item
            out.append((sortKey(k, caseSensitive: caseSensitive), item))
        }
        return out
    }

    func sort(_ v: TemplateValue, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        let reverse = args.value(0, "reverse")?.isTruthy ?? false
        let pairs = try keyed(v, args, attributeIndex: 2, caseIndex: 1, filter: "sort", at: offset)
        // Insertion into a merge sort keeps it stable and lets comparisons throw.
        var order = Array(pairs.indices)
        var width = 1
        while width < order.count {
            var merged: [Int] = []
            merged.reserveCapacity(order.count)
            var start = 0
            while start < order.count {
                let mid = min(start + width, order.count), end = min(start + 2 * width, order.count)
                var i = start, j = mid
                while i < mid || j < end {
                    if i < mid, j < end {
                        let a = pairs[order[i]].key, b = pairs[order[j]].key
                        let takeRight = reverse ? try less(a, b, op: "<", at: offset) : try less(b, a, op: "<", at: offset)
                        if takeRight { merged.append(order[j]); j += 1 } else { merged.append(order[i]); i += 1 }
                    } else if i < mid {
                        merged.append(order[i]); i += 1
                    } else {
                        merged.append(order[j]); j += 1
                    }
                }
                start = end
            }
            order = merged
            width *= 2
        }
        return .list(order.map { pairs[$0].item })
    }

    func unique(_ v: TemplateValue, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        let pairs = try keyed(v, args, attributeIndex: 1, caseIndex: 0, filter: "unique", at: offset)
        var seen: [TemplateValue] = []
        var out: [TemplateValue] = []
        for pair in pairs where !seen.contains(where: { $0.pythonEquals(pair.key) }) {
            seen.append(pair.key)
            out.append(pair.item)
        }
        return .list(out)
    }

    func map(_ v: TemplateValue, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        let items = try sequence(v, "map", at: offset)
        if let attribute = args.keywords.first(where: { $0.name == "attribute" })?.value.displayString {
            let fallback = args.keywords.first { $0.name == "default" }?.value
            return .list(try items.map { (item) throws(TemplateError) in
                if let fallback {
                    switch item {
                    case .dict(let d): return d[attribute] ?? fallback
                    case .object(let o): return o.fields[attribute] ?? fallback
                    default: break
                    }
                }
                return try self.attribute(item, attribute, at: offset)
            })
        }
        guard case .string(let filter)? = args.positional.first, Filters.names.contains(filter) else {
            throw typeError("filter 'map' needs a filter name or attribute=", at: offset)
        }
        let rest = FilterArgs(positional: Array(args.positional.dropFirst()), keywords: args.keywords)
        return .list(try items.map { (item) throws(TemplateError) in try applyFilter(filter, item, rest, at: offset) })
    }

    func applyTest(_ name: String, _ input: TemplateValue?, _ args: [TemplateValue], at offset: Int) throws(TemplateError) -> Bool {
        if name == "defined" { return input != nil }
        if name == "undefined" { return input == nil }
        let v = input ?? .none
        switch (name, v) {
        case ("none", _): if case .none = v { return true } else { return false }
        case ("string", .string): return true
        case ("number", .int), ("number", .double), ("number", .bool): return true
        case ("integer", .int), ("float", .double), ("boolean", .bool): return true
        case ("mapping", .dict): return true
        case ("sequence", .list), ("sequence", .dict), ("sequence", .string): return true
        case ("iterable", .list), ("iterable", .dict), ("iterable", .string): return true
        case ("true", .bool(let b)): return b
        case ("false", .bool(let b)): return !b
        case ("eq", _), ("equalto", _), ("ne", _):
            guard args.count == 1 else { throw typeError("test '\(name)' takes one argument", at: offset) }
            return v.pythonEquals(args[0]) == (name != "ne")
        case ("in", _):
            guard args.count == 1 else { throw typeError("test 'in' takes one argument", at: offset) }
            return try contains(args[0], v, at: offset)
        case ("even", _), ("odd", _), ("divisibleby", _):
            let divisor = name == "divisibleby" ? try int(args.first, "divisibleby's argument", at: offset) : 2
            guard v.asDouble != nil else { throw typeError("test '\(name)' needs a number, not '\(v.typeName)'", at: offset) }
            if divisor == 0 { throw typeError("integer division or modulo by zero", at: offset) }
            guard case .int(let remainder) = try binary(.mod, v, .int(divisor), at: offset) else {
                if case .double(let d) = try binary(.mod, v, .int(divisor), at: offset) { return (d == 0) == (name != "odd") }
                return false
            }
            return (remainder == 0) == (name != "odd")
        default: return false
        }
    }

    func method(_ receiver: TemplateValue, _ name: String, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        switch (receiver, name) {
        case (.dict(let d), "items"): return .list(d.map { .list([.string($0.key), $0.value]) })
        case (.dict(let d), "keys"): return .list(d.keys.map { .string($0) })
        case (.dict(let d), "values"): return .list(Array(d.values))
        case (.dict(let d), "get"):
            let key = try string(args.value(0, "key"), "get's key", at: offset)
            return d[key] ?? args.value(1, "default") ?? .none
        case (.object(let o), "get"):
            let key = try string(args.value(0, "key"), "get's key", at: offset)
            return o.fields[key] ?? args.value(1, "default") ?? .none
        case (.string(let s), _): return try stringMethod(s, name, args, at: offset)
        default:
            throw typeError("'\(receiver.typeName)' value has no method '\(name)'", at: offset)
        }
    }

    func stringMethod(_ s: String, _ name: String, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        func optionalString(_ i: Int, _ n: String) throws(TemplateError) -> String? {
            guard let v = args.value(i, n), v != .none else { return nil }
            return try string(v, "\(name)'s argument", at: offset)
        }
        switch name {
        case "upper": return .string(s.uppercased())
        case "lower": return .string(s.lowercased())
        case "title": return .string(Text.title(s))
        case "capitalize": return .string(Text.capitalize(s))
        case "strip": return .string(Text.strip(s, try optionalString(0, "chars"), leading: true, trailing: true))
        case "lstrip": return .string(Text.strip(s, try optionalString(0, "chars"), leading: true, trailing: false))
        case "rstrip": return .string(Text.strip(s, try optionalString(0, "chars"), leading: false, trailing: true))
        case "startswith", "endswith":
            guard let arg = args.value(0, "prefix") else { throw typeError("\(name) takes one argument", at: offset) }
            let options: [TemplateValue] = if case .list(let l) = arg { l } else { [arg] }
            for option in options {
                let p = try string(option, "\(name)'s argument", at: offset)
                let hit = name == "startswith" ? s.unicodeScalars.starts(with: p.unicodeScalars)
                    : s.unicodeScalars.reversed().starts(with: p.unicodeScalars.reversed())
                if hit { return .bool(true) }
            }
            return .bool(false)
        case "split":
            let maxSplit = try args.value(1, "maxsplit").map { (m) throws(TemplateError) in try int(m, "split's maxsplit", at: offset) } ?? -1
            guard let sep = try optionalString(0, "sep") else { return .list(Text.splitWhitespace(s, maxSplit: maxSplit).map { .string($0) }) }
            if sep.isEmpty { throw typeError("empty separator", at: offset) }
            return .list(Text.split(s, sep, maxSplit: maxSplit).map { .string($0) })
        case "replace":
            let old = try string(args.value(0, "old"), "replace's first argument", at: offset)
            let new = try string(args.value(1, "new"), "replace's second argument", at: offset)
            let count = try args.value(2, "count").map { (c) throws(TemplateError) in try int(c, "replace's count", at: offset) } ?? -1
            return .string(try replaced(s, old, new, count: count, at: offset))
        case "join":
            guard let items = args.value(0, "iterable") else { throw typeError("join takes one argument", at: offset) }
            let strings = try iterate(items, at: offset).map(\.displayString)
            try checkJoinSize(strings, separator: s, at: offset)
            let joined = strings.joined(separator: s)
            return .string(joined)
        default:
            throw typeError("'str' value has no method '\(name)'", at: offset)
        }
    }
}
