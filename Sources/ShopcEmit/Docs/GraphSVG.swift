/// Draws a `GraphLayout` as inline SVG: one link per node (a click opens the node's page), edges
/// as curves through their dummy points, colours by group. No script, no external resources.
struct GraphSVG {
    /// What a node shows.
    struct Label {
        var text: String
        var group: String
        /// The page anchor the node links to.
        var anchor: String
        /// The full id, shown as a tooltip.
        var title: String
    }

    let layout: GraphLayout
    let labels: [String: Label]
    /// Group names in legend order; their index picks the colour class (`g0`, `g1`…).
    let groups: [String]

    /// The longest label drawn in full; longer ones end with an ellipsis (the tooltip has it all).
    static let maxLabel = 24

    /// The `<svg>` element.
    func render() -> String {
        let m = layout.metrics
        var out = "<svg id=\"lineage-graph\" class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(layout.width) \(layout.height)\" width=\"\(layout.width)\" height=\"\(layout.height)\" style=\"max-width:100%;height:auto\" role=\"img\" aria-label=\"Lineage graph\">\n"
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"arrowhead\"/></marker></defs>\n"
        out += "<g class=\"edges\">\n"
        var real: [String: GraphLayout.Slot] = [:]
        for slot in layout.slots where !slot.dummy { real[slot.id] = slot }
        for route in layout.routes {
            guard let a = real[route.from], let b = real[route.to] else { continue }
            var points = [(x: a.x + m.nodeWidth, y: a.y + m.nodeHeight / 2)]
            var d = "M\(points[0].x),\(points[0].y)"
            for via in route.via {
                // Enter and leave the dummy's column horizontally, so long edges run straight.
                let enter = (x: via.x - m.nodeWidth / 2, y: via.y)
                d += Self.curve(from: points[points.count - 1], to: enter)
                d += "L\(via.x + m.nodeWidth / 2),\(via.y)"
                points.append((x: via.x + m.nodeWidth / 2, y: via.y))
            }
            d += Self.curve(from: points[points.count - 1], to: (x: b.x, y: b.y + m.nodeHeight / 2))
            out += "<path class=\"edge\" data-from=\"\(DocsText.html(route.from))\" data-to=\"\(DocsText.html(route.to))\" d=\"\(d)\" marker-end=\"url(#arrow)\"/>\n"
        }
        out += "</g>\n<g class=\"nodes\">\n"
        for slot in layout.slots where !slot.dummy {
            guard let label = labels[slot.id] else { continue }
            let colour = groups.firstIndex(of: label.group).map { "g\($0 % 8)" } ?? "g7"
            let text = label.text.count > Self.maxLabel ? String(label.text.prefix(Self.maxLabel - 1)) + "…" : label.text
            out += "<a class=\"gnode \(colour)\" href=\"#\(DocsText.html(label.anchor))\" data-node=\"\(DocsText.html(slot.id))\">"
            out += "<title>\(DocsText.html(label.title))</title>"
            out += "<rect x=\"\(slot.x)\" y=\"\(slot.y)\" width=\"\(m.nodeWidth)\" height=\"\(m.nodeHeight)\" rx=\"6\"/>"
            out += "<text x=\"\(slot.x + 10)\" y=\"\(slot.y + m.nodeHeight / 2 + 4)\">\(DocsText.html(text))</text></a>\n"
        }
        out += "</g>\n</svg>"
        return out
    }

    /// A horizontal-tangent cubic Bézier segment.
    static func curve(from a: (x: Int, y: Int), to b: (x: Int, y: Int)) -> String {
        let mid = (b.x - a.x) / 2
        return "C\(a.x + mid),\(a.y) \(b.x - mid),\(b.y) \(b.x),\(b.y)"
    }
}
