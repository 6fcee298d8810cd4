/// A parsed `--select` / `--exclude` expression: a union of intersections of terms, as in dbt
/// (`a b` is a union, `a,b` an intersection).
public struct SelectorExpression: Sendable, Equatable {
    /// Each inner list is an intersection; the outer list is a union.
    public var union: [[SelectorTerm]]

    public init(union: [[SelectorTerm]]) {
        self.union = union
    }
}

/// One term: a method with optional graph operators on either side (`2+tag:finance+`).
public struct SelectorTerm: Sendable, Equatable {
    /// How far up the graph to extend (`+x` unbounded, `2+x` two levels); nil for none.
    public var parents: Depth?
    /// How far down the graph to extend (`x+`, `x+1`); nil for none.
    public var children: Depth?
    public var method: SelectorMethod
    /// The term as written, for messages.
    public var text: String

    public init(parents: Depth?, children: Depth?, method: SelectorMethod, text: String) {
        self.parents = parents
        self.children = children
        self.method = method
        self.text = text
    }
}

/// A graph-operator depth.
public enum Depth: Sendable, Equatable {
    case unbounded
    case levels(Int)
}

/// What a term matches before graph operators.
public enum SelectorMethod: Sendable, Equatable {
    /// A model name; `*` wildcards allowed.
    case name(String)
    case tag(String)
    case layer(String)
    /// A glob over the project-relative spec file path (`specs/models/gold/*`).
    case path(String)
    /// Models whose checksum differs from the state manifest, or that it lacks.
    case stateModified
    /// Models the state manifest lacks.
    case stateNew

    /// The method names accepted before `:`.
    public static let methods = ["tag", "layer", "path", "state", "model"]
}
