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
        var locations: SmallMap<SourceLocation> = [:]
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
    static func model(_ spec: ModelSpec, declared: DeclaredColumns, inferred: RelationShape?) -> NodeSchema {
        let origin = RelationOrigin(
            description: "model '\(spec.name.value)'", location: spec.name.location, columnLocations: declared.locationsByKey,
            inferred: declared.isEmpty)
        let node = NodeID.model(spec.name.value)
        if let inferred, !inferred.open {
            let columns = inferred.columns.map { column in
                (name: column.name, type: column.type.isOpen ? (declared.type(ofKey: column.key) ?? column.type) : column.type)
            }
            return NodeSchema(node: node, columns: columns, open: false, origin: origin)
        }
        if !declared.isEmpty {
            let columns = declared.columns.map { (name: SQLName($0.name), type: declared.type(ofKey: $0.key) ?? SQLType.unknown) }
            return NodeSchema(node: node, columns: columns, open: false, origin: origin)
        }
        return NodeSchema(node: node, columns: inferred?.columns.map { ($0.name, $0.type) } ?? [], open: true, origin: origin)
    }
}

/// A model's declared columns, read from its spec once per check: normalized keys, parsed
/// types and locations (the contract check and the model's schema both need them).
struct DeclaredColumns {
    struct Column {
        /// As written in the spec.
        var name: String
        /// Snowflake's resolution key (upper case unless quoted).
        var key: String
        var location: SourceLocation
        /// The declared type as written, and parsed (nil when absent or not a type).
        var typeText: Located<String>?
        var type: SQLType?
    }

    var columns: [Column] = []
    /// Key → position of its first declaration.
    var positions: SmallMap<Int> = [:]
    /// Key → the parsed type of its last typed declaration.
    var typesByKey: SmallMap<SQLType> = [:]

    init(_ spec: ModelSpec) {
        columns.reserveCapacity(spec.columns.count)
        positions = SmallMap(minimumCapacity: spec.columns.count)
        typesByKey = SmallMap(minimumCapacity: spec.columns.count)
        for i in spec.columns.indices {
            let name = spec.columns[i].name.value
            let typeText = spec.columns[i].type
            let key = SQLName(name).normalized
            if positions[key] == nil { positions[key] = columns.count }
            let type = typeText.flatMap { SQLType.parse($0.value) }
            if let type { typesByKey[key] = type }
            columns.append(Column(name: name, key: key, location: spec.columns[i].name.location, typeText: typeText, type: type))
        }
    }

    var isEmpty: Bool { columns.isEmpty }

    func contains(key: String) -> Bool { positions[key] != nil }

    /// The type declared for `key` (by its last typed declaration).
    func type(ofKey key: String) -> SQLType? { typesByKey[key] }

    /// Key → location of its last declaration.
    var locationsByKey: SmallMap<SourceLocation> {
        var out = SmallMap<SourceLocation>(minimumCapacity: columns.count)
        for column in columns { out[column.key] = column.location }
        return out
    }
}
