import ShopcBase

/// Column-level lineage across the project: each model column's direct upstream columns (from
/// binding), walked transitively upstream or downstream. Built once from the analysed project.
public struct LineageGraph: Sendable {
    /// One step of a walk: a column, how it relates to the column before it, and what follows.
    public struct Step: Sendable, Encodable {
        /// `model.stg_orders.profit`, `source.shopverse_raw.bronze_orders.quantity`.
        public var column: String
        /// `identity`, `derived`, `aggregated` (or `filter`/`join` for model-level uses).
        public var kind: String
        /// The inferred or declared type, when known.
        public var type: String?
        /// The next columns of the walk.
        public var next: [Step]
    }

    /// Model column → its direct upstream edges.
    var upstreamEdges: [ColumnOrigin: [LineageEdge]] = [:]
    /// Upstream column → the model columns that read it.
    var downstreamEdges: [ColumnOrigin: [LineageEdge]] = [:]
    /// Column → type spelling.
    var types: [ColumnOrigin: String] = [:]
    /// Columns of every node, in order.
    var columnsByNode: [NodeID: [String]] = [:]
    /// Model → its filter and join columns.
    var filtersByModel: [String: (filters: [ColumnOrigin], joins: [ColumnOrigin])] = [:]

    /// Builds the graph.
    public init(_ project: AnalysedProject) {
        for source in project.sources {
            for table in source.tables {
                columnsByNode[table.id] = table.columns.map(\.name)
                for column in table.columns {
                    types[ColumnOrigin(node: table.id, column: column.name)] = column.type
                }
            }
        }
        for model in project.models {
            guard let schema = model.schema else {
                columnsByNode[model.id] = model.columns.map(\.name)
                continue
            }
            columnsByNode[model.id] = schema.columns.map(\.name)
            filtersByModel[model.name] = (schema.filters, schema.joins)
            for column in schema.columns {
                let target = ColumnOrigin(node: model.id, column: column.name)
                types[target] = column.type.isOpen ? model.columns.first { $0.name.uppercased() == column.name.uppercased() }?.type : column.type.description
                upstreamEdges[target] = column.lineage
                for edge in column.lineage {
                    downstreamEdges[edge.origin, default: []].append(LineageEdge(origin: target, kind: edge.kind))
                }
            }
        }
        for key in downstreamEdges.keys { downstreamEdges[key]?.sort() }
    }

    /// The node named `name`: a model, or a source table (`table` or `source.table`).
    public func node(named name: String) -> NodeID? {
        if columnsByNode[.model(name)] != nil { return .model(name) }
        // Names are unquoted identifiers: `STG_ORDERS` is `stg_orders` (no two differ by case only).
        let folded = name.uppercased()
        let models = columnsByNode.keys.filter {
            if case .model(let m) = $0 { return m.uppercased() == folded }
            return false
        }
        if models.count == 1 { return models.first }
        let matches = columnsByNode.keys.filter {
            if case .source(let s, let t) = $0 { return t.uppercased() == folded || "\(s).\(t)".uppercased() == folded }
            return false
        }
        return matches.count == 1 ? matches.first : nil
    }

    /// The columns of a node, in order (empty when unknown).
    public func columns(of node: NodeID) -> [String] { columnsByNode[node] ?? [] }

    /// Every node name, for did-you-mean.
    public var nodeNames: [String] {
        columnsByNode.keys.map { id in
            switch id {
            case .model(let m): m
            case .source(let s, let t): "\(s).\(t)"
            }
        }.sorted()
    }

    /// The upstream (or downstream) walk from a column, depth-first, each column once per path.
    public func walk(from column: ColumnOrigin, downstream: Bool) -> Step {
        var onPath: Set<ColumnOrigin> = []
        return step(column, kind: "self", downstream: downstream, onPath: &onPath)
    }

    private func step(_ column: ColumnOrigin, kind: String, downstream: Bool, onPath: inout Set<ColumnOrigin>) -> Step {
        onPath.insert(column)
        defer { onPath.remove(column) }
        let edges = (downstream ? downstreamEdges[column] : upstreamEdges[column]) ?? []
        var next: [Step] = []
        for edge in edges where !onPath.contains(edge.origin) {
            next.append(step(edge.origin, kind: edge.kind.rawValue, downstream: downstream, onPath: &onPath))
        }
        return Step(column: column.description, kind: kind, type: types[column] ?? nil, next: next)
    }

    /// The columns that filter or join the rows of a model.
    public func rowDependencies(of model: String) -> (filters: [String], joins: [String]) {
        let entry = filtersByModel[model]
        return (entry?.filters.map(\.description) ?? [], entry?.joins.map(\.description) ?? [])
    }

    /// Renders walks as an indented tree.
    public static func text(_ steps: [Step], downstream: Bool) -> String {
        var lines: [String] = []
        let arrow = downstream ? "->" : "<-"
        func visit(_ step: Step, depth: Int) {
            let type = step.type.map { " \($0)" } ?? ""
            if depth == 0 {
                lines.append("\(step.column)\(type)")
            } else {
                lines.append(String(repeating: "  ", count: depth) + "\(arrow) \(step.column)\(type) (\(step.kind))")
            }
            for next in step.next { visit(next, depth: depth + 1) }
        }
        for step in steps { visit(step, depth: 0) }
        return lines.joined(separator: "\n") + "\n"
    }
}
