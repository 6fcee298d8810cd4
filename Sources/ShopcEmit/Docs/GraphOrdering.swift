/// The crossing-reduction step of `GraphLayout`: orders the nodes of each rank (real and dummy)
/// so that few edges cross. Barycenter sweeps alternate direction; each sweep is followed by
/// adjacent transpositions and sifting (each node tried at every position of its rank); the best
/// ordering seen is kept. Ties keep the current order, which
/// starts sorted by name, so the result is deterministic.
struct GraphOrdering {
    /// Node ids per rank, in drawing order (top to bottom).
    var layers: [[String]]
    let succ: [String: [String]]
    let pred: [String: [String]]

    /// The number of sweeps; small graphs settle after a few.
    /// Above this many nodes only barycenter sweeps run (see `minimiseCrossings`).
    static let refinementLimit = 400
    static let sweeps = 24

    /// Reorders `layers` in place: the sweeps run from six starts (name order, its reverse and
    /// depth-first order, each with a downward or an upward first sweep) and the ordering with
    /// the fewest crossings wins; ties go to the earlier start.
    mutating func minimiseCrossings() {
        if layers.reduce(0, { $0 + $1.count }) > Self.refinementLimit {
            // Large graphs: barycenter sweeps only, which are linear in the edges per sweep.
            // Counting crossings and transposing neighbours are quadratic, and a graph this big
            // is read through search and node pages rather than as one picture.
            for sweep in 0..<Self.sweeps {
                if sweep % 2 == 0 {
                    for r in layers.indices.dropFirst() { reorder(r, by: pred, reference: r - 1) }
                } else {
                    for r in layers.indices.dropLast().reversed() { reorder(r, by: succ, reference: r + 1) }
                }
            }
            return
        }
        let initial = layers
        let starts = [initial, initial.map { Array($0.reversed()) }, depthFirst()]
        var best: [[String]]?
        var bestCrossings = Int.max
        for start in starts.indices {
          for downFirst in [true, false] {
            var attempt = self
            attempt.layers = starts[start]
            attempt.sweep(downFirst: downFirst)
            let count = attempt.crossings()
            if count < bestCrossings {
                best = attempt.layers
                bestCrossings = count
            }
          }
        }
        layers = best ?? initial
    }

    /// Each rank in the order a depth-first walk from the first rank (successors in name order)
    /// reaches its nodes, so that nodes sharing ancestors start out together.
    func depthFirst() -> [[String]] {
        var visit: [String: Int] = [:]
        var stack: [String] = (layers.first ?? []).reversed()
        while let id = stack.popLast() {
            guard visit[id] == nil else { continue }
            visit[id] = visit.count
            stack.append(contentsOf: (succ[id] ?? []).sorted().reversed())
        }
        return layers.map { rank in
            rank.enumerated().sorted { (visit[$0.element] ?? Int.max, $0.offset) < (visit[$1.element] ?? Int.max, $1.offset) }.map(\.element)
        }
    }

    /// Alternating barycenter sweeps, each followed by transpositions and sifting; keeps the best
    /// ordering seen.
    mutating func sweep(downFirst: Bool) {
        var best = layers
        var bestCrossings = crossings()
        for sweep in 0..<Self.sweeps {
            if bestCrossings == 0 { break }
            if (sweep % 2 == 0) == downFirst {
                for r in layers.indices.dropFirst() { reorder(r, by: pred, reference: r - 1) }
            } else {
                for r in layers.indices.dropLast().reversed() { reorder(r, by: succ, reference: r + 1) }
            }
            transpose()
            sift()
            let count = crossings()
            if count < bestCrossings {
                best = layers
                bestCrossings = count
            }
        }
        layers = best
    }

    /// Sorts rank `r` by the mean position of each node's neighbours in rank `reference`; a node
    /// without neighbours there keeps its position.
    mutating func reorder(_ r: Int, by neighbours: [String: [String]], reference: Int) {
        let position = Dictionary(layers[reference].enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // Barycenters scaled by 1000 keep the arithmetic in integers.
        let keyed = layers[r].enumerated().map { index, id -> (key: Int, index: Int, id: String) in
            let ps = (neighbours[id] ?? []).compactMap { position[$0] }
            let key = ps.isEmpty ? index * 1000 : ps.reduce(0, +) * 1000 / ps.count
            return (key, index, id)
        }
        layers[r] = keyed.sorted { ($0.key, $0.index) < ($1.key, $1.index) }.map(\.id)
    }

    /// Swaps adjacent nodes while a swap lowers the crossings around their rank.
    mutating func transpose() {
        var improved = true
        var rounds = 0
        while improved && rounds < 20 {
            improved = false
            rounds += 1
            for r in layers.indices where layers[r].count > 1 {
                for i in 0..<(layers[r].count - 1) {
                    let before = crossingsAround(r)
                    layers[r].swapAt(i, i + 1)
                    if crossingsAround(r) < before {
                        improved = true
                    } else {
                        layers[r].swapAt(i, i + 1)
                    }
                }
            }
        }
    }

    /// Moves each node, in name order, to the position of its rank with the fewest crossings
    /// around that rank (the earliest such position on a tie, the current one when no move helps).
    mutating func sift() {
        var improved = true
        var rounds = 0
        while improved && rounds < 10 {
            improved = false
            rounds += 1
            for r in layers.indices where layers[r].count > 1 {
                for id in layers[r].sorted() {
                    guard let from = layers[r].firstIndex(of: id) else { continue }
                    let current = crossingsAround(r)
                    var row = layers[r]
                    row.remove(at: from)
                    var best = (count: current, position: from)
                    for position in 0...row.count where position != from {
                        var candidate = row
                        candidate.insert(id, at: position)
                        layers[r] = candidate
                        let count = crossingsAround(r)
                        if count < best.count { best = (count, position) }
                    }
                    row.insert(id, at: best.position)
                    layers[r] = row
                    if best.count < current { improved = true }
                }
            }
        }
    }

    /// Crossings between rank `r` and its two neighbours.
    func crossingsAround(_ r: Int) -> Int {
        (r > 0 ? crossings(between: r - 1) : 0) + (r + 1 < layers.count ? crossings(between: r) : 0)
    }

    /// Total crossings of the current ordering.
    func crossings() -> Int {
        layers.indices.dropLast().reduce(0) { $0 + crossings(between: $1) }
    }

    /// Crossings of the edges between rank `r` and rank `r + 1`: pairs of edges whose ends are
    /// in opposite order.
    func crossings(between r: Int) -> Int {
        let lower = Dictionary(layers[r + 1].enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var ends: [(Int, Int)] = []
        for (i, id) in layers[r].enumerated() {
            for next in succ[id] ?? [] { if let j = lower[next] { ends.append((i, j)) } }
        }
        var count = 0
        for a in ends.indices {
            for b in ends.indices where b > a {
                let (e, f) = (ends[a], ends[b])
                if (e.0 < f.0 && e.1 > f.1) || (e.0 > f.0 && e.1 < f.1) { count += 1 }
            }
        }
        return count
    }
}
