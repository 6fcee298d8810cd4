import ShopcBase

/// A YAML node with the location of its first character, as the loader sees it.
public indirect enum SpecNode: Sendable {
    case scalar(ScalarNode)
    case mapping(MappingNode)
    case sequence(SequenceNode)

    /// Where the node starts.
    public var location: SourceLocation {
        switch self {
        case .scalar(let s): s.location
        case .mapping(let m): m.location
        case .sequence(let s): s.location
        }
    }

    /// A noun for messages: "a string", "a mapping", "a list"...
    public var kindDescription: String {
        switch self {
        case .scalar(let s):
            switch s.resolved {
            case .null: "null"
            case .bool: "a boolean"
            case .int: "an integer"
            case .double: "a number"
            case .string: "a string"
            }
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// A scalar with its text, its resolved YAML 1.2 core-schema value and where its text lies.
public struct ScalarNode: Sendable {
    /// The scalar's value per the YAML core schema (quoted scalars are always strings).
    public enum Resolved: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
    }

    /// The scalar's text as written (after YAML unescaping and block folding).
    public var text: String
    /// The typed value.
    public var resolved: Resolved
    /// The location of the scalar's first character (for block scalars: the `|` indicator).
    public var location: SourceLocation
    /// How positions inside the text map back to the file.
    public var origin: TextOrigin
}

/// A mapping with its entries in file order.
public struct MappingNode: Sendable {
    /// One key and its value.
    public struct Entry: Sendable {
        public var key: ScalarNode
        public var value: SpecNode
    }

    /// Key/value pairs in file order; keys are scalars. (A struct rather than a tuple: the
    /// optimizer reads a field of an array's struct element in place, but copies a whole tuple.)
    public var entries: [Entry]
    /// Where the mapping starts.
    public var location: SourceLocation
}

/// A sequence with its items in file order.
public struct SequenceNode: Sendable {
    /// The items.
    public var items: [SpecNode]
    /// Where the sequence starts.
    public var location: SourceLocation
}
