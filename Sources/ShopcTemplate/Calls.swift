import OrderedCollections
import ShopcBase

/// Builtin global functions available to every template.
enum Builtins {
    static let names: Set<String> = ["range", "dict"]
}

/// Calls: host functions, builtins and methods on values.
extension RenderState {
    mutating func call<H: TemplateHost>(
        _ callee: Expr, _ positionalExprs: [Expr], _ keywordExprs: [(name: String, value: Expr)], _ site: CallSite,
        at offset: Int, _ host: inout H
    ) throws(TemplateError) -> TemplateValue {
        var positional: [TemplateValue] = []
        positional.reserveCapacity(positionalExprs.count)
        for p in positionalExprs { positional.append(try eval(p, &host)) }
        var keywords: [(name: String, value: TemplateValue)] = []
        for k in keywordExprs { keywords.append((k.name, try eval(k.value, &host))) }
        let args = FilterArgs(positional: positional, keywords: keywords)

        switch callee.kind {
        case .name(let n):
            if let v = lookup(n) {
                throw typeError("'\(n)' is a \(v.typeName) value, not a function", at: callee.offset)
            }
            if host.hasFunction(n) {
                let request = TemplateCall(
                    name: n, positional: positional, keywords: keywords, location: site.callee,
                    argumentLocations: site.arguments)
                return try host.call(request)
            }
            if Builtins.names.contains(n) { return try builtin(n, args, at: callee.offset) }
            throw loc.error(
                .undefinedName, "unknown function '\(n)'", at: callee.offset,
                notes: suggest(n, host.functionNames + Builtins.names.sorted()))
        case .attribute(let base, let method):
            // dbt's `exceptions.raise_compiler_error(message)`, where the host raises errors.
            if case .name("exceptions") = base.kind, method == "raise_compiler_error", lookup("exceptions") == nil, host.hasFunction("exceptions_raise") {
                return try host.call(TemplateCall(
                    name: "exceptions_raise", positional: positional, keywords: keywords, location: site.callee, argumentLocations: site.arguments))
            }
            if case .name(let variable) = base.kind, ["append", "extend", "update"].contains(method),
                let current = lookup(variable)
            {
                let updated = try mutate(current, method, args, at: offset)
                try checkStorable(updated, at: offset)
                update(variable, updated)
                return .none
            }
            let receiver = try eval(base, &host)
            return try self.method(receiver, method, args, at: offset)
        default:
            let v = try eval(callee, &host)
            throw typeError("'\(v.typeName)' value is not callable", at: callee.offset)
        }
    }

    func builtin(_ name: String, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        switch name {
        case "range":
            guard args.keywords.isEmpty, (1...3).contains(args.positional.count) else {
                throw loc.error(.builtinMisuse, "range expects 1 to 3 integer arguments", at: offset)
            }
            var ints: [Int] = []
            for a in args.positional {
                guard let i = a.asInt else { throw loc.error(.builtinMisuse, "range arguments must be integers, not '\(a.typeName)'", at: offset) }
                ints.append(i)
            }
            let (start, stop) = ints.count == 1 ? (0, ints[0]) : (ints[0], ints[1])
            let step = ints.count == 3 ? ints[2] : 1
            if step == 0 { throw loc.error(.builtinMisuse, "range step must not be zero", at: offset) }
            let span = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0) : (start > stop ? (start - stop - 1) / -step + 1 : 0)
            if span > limits.maxLoopIterations {
                throw loc.error(.expansionLimit, "range of \(span) items exceeds the limit of \(limits.maxLoopIterations) loop iterations", at: offset)
            }
            return .list((0..<span).map { .int(start + $0 * step) })
        default:  // dict(k=v, ...)
            guard args.positional.isEmpty else { throw loc.error(.builtinMisuse, "dict takes keyword arguments only", at: offset) }
            var d: OrderedDictionary<String, TemplateValue> = [:]
            for k in args.keywords { d[k.name] = k.value }
            return .dict(d)
        }
    }

    func mutate(_ current: TemplateValue, _ method: String, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        switch (current, method) {
        case (.list(var l), "append"):
            guard args.positional.count == 1 else { throw typeError("append takes exactly one argument", at: offset) }
            l.append(args.positional[0])
            return .list(l)
        case (.list(var l), "extend"):
            guard args.positional.count == 1, case .list(let more) = args.positional[0] else {
                throw typeError("extend takes one list argument", at: offset)
            }
            try checkSize(l.count + more.count, at: offset)
            l += more
            return .list(l)
        case (.dict(var d), "update"):
            if let first = args.positional.first {
                guard case .dict(let more) = first else { throw typeError("update takes a dict argument", at: offset) }
                for (k, v) in more { d[k] = v }
            }
            for k in args.keywords { d[k.name] = k.value }
            return .dict(d)
        default:
            throw typeError("'\(current.typeName)' value has no method '\(method)'", at: offset)
        }
    }
}
