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
    /// nodes on a cycle (which the analysis rejects) are placed after the others. Internally nodes
    /// are numbers, so the work is arrays rather than hashing of names.
    static func layout(nodes: [String], edges: [(from: String, to: String)], metrics: Metrics = Metrics()) -> GraphLayout {
        let known = Set(nodes)
        let edges = edges.filter { known.contains($0.from) && known.contains($0.to) && $0.from != $0.to }
        let rank = ranks(nodes: nodes.sorted(), edges: edges)

        // Number the nodes, then split long edges with dummy nodes (numbered after them).
        var names = Array(Set(nodes))
        var number: [String: Int] = [:]
        for (index, name) in names.enumerated() { number[name] = index }
        var rankOf = names.map { rank[$0] ?? 0 }
        var dummy = Array(repeating: false, count: names.count)
        var succ = Array(repeating: [Int](), count: names.count)
        var pred = succ
        func add(_ name: String, rank: Int) -> Int {
            names.append(name)
            rankOf.append(rank)
            dummy.append(true)
            succ.append([])
            pred.append([])
            return names.count - 1
        }
        var chains: [(from: Int, to: Int, dummies: [Int])] = []
        for edge in edges.sorted(by: { ($0.from, $0.to) < ($1.from, $1.to) }) {
            guard let from = number[edge.from], let to = number[edge.to] else { continue }
            let (a, b) = (rankOf[from], rankOf[to])
            var previous = from
            var chain: [Int] = []
            if b > a + 1 {
                for r in (a + 1)..<b {
                    let id = add("\u{1}\(edge.from)>\(edge.to)#\(r)", rank: r)
                    chain.append(id)
                    succ[previous].append(id)
                    pred[id].append(previous)
                    previous = id
                }
            }
            succ[previous].append(to)
            pred[to].append(previous)
            chains.append((from, to, chain))
        }
        // Ranks start in name order (dummies, named "\u{1}…", first).
        let byName = names.indices.sorted { names[$0] < names[$1] }
        var nameRank = Array(repeating: 0, count: names.count)
        for (place, id) in byName.enumerated() { nameRank[id] = place }
        let maxRank = rankOf.max() ?? 0
        var layers = Array(repeating: [Int](), count: maxRank + 1)
        for id in byName { layers[rankOf[id]].append(id) }

        var ordering = GraphOrdering(layers: layers, succ: succ, pred: pred, rankOf: rankOf, nameRank: nameRank)
        ordering.minimiseCrossings()

        // Vertical placement.
        var y = Array(repeating: 0, count: names.count)
        func height(_ id: Int) -> Int { dummy[id] ? metrics.dummyHeight : metrics.nodeHeight }
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
                    let ns = neighbours[id]
                    guard !ns.isEmpty else { return y[id] + height(id) / 2 }
                    return ns.reduce(0) { $0 + y[$1] + height($1) / 2 } / ns.count
                }
                for (i, id) in layer.enumerated() { desired[i] -= height(id) / 2 }
                for (id, placed) in zip(layer, pack(layer.map(height), desired: desired, gap: metrics.rowGap)) { y[id] = placed }
            }
        }
        let top = y.min() ?? 0
        var slots: [Slot] = []
        var slotOf = Array(repeating: 0, count: names.count)
        var bottom = 0
        for (r, layer) in ordering.layers.enumerated() {
            for id in layer {
                let slot = Slot(id: names[id], rank: r, dummy: dummy[id],
                                x: metrics.margin + r * (metrics.nodeWidth + metrics.rankGap),
                                y: metrics.margin + y[id] - top)
                bottom = max(bottom, slot.y + height(id))
                slotOf[id] = slots.count
                slots.append(slot)
            }
        }
        let routes = chains.map { chain in
            Route(from: names[chain.from], to: names[chain.to], via: chain.dummies.map { slots[slotOf[$0]] }.map {
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

    /// Positions for one rank (nodes of these heights, in order) as close to `desired` as the
    /// order and spacing allow: a forward pass pushes overlapping nodes down, a backward pass
    /// pulls them back up towards their desired positions.
    static func pack(_ heights: [Int], desired: [Int], gap: Int) -> [Int] {
        guard !heights.isEmpty else { return [] }
        var y = desired
        for i in 1..<heights.count {
            y[i] = max(y[i], y[i - 1] + heights[i - 1] + gap)
        }
        if heights.count > 1 {
            for i in stride(from: heights.count - 2, through: 0, by: -1) {
                let limit = y[i + 1] - heights[i] - gap
                y[i] = min(max(desired[i], i > 0 ? y[i - 1] + heights[i - 1] + gap : Int.min), limit)
            }
        }
        return y
    }
}
