import Foundation

/// Arithmetic, concatenation, comparison and slicing with Python semantics.
extension RenderState {
    func unsupported(_ op: String, _ l: TemplateValue, _ r: TemplateValue, at offset: Int) -> TemplateError {
        typeError("unsupported operand types for \(op): '\(l.typeName)' and '\(r.typeName)'", at: offset)
    }

    func checkSize(_ bytes: Int, at offset: Int) throws(TemplateError) {
        if bytes > limits.maxOutputBytes {
            throw loc.error(.expansionLimit, "string exceeds the limit of \(limits.maxOutputBytes) bytes", at: offset)
        }
    }

    func intOp(_ r: (partialValue: Int, overflow: Bool), at offset: Int) throws(TemplateError) -> TemplateValue {
        if r.overflow { throw typeError("integer overflow", at: offset) }
        return .int(r.partialValue)
    }

    func repeated(_ v: TemplateValue, _ count: Int, at offset: Int) throws(TemplateError) -> TemplateValue {
        let n = max(0, count)
        switch v {
        case .string(let s):
            try checkSize(s.utf8.count.multipliedReportingOverflow(by: n).overflow ? Int.max : s.utf8.count * n, at: offset)
            return .string(String(repeating: s, count: n))
        case .list(let l):
            try checkSize(l.count.multipliedReportingOverflow(by: n).overflow ? Int.max : l.count * n, at: offset)
            var out: [TemplateValue] = []
            for _ in 0..<n { out += l }
            return .list(out)
        default: return .none
        }
    }

    func binary(_ op: BinaryOp, _ l: TemplateValue, _ r: TemplateValue, at offset: Int) throws(TemplateError) -> TemplateValue {
        if op == .concat {
            let s = l.displayString + r.displayString
            try checkSize(s.utf8.count, at: offset)
            return .string(s)
        }
        switch (op, l, r) {
        case (.add, .string(let a), .string(let b)):
            try checkSize(a.utf8.count + b.utf8.count, at: offset)
            return .string(a + b)
        case (.add, .list(let a), .list(let b)):
            try checkSize(a.count + b.count, at: offset)
            return .list(a + b)
        case (.mul, .string, _), (.mul, .list, _):
            if let n = r.asInt { return try repeated(l, n, at: offset) }
        case (.mul, _, .string), (.mul, _, .list):
            if let n = l.asInt { return try repeated(r, n, at: offset) }
        default: break
        }
        guard let a = l.asDouble, let b = r.asDouble else { throw unsupported(op.rawValue, l, r, at: offset) }
        if let x = l.asInt, let y = r.asInt {
            switch op {
            case .add: return try intOp(x.addingReportingOverflow(y), at: offset)
            case .sub: return try intOp(x.subtractingReportingOverflow(y), at: offset)
            case .mul: return try intOp(x.multipliedReportingOverflow(by: y), at: offset)
            case .floorDiv, .mod:
                if y == 0 { throw typeError("integer division or modulo by zero", at: offset) }
                if x == Int.min && y == -1 { throw typeError("integer overflow", at: offset) }
                var q = x / y
                var m = x % y
                if m != 0 && ((m < 0) != (y < 0)) {
                    q -= 1
                    m += y
                }
                return .int(op == .floorDiv ? q : m)
            case .pow where y >= 0:
                var result = 1
                var base = x
                var e = y
                while e > 0 {
                    if e & 1 == 1 {
                        let p = result.multipliedReportingOverflow(by: base)
                        if p.overflow { throw typeError("integer overflow", at: offset) }
                        result = p.partialValue
                    }
                    e >>= 1
                    if e > 0 {
                        let sq = base.multipliedReportingOverflow(by: base)
                        if sq.overflow { throw typeError("integer overflow", at: offset) }
                        base = sq.partialValue
                    }
                }
                return .int(result)
            default: break
            }
        }
        switch op {
        case .add: return .double(a + b)
        case .sub: return .double(a - b)
        case .mul: return .double(a * b)
        case .div:
            if b == 0 { throw typeError("division by zero", at: offset) }
            return .double(a / b)
        case .floorDiv:
            if b == 0 { throw typeError("float floor division by zero", at: offset) }
            return .double((a / b).rounded(.down))
        case .mod:
            if b == 0 { throw typeError("float modulo by zero", at: offset) }
            var m = a.truncatingRemainder(dividingBy: b)
            if m != 0 && ((m < 0) != (b < 0)) { m += b }
            return .double(m)
        case .pow:
            if a == 0 && b < 0 { throw typeError("zero cannot be raised to a negative power", at: offset) }
            return .double(Foundation.pow(a, b))
        case .concat: return .none
        }
    }

    /// Python ordering: numbers, strings (by code point) and lists (element-wise).
    func less(_ l: TemplateValue, _ r: TemplateValue, op: String, at offset: Int) throws(TemplateError) -> Bool {
        switch (l, r) {
        case (.string(let a), .string(let b)):
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (.list(let a), .list(let b)):
            for (x, y) in zip(a, b) where !x.pythonEquals(y) { return try less(x, y, op: op, at: offset) }
            return a.count < b.count
        default:
            if let x = l.asInt, let y = r.asInt { return x < y }
            if let x = l.asDouble, let y = r.asDouble { return x < y }
            throw typeError("'\(op)' not supported between '\(l.typeName)' and '\(r.typeName)'", at: offset)
        }
    }

    func contains(_ container: TemplateValue, _ v: TemplateValue, at offset: Int) throws(TemplateError) -> Bool {
        switch container {
        case .string(let s):
            guard case .string(let sub) = v else { throw typeError("'in <string>' requires a string on the left, not '\(v.typeName)'", at: offset) }
            return sub.isEmpty || s.unicodeScalars.firstRange(of: sub.unicodeScalars) != nil
        case .list(let l): return l.contains { $0.pythonEquals(v) }
        case .dict(let d):
            if case .string(let k) = v { return d[k] != nil }
            return false
        case .object(let o):
            if case .string(let k) = v { return o.fields[k] != nil }
            return false
        default: throw typeError("argument of type '\(container.typeName)' is not iterable", at: offset)
        }
    }

    func compare(_ op: CompareOp, _ l: TemplateValue, _ r: TemplateValue, at offset: Int) throws(TemplateError) -> Bool {
        switch op {
        case .eq: return l.pythonEquals(r)
        case .ne: return !l.pythonEquals(r)
        case .lt: return try less(l, r, op: "<", at: offset)
        case .gt: return try less(r, l, op: ">", at: offset)
        case .le: return try !less(r, l, op: "<=", at: offset)
        case .ge: return try !less(l, r, op: ">=", at: offset)
        case .isIn: return try contains(r, l, at: offset)
        case .notIn: return try !contains(r, l, at: offset)
        }
    }

    func slice(_ b: TemplateValue, _ start: Int?, _ stop: Int?, _ step: Int?, at offset: Int) throws(TemplateError) -> TemplateValue {
        let step = step ?? 1
        if step == 0 { throw typeError("slice step cannot be zero", at: offset) }
        func indices(_ count: Int) -> [Int] {
            func clamp(_ v: Int?, _ def: Int) -> Int {
                guard var v else { return def }
                if v < 0 { v += count }
                return step > 0 ? min(max(v, 0), count) : min(max(v, -1), count - 1)
            }
            var out: [Int] = []
            var i = clamp(start, step > 0 ? 0 : count - 1)
            let end = clamp(stop, step > 0 ? count : -1)
            while step > 0 ? i < end : i > end {
                out.append(i)
                i += step
            }
            return out
        }
        switch b {
        case .list(let l): return .list(indices(l.count).map { l[$0] })
        case .string(let s):
            let scalars = Array(s.unicodeScalars)
            var out = String.UnicodeScalarView()
            for i in indices(scalars.count) { out.append(scalars[i]) }
            return .string(String(out))
        default: throw typeError("'\(b.typeName)' value cannot be sliced", at: offset)
        }
    }
}
