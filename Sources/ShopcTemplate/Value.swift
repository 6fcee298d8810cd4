import OrderedCollections
import ShopcBase

/// A value manipulated by templates: Python-like scalars, lists, dicts and host objects.
public indirect enum TemplateValue: Sendable, Equatable {
    /// Python `None`; prints `None`.
    case none
    /// A boolean; prints `True` or `False`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A float; prints like Python's `repr` (`1.0`, `0.1`).
    case double(Double)
    /// A string.
    case string(String)
    /// A list (tuples are lists too); prints like a Python list.
    case list([TemplateValue])
    /// A dict with string keys in insertion order; prints like a Python dict.
    case dict(OrderedDictionary<String, TemplateValue>)
    /// A host object (a relation, the target): attribute access plus a display string.
    case object(TemplateObject)
}

/// A host object: prints as `display`, exposes `fields` as attributes.
public struct TemplateObject: Sendable, Equatable {
    /// What `{{ obj }}` prints.
    public var display: String
    /// What `obj.name` reads.
    public var fields: OrderedDictionary<String, TemplateValue>

    /// Creates an object.
    public init(display: String, fields: OrderedDictionary<String, TemplateValue>) {
        self.display = display
        self.fields = fields
    }
}

/// A fatal template problem, carrying its diagnostic.
///
/// The diagnostic is boxed so that the error is one pointer wide: typed throws reserve room for
/// the error at every call site, and a small error keeps deep (bounded) recursion cheap on stack.
public struct TemplateError: Error, Sendable {
    private final class Box: Sendable {
        let diagnostic: Diagnostic
        init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }

    private var box: Box

    /// The diagnostic describing the problem.
    public var diagnostic: Diagnostic {
        get { box.diagnostic }
        set { box = Box(newValue) }
    }

    /// Wraps a diagnostic.
    public init(_ diagnostic: Diagnostic) { box = Box(diagnostic) }

    /// An error diagnostic with a code, message, location and notes.
    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []) {
        box = Box(.error(code, message, at: location, notes: notes))
    }
}

/// Resource limits that keep rendering bounded whatever the input.
public struct TemplateLimits: Sendable, Equatable {
    /// Maximum loop iterations in one render.
    public var maxLoopIterations: Int
    /// Maximum output size of one render, in UTF-8 bytes (also caps intermediate strings).
    public var maxOutputBytes: Int
    /// Maximum nesting depth of expressions and blocks when parsing.
    public var maxNestingDepth: Int

    /// Creates limits; the defaults suit real projects.
    public init(maxLoopIterations: Int = 100_000, maxOutputBytes: Int = 16 << 20, maxNestingDepth: Int = 200) {
        self.maxLoopIterations = maxLoopIterations
        self.maxOutputBytes = maxOutputBytes
        self.maxNestingDepth = maxNestingDepth
    }

    /// These limits raised by what a render is given: the output may grow by twice the bytes of
    /// the strings in `globals`, and the loops by twice their list items and dict entries. An
    /// artifact template that inlines its inputs (a deploy script holding every model script)
    /// then scales with the project, while a template bomb, whose output grows faster than its
    /// input, is still stopped near the fixed limit.
    public func scaled(toInput globals: [String: TemplateValue]) -> TemplateLimits {
        var bytes = 0
        var items = 0
        var pending = Array(globals.values)
        while let value = pending.popLast() {
            switch value {
            case .string(let s): bytes += s.utf8.count
            case .list(let list):
                items += list.count
                pending.append(contentsOf: list)
            case .dict(let dict):
                items += dict.count
                pending.append(contentsOf: dict.values)
            case .object(let object):
                bytes += object.display.utf8.count
                pending.append(contentsOf: object.fields.values)
            case .none, .bool, .int, .double: break
            }
        }
        var limits = self
        limits.maxOutputBytes += 2 * bytes
        limits.maxLoopIterations += 2 * items
        return limits
    }
}

extension TemplateValue {
    /// Python truthiness.
    public var isTruthy: Bool {
        switch self {
        case .none: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .dict(let d): !d.isEmpty
        case .object: true
        }
    }

    /// The Python type name, for messages.
    public var typeName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int: "int"
        case .double: "float"
        case .string: "str"
        case .list: "list"
        case .dict: "dict"
        case .object: "object"
        }
    }

    /// The numeric value as a Double, for ints, floats and bools.
    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    /// The value as an Int, for ints and bools.
    var asInt: Int? {
        switch self {
        case .int(let i): i
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    /// Python `==`: numbers compare across int, float and bool; containers element-wise.
    func pythonEquals(_ other: TemplateValue) -> Bool {
        switch (self, other) {
        case (.none, .none): return true
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !x.pythonEquals(y) { return false }
            return true
        case (.dict(let a), .dict(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let o = b[key], value.pythonEquals(o) else { return false }
            }
            return true
        case (.object(let a), .object(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        default:
            if let a = asDouble, let b = other.asDouble {
                if let x = asInt, let y = other.asInt { return x == y }
                return a == b
            }
            return false
        }
    }
}
