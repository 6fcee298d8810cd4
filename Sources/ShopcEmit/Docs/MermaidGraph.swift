import ShopcAnalysis

/// A mermaid `flowchart LR` of node-level lineage, for Markdown that GitHub renders. Node ids are
/// generated (`n0`, `n1`…) and labels escaped, so no spec text can change the diagram's syntax.
struct MermaidGraph {
    let catalog: DocsCatalog

    /// The fenced ```mermaid block for the nodes in `subset` (all when nil); `focus` is drawn
    /// highlighted.
    func render(subset: Set<NodeID>? = nil, focus: NodeID? = nil) -> String {
        let nodes = catalog.nodes.filter { subset?.contains($0.id) ?? true }
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
        for edge in catalog.edges {
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
        var up: [NodeID: [NodeID]] = [:]
        var down: [NodeID: [NodeID]] = [:]
        for edge in catalog.edges {
            up[edge.to, default: []].append(edge.from)
            down[edge.from, default: []].append(edge.to)
        }
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
