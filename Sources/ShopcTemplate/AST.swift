import ShopcBase

/// Binary arithmetic and string operators.
enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", pow = "**", concat = "~"
}

/// Comparison operators, including membership.
enum CompareOp: String, Sendable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", isIn = "in", notIn = "not in"
}

/// Source positions of a call: the callee and each argument (positional then keyword).
struct CallSite: Sendable {
    var callee: SourceLocation
    var arguments: [SourceLocation]
}

/// An expression node with the byte offset where it starts and its tree depth.
struct Expr: Sendable {
    var kind: ExprKind
    var offset: Int
    var depth: Int
}

/// The expression forms.
indirect enum ExprKind: Sendable {
    case literal(TemplateValue)
    case name(String)
    case list([Expr])
    case dict([(key: Expr, value: Expr)])
    case negate(Expr)
    case plus(Expr)
    case not(Expr)
    case binary(BinaryOp, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case compare(Expr, [(op: CompareOp, rhs: Expr)])
    case conditional(then: Expr, condition: Expr, otherwise: Expr?)
    case attribute(Expr, String)
    case `subscript`(Expr, Expr)
    case slice(Expr, start: Expr?, stop: Expr?, step: Expr?)
    case call(Expr, positional: [Expr], keywords: [(name: String, value: Expr)], site: CallSite)
    case filter(Expr, name: String, positional: [Expr], keywords: [(name: String, value: Expr)])
    case test(Expr, name: String, arguments: [Expr], negated: Bool)
}

/// One branch of an `if` chain.
struct IfBranch: Sendable {
    var condition: Expr
    var body: [Node]
}

/// A statement node of the template body.
indirect enum Node: Sendable {
    /// Literal text and the byte offset it was copied from.
    case text(String, offset: Int)
    case output(Expr)
    case ifChain([IfBranch], otherwise: [Node]?)
    case forLoop(targets: [String], iterable: Expr, filter: Expr?, body: [Node], otherwise: [Node]?)
    case set(targets: [String], value: Expr, offset: Int)
    case setBlock(name: String, body: [Node])
    case doExpr(Expr)
}
