import ShopcBase
import ShopcSQL
import ShopcSpec

/// The columns a source table or model offers to the models that read it.
struct NodeSchema: Sendable {
    var node: NodeID
    var columns: [(name: SQLName, type: SQLType)]
    /// The column list is not known (a source loaded with schema inference, a `*` over an
    /// unknown table).
    var open: Bool
    var origin: RelationOrigin

    /// The relation a `FROM` clause sees: every column's lineage is the node's own column.
    func relation() -> ScopeRelation {
        let columns = columns.map { column in
            ScopeColumn(name: column.name, type: column.type,
                        lineage: [ColumnOrigin(node: node, column: column.name.description): .identity])
        }
        return ScopeRelation(key: "", columns: columns, open: open, origin: origin)
    }

    /// A source table's declared columns (plus load metadata columns when enabled).
    static func source(_ source: String, _ table: SourceTableSpec) -> NodeSchema {
        var columns = table.columns.map { (name: SQLName($0.name.value), type: $0.type.flatMap { SQLType.parse($0.value) } ?? SQLType.unknown) }
        var locations: [String: SourceLocation] = [:]
        for column in table.columns { locations[SQLName(column.name.value).normalized] = column.name.location }
        if table.metadataColumns?.value == true {
            for meta in MetadataColumns.all { columns.append((SQLName(meta.name), SQLType.parse(meta.type) ?? .unknown)) }
        }
        return NodeSchema(
            node: .source(source: source, table: table.name.value), columns: columns, open: table.columns.isEmpty,
            origin: RelationOrigin(description: "source '\(source).\(table.name.value)'", location: table.name.location, columnLocations: locations))
    }

    /// A model's schema for its readers: the inferred columns, typed by the declaration where
    /// the model declares a type, or the declared columns when the inferred list is incomplete.
    static func model(_ spec: ModelSpec, inferred: RelationShape?) -> NodeSchema {
        var locations: [String: SourceLocation] = [:]
        var declaredTypes: [String: SQLType] = [:]
        for column in spec.columns {
            let key = SQLName(column.name.value).normalized
            locations[key] = column.name.location
            if let type = column.type.flatMap({ SQLType.parse($0.value) }) { declaredTypes[key] = type }
        }
        let origin = RelationOrigin(description: "model '\(spec.name.value)'", location: spec.name.location, columnLocations: locations, inferred: spec.columns.isEmpty)
        let node = NodeID.model(spec.name.value)
        if let inferred, !inferred.open {
            let columns = inferred.columns.map { column in
                (name: column.name, type: column.type.isOpen ? (declaredTypes[column.key] ?? column.type) : column.type)
            }
            return NodeSchema(node: node, columns: columns, open: false, origin: origin)
        }
        if !spec.columns.isEmpty {
            let columns = spec.columns.map { (name: SQLName($0.name.value), type: declaredTypes[SQLName($0.name.value).normalized] ?? SQLType.unknown) }
            return NodeSchema(node: node, columns: columns, open: false, origin: origin)
        }
        return NodeSchema(node: node, columns: inferred?.columns.map { ($0.name, $0.type) } ?? [], open: true, origin: origin)
    }
}
