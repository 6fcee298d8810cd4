/// How an output column depends on an upstream column.
public enum LineageKind: String, Sendable, Hashable, Codable, Comparable {
    /// The value is copied unchanged (`SELECT order_id`).
    case identity
    /// The value is computed from it (`UPPER(status)`, `price * quantity`).
    case derived
    /// The value aggregates it (`SUM(amount)`).
    case aggregated
    /// The upstream column only filters rows (`WHERE`, `HAVING`, `QUALIFY`).
    case filter
    /// The upstream column only joins rows (`ON`, `USING`).
    case join

    var rank: Int {
        switch self {
        case .identity: 0
        case .derived: 1
        case .aggregated: 2
        case .filter: 3
        case .join: 4
        }
    }

    public static func < (lhs: LineageKind, rhs: LineageKind) -> Bool { lhs.rank < rhs.rank }
}

/// A column of a source table or model.
public struct ColumnOrigin: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The node that holds the column.
    public var node: NodeID
    /// The column name in canonical spelling (lower case unless quoted).
    public var column: String

    /// Creates an origin.
    public init(node: NodeID, column: String) {
        self.node = node
        self.column = column
    }

    /// `model.stg_orders.profit`, `source.shopverse_raw.bronze_orders.quantity`.
    public var description: String { "\(node).\(column)" }

    /// Orders as `description` does, without building it.
    public static func < (lhs: ColumnOrigin, rhs: ColumnOrigin) -> Bool {
        if lhs.node == rhs.node { return lhs.column < rhs.column }
        return DescriptionPieces(lhs.node, column: lhs.column).precedes(DescriptionPieces(rhs.node, column: rhs.column))
    }

    public static func == (lhs: ColumnOrigin, rhs: ColumnOrigin) -> Bool { lhs.column == rhs.column && lhs.node == rhs.node }
}

/// One upstream column an output column comes from, and how.
public struct LineageEdge: Sendable, Hashable, Comparable {
    /// The upstream column.
    public var origin: ColumnOrigin
    /// How it is used.
    public var kind: LineageKind

    /// Creates an edge.
    public init(origin: ColumnOrigin, kind: LineageKind) {
        self.origin = origin
        self.kind = kind
    }

    public static func < (lhs: LineageEdge, rhs: LineageEdge) -> Bool {
        lhs.origin == rhs.origin ? lhs.kind.rank < rhs.kind.rank : lhs.origin < rhs.origin
    }
}

/// A column a model produces, as inferred from its SQL.
public struct InferredColumn: Sendable, Equatable {
    /// The canonical name (lower case unless quoted).
    public var name: String
    /// The inferred Snowflake type.
    public var type: SQLType
    /// The direct upstream columns, sorted.
    public var lineage: [LineageEdge]

    /// Creates a column.
    public init(name: String, type: SQLType, lineage: [LineageEdge]) {
        self.name = name
        self.type = type
        self.lineage = lineage
    }
}

/// What a model's SQL produces: its columns and the upstream columns that only filter or join.
public struct ModelSchema: Sendable, Equatable {
    /// The output columns, in order.
    public var columns: [InferredColumn]
    /// Whether the column list is complete (false when a `*` reads a relation of unknown shape).
    public var complete: Bool
    /// Upstream columns used in `WHERE`/`HAVING`/`QUALIFY`, sorted.
    public var filters: [ColumnOrigin]
    /// Upstream columns used in join conditions, sorted.
    public var joins: [ColumnOrigin]

    /// Creates a schema.
    public init(columns: [InferredColumn], complete: Bool, filters: [ColumnOrigin], joins: [ColumnOrigin]) {
        self.columns = columns
        self.complete = complete
        self.filters = filters
        self.joins = joins
    }
}

/// The pieces of a node's or column's `description` ("model." + name + "." + column), compared
/// byte by byte without building the string: the order of `description` for the NFC names
/// shopc handles, at a fraction of the cost (lineage sets are sorted for every model).
struct DescriptionPieces {
    private var pieces: (String, String, String, String, String, String)

    init(_ node: NodeID, column: String? = nil) {
        switch node {
        case .model(let m): pieces = ("model.", m, column == nil ? "" : ".", column ?? "", "", "")
        case .source(let s, let t): pieces = ("source.", s, ".", t, column == nil ? "" : ".", column ?? "")
        }
    }

    func precedes(_ other: DescriptionPieces) -> Bool {
        var a = Bytes(pieces)
        var b = Bytes(other.pieces)
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): if x != y { return x < y }
            }
        }
    }

    private struct Bytes {
        var pieces: (String, String, String, String, String, String)
        var piece = 0
        var iterator: String.UTF8View.Iterator

        init(_ pieces: (String, String, String, String, String, String)) {
            self.pieces = pieces
            iterator = pieces.0.utf8.makeIterator()
        }

        mutating func next() -> UInt8? {
            while true {
                if let byte = iterator.next() { return byte }
                piece += 1
                switch piece {
                case 1: iterator = pieces.1.utf8.makeIterator()
                case 2: iterator = pieces.2.utf8.makeIterator()
                case 3: iterator = pieces.3.utf8.makeIterator()
                case 4: iterator = pieces.4.utf8.makeIterator()
                case 5: iterator = pieces.5.utf8.makeIterator()
                default: return nil
                }
            }
        }
    }
}
