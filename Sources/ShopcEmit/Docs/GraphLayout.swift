/// A layered (Sugiyama-style) drawing of a directed acyclic graph, left to right:
/// 1. rank every node by its longest path from a root;
/// 2. split edges that span several ranks with dummy nodes, one per rank crossed;
/// 3. order each rank by barycenter sweeps (down, then up) followed by adjacent transpositions,
///    keeping the ordering with the fewest crossings seen;
/// 4. place nodes vertically near the mean of their neighbours, keeping the order and spacing.
/// Integer arithmetic and name-ordered tie-breaks make the result deterministic.
struct GraphLayout: Equatable {
    /// A placed node (real or dummy).
    struct Slot: Equatable {
        var id: String
        var rank: Int
        var dummy: Bool
        var x: Int
        var y: Int
    }

    /// An edge of the input, drawn through the points of its dummy nodes.
    struct Route: Equatable {
        var from: String
        var to: String
        /// Centres of the dummy nodes between the two ends, left to right.
        var via: [(x: Int, y: Int)]

        static func == (lhs: Route, rhs: Route) -> Bool {
            lhs.from == rhs.from && lhs.to == rhs.to && lhs.via.map(\.x) == rhs.via.map(\.x) && lhs.via.map(\.y) == rhs.via.map(\.y)
        }
    }

    /// Sizes in pixels.
    struct Metrics: Equatable {
        var nodeWidth = 180
        var nodeHeight = 30
        var rankGap = 64
        var rowGap = 14
        var dummyHeight = 8
        var margin = 16
    }

    var slots: [Slot]
    var routes: [Route]
    var width: Int
    var height: Int
    /// Edge crossings of the chosen ordering (counted between adjacent ranks).
    var crossings: Int
    var metrics: Metrics

    /// Real nodes only, by id (a linear search: for tests; `GraphSVG` indexes the slots once).
    func slot(_ id: String) -> Slot? { slots.first { $0.id == id && !$0.dummy } }

    /// Lays out `nodes` (ids) and `edges` (from → to). Edges naming unknown nodes are ignored;
    /// nodes on a cycle (which the analysis rejects) are placed after the others.
    static func layout(nodes: [String], edges: [(from: String, to: String)], metrics: Metrics = Metrics()) -> GraphLayout {
        let known = Set(nodes)
        let edges = edges.filter { known.contains($0.from) && known.contains($0.to) && $0.from != $0.to }
        let rank = ranks(nodes: nodes.sorted(), edges: edges)

        // Split long edges.
        var succ: [String: [String]] = [:]
        var pred: [String: [String]] = [:]
        var dummies: Set<String> = []
        var chains: [(from: String, to: String, dummies: [String])] = []
        var rankOf = rank
        for edge in edges.sorted(by: { ($0.from, $0.to) < ($1.from, $1.to) }) {
            let (a, b) = (rank[edge.from] ?? 0, rank[edge.to] ?? 0)
            var previous = edge.from
            var chain: [String] = []
            if b > a + 1 {
                for r in (a + 1)..<b {
                    let id = "\u{1}\(edge.from)>\(edge.to)#\(r)"
                    dummies.insert(id)
                    rankOf[id] = r
                    chain.append(id)
                    succ[previous, default: []].append(id)
                    pred[id, default: []].append(previous)
                    previous = id
                }
            }
            succ[previous, default: []].append(edge.to)
            pred[edge.to, default: []].append(previous)
            chains.append((edge.from, edge.to, chain))
        }
        let maxRank = rankOf.values.max() ?? 0
        var layers = Array(repeating: [String](), count: maxRank + 1)
        for id in rankOf.keys.sorted() { layers[rankOf[id] ?? 0].append(id) }

        var ordering = GraphOrdering(layers: layers, succ: succ, pred: pred)
        ordering.minimiseCrossings()

        // Vertical placement.
        var y: [String: Int] = [:]
        func height(_ id: String) -> Int { dummies.contains(id) ? metrics.dummyHeight : metrics.nodeHeight }
        for layer in ordering.layers {
            var cursor = 0
            for id in layer { y[id] = cursor; cursor += height(id) + metrics.rowGap }
        }
        for pass in 0..<8 {
            let range = pass % 2 == 0 ? Array(ordering.layers.indices) : Array(ordering.layers.indices.reversed())
            for index in range {
                let layer = ordering.layers[index]
                let neighbours = pass % 2 == 0 ? pred : succ
                var desired: [Int] = layer.map { id in
                    let ns = (neighbours[id] ?? []).compactMap { n in y[n].map { $0 + height(n) / 2 } }
                    guard !ns.isEmpty else { return (y[id] ?? 0) + height(id) / 2 }
                    return ns.reduce(0, +) / ns.count
                }
                for (i, id) in layer.enumerated() { desired[i] -= height(id) / 2 }
                y.merge(pack(layer, desired: desired, height: height, gap: metrics.rowGap)) { $1 }
            }
        }
        let top = y.values.min() ?? 0
        var slots: [Slot] = []
        var bottom = 0
        for (r, layer) in ordering.layers.enumerated() {
            for id in layer {
                let slot = Slot(id: id, rank: r, dummy: dummies.contains(id),
                                x: metrics.margin + r * (metrics.nodeWidth + metrics.rankGap),
                                y: metrics.margin + (y[id] ?? 0) - top)
                bottom = max(bottom, slot.y + height(id))
                slots.append(slot)
            }
        }
        let byID = Dictionary(slots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let routes = chains.map { chain in
            Route(from: chain.from, to: chain.to, via: chain.dummies.compactMap { byID[$0] }.map {
                (x: $0.x + metrics.nodeWidth / 2, y: $0.y + metrics.dummyHeight / 2)
            })
        }
        return GraphLayout(
            slots: slots, routes: routes, width: metrics.margin * 2 + (maxRank + 1) * metrics.nodeWidth + maxRank * metrics.rankGap,
            height: bottom + metrics.margin, crossings: ordering.crossings(), metrics: metrics)
    }

    /// Longest path from a root, computed in Kahn order with a name-sorted queue.
    static func ranks(nodes: [String], edges: [(from: String, to: String)]) -> [String: Int] {
        var indegree: [String: Int] = [:]
        var out: [String: [String]] = [:]
        for node in nodes { indegree[node] = 0 }
        for edge in edges {
            indegree[edge.to, default: 0] += 1
            out[edge.from, default: []].append(edge.to)
        }
        var rank: [String: Int] = [:]
        var queue = nodes.filter { indegree[$0] == 0 }
        var index = 0
        while index < queue.count {
            let node = queue[index]
            index += 1
            for next in (out[node] ?? []).sorted() {
                rank[next] = max(rank[next] ?? 0, (rank[node] ?? 0) + 1)
                indegree[next, default: 0] -= 1
                if indegree[next] == 0 { queue.append(next) }
            }
        }
        let last = (rank.values.max() ?? 0) + 1
        for node in nodes where rank[node] == nil { rank[node] = queue.contains(node) ? 0 : last }
        return rank
    }

    /// Positions for one rank as close to `desired` as the order and spacing allow: a forward
    /// pass pushes overlapping nodes down, a backward pass pulls them back up towards their
    /// desired positions.
    static func pack(_ layer: [String], desired: [Int], height: (String) -> Int, gap: Int) -> [String: Int] {
        guard !layer.isEmpty else { return [:] }
        var y = desired
        for i in 1..<layer.count {
            y[i] = max(y[i], y[i - 1] + height(layer[i - 1]) + gap)
        }
        if layer.count > 1 {
            for i in stride(from: layer.count - 2, through: 0, by: -1) {
                let limit = y[i + 1] - height(layer[i]) - gap
                y[i] = min(max(desired[i], i > 0 ? y[i - 1] + height(layer[i - 1]) + gap : Int.min), limit)
            }
        }
        return Dictionary(zip(layer, y).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
    }
}
