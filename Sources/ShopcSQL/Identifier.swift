/// A single SQL identifier, quoted (`"My Col"`) or not (`my_col`).
///
/// Equality and hashing follow Snowflake name resolution: two identifiers are equal when they
/// have the same quoting and the same `normalized` name, so `Orders` equals `ORDERS` but not
/// `"Orders"`. The source range is ignored.
public struct Identifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name as written, without surrounding quotes and with `""` unescaped.
    public var name: String
    /// Whether the identifier was double-quoted.
    public var quoted: Bool
    /// Where it was written.
    public var range: SourceRange

    /// Creates an identifier.
    public init(_ name: String, quoted: Bool = false, range: SourceRange = .none) {
        self.name = name
        self.quoted = quoted
        self.range = range
    }

    /// The name Snowflake resolves: unquoted identifiers fold to upper case, quoted ones are
    /// exact.
    public var normalized: String { quoted ? name : name.uppercased() }

    /// Structural equality by quoting and normalized name.
    public static func == (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.quoted == rhs.quoted && lhs.normalized == rhs.normalized
    }

    /// Hashes the quoting and normalized name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(quoted)
        hasher.combine(normalized)
    }

    /// The canonical spelling: lower case if unquoted, double-quoted with `""` escaping if not.
    public var description: String {
        quoted ? quotedSQL(name, quote: "\"") : asciiLowercased(name)
    }
}

/// A dotted name of one or more parts, such as `db.schema.table` or `t.col`.
public struct QualifiedName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The parts, outermost first.
    public var parts: [Identifier]
    /// Where the whole name was written.
    public var range: SourceRange

    /// Creates a name.
    public init(_ parts: [Identifier], range: SourceRange = .none) {
        self.parts = parts
        self.range = range
    }

    /// The last part (the object's own name). Names always have at least one part when parsed.
    public var last: Identifier? { parts.last }

    /// The canonical dotted spelling.
    public var description: String { parts.map(\.description).joined(separator: ".") }
}
