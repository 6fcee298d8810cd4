/// Bounds on the values a template builds, checked where a value is stored (`set`, `append`,
/// `extend`, `update`). One expression can add at most `maxNestingDepth` levels to a value (its
/// syntax tree is capped), so with this check no value ever nests deep enough for printing,
/// comparing or releasing it (all recursive) to exhaust the stack, and no string or list grows
/// past the output limit before it is measured.
extension RenderState {
    /// Most lists and dicts one check visits; shared sub-lists are visited once per use, so a
    /// value built by appending a list to itself over and over is caught here.
    static let maxVisitedContainers = 1_000_000

    /// Throws when `value` nests deeper than `limits.maxNestingDepth` or is too large to walk.
    func checkStorable(_ value: TemplateValue, at offset: Int) throws(TemplateError) {
        var pending: [(value: TemplateValue, depth: Int)] = [(value, 1)]
        var visited = 0
        while let (current, depth) = pending.popLast() {
            let children: [TemplateValue]
            switch current {
            case .list(let items): children = items
            case .dict(let dict): children = Array(dict.values)
            default: continue
            }
            visited += 1
            if depth > limits.maxNestingDepth {
                throw loc.error(.expansionLimit, "value nests deeper than \(limits.maxNestingDepth) levels", at: offset)
            }
            if visited > Self.maxVisitedContainers {
                throw loc.error(.expansionLimit, "value holds more than \(Self.maxVisitedContainers) lists and dicts", at: offset)
            }
            for child in children {
                switch child {
                case .list, .dict: pending.append((child, depth + 1))
                default: break
                }
            }
        }
    }

    /// Throws when joining `items` with `separator` would pass the output limit, before any
    /// of it is built.
    func checkJoinSize(_ items: [String], separator: String, at offset: Int) throws(TemplateError) {
        var total = 0
        for (index, item) in items.enumerated() {
            total += item.utf8.count + (index > 0 ? separator.utf8.count : 0)
            try checkSize(total, at: offset)
        }
    }

    /// `Text.replace` after checking that the result stays within the output limit.
    func replaced(_ s: String, _ old: String, _ new: String, count: Int, at offset: Int) throws(TemplateError) -> String {
        if !old.isEmpty && new.utf8.count > old.utf8.count {
            var occurrences = 0
            var rest = Substring(s)
            while count < 0 || occurrences < count, let r = rest.firstRange(of: old) {
                occurrences += 1
                rest = rest[r.upperBound...]
            }
            let growth = (new.utf8.count - old.utf8.count).multipliedReportingOverflow(by: occurrences)
            try checkSize(growth.overflow ? Int.max : s.utf8.count + growth.partialValue, at: offset)
        }
        return Text.replace(s, old, new, count: count)
    }
}
