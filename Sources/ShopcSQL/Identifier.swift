/// A single SQL identifier, quoted (`"My Col"`) or not (`my_col`).
///
/// Equality and hashing follow Snowflake name resolution: two identifiers are equal when they
/// have the same quoting and the same `normalized` name, so `Orders` equals `ORDERS` but not
/// `"Orders"`. The source range is ignored.
public struct Identifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The name as written, without surrounding quotes and with `""` unescaped.
    public var name: String { didSet { normalized = Self.normalize(name, quoted: quoted) } }
    /// Whether the identifier was double-quoted.
    public var quoted: Bool { didSet { normalized = Self.normalize(name, quoted: quoted) } }
    /// Where it was written.
    public var range: SourceRange
    /// The name Snowflake resolves: unquoted identifiers fold to upper case, quoted ones are
    /// exact. Stored, because binding compares and hashes names far more often than it makes them.
    public private(set) var normalized: String

    /// Creates an identifier.
    public init(_ name: String, quoted: Bool = false, range: SourceRange = .none) {
        self.name = name
        self.quoted = quoted
        self.range = range
        self.normalized = Self.normalize(name, quoted: quoted)
    }

    private enum CodingKeys: String, CodingKey { case name, quoted, range }

    /// Decodes the written name, quoting and range (the normalized name is derived).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(String.self, forKey: .name), quoted: try container.decode(Bool.self, forKey: .quoted),
                  range: try container.decode(SourceRange.self, forKey: .range))
    }

    /// Encodes the written name, quoting and range.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(quoted, forKey: .quoted)
        try container.encode(range, forKey: .range)
    }

    static func normalize(_ name: String, quoted: Bool) -> String {
        if quoted { return name }
        // Unquoted names are almost always ASCII: fold bytes in one pass (no copy when nothing
        // is lower case); anything else takes Unicode rules.
        enum Fold { case unchanged, folded(String), unicode }
        var text = name
        let fold = text.withUTF8 { bytes -> Fold in
            var lower = false
            for byte in bytes {
                if byte >= 0x80 { return .unicode }
                if byte &- 0x61 < 26 { lower = true }
            }
            guard lower else { return .unchanged }
            return .folded(String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0..<bytes.count { out[i] = bytes[i] &- 0x61 < 26 ? bytes[i] &- 0x20 : bytes[i] }
                return bytes.count
            })
        }
        switch fold {
        case .unchanged: return name
        case .folded(let folded): return folded
        case .unicode: return name.uppercased()
        }
    }

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
