import Foundation
import OrderedCollections

/// The builtin filters, with Jinja 3.1 semantics.
enum Filters {
    static let names: Set<String> = [
        "trim", "upper", "lower", "replace", "default", "d", "join", "length", "count", "first", "last", "list",
        "sort", "unique", "reverse", "title", "capitalize", "int", "float", "string", "round", "abs", "indent",
        "map", "items", "sum", "safe",
    ]
}

extension RenderState {
    func string(_ v: TemplateValue?, _ what: String, at offset: Int) throws(TemplateError) -> String {
        guard case .string(let s)? = v else { throw typeError("\(what) must be a string, not '\(v?.typeName ?? "undefined")'", at: offset) }
        return s
    }

    func int(_ v: TemplateValue?, _ what: String, at offset: Int) throws(TemplateError) -> Int {
        guard let i = v?.asInt else { throw typeError("\(what) must be an integer, not '\(v?.typeName ?? "undefined")'", at: offset) }
        return i
    }

    /// The elements of a value treated as a sequence (lists, dict keys, string characters).
    func sequence(_ v: TemplateValue, _ filter: String, at offset: Int) throws(TemplateError) -> [TemplateValue] {
        switch v {
        case .list, .dict, .string: return try iterate(v, at: offset)
        default: throw typeError("filter '\(filter)' needs a sequence, not '\(v.typeName)'", at: offset)
        }
    }

    func applyFilter(_ name: String, _ input: TemplateValue?, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        if name == "default" || name == "d" {
            let fallback = args.value(0, "default_value") ?? .string("")
            let boolean = args.value(1, "boolean")?.isTruthy ?? false
            guard let input, !(boolean && !input.isTruthy) else { return fallback }
            return input
        }
        let v = input ?? .none
        switch name {
        case "trim": return .string(Text.strip(v.displayString, args.value(0, "chars").map(\.displayString), leading: true, trailing: true))
        case "upper": return .string(v.displayString.uppercased())
        case "lower": return .string(v.displayString.lowercased())
        case "title": return .string(Text.title(v.displayString))
        case "capitalize": return .string(Text.capitalize(v.displayString))
        case "string": return .string(v.displayString)
        case "safe": return v
        case "replace":
            let old = try string(args.value(0, "old"), "replace's first argument", at: offset)
            let new = try string(args.value(1, "new"), "replace's second argument", at: offset)
            let count = try args.value(2, "count").map { (c) throws(TemplateError) in try int(c, "replace's count", at: offset) } ?? -1
            return .string(try replaced(v.displayString, old, new, count: count, at: offset))
        case "join":
            var items = try sequence(v, name, at: offset)
            if let attribute = args.value(1, "attribute") {
                items = try items.map { (item) throws(TemplateError) in try self.attribute(item, attribute.displayString, at: offset) }
            }
            let sep = args.value(0, "d")?.displayString ?? ""
            let strings = items.map(\.displayString)
            try checkJoinSize(strings, separator: sep, at: offset)
            let s = strings.joined(separator: sep)
            return .string(s)
        case "length", "count":
            switch v {
            case .string(let s): return .int(s.unicodeScalars.count)
            case .list(let l): return .int(l.count)
            case .dict(let d): return .int(d.count)
            default: throw typeError("'\(v.typeName)' value has no length", at: offset)
            }
        case "first", "last":
            let items = try sequence(v, name, at: offset)
            guard let item = name == "first" ? items.first : items.last else {
                throw typeError("filter '\(name)' applied to an empty sequence", at: offset)
            }
            return item
        case "list": return .list(try sequence(v, name, at: offset))
        case "reverse":
            if case .string(let s) = v { return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed()))) }
            return .list(try sequence(v, name, at: offset).reversed())
        case "items":
            guard case .dict(let d) = v else { throw typeError("filter 'items' needs a dict, not '\(v.typeName)'", at: offset) }
            return .list(d.map { .list([.string($0.key), $0.value]) })
        case "sort": return try sort(v, args, at: offset)
        case "unique": return try unique(v, args, at: offset)
        case "map": return try map(v, args, at: offset)
        case "sum":
            var total: TemplateValue = args.value(1, "start") ?? .int(0)
            for item in try sequence(v, name, at: offset) {
                let x = try args.value(0, "attribute").map { (a) throws(TemplateError) in try attribute(item, a.displayString, at: offset) } ?? item
                total = try binary(.add, total, x, at: offset)
            }
            return total
        default: return try numericFilter(name, v, args, at: offset)
        }
    }

    func numericFilter(_ name: String, _ v: TemplateValue, _ args: FilterArgs, at offset: Int) throws(TemplateError) -> TemplateValue {
        switch name {
        case "int":
            let fallback = args.value(0, "default") ?? .int(0)
            switch v {
            case .int, .bool: return .int(v.asInt ?? 0)
            case .double(let d): return d.isFinite && Swift.abs(d) < 9.2e18 ? .int(Int(d)) : fallback
            case .string(let s):
                let t = Text.strip(s, nil, leading: true, trailing: true).filter { $0 != "_" }
                let base = try args.value(1, "base").map { (b) throws(TemplateError) in try int(b, "int's base", at: offset) } ?? 10
                if let i = Int(t, radix: base) { return .int(i) }
                if let d = Double(t), d.isFinite, Swift.abs(d) < 9.2e18 { return .int(Int(d)) }
                return fallback
            default: return fallback
            }
        case "float":
            let fallback = args.value(0, "default") ?? .double(0)
            switch v {
            case .int, .bool, .double: return .double(v.asDouble ?? 0)
            case .string(let s):
                let t = Text.strip(s, nil, leading: true, trailing: true)
                if let d = Double(t) { return .double(d) }
                return fallback
            default: return fallback
            }
        case "abs":
            switch v {
            case .double(let d): return .double(Swift.abs(d))
            case .int, .bool:
                let i = v.asInt ?? 0
                if i == Int.min { throw typeError("integer overflow", at: offset) }
                return .int(Swift.abs(i))
            default: throw typeError("bad operand type for abs(): '\(v.typeName)'", at: offset)
            }
        case "round":
            guard let d = v.asDouble else { throw typeError("filter 'round' needs a number, not '\(v.typeName)'", at: offset) }
            let precision = try args.value(0, "precision").map { (p) throws(TemplateError) in try int(p, "round's precision", at: offset) } ?? 0
            let method = args.value(1, "method")?.displayString ?? "common"
            let scale = Foundation.pow(10.0, Double(precision))
            switch method {
            case "common":
                if case .int = v, precision >= 0 { return v }
                return .double(precision == 0 ? d.rounded(.toNearestOrEven) : (d * scale).rounded(.toNearestOrEven) / scale)
            case "ceil": return .double((d * scale).rounded(.up) / scale)
            case "floor": return .double((d * scale).rounded(.down) / scale)
            default: throw typeError("round's method must be 'common', 'ceil' or 'floor'", at: offset)
            }
        case "indent":
            let width = args.value(0, "width") ?? .int(4)
            if let n = width.asInt { try checkSize(n, at: offset) }
            let indention = width.asInt.map { String(repeating: " ", count: max(0, $0)) } ?? width.displayString
            let first = args.value(1, "first")?.isTruthy ?? false
            let blank = args.value(2, "blank")?.isTruthy ?? false
            let lines = Text.lines(v.displayString + "\n")
            let growth = indention.utf8.count.multipliedReportingOverflow(by: lines.count + 1)
            try checkSize(growth.overflow ? Int.max : v.displayString.utf8.count + growth.partialValue, at: offset)
            var rv: String
            if blank {
                rv = lines.joined(separator: "\n" + indention)
            } else {
                rv = lines.first ?? ""
                if lines.count > 1 {
                    rv += "\n" + lines.dropFirst().map { $0.isEmpty ? $0 : indention + $0 }.joined(separator: "\n")
                }
            }
            if first { rv = indention + rv }
            try checkSize(rv.utf8.count, at: offset)
            return .string(rv)
        default:
            throw loc.error(.unknownFilter, "unknown filter '\(name)'", at: offset)
        }
    }
}
