/// The crossing-reduction step of `GraphLayout`: orders the nodes of each rank (real and dummy)
/// so that few edges cross. Barycenter sweeps alternate direction; each sweep is followed by
/// adjacent transpositions and sifting (each node tried at every position of its rank); the best
/// ordering seen is kept. Ties keep the current order, which
/// starts sorted by name, so the result is deterministic.
///
/// Nodes are numbers (`GraphLayout` keeps their names); `nameRank` gives each node's place in
/// name order, for the steps that visit nodes by name.
struct GraphOrdering {
    /// Node numbers per rank, in drawing order (top to bottom).
    var layers: [[Int]]
    /// Successors and predecessors of each node.
    let succ: [[Int]]
    let pred: [[Int]]
    /// Each node's rank (the layer it is in).
    let rankOf: [Int]
    /// Each node's place in name order.
    let nameRank: [Int]
    /// Scratch: the position of each node of the reference rank during `reorder`.
    private var position: [Int]

    init(layers: [[Int]], succ: [[Int]], pred: [[Int]], rankOf: [Int], nameRank: [Int]) {
        self.layers = layers
        self.succ = succ
        self.pred = pred
        self.rankOf = rankOf
        self.nameRank = nameRank
        position = Array(repeating: 0, count: rankOf.count)
    }

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
            // Transposing neighbours and sifting are quadratic, and a graph this big is read
            // through search and node pages rather than as one picture.
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
        var best: [[Int]]?
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
    func depthFirst() -> [[Int]] {
        var visit = Array(repeating: Int.max, count: rankOf.count)
        var visited = 0
        var stack: [Int] = (layers.first ?? []).reversed()
        while let id = stack.popLast() {
            guard visit[id] == Int.max else { continue }
            visit[id] = visited
            visited += 1
            stack.append(contentsOf: succ[id].sorted { nameRank[$0] < nameRank[$1] }.reversed())
        }
        return layers.map { rank in
            rank.enumerated().sorted { (visit[$0.element], $0.offset) < (visit[$1.element], $1.offset) }.map(\.element)
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
    mutating func reorder(_ r: Int, by neighbours: [[Int]], reference: Int) {
        for (index, id) in layers[reference].enumerated() { position[id] = index }
        // Barycenters scaled by 1000 keep the arithmetic in integers.
        let keyed = layers[r].enumerated().map { index, id -> (key: Int, index: Int, id: Int) in
            var sum = 0
            var count = 0
            for n in neighbours[id] where rankOf[n] == reference {
                sum += position[n]
                count += 1
            }
            return (count == 0 ? index * 1000 : sum * 1000 / count, index, id)
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
                for id in layers[r].sorted(by: { nameRank[$0] < nameRank[$1] }) {
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
    mutating func crossingsAround(_ r: Int) -> Int {
        (r > 0 ? crossings(between: r - 1) : 0) + (r + 1 < layers.count ? crossings(between: r) : 0)
    }

    /// Total crossings of the current ordering.
    mutating func crossings() -> Int {
        var total = 0
        for r in layers.indices.dropLast() { total += crossings(between: r) }
        return total
    }

    /// Crossings of the edges between rank `r` and rank `r + 1`: pairs of edges whose ends are
    /// in opposite order. Edges sorted by their upper end (then lower) cross exactly where a
    /// later edge's lower end lies strictly above an earlier one's, which a Fenwick tree over the
    /// lower rank counts in O(E log V).
    mutating func crossings(between r: Int) -> Int {
        for (index, id) in layers[r + 1].enumerated() { position[id] = index }
        var ends: [(Int, Int)] = []
        for (i, id) in layers[r].enumerated() {
            for next in succ[id] where rankOf[next] == r + 1 { ends.append((i, position[next])) }
        }
        guard ends.count > 1 else { return 0 }
        ends.sort { $0 < $1 }
        var tree = Array(repeating: 0, count: layers[r + 1].count + 1)
        var count = 0
        for (seen, end) in ends.enumerated() {
            // Earlier edges whose lower end is at or above this one's do not cross it.
            var atOrAbove = 0
            var i = end.1 + 1
            while i > 0 {
                atOrAbove += tree[i]
                i -= i & -i
            }
            count += seen - atOrAbove
            i = end.1 + 1
            while i < tree.count {
                tree[i] += 1
                i += i & -i
            }
        }
        return count
    }
}
