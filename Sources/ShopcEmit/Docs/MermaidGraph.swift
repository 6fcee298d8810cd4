import ShopcAnalysis

/// A mermaid `flowchart LR` of node-level lineage, for Markdown that GitHub renders. Node ids are
/// generated (`n0`, `n1`…) and labels escaped, so no spec text can change the diagram's syntax.
struct MermaidGraph {
    let catalog: DocsCatalog
    /// Upstream and downstream neighbours of each node, built once.
    let up: [NodeID: [NodeID]]
    let down: [NodeID: [NodeID]]

    init(catalog: DocsCatalog) {
        self.catalog = catalog
        var up: [NodeID: [NodeID]] = [:]
        var down: [NodeID: [NodeID]] = [:]
        for edge in catalog.edges {
            up[edge.to, default: []].append(edge.from)
            down[edge.from, default: []].append(edge.to)
        }
        self.up = up
        self.down = down
    }

    /// The fenced ```mermaid block for the nodes in `subset` (all when nil); `focus` is drawn
    /// highlighted.
    func render(subset: Set<NodeID>? = nil, focus: NodeID? = nil) -> String {
        let nodes: [DocsCatalog.Node]
        if let subset {
            // Only the subset, in catalog order, without walking every node of the project.
            nodes = subset.compactMap { catalog.position[$0] }.sorted().map { catalog.nodes[$0] }
        } else {
            nodes = catalog.nodes
        }
        var ids: [NodeID: String] = [:]
        for (index, node) in nodes.enumerated() { ids[node.id] = "n\(index)" }
        let groups = catalog.groups.map(\.name)
        var out = "```mermaid\nflowchart LR\n"
        for node in nodes {
            guard let id = ids[node.id] else { continue }
            let label = node.kind == "source" ? "\(node.sourceName ?? "").\(node.name)" : node.name
            let shape = node.kind == "source" ? ("[(\"", "\")]") : ("[\"", "\"]")
            out += "  \(id)\(shape.0)\(DocsText.mermaid(label))\(shape.1)\n"
        }
        let edges: [(from: NodeID, to: NodeID)] = subset == nil
            ? catalog.edges
            : nodes.flatMap { node in (down[node.id] ?? []).map { (from: node.id, to: $0) } }.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        for edge in edges {
            guard let a = ids[edge.from], let b = ids[edge.to] else { continue }
            out += "  \(a) --> \(b)\n"
        }
        let palette = ["#e6f0ff,stroke:#7da2e0", "#eaf6ea,stroke:#7fbf7f", "#fff3df,stroke:#e0a955", "#fbe9e7,stroke:#d9826f",
                       "#efe6fb,stroke:#a282d6", "#e3f6f6,stroke:#5fb3b3", "#f5f0e1,stroke:#b3a165", "#eef0f4,stroke:#9aa5b8"]
        for (index, group) in groups.enumerated() {
            let members = nodes.filter { $0.group == group }.compactMap { ids[$0.id] }
            guard !members.isEmpty else { continue }
            out += "  classDef g\(index) fill:\(palette[index % palette.count]),color:#1d2330\n"
            out += "  class \(members.joined(separator: ",")) g\(index)\n"
        }
        if let focus, let id = ids[focus] {
            out += "  classDef focus stroke:#2457c5,stroke-width:3px\n  class \(id) focus\n"
        }
        out += "```\n"
        return out
    }

    /// Every ancestor and descendant of `id`, and `id` itself.
    func neighbourhood(of id: NodeID) -> Set<NodeID> {
        var seen: Set<NodeID> = [id]
        for links in [up, down] {
            var stack = [id]
            while let next = stack.popLast() {
                for n in links[next] ?? [] where seen.insert(n).inserted { stack.append(n) }
            }
        }
        return seen
    }
}
