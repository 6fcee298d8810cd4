import ShopcAnalysis
import ShopcBase

/// What the documentation shows, computed once from the analysed project and shared by the HTML
/// site and the Markdown: nodes grouped by layer, their columns, tests, neighbours, column
/// lineage, compiled SQL and test coverage. Everything is sorted, so the output is byte-stable.
struct DocsCatalog {
    /// A data test as the docs show it.
    struct Test: Equatable {
        var name: String
        var kind: String
        var severity: String
        var column: String?
        var description: String?
    }

    /// A column of a node.
    struct Column: Equatable {
        var name: String
        var type: String?
        /// Whether `type` was inferred rather than declared.
        var inferred: Bool
        var description: String?
        var masking: String?
        var pii: Bool
        var tests: [Test]
        /// Upstream columns this column is computed from (empty without column lineage).
        var origins: [ColumnOrigin]
    }

    /// A source table or a model. A class: pages pass nodes around thousands of times, and a
    /// struct of this many fields costs a retain per field at every copy.
    final class Node: Sendable {
        let id: NodeID
        let name: String
        /// `source` or `model`.
        let kind: String
        /// The group the node is listed under: `sources`, a layer name, or `other`.
        let group: String
        let sourceName: String?
        let layer: String?
        let description: String?
        let materialized: String?
        let incrementalStrategy: String?
        let uniqueKey: [String]
        let clusterBy: [String]
        let tags: [String]
        let file: String?
        /// Relation per target, in target declaration order.
        let relations: [(target: String, relation: String)]
        let columns: [Column]
        let upstream: [NodeID]
        let downstream: [NodeID]
        /// Every test attached to the node, its columns' included, sorted by name.
        let tests: [Test]
        /// The compiled SELECT for the default target (models only).
        let sql: String?
        /// `id.description` and its HTML anchor, computed once (pages use them thousands of times).
        let key: String
        let anchor: String
        var testedColumns: Int { columns.count { !$0.tests.isEmpty } }

        init(id: NodeID, name: String, kind: String, group: String, sourceName: String?, layer: String?, description: String?,
             materialized: String?, incrementalStrategy: String?, uniqueKey: [String], clusterBy: [String], tags: [String],
             file: String?, relations: [(target: String, relation: String)], columns: [Column], upstream: [NodeID],
             downstream: [NodeID], tests: [Test], sql: String?) {
            self.id = id
            self.name = name
            self.kind = kind
            self.group = group
            self.sourceName = sourceName
            self.layer = layer
            self.description = description
            self.materialized = materialized
            self.incrementalStrategy = incrementalStrategy
            self.uniqueKey = uniqueKey
            self.clusterBy = clusterBy
            self.tags = tags
            self.file = file
            self.relations = relations
            self.columns = columns
            self.upstream = upstream
            self.downstream = downstream
            self.tests = tests
            self.sql = sql
            key = id.description
            anchor = DocsText.anchor(key)
        }
    }

    /// A group of the node list.
    struct Group {
        var name: String
        var nodes: [Node]
    }

    var projectName: String
    var defaultTarget: String
    var targets: [TargetInfo]
    var groups: [Group]
    /// Node-level edges (upstream, downstream), sorted.
    var edges: [(from: NodeID, to: NodeID)]
    /// Whether any column lineage is known (the hook returned something).
    var hasColumnLineage: Bool

    /// Every node in list order (computed once: pages look nodes up thousands of times).
    private(set) var nodes: [Node] = []
    /// Position of each node in `nodes`.
    private(set) var position: [NodeID: Int] = [:]
    /// Models in list order.
    var models: [Node] { nodes.filter { $0.kind == "model" } }

    /// Looks a node up by id.
    func node(_ id: NodeID) -> Node? { position[id].map { nodes[$0] } }

    /// Builds the catalog. Column lineage and inferred types come from `DocsLineageHook` unless
    /// given (tests pass them to exercise the rendering before the analysis provides them).
    init(project: AnalysedProject, columnLineage: [NodeID: [String: [ColumnOrigin]]]? = nil,
         inferredTypes: [NodeID: [String: String]]? = nil) {
        projectName = project.name
        defaultTarget = project.defaultTarget
        targets = project.targets
        let lineage = columnLineage ?? DocsLineageHook.columnLineage(project)
        let inferred = inferredTypes ?? DocsLineageHook.inferredTypes(project)
        hasColumnLineage = lineage.values.contains { !$0.isEmpty }

        var tests: [NodeID: [Test]] = [:]
        for test in project.tests {
            guard let node = test.node else { continue }
            tests[node, default: []].append(Test(
                name: test.name, kind: test.kind, severity: test.severity, column: test.column, description: test.description))
        }
        var children: [NodeID: [NodeID]] = [:]
        var edges: [(from: NodeID, to: NodeID)] = []
        for model in project.models {
            for dep in model.dependsOn {
                children[dep, default: []].append(model.id)
                edges.append((dep, model.id))
            }
        }
        self.edges = Self.sortedByID(edges) { ($0.from, $0.to) }
        let (testsByNode, downstream) = (tests, children)

        @Sendable func columns(_ infos: [ColumnInfo], of id: NodeID) -> [Column] {
            let tests = testsByNode[id] ?? []
            return infos.map { c in
                let key = c.name.uppercased()
                let inferredType = inferred[id]?[key]
                return Column(
                    name: c.name, type: c.type ?? inferredType, inferred: c.type == nil && inferredType != nil,
                    description: c.description, masking: c.masking, pii: c.pii,
                    tests: tests.filter { $0.column?.uppercased() == key }.sorted { $0.name < $1.name },
                    origins: (lineage[id]?[key] ?? []).sorted())
            }
        }
        // A model that declares no columns shows the columns its SQL produces, as inferred.
        @Sendable func inferredColumns(_ schema: ModelSchema, of id: NodeID) -> [Column] {
            let tests = testsByNode[id] ?? []
            return schema.columns.map { c in
                let key = c.name.uppercased()
                return Column(
                    name: c.name, type: inferred[id]?[key] ?? c.type.description, inferred: true, description: nil, masking: nil, pii: false,
                    tests: tests.filter { $0.column?.uppercased() == key }.sorted { $0.name < $1.name },
                    origins: (lineage[id]?[key] ?? []).sorted())
            }
        }
        @Sendable func relations(_ map: [String: Relation], ephemeral: Bool) -> [(target: String, relation: String)] {
            project.targets.compactMap { t in
                guard let r = map[t.name] else { return nil }
                return (t.name, ephemeral ? "ephemeral (inlined as a CTE)" : r.description)
            }
        }

        var sources: [Node] = []
        for source in project.sources {
            for table in source.tables {
                sources.append(Node(
                    id: table.id, name: table.name, kind: "source", group: "sources", sourceName: source.name, layer: nil,
                    description: table.description ?? source.description, materialized: nil, incrementalStrategy: nil,
                    uniqueKey: [], clusterBy: [], tags: [], file: nil, relations: relations(table.relations, ephemeral: false),
                    columns: columns(table.columns, of: table.id), upstream: [],
                    downstream: Self.sortedByID(downstream[table.id] ?? []), tests: (testsByNode[table.id] ?? []).sorted { $0.name < $1.name },
                    sql: nil))
            }
        }
        // Each model's node is independent of the others': built in parallel.
        let models = Parallel.map(project.models) { (model: ModelInfo) -> Node in
            Node(
                id: model.id, name: model.name, kind: "model", group: model.layer ?? "other", sourceName: nil, layer: model.layer,
                description: model.description, materialized: model.materialized, incrementalStrategy: model.incrementalStrategy,
                uniqueKey: model.uniqueKey, clusterBy: model.clusterBy, tags: model.tags, file: model.file,
                relations: relations(model.builds.mapValues(\.relation), ephemeral: model.materialized == "ephemeral"),
                columns: model.columns.isEmpty ? model.schema.map { inferredColumns($0, of: model.id) } ?? [] : columns(model.columns, of: model.id),
                upstream: Self.sortedByID(model.dependsOn),
                downstream: Self.sortedByID(downstream[model.id] ?? []), tests: (testsByNode[model.id] ?? []).sorted { $0.name < $1.name },
                sql: model.builds[project.defaultTarget]?.sql)
        }
        var order = project.layers
        for model in project.models { if let layer = model.layer, !order.contains(layer) { order.append(layer) } }
        order.append("other")
        var groups: [Group] = []
        if !sources.isEmpty { groups.append(Group(name: "sources", nodes: sources.sorted { $0.id < $1.id })) }
        for layer in order {
            let members = models.filter { $0.group == layer }.sorted { $0.name < $1.name }
            if !members.isEmpty { groups.append(Group(name: layer, nodes: members)) }
        }
        self.groups = groups
        self.nodes = groups.flatMap(\.nodes)
        for (index, node) in nodes.enumerated() { position[node.id] = index }
    }

    /// The group (index in `groups`) of each node, by position in `nodes`.
    var groupOfNode: [Int] {
        groups.enumerated().flatMap { index, group in group.nodes.map { _ in index } }
    }

    /// The dependencies between groups: one entry per pair of groups (indices in `groups`, a
    /// group with itself included) with at least one edge between them, sorted, with the number
    /// of edges.
    func groupDependencies() -> [(from: Int, to: Int, count: Int)] {
        let groupOf = groupOfNode
        var counts: [Int: Int] = [:]
        for edge in edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            counts[groupOf[from] * groups.count + groupOf[to], default: 0] += 1
        }
        return counts.keys.sorted().map { (from: $0 / groups.count, to: $0 % groups.count, count: counts[$0] ?? 0) }
    }

    /// `items` in the order of their node ids (`NodeID <` compares descriptions), each
    /// description built once rather than in every comparison.
    static func sortedByID<T>(_ items: [T], _ ids: (T) -> (NodeID, NodeID)) -> [T] {
        items.map { item in let (a, b) = ids(item); return (a.description, b.description, item) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// Node ids in order, each description built once.
    static func sortedByID(_ ids: [NodeID]) -> [NodeID] {
        ids.count < 2 ? ids : ids.map { ($0.description, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Test coverage of the models: columns with at least one test over all columns, and models
    /// with at least one test.
    struct Coverage {
        var columns: Int
        var testedColumns: Int
        var models: Int
        var testedModels: Int
        var tests: Int
    }

    /// Coverage over every model.
    var coverage: Coverage {
        let models = self.models
        return Coverage(
            columns: models.reduce(0) { $0 + $1.columns.count }, testedColumns: models.reduce(0) { $0 + $1.testedColumns },
            models: models.count, testedModels: models.count { !$0.tests.isEmpty }, tests: models.reduce(0) { $0 + $1.tests.count })
    }

    /// The environment → schema table: per target, its own schema and, for each custom schema a
    /// model or source names, the schema the schema macro turned it into.
    struct SchemaRow {
        var target: String
        var database: String
        /// Where nodes without a custom schema land: the schema macro's result for models that
        /// name none, or the target's schema when every model names one.
        var targetSchema: String
        /// Custom schema → resulting schema(s), in `customSchemas` order.
        var resolved: [String]
    }

    /// Custom schemas named by models and sources, sorted.
    static func customSchemas(_ project: AnalysedProject) -> [String] {
        Array(Set(project.models.compactMap(\.customSchema) + project.sources.compactMap(\.customSchema))).sorted()
    }

    /// One row per target.
    static func schemaRows(_ project: AnalysedProject) -> [SchemaRow] {
        let customs = customSchemas(project)
        return project.targets.map { target in
            let resolved = ([nil] + customs).map { custom -> String in
                var names: Set<String> = []
                for model in project.models where model.customSchema == custom && model.materialized != "ephemeral" {
                    if let r = model.builds[target.name]?.relation { names.insert(r.schema) }
                }
                for source in project.sources where source.customSchema == custom {
                    for table in source.tables { if let r = table.relations[target.name] { names.insert(r.schema) } }
                }
                if custom == nil && names.isEmpty { return target.schema }
                return names.isEmpty ? "—" : names.sorted().joined(separator: ", ")
            }
            return SchemaRow(target: target.name, database: target.database, targetSchema: resolved[0], resolved: Array(resolved.dropFirst()))
        }
    }
}
