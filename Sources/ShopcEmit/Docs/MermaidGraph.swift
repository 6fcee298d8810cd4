import ShopcAnalysis

/// A mermaid `flowchart LR` of node-level lineage, for Markdown that GitHub renders. Node ids are
/// generated (`n0`, `n1`…) and labels escaped, so no spec text can change the diagram's syntax.
///
/// A model page draws a bounded neighbourhood (`neighbourhood(of:)`), so each page costs the
/// same whatever the project's size: mermaid diagrams of hundreds of nodes are unreadable, and
/// GitHub refuses to render long ones.
struct MermaidGraph: Sendable {
    let catalog: DocsCatalog
    /// Parents and children of each node, by position in `catalog.nodes`, in catalog order.
    let up: [[Int]]
    let down: [[Int]]
    /// Each node's rank in `NodeID` order, which orders the edges of a diagram.
    let idRank: [Int]
    /// Each node's shape and escaped label, as written after its diagram id (`[("raw.orders")]`).
    let shapes: [String]
    /// Each node's group, by index in `catalog.groups`.
    let groupIndex: [Int]

    /// The most nodes a page's diagram holds before further levels are left out.
    static let maxNodes = 40
    /// The most direct parents, or children, a page's diagram draws.
    static let maxNeighbours = 20

    init(catalog: DocsCatalog) {
        self.catalog = catalog
        var up = Array(repeating: [Int](), count: catalog.nodes.count)
        var down = up
        for edge in catalog.edges {
            guard let from = catalog.position[edge.from], let to = catalog.position[edge.to] else { continue }
            up[to].append(from)
            down[from].append(to)
        }
        self.up = up.map { $0.sorted() }
        self.down = down.map { $0.sorted() }
        var idRank = Array(repeating: 0, count: catalog.nodes.count)
        for (rank, position) in catalog.nodes.indices.sorted(by: { catalog.nodes[$0].key < catalog.nodes[$1].key }).enumerated() {
            idRank[position] = rank
        }
        self.idRank = idRank
        shapes = catalog.nodes.map { node in
            node.kind == "source"
                ? "[(\"\(DocsText.mermaid("\(node.sourceName ?? "").\(node.name)"))\")]" : "[\"\(DocsText.mermaid(node.name))\"]"
        }
        groupIndex = catalog.groupOfNode
    }

    /// A dotted box standing for nodes a page's diagram leaves out.
    struct Elision: Equatable {
        /// True for the upstream side.
        var upstream: Bool
        var label: String
        /// The drawn nodes (positions) whose undrawn neighbours it stands for.
        var attachedTo: [Int]
    }

    /// What a page draws: nodes (positions, in catalog order), how many levels of each side, and
    /// a dotted box for each side that is cut short.
    struct Neighbourhood: Equatable {
        var nodes: [Int]
        var levelsUp: Int
        var levelsDown: Int
        var elisions: [Elision]
    }

    /// The node at `focus` and its lineage: direct parents and children (at most `maxNeighbours`
    /// a side, the rest counted in a dotted box), then further levels, nearest first, upstream
    /// and downstream in turn, each drawn whole while the diagram stays within `maxNodes`; a side
    /// stops at its first level that does not fit, with a dotted box giving that level's size.
    /// A small lineage is drawn whole. Work is bounded by the nodes drawn and their edges, not by
    /// the size of the project.
    func neighbourhood(of focus: Int) -> Neighbourhood {
        // At most `maxNodes` + 1 nodes are drawn: a plain array is a faster set than hashing.
        var drawn: [Int] = [focus]
        drawn.reserveCapacity(Self.maxNodes + 2 * Self.maxNeighbours + 1)
        var frontier = [[focus], [focus]]
        var levels = [0, 0]
        var open = [true, true]
        var elisions: [Elision] = []
        for side in 0..<2 {
            let direct = side == 0 ? up[focus] : down[focus]
            if direct.count > Self.maxNeighbours {
                drawn += direct.prefix(Self.maxNeighbours)
                let more = direct.count - Self.maxNeighbours
                elisions.append(Elision(upstream: side == 0, label: "+\(more) more \(side == 0 ? "parent" : "child")\(more == 1 ? "" : side == 0 ? "s" : "ren")", attachedTo: [focus]))
                open[side] = false
            } else {
                drawn += direct
                frontier[side] = direct
                open[side] = !direct.isEmpty
            }
            levels[side] = direct.isEmpty ? 0 : 1
        }
        while open[0] || open[1] {
            for side in 0..<2 where open[side] {
                let links = side == 0 ? up : down
                // Sized for a level that still fits the diagram; a hub's level grows past it.
                var next: [Int] = []
                next.reserveCapacity(Self.maxNodes)
                var seen = Set<Int>(minimumCapacity: Self.maxNodes)
                var reaching: [Int] = []
                reaching.reserveCapacity(frontier[side].count)
                for node in frontier[side] {
                    var reaches = false
                    for other in links[node] where !drawn.contains(other) {
                        reaches = true
                        if seen.insert(other).inserted { next.append(other) }
                    }
                    if reaches { reaching.append(node) }
                }
                if next.isEmpty {
                    open[side] = false
                } else if drawn.count + next.count <= Self.maxNodes {
                    drawn += next
                    frontier[side] = next
                    levels[side] += 1
                } else {
                    elisions.append(Elision(upstream: side == 0, label: "\(next.count)+ more \(side == 0 ? "upstream" : "downstream")", attachedTo: reaching))
                    open[side] = false
                }
            }
        }
        return Neighbourhood(nodes: drawn.sorted(), levelsUp: levels[0], levelsDown: levels[1], elisions: elisions)
    }

    /// The fenced ```mermaid block of a page: `neighbourhood` drawn with `focus` highlighted.
    func render(_ neighbourhood: Neighbourhood, focus: Int) -> String {
        let members = neighbourhood.nodes
        var edges: [(from: Int, to: Int)] = []
        for node in members {
            // Both lists are sorted: walk them together, or look the few drawn nodes up in a
            // hub's long list of children.
            let children = down[node]
            if children.count > 8 * members.count {
                for child in members where Self.contains(children, child) { edges.append((node, child)) }
            } else {
                var (i, j) = (0, 0)
                while i < children.count && j < members.count {
                    if children[i] < members[j] {
                        i += 1
                    } else if children[i] > members[j] {
                        j += 1
                    } else {
                        edges.append((node, children[i]))
                        i += 1
                    }
                }
            }
        }
        // One integer key per edge: its ends' ranks in `NodeID` order.
        let count = idRank.count
        edges = edges.map { (idRank[$0.from] * count + idRank[$0.to], $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        return render(nodes: members, edges: edges, elisions: neighbourhood.elisions, focus: focus)
    }

    /// The fenced ```mermaid block of the whole project.
    func renderAll() -> String {
        let edges = catalog.edges.compactMap { edge in
            catalog.position[edge.from].flatMap { from in catalog.position[edge.to].map { (from: from, to: $0) } }
        }
        return render(nodes: Array(catalog.nodes.indices), edges: edges, elisions: [], focus: nil)
    }

    /// The fenced ```mermaid block of the layers (node groups): one box per group with its number
    /// of nodes, one arrow per pair of groups with the number of edges between them.
    func renderLayers() -> String {
        let groups = catalog.groups
        var out = "```mermaid\nflowchart LR\n"
        for (index, group) in groups.enumerated() {
            let sources = group.nodes.first?.kind == "source"
            let label = "\(group.name): \(DocsText.count(group.nodes.count, sources ? "source table" : "model"))"
            out += "  g\(index)\(sources ? "[(\"" : "[\"")\(DocsText.mermaid(label))\(sources ? "\")]" : "\"]")\n"
        }
        for pair in catalog.groupDependencies() {
            out += "  g\(pair.from) -->|\(pair.count)| g\(pair.to)\n"
        }
        for index in groups.indices {
            out += "  classDef c\(index) fill:\(Self.palette[index % Self.palette.count]),color:#1d2330\n  class g\(index) c\(index)\n"
        }
        out += "```\n"
        return out
    }

    /// Fill and stroke per group, as in the HTML graph.
    static let palette = ["#e6f0ff,stroke:#7da2e0", "#eaf6ea,stroke:#7fbf7f", "#fff3df,stroke:#e0a955", "#fbe9e7,stroke:#d9826f",
                          "#efe6fb,stroke:#a282d6", "#e3f6f6,stroke:#5fb3b3", "#f5f0e1,stroke:#b3a165", "#eef0f4,stroke:#9aa5b8"]

    private func render(nodes: [Int], edges: [(from: Int, to: Int)], elisions: [Elision], focus: Int?) -> String {
        // Diagram ids follow the order of `nodes`, which is sorted: a position's id is its index
        // there, found by binary search (a page draws at most `maxNodes` + 1 nodes).
        func local(_ position: Int) -> Int? { Self.index(of: position, in: nodes) }
        var out = TextBuffer(capacity: 64 * (nodes.count + edges.count) + 512)
        out.add("```mermaid\nflowchart LR\n")
        for (index, position) in nodes.enumerated() {
            out.add("  n")
            out.add(index)
            out.add(shapes[position])
            out.add("\n")
        }
        for elision in elisions {
            out.add(elision.upstream ? "  more_up[\"" : "  more_down[\"")
            out.add(elision.label, escaping: DocsText.mermaidEscapes)
            out.add("\"]\n")
        }
        for edge in edges {
            guard let a = local(edge.from), let b = local(edge.to) else { continue }
            out.add("  n")
            out.add(a)
            out.add(" --> n")
            out.add(b)
            out.add("\n")
        }
        for elision in elisions {
            for node in elision.attachedTo {
                guard let id = local(node) else { continue }
                if elision.upstream {
                    out.add("  more_up -.-> n")
                    out.add(id)
                    out.add("\n")
                } else {
                    out.add("  n")
                    out.add(id)
                    out.add(" -.-> more_down\n")
                }
            }
        }
        var byGroup = Array(repeating: [Int](), count: catalog.groups.count)
        for (index, position) in nodes.enumerated() { byGroup[groupIndex[position]].append(index) }
        for (index, members) in byGroup.enumerated() where !members.isEmpty {
            out.add("  classDef g")
            out.add(index)
            out.add(" fill:")
            out.add(Self.palette[index % Self.palette.count])
            out.add(",color:#1d2330\n  class ")
            for (offset, member) in members.enumerated() {
                out.add(offset == 0 ? "n" : ",n")
                out.add(member)
            }
            out.add(" g")
            out.add(index)
            out.add("\n")
        }
        if !elisions.isEmpty {
            out.add("  classDef more fill:#ffffff,stroke:#9aa5b8,stroke-dasharray:4 3,color:#5d6778\n  class ")
            out.add(elisions.map { $0.upstream ? "more_up" : "more_down" }.joined(separator: ","))
            out.add(" more\n")
        }
        if let focus, let id = local(focus) {
            out.add("  classDef focus stroke:#2457c5,stroke-width:3px\n  class n")
            out.add(id)
            out.add(" focus\n")
        }
        out.add("```\n")
        return out.text
    }

    /// Whether the sorted `list` holds `value` (binary search).
    static func contains(_ list: [Int], _ value: Int) -> Bool {
        index(of: value, in: list) != nil
    }

    /// Where the sorted `list` holds `value` (binary search).
    static func index(of value: Int, in list: [Int]) -> Int? {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < list.count && list[low] == value ? low : nil
    }
}
