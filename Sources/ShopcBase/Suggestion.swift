/// Did-you-mean suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `name` (case-insensitive Levenshtein distance), if one is close
    /// enough to be a plausible typo: at most a third of the name's length, and at least 1.
    public static func closest<S: Sequence>(to name: String, in candidates: S) -> String?
    where S.Element == String {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = max(1, min(3, target.count / 3 + 1))
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars), limit: limit)
            guard distance <= limit else { continue }
            if let current = best {
                if distance < current.distance || (distance == current.distance && candidate < current.name) {
                    best = (distance, candidate)
                }
            } else {
                best = (distance, candidate)
            }
        }
        return best?.name
    }

    /// A ready-made note: `did you mean 'x'?`, or nil when nothing is close.
    public static func note<S: Sequence>(
        for name: String, in candidates: S, at location: SourceLocation? = nil
    ) -> DiagnosticNote? where S.Element == String {
        closest(to: name, in: candidates).map { DiagnosticNote("did you mean '\($0)'?", at: location) }
    }

    /// Levenshtein distance, giving up early (returning `limit + 1`) once it exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
