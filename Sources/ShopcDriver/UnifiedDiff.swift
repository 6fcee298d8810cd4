/// Unified diffs of two texts by lines (Myers' O(ND) algorithm), with three lines of context.
public enum UnifiedDiff {
    enum Edit: Equatable { case same(Int, Int), delete(Int), insert(Int) }

    /// `--- old` / `+++ new` headers and `@@` hunks; empty when the texts are equal.
    public static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        if old == new { return "" }
        let a = lines(old), b = lines(new)
        if a.isEmpty || b.isEmpty {
            // A whole file added or removed: one hunk, no search needed.
            let body = a.map { "-\($0)\n" }.joined() + b.map { "+\($0)\n" }.joined()
            return "--- \(oldName)\n+++ \(newName)\n@@ -\(a.isEmpty ? 0 : 1),\(a.count) +\(b.isEmpty ? 0 : 1),\(b.count) @@\n" + body
        }
        let edits = script(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var i = 0
        while i < edits.count {
            // Find the next change.
            guard let start = edits[i...].firstIndex(where: { if case .same = $0 { return false }; return true }) else { break }
            var end = start
            var lastChange = start
            while end < edits.count {
                if case .same = edits[end] {
                    if end - lastChange > context * 2 { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            let hunkStart = max(i, start - context)
            let hunkEnd = min(edits.count, lastChange + context + 1)
            var oldStart = 0, newStart = 0, oldCount = 0, newCount = 0
            var body = ""
            var first = true
            for edit in edits[hunkStart..<hunkEnd] {
                switch edit {
                case .same(let x, let y):
                    if first { oldStart = x + 1; newStart = y + 1; first = false }
                    oldCount += 1; newCount += 1; body += " \(a[x])\n"
                case .delete(let x):
                    if first { oldStart = x + 1; newStart = position(edits, hunkStart, in: .new) + 1; first = false }
                    oldCount += 1; body += "-\(a[x])\n"
                case .insert(let y):
                    if first { newStart = y + 1; oldStart = position(edits, hunkStart, in: .old) + 1; first = false }
                    newCount += 1; body += "+\(b[y])\n"
                }
            }
            if oldCount == 0 { oldStart -= 1 }
            if newCount == 0 { newStart -= 1 }
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
            i = hunkEnd
        }
        return out
    }

    enum Side { case old, new }

    /// The 0-based line on one side at which edit `index` happens.
    static func position(_ edits: [Edit], _ index: Int, in side: Side) -> Int {
        var count = 0
        for edit in edits[..<index] {
            switch (edit, side) {
            case (.same, _), (.delete, .old), (.insert, .new): count += 1
            default: break
            }
        }
        return count
    }

    static func lines(_ s: String) -> [Substring] {
        var l = s.split(separator: "\n", omittingEmptySubsequences: false)
        if l.last?.isEmpty == true { l.removeLast() }
        return l
    }

    static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        let n = a.count, m = b.count
        let max = n + m
        // Large, very different texts: report a whole replacement instead of a quadratic search.
        if max > 20_000 {
            return (0..<n).map { Edit.delete($0) } + (0..<m).map { Edit.insert($0) }
        }
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for d in 0...max {
            if d > 2_000 { return (0..<n).map { Edit.delete($0) } + (0..<m).map { Edit.insert($0) } }
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]) { x = v[k + 1 + max] } else { x = v[k - 1 + max] + 1 }
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[k + max] = x
                if x >= n && y >= m { break outer }
            }
        }
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? k + 1 : k - 1
            let prevX = v[prevK + max]
            let prevY = prevX - prevK
            while x > prevX && y > prevY { x -= 1; y -= 1; edits.append(.same(x, y)) }
            if d > 0 {
                if x == prevX { y -= 1; edits.append(.insert(y)) } else { x -= 1; edits.append(.delete(x)) }
            }
        }
        return edits.reversed()
    }
}
