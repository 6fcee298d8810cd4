import ShopcBase
import ShopcSQL

/// The upstream columns an expression reads, with the strongest use of each.
///
/// Almost every set holds one to three columns, so the entries live in a small array searched
/// linearly; a set that grows past `indexThreshold` entries (a `SELECT *` subquery under `IN`,
/// a wide `USING` join) gets a hash index so merging stays linear.
struct LineageSet: Sendable, ExpressibleByDictionaryLiteral {
    /// One entry per origin, in insertion order.
    private(set) var entries: [LineageEdge] = []
    private var index: [ColumnOrigin: Int]?

    static let indexThreshold = 16

    init() {}

    init(dictionaryLiteral elements: (ColumnOrigin, LineageKind)...) {
        for (origin, kind) in elements { insert(origin, kind) }
    }

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    /// The kind recorded for `origin`.
    subscript(origin: ColumnOrigin) -> LineageKind? { position(of: origin).map { entries[$0].kind } }

    private func position(of origin: ColumnOrigin) -> Int? {
        if let index { return index[origin] }
        return entries.firstIndex { $0.origin == origin }
    }

    /// Adds `origin`, keeping the strongest kind.
    mutating func insert(_ origin: ColumnOrigin, _ kind: LineageKind) {
        if let i = position(of: origin) {
            if entries[i].kind < kind { entries[i].kind = kind }
            return
        }
        entries.append(LineageEdge(origin: origin, kind: kind))
        if index != nil {
            index![origin] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            var built: [ColumnOrigin: Int] = [:]
            built.reserveCapacity(entries.count * 2)
            for (i, entry) in entries.enumerated() { built[entry.origin] = i }
            index = built
        }
    }

    /// Adds `other`, keeping the strongest kind per origin.
    mutating func merge(_ other: LineageSet) {
        if entries.isEmpty {
            self = other
            return
        }
        for entry in other.entries { insert(entry.origin, entry.kind) }
    }

    /// Every kind raised to at least `floor` (a function over a column derives from it).
    func promoted(to floor: LineageKind) -> LineageSet {
        var out = self
        out.promote(to: floor)
        return out
    }

    /// Raises every kind to at least `floor`, in place.
    mutating func promote(to floor: LineageKind) {
        guard entries.contains(where: { $0.kind < floor }) else { return }
        for i in entries.indices where entries[i].kind < floor { entries[i].kind = floor }
    }

    /// Every origin with the same kind (`filter` for a `WHERE`, `join` for an `ON`).
    func relabeled(_ kind: LineageKind) -> LineageSet {
        var out = self
        for i in out.entries.indices { out.entries[i].kind = kind }
        return out
    }

    /// The entries whose origin is not held by `node`.
    func removing(node: NodeID) -> LineageSet {
        guard entries.contains(where: { $0.origin.node == node }) else { return self }
        var out = LineageSet()
        for entry in entries where entry.origin.node != node { out.insert(entry.origin, entry.kind) }
        return out
    }

    /// As sorted edges.
    var edges: [LineageEdge] { entries.count < 2 ? entries : entries.sorted() }

    /// The origins, sorted.
    var origins: [ColumnOrigin] { entries.map(\.origin).sorted() }
}

/// A column visible in a scope.
struct ScopeColumn: Sendable {
    /// The name; `key` is what Snowflake resolves.
    var name: Identifier
    var type: SQLType
    var lineage: LineageSet
    /// Where the column is defined in the current model (a select item), for contract notes.
    var location: SourceLocation?

    var key: String { name.normalized }
}

/// Where the columns of a relation are declared, for the notes of binding errors.
///
/// A class: relations are copied into every scope that reads them, and their origin is read only
/// for the notes of an error, so copies share one.
final class RelationOrigin: Sendable {
    /// `source 'shopverse_raw.bronze_orders'`, `model 'stg_orders'`, `CTE 'base'`.
    let description: String
    /// Where the relation is declared (its name in YAML, or the CTE name in SQL).
    let location: SourceLocation?
    /// Declared column name (normalized) → location of the declaration.
    let columnLocations: SmallMap<SourceLocation>
    /// Whether the columns are inferred from SQL rather than declared.
    let inferred: Bool

    init(description: String, location: SourceLocation? = nil, columnLocations: SmallMap<SourceLocation> = [:], inferred: Bool = false) {
        self.description = description
        self.location = location
        self.columnLocations = columnLocations
        self.inferred = inferred
    }
}

/// A relation in a `FROM` scope: a table, CTE, derived table or table function, under its alias.
struct ScopeRelation: Sendable {
    /// The normalized alias or table name.
    var key: String
    var columns: [ScopeColumn]
    /// Column key → index of its first occurrence, for relations wider than
    /// `SmallMap.indexThreshold` columns (narrower ones are searched linearly).
    private(set) var index: [String: Int]?
    /// The shape is unknown: any column resolves, with an unknown type.
    var open: Bool
    var origin: RelationOrigin

    init(key: String, columns: [ScopeColumn], open: Bool, origin: RelationOrigin) {
        self.key = key
        self.columns = columns
        self.open = open
        self.origin = origin
        if columns.count > SmallMap<Int>.indexThreshold {
            var index: [String: Int] = [:]
            index.reserveCapacity(columns.count)
            for (i, column) in columns.enumerated() where index[column.key] == nil { index[column.key] = i }
            self.index = index
        }
    }

    /// The position of the first column named `key`.
    func position(of key: String) -> Int? {
        if let index { return index[key] }
        return columns.firstIndex { $0.name.normalized == key }
    }

    func column(_ key: String) -> ScopeColumn? { position(of: key).map { columns[$0] } }
}

/// The relations of one `SELECT`'s `FROM`, plus columns merged by `USING`/`NATURAL` joins.
struct FromScope: Sendable {
    var relations: [ScopeRelation] = []
    /// Column key → the merged column of a `USING`/`NATURAL` join (resolves without ambiguity).
    var merged: [String: ScopeColumn] = [:]
    /// Keys of relations whose merged columns are hidden from unqualified lookup.
    var mergedOwners: [String: Set<String>] = [:]
    /// The `SELECT` has `CONNECT BY`: the pseudo-column `LEVEL` resolves.
    var hierarchical = false
}

/// The result of typing an expression.
struct Typed: Sendable {
    var type: SQLType
    var lineage: LineageSet = [:]
    /// A string literal: converts implicitly to numbers, dates and booleans.
    var stringLiteral = false
    /// Holds an aggregate function outside any window.
    var aggregate = false
    /// Is a bare column reference (keeps identity lineage).
    var columnName: Identifier?
    /// An `INTERVAL` literal (date arithmetic keeps the other side's type).
    var interval = false
    /// A string literal's text, checked where Snowflake would convert it to another type.
    var literal: LiteralConversion?

    static let unknown = Typed(type: .unknown)
}

/// A relation's output: columns in order and whether the list is complete.
struct RelationShape: Sendable {
    var columns: [ScopeColumn]
    var open: Bool

    static let empty = RelationShape(columns: [], open: true)
}

/// A SQL identifier (the spec module has an `Identifier` of its own).
typealias SQLName = ShopcSQL.Identifier
