/// Draws a `GraphLayout` as inline SVG: one link per node (a click opens the node's page), edges
/// as curves through their dummy points, colours by group. No script, no external resources.
struct GraphSVG {
    /// What a node shows.
    struct Label {
        var text: String
        var group: String
        /// The page anchor the node links to; nil for a box that opens nothing (a layer).
        var anchor: String?
        /// The full id, shown as a tooltip.
        var title: String
    }

    let layout: GraphLayout
    let labels: [String: Label]
    /// Group names in legend order; their index picks the colour class (`g0`, `g1`…).
    let groups: [String]

    /// The longest label drawn in full; longer ones end with an ellipsis (the tooltip has it all).
    static let maxLabel = 24

    /// The `<svg>` element, built as bytes (`TextBuffer`): at 10,000 nodes it is several
    /// megabytes of small pieces.
    func render() -> String {
        let m = layout.metrics
        var out = TextBuffer(capacity: 256 * (layout.routes.count + layout.slots.count) + 1024)
        out.add("<svg id=\"lineage-graph\" class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        out.add(layout.width)
        out.add(" ")
        out.add(layout.height)
        out.add("\"")
        out.add(attributes: ["width": layout.width, "height": layout.height])
        out.add(" style=\"max-width:100%;height:auto\" role=\"img\" aria-label=\"Lineage graph\">\n")
        out.add("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"arrowhead\"/></marker></defs>\n")
        out.add("<g class=\"edges\">\n")
        var real: [String: GraphLayout.Slot] = [:]
        for slot in layout.slots where !slot.dummy { real[slot.id] = slot }
        for route in layout.routes {
            guard let a = real[route.from], let b = real[route.to] else { continue }
            out.add("<path class=\"edge\"")
            out.add(htmlAttributes: ["data-from": route.from, "data-to": route.to])
            out.add(" d=\"M")
            var last = (x: a.x + m.nodeWidth, y: a.y + m.nodeHeight / 2)
            out.add(last.x)
            out.add(",")
            out.add(last.y)
            for via in route.via {
                // Enter and leave the dummy's column horizontally, so long edges run straight.
                Self.curve(from: last, to: (x: via.x - m.nodeWidth / 2, y: via.y), into: &out)
                out.add("L")
                out.add(via.x + m.nodeWidth / 2)
                out.add(",")
                out.add(via.y)
                last = (x: via.x + m.nodeWidth / 2, y: via.y)
            }
            Self.curve(from: last, to: (x: b.x, y: b.y + m.nodeHeight / 2), into: &out)
            out.add("\" marker-end=\"url(#arrow)\"/>\n")
        }
        out.add("</g>\n<g class=\"nodes\">\n")
        for slot in layout.slots where !slot.dummy {
            guard let label = labels[slot.id] else { continue }
            let text = label.text.count > Self.maxLabel ? String(label.text.prefix(Self.maxLabel - 1)) + "…" : label.text
            out.add(label.anchor == nil ? "<g class=\"gnode " : "<a class=\"gnode ")
            if let group = groups.firstIndex(of: label.group) {
                out.add("g")
                out.add(group % 8)
            } else {
                out.add("g7")
            }
            out.add("\"")
            if let anchor = label.anchor {
                out.add(htmlAttributes: ["href": "#" + anchor, "data-node": slot.id])
            }
            out.add("><title>")
            out.add(html: label.title)
            out.add("</title><rect")
            out.add(attributes: ["x": slot.x, "y": slot.y, "width": m.nodeWidth, "height": m.nodeHeight])
            out.add(" rx=\"6\"/><text")
            out.add(attributes: ["x": slot.x + 10, "y": slot.y + m.nodeHeight / 2 + 4])
            out.add(">")
            out.add(html: text)
            out.add(label.anchor == nil ? "</text></g>\n" : "</text></a>\n")
        }
        out.add("</g>\n</svg>")
        return out.text
    }

    /// A horizontal-tangent cubic Bézier segment.
    static func curve(from a: (x: Int, y: Int), to b: (x: Int, y: Int), into out: inout TextBuffer) {
        let mid = (b.x - a.x) / 2
        out.add("C")
        out.add(a.x + mid)
        out.add(",")
        out.add(a.y)
        out.add(" ")
        out.add(b.x - mid)
        out.add(",")
        out.add(b.y)
        out.add(" ")
        out.add(b.x)
        out.add(",")
        out.add(b.y)
    }
}
