import ShopcBase
import ShopcSQL

/// The upstream columns an expression reads, with the strongest use of each.
typealias LineageSet = [ColumnOrigin: LineageKind]

extension Dictionary where Key == ColumnOrigin, Value == LineageKind {
    /// Adds `other`, keeping the strongest kind per origin.
    mutating func merge(_ other: LineageSet) {
        for (origin, kind) in other {
            if let current = self[origin], current >= kind { continue }
            self[origin] = kind
        }
    }

    /// Every kind raised to at least `floor` (a function over a column derives from it).
    func promoted(to floor: LineageKind) -> LineageSet {
        mapValues { $0 < floor ? floor : $0 }
    }

    /// As sorted edges.
    var edges: [LineageEdge] { map { LineageEdge(origin: $0.key, kind: $0.value) }.sorted() }
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
struct RelationOrigin: Sendable {
    /// `source 'shopverse_raw.bronze_orders'`, `model 'stg_orders'`, `CTE 'base'`.
    var description: String
    /// Where the relation is declared (its name in YAML, or the CTE name in SQL).
    var location: SourceLocation?
    /// Declared column name (normalized) → location of the declaration.
    var columnLocations: [String: SourceLocation] = [:]
    /// Whether the columns are inferred from SQL rather than declared.
    var inferred: Bool = false
}

/// A relation in a `FROM` scope: a table, CTE, derived table or table function, under its alias.
struct ScopeRelation: Sendable {
    /// The normalized alias or table name.
    var key: String
    var columns: [ScopeColumn]
    /// Column key → index of its first occurrence.
    var index: [String: Int]
    /// The shape is unknown: any column resolves, with an unknown type.
    var open: Bool
    var origin: RelationOrigin

    init(key: String, columns: [ScopeColumn], open: Bool, origin: RelationOrigin) {
        self.key = key
        self.columns = columns
        self.open = open
        self.origin = origin
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() where index[column.key] == nil { index[column.key] = i }
        self.index = index
    }

    func column(_ key: String) -> ScopeColumn? { index[key].map { columns[$0] } }
}

/// The relations of one `SELECT`'s `FROM`, plus columns merged by `USING`/`NATURAL` joins.
struct FromScope: Sendable {
    var relations: [ScopeRelation] = []
    /// Column key → the merged column of a `USING`/`NATURAL` join (resolves without ambiguity).
    var merged: [String: ScopeColumn] = [:]
    /// Keys of relations whose merged columns are hidden from unqualified lookup.
    var mergedOwners: [String: Set<String>] = [:]
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
