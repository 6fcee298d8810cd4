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
    /// `@x`: x, its descendants, and every ancestor of those (what a run of x's descendants
    /// needs built first).
    public var withAncestorsOfDescendants = false
    public var method: SelectorMethod
    /// The term as written, for messages.
    public var text: String

    public init(parents: Depth?, children: Depth?, method: SelectorMethod, text: String, withAncestorsOfDescendants: Bool = false) {
        self.parents = parents
        self.children = children
        self.method = method
        self.text = text
        self.withAncestorsOfDescendants = withAncestorsOfDescendants
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
    /// A source table, `source:raw` (every table of the source) or `source:raw.orders` (`*`
    /// wildcards allowed). A source is not a model: its direct readers count as its first level
    /// of children, so `source:raw+` selects every model downstream of it.
    case source(String)
    /// A model setting, `config.materialized:incremental` (also `incremental_strategy`, `schema`).
    case config(key: String, value: String)

    /// The method names accepted before `:`.
    public static let methods = ["tag", "layer", "path", "state", "model", "source", "config.materialized", "config.incremental_strategy", "config.schema"]
    /// The settings `config.` selects on.
    public static let configKeys = ["materialized", "incremental_strategy", "schema"]
}
