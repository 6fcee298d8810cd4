import OrderedCollections
import ShopcBase

/// The model graph: cycle detection and a deterministic topological order.
struct DependencyGraph {
    let models: [String]
    let dependencies: [String: OrderedSet<RecordedRef>]
    /// Model → the models it reads, sorted (computed once: every pass walks the edges).
    private let edges: [String: [String]]
    /// The models in name order; the passes below work on positions in it, not on names.
    private let byName: [String]
    /// Per position: the positions of the models it reads (declared models only, not itself).
    private let reads: [[Int]]
    /// Name → position in `byName`.
    private let position: [String: Int]

    init(models: [String], dependencies: [String: OrderedSet<RecordedRef>]) {
        self.models = models
        self.dependencies = dependencies
        let edges = dependencies.mapValues { refs in
            var names = refs.compactMap { ref -> String? in
                if case .model(let m) = ref.node { return m }
                return nil
            }
            // Sorted without repeats (a model can be read in several places).
            if names.count > 1 {
                names.sort()
                var kept = 1
                for i in 1..<names.count where names[i] != names[kept - 1] {
                    names[kept] = names[i]
                    kept += 1
                }
                names.removeLast(names.count - kept)
            }
            return names
        }
        self.edges = edges
        byName = models.sorted()
        var position: [String: Int] = [:]
        position.reserveCapacity(byName.count)
        for (i, name) in byName.enumerated() { position[name] = i }
        self.position = position
        reads = byName.enumerated().map { i, name in (edges[name] ?? []).compactMap { position[$0] }.filter { $0 != i } }
    }

    /// Model → the models it reads, sorted.
    func modelEdges(_ model: String) -> [String] { edges[model] ?? [] }

    func edgeLocation(from: String, to: String) -> SourceLocation? {
        dependencies[from]?.first { $0.node == .model(to) }?.location
    }

    /// Reports each cycle once, listing every model on it and where each edge is written.
    func reportCycles(_ d: inout Diagnostics) {
        // Tarjan's strongly connected components, iterative over sorted names.
        var index = 0
        var indices: [String: Int] = [:]
        var low: [String: Int] = [:]
        var stack: [String] = []
        var onStack: Set<String> = []
        var components: [[String]] = []
        let known = Set(models)
        for root in models where indices[root] == nil {
            var work: [(node: String, next: Int)] = [(root, 0)]
            indices[root] = index; low[root] = index; index += 1
            stack.append(root); onStack.insert(root)
            while var frame = work.popLast() {
                let edges = modelEdges(frame.node).filter { known.contains($0) }
                if frame.next < edges.count {
                    let child = edges[frame.next]
                    frame.next += 1
                    work.append(frame)
                    if indices[child] == nil {
                        indices[child] = index; low[child] = index; index += 1
                        stack.append(child); onStack.insert(child)
                        work.append((child, 0))
                    } else if onStack.contains(child) {
                        low[frame.node] = min(low[frame.node] ?? 0, indices[child] ?? 0)
                    }
                    continue
                }
                if let parent = work.last {
                    low[parent.node] = min(low[parent.node] ?? 0, low[frame.node] ?? 0)
                }
                if low[frame.node] == indices[frame.node] {
                    var component: [String] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == frame.node { break }
                    }
                    let selfLoop = component.count == 1 && modelEdges(frame.node).contains(frame.node)
                    if component.count > 1 || selfLoop { components.append(component) }
                }
            }
        }
        for component in components {
            let cycle = orderCycle(Set(component))
            let path = (cycle + [cycle[0]]).joined(separator: " -> ")
            var notes: [DiagnosticNote] = []
            for (i, from) in cycle.enumerated() {
                let to = cycle[(i + 1) % cycle.count]
                notes.append(DiagnosticNote("'\(from)' reads '\(to)' here", at: edgeLocation(from: from, to: to)))
            }
            d.error(.cycle, "models form a cycle: \(path)", at: notes.first?.location, notes: notes)
        }
    }

    /// A concrete cycle through a strongly connected component, starting at its smallest name.
    private func orderCycle(_ members: Set<String>) -> [String] {
        guard let start = members.min() else { return [] }
        // Breadth-first search for the shortest path from start back to start inside the component.
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for next in modelEdges(node) where members.contains(next) {
                if next == start {
                    var path = [node]
                    var cursor = node
                    while cursor != start, let p = previous[cursor] { path.append(p); cursor = p }
                    return path.reversed()
                }
                if previous[next] == nil {
                    previous[next] = node
                    queue.append(next)
                }
            }
        }
        return [start]
    }

    /// Whether some models read each other in a circle (or a model reads itself): Kahn's order
    /// leaves them out. Cheap, so the cycle report (Tarjan's) only runs when there is one.
    func hasCycle(order: [String]) -> Bool {
        models.contains { modelEdges($0).contains($0) } || topologicalPrefixCount(order) < models.count
    }

    /// How many models of `order` Kahn's algorithm placed before the models caught in cycles.
    private func topologicalPrefixCount(_ order: [String]) -> Int {
        let position = positions(of: order)
        var placed = [Bool](repeating: false, count: byName.count)
        var count = 0
        for p in position {
            guard let p, reads[p].allSatisfy({ placed[$0] }) else { break }
            placed[p] = true
            count += 1
        }
        return count
    }

    /// The position of each name in `byName` (nil for names that are not models).
    private func positions(of names: [String]) -> [Int?] {
        names.map { position[$0] }
    }

    /// Kahn's algorithm, always taking the smallest ready name; models caught in cycles come last
    /// in name order so that later stages still see every model.
    func topologicalOrder() -> [String] {
        var indegree = reads.map(\.count)
        var dependents = [[Int]](repeating: [], count: byName.count)
        for (model, deps) in reads.enumerated() {
            for dep in deps { dependents[dep].append(model) }
        }
        // Positions follow name order, so the smallest ready position is the smallest ready name.
        var ready = IndexHeap()
        for model in indegree.indices where indegree[model] == 0 { ready.insert(model) }
        var order: [String] = []
        order.reserveCapacity(byName.count)
        var placed = [Bool](repeating: false, count: byName.count)
        while let next = ready.popMin() {
            order.append(byName[next])
            placed[next] = true
            for dependent in dependents[next] {
                indegree[dependent] -= 1
                if indegree[dependent] == 0 { ready.insert(dependent) }
            }
        }
        if order.count < byName.count {
            for (i, name) in byName.enumerated() where !placed[i] { order.append(name) }
        }
        return order
    }
}

extension DependencyGraph {
    /// `order` cut into levels: each model comes one level after the deepest model it reads that
    /// comes before it in `order` (models on a cycle cannot all see each other). Models of one
    /// level are independent of each other; each level keeps the order of `order`.
    func levels(_ order: [String]) -> [[String]] {
        var level = [Int?](repeating: nil, count: byName.count)
        var levels: [[String]] = []
        for (model, position) in zip(order, positions(of: order)) {
            guard let position else { continue }
            var depth = 0
            for dependency in reads[position] {
                if let l = level[dependency] { depth = max(depth, l + 1) }
            }
            level[position] = depth
            if depth == levels.count { levels.append([]) }
            levels[depth].append(model)
        }
        return levels
    }
}

/// A binary min-heap of positions.
struct IndexHeap {
    private var items: [Int] = []

    mutating func insert(_ value: Int) {
        items.append(value)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func popMin() -> Int? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let min = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < items.count, items[l] < items[smallest] { smallest = l }
            if r < items.count, items[r] < items[smallest] { smallest = r }
            if smallest == i { break }
            items.swapAt(i, smallest)
            i = smallest
        }
        return min
    }
}
