import ShopcBase

/// A plain data value from a spec (vars, macro defaults, test arguments), keeping its location.
public indirect enum SpecValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([SpecValue])
    case map([(key: String, value: SpecValue)])

    public static func == (lhs: SpecValue, rhs: SpecValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Converts a YAML node into a value.
    public init(_ node: SpecNode) {
        switch node {
        case .scalar(let s):
            switch s.resolved {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .double(let d): self = .double(d)
            case .string(let t): self = .string(t)
            }
        case .sequence(let s): self = .list(s.items.map(SpecValue.init))
        case .mapping(let m): self = .map(m.entries.map { ($0.key.text, SpecValue($0.value)) })
        }
    }

    /// The value as a string when it is a scalar (numbers and booleans in their YAML spelling).
    public var scalarText: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        case .null, .list, .map: nil
        }
    }
}

/// A value with the location it was read from.
public struct Located<Value: Sendable>: Sendable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var location: SourceLocation

    /// Creates a located value.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
