import OrderedCollections
import ShopcBase

/// Expression evaluation. Undefined names and missing attributes are errors, except where
/// `evalOptional` is used (`default`, `is defined`).
extension RenderState {
    mutating func eval<H: TemplateHost>(_ e: Expr, _ host: inout H) throws(TemplateError) -> TemplateValue {
        switch e.kind {
        case .literal(let v): return v
        case .name(let n):
            if let v = lookup(n) { return v }
            throw undefinedName(n, at: e.offset, host: host)
        case .list(let items):
            var out: [TemplateValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try eval(item, &host)) }
            return .list(out)
        case .dict(let pairs):
            var out: OrderedDictionary<String, TemplateValue> = [:]
            for pair in pairs {
                guard case .string(let key) = try eval(pair.key, &host) else {
                    throw typeError("dict keys must be strings", at: pair.key.offset)
                }
                out[key] = try eval(pair.value, &host)
            }
            return .dict(out)
        case .negate(let x):
            let v = try eval(x, &host)
            if case .double(let d) = v { return .double(-d) }
            guard let i = v.asInt else { throw typeError("bad operand type for unary -: '\(v.typeName)'", at: e.offset) }
            let (r, overflow) = (0).subtractingReportingOverflow(i)
            if overflow { throw typeError("integer overflow", at: e.offset) }
            return .int(r)
        case .plus(let x):
            let v = try eval(x, &host)
            guard v.asDouble != nil else { throw typeError("bad operand type for unary +: '\(v.typeName)'", at: e.offset) }
            if case .bool = v { return .int(v.asInt ?? 0) }
            return v
        case .not(let x): return .bool(!(try eval(x, &host).isTruthy))
        case .and(let l, let r):
            let lv = try eval(l, &host)
            return lv.isTruthy ? try eval(r, &host) : lv
        case .or(let l, let r):
            let lv = try eval(l, &host)
            return lv.isTruthy ? lv : try eval(r, &host)
        case .binary(let op, let l, let r):
            let lv = try eval(l, &host)
            let rv = try eval(r, &host)
            return try binary(op, lv, rv, at: e.offset)
        case .compare(let first, let ops):
            var left = try eval(first, &host)
            for (op, rhs) in ops {
                let right = try eval(rhs, &host)
                if !(try compare(op, left, right, at: rhs.offset)) { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .conditional(let then, let condition, let otherwise):
            if try eval(condition, &host).isTruthy { return try eval(then, &host) }
            if let otherwise { return try eval(otherwise, &host) }
            return .string("")
        case .attribute(let base, let name):
            if case .name("loop") = base.kind, let info = loopInfo() {
                if let v = info.fields[name] { return v }
                throw typeError("unknown attribute '\(name)' of loop", at: e.offset, notes: suggest(name, Array(info.fields.keys)))
            }
            let b = try eval(base, &host)
            return try attribute(b, name, at: e.offset)
        case .subscript(let base, let index):
            let b = try eval(base, &host)
            let i = try eval(index, &host)
            return try item(b, i, at: e.offset)
        case .slice(let base, let start, let stop, let step):
            let b = try eval(base, &host)
            var bounds: [Int?] = []
            for part in [start, stop, step] {
                guard let part else { bounds.append(nil); continue }
                let v = try eval(part, &host)
                if case .none = v { bounds.append(nil); continue }
                guard let i = v.asInt else { throw typeError("slice indices must be integers", at: part.offset) }
                bounds.append(i)
            }
            return try slice(b, bounds[0], bounds[1], bounds[2], at: e.offset)
        case .call(let callee, let positional, let keywords, let site):
            return try call(callee, positional, keywords, site, at: e.offset, &host)
        case .filter(let operand, let name, let positional, let keywords):
            let input: TemplateValue? = (name == "default" || name == "d") ? try evalOptional(operand, &host) : try eval(operand, &host)
            var args: [TemplateValue] = []
            for p in positional { args.append(try eval(p, &host)) }
            var kwargs: [(name: String, value: TemplateValue)] = []
            for k in keywords { kwargs.append((k.name, try eval(k.value, &host))) }
            return try applyFilter(name, input, FilterArgs(positional: args, keywords: kwargs), at: e.offset)
        case .test(let operand, let name, let arguments, let negated):
            let input: TemplateValue? = (name == "defined" || name == "undefined") ? try evalOptional(operand, &host, defined: true) : try eval(operand, &host)
            var args: [TemplateValue] = []
            for a in arguments { args.append(try eval(a, &host)) }
            let result = try applyTest(name, input, args, at: e.offset)
            return .bool(result != negated)
        }
    }

    /// Evaluates, returning nil when the outermost step is undefined (a missing name, attribute or key).
    mutating func evalOptional<H: TemplateHost>(_ e: Expr, _ host: inout H, defined: Bool = false) throws(TemplateError) -> TemplateValue? {
        switch e.kind {
        case .name(let n):
            if let v = lookup(n) { return v }
            if defined && host.hasFunction(n) { return .string(n) }
            return nil
        case .attribute(let base, let name):
            if case .name("loop") = base.kind, let info = loopInfo() { return info.fields[name] }
            guard let b = try evalOptional(base, &host, defined: defined) else { return nil }
            switch b {
            case .dict(let d): return d[name]
            case .object(let o): return o.fields[name]
            default: return try attribute(b, name, at: e.offset)
            }
        case .subscript(let base, let index):
            guard let b = try evalOptional(base, &host, defined: defined) else { return nil }
            let i = try eval(index, &host)
            if case .dict(let d) = b, case .string(let k) = i { return d[k] }
            if case .list(let l) = b, let n = i.asInt { return (n >= -l.count && n < l.count) ? l[n < 0 ? n + l.count : n] : nil }
            return try item(b, i, at: e.offset)
        case .conditional(let then, let condition, let otherwise):
            if try eval(condition, &host).isTruthy { return try evalOptional(then, &host, defined: defined) }
            guard let otherwise else { return nil }
            return try evalOptional(otherwise, &host, defined: defined)
        default:
            return try eval(e, &host)
        }
    }

    func suggest(_ name: String, _ candidates: [String]) -> [DiagnosticNote] {
        Suggestion.note(for: name, in: candidates).map { [$0] } ?? []
    }

    func undefinedName<H: TemplateHost>(_ n: String, at offset: Int, host: H) -> TemplateError {
        if host.hasFunction(n) || Builtins.names.contains(n) {
            return loc.error(.builtinMisuse, "function '\(n)' must be called, as in '\(n)(...)'", at: offset)
        }
        return loc.error(
            .undefinedName, "undefined name '\(n)'", at: offset,
            notes: suggest(n, visibleNames() + host.functionNames))
    }

    func attribute(_ b: TemplateValue, _ name: String, at offset: Int) throws(TemplateError) -> TemplateValue {
        switch b {
        case .dict(let d):
            if let v = d[name] { return v }
            throw typeError("dict has no key or attribute '\(name)'", at: offset, notes: suggest(name, Array(d.keys)))
        case .object(let o):
            if let v = o.fields[name] { return v }
            throw typeError("unknown attribute '\(name)' of '\(o.display)'", at: offset, notes: suggest(name, Array(o.fields.keys)))
        case .none:
            throw typeError("cannot read attribute '\(name)' of None", at: offset)
        default:
            throw typeError("'\(b.typeName)' value has no attribute '\(name)'", at: offset)
        }
    }

    func normalizedIndex(_ i: Int, count: Int) -> Int? {
        let n = i < 0 ? i + count : i
        return n >= 0 && n < count ? n : nil
    }

    func item(_ b: TemplateValue, _ i: TemplateValue, at offset: Int) throws(TemplateError) -> TemplateValue {
        switch (b, i) {
        case (.list(let l), _) where i.asInt != nil:
            guard let n = normalizedIndex(i.asInt ?? 0, count: l.count) else { throw typeError("list index \(i.reprString) out of range", at: offset) }
            return l[n]
        case (.string(let s), _) where i.asInt != nil:
            let scalars = Array(s.unicodeScalars)
            guard let n = normalizedIndex(i.asInt ?? 0, count: scalars.count) else { throw typeError("string index \(i.reprString) out of range", at: offset) }
            return .string(String(scalars[n]))
        case (.dict(let d), .string(let k)):
            if let v = d[k] { return v }
            throw typeError("dict has no key \(i.reprString)", at: offset, notes: suggest(k, Array(d.keys)))
        case (.object, .string(let k)):
            return try attribute(b, k, at: offset)
        case (.none, _):
            throw typeError("cannot subscript None", at: offset)
        default:
            throw typeError("cannot index '\(b.typeName)' with '\(i.typeName)'", at: offset)
        }
    }
}
