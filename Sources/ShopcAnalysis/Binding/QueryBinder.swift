import ShopcBase
import ShopcSQL

/// Which clause an expression sits in: decides whether select-list aliases are visible, whether
/// aggregates are allowed, and how its columns count for lineage.
enum Clause: Sendable {
    case select, whereClause, groupBy, having, qualify, orderBy, joinCondition, other
}

/// What an expression is typed against: its `FROM` scope and the select-list aliases visible.
struct ExprContext {
    var scope: FromScope
    var aliases: SmallMap<Typed> = [:]
    var clause: Clause
    var lambdaNames: Set<String> = []
    /// The declared types of typed lambda parameters (`x INT -> …`).
    var lambdaTypes: [String: SQLType] = [:]
    /// Inside `MATCH_RECOGNIZE`: the row pattern functions (`PREV`, `CLASSIFIER`…) are known.
    var rowPattern = false
}

/// A macro call whose expansion is one expression of the model's SQL, to check after binding.
struct MacroExpansion: Sendable {
    var call: RecordedMacroCall
    /// Output byte range of the expansion in the rendered SQL.
    var end: Int
}

/// Binds every column of one query over a scope tree (CTEs, derived tables, subqueries, set
/// operations), infers the type of every expression and the lineage of every output column, and
/// collects located diagnostics. One pass, linear in the size of the query.
struct QueryBinder {
    /// Maps a byte offset of the rendered SQL to its spec location.
    let locate: (Int) -> SourceLocation?
    /// Finds the relation a table name denotes (sources and models), or nil when shopc does not
    /// manage it.
    let resolveTable: ([Identifier]) -> ScopeRelation?
    /// Ephemeral models injected as CTEs, by normalized CTE name.
    let injectedCTEs: [String: ScopeRelation]
    /// Unknown functions are errors rather than warnings.
    let strict: Bool
    /// Macro expansions by output start offset.
    let expansions: [Int: MacroExpansion]
    /// The project node a table name denotes when the SQL names it directly rather than through
    /// `ref()`/`source()` (name parts, offset of the name), or nil.
    let nodeNamedDirectly: ([Identifier], Int) -> NodeID?

    var diagnostics: [Diagnostic] = []
    /// The texts of string literals that some conversion fails, by start offset (for messages;
    /// a typed literal keeps only its position).
    var literalTexts: [Int: String] = [:]
    var filters: LineageSet = [:]
    var joins: LineageSet = [:]
    var cteStack: [[String: ScopeRelation]] = []
    var outer: [FromScope] = []
    /// Column references resolved so far in the query's own scope and in enclosing ones, and the
    /// last enclosing column read (an aggregate of a subquery that reads only enclosing columns
    /// belongs to the enclosing query: SHP4029).
    var localColumnReads = 0
    var outerColumnReads = 0
    var lastOuterColumn: Identifier?

    init(
        locate: @escaping (Int) -> SourceLocation?, resolveTable: @escaping ([Identifier]) -> ScopeRelation?,
        injectedCTEs: [String: ScopeRelation], strict: Bool, expansions: [Int: MacroExpansion],
        nodeNamedDirectly: @escaping ([Identifier], Int) -> NodeID? = { _, _ in nil }
    ) {
        self.locate = locate
        self.resolveTable = resolveTable
        self.injectedCTEs = injectedCTEs
        self.strict = strict
        self.expansions = expansions
        self.nodeNamedDirectly = nodeNamedDirectly
    }

    func at(_ range: SourceRange) -> SourceLocation? { locate(range.start) }

    /// Where a problem at `range` is reported: in a macro's file when the macro's own text holds
    /// it (with a note at the call), else where the model's template wrote it.
    func place(_ range: SourceRange, notes: [DiagnosticNote]) -> (location: SourceLocation?, notes: [DiagnosticNote]) {
        if !expansions.isEmpty, let (location, call) = MacroExpansion.literalLocation(ofByte: range.start, in: expansions) {
            return (location, notes + [call])
        }
        return (at(range), notes)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        let (location, notes) = place(range, notes: notes)
        diagnostics.append(.error(code, message, at: location, notes: notes))
    }

    // MARK: Queries

    /// Binds a query and returns its output columns.
    mutating func bindQuery(_ query: Query) -> RelationShape {
        var pushed = false
        if let with = query.with {
            cteStack.append([:])
            pushed = true
            for cte in with.ctes { bindCTE(cte, recursive: with.recursive) }
        }
        defer { if pushed { cteStack.removeLast() } }
        if let limit = query.limit {
            checkRowCount(limit.count, clause: limit.style == .limit ? "LIMIT" : "FETCH")
            checkRowCount(limit.offset, clause: "OFFSET")
        }
        if case .select(let select) = query.body {
            return bindSelect(select, orderBy: query.orderBy)
        }
        let shape = bindBody(query.body)
        if !query.orderBy.isEmpty {
            let scope = FromScope(relations: [ScopeRelation(key: "", columns: shape.columns, open: shape.open, origin: RelationOrigin(description: "the query"))])
            var context = ExprContext(scope: scope, clause: .orderBy)
            for item in query.orderBy { orderItem(item, columns: shape.columns, &context) }
        }
        return shape
    }

    /// `LIMIT`, `FETCH`, `OFFSET` and `TOP` take a non-negative integer constant; `NULL`, `''`
    /// and `$$$$` also pass (no limit, no offset). Reports a value Snowflake rejects ("Invalid
    /// row count"): a column, a subquery, a negative or fractional number, other strings.
    mutating func checkRowCount(_ expr: Expr?, clause: String) {
        guard let expr else { return }
        var value = expr
        while case .nested(let inner, _) = value { value = inner }
        let problem: String?
        switch value {
        case .literal(let literal):
            switch literal.kind {
            case .null: problem = nil
            case .string(let text): problem = text.isEmpty ? nil : "a string"
            case .number(let text):
                if text.hasPrefix("-") {
                    problem = "a negative number"
                } else {
                    problem = text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? nil : "a number with a point or an exponent"
                }
            case .boolean: problem = "a BOOLEAN"
            default: problem = "a literal of another type"
            }
        case .unary(.minus, .literal(let literal), _):
            if case .number = literal.kind { problem = "a negative number" } else { problem = nil }
        case .column: problem = "a column"
        case .subquery, .exists: problem = "a subquery"
        default: problem = nil
        }
        if let problem {
            error(.rowCount, "\(clause) takes a non-negative integer constant (or NULL or '' for none), not \(problem)", at: expr.range)
        }
    }

    mutating func bindCTE(_ cte: CommonTableExpression, recursive: Bool) {
        let key = cte.name.normalized
        if cte.range.isSamePosition(as: .none), let injected = injectedCTEs[key] {
            cteStack[cteStack.count - 1][key] = injected
            return
        }
        let origin = RelationOrigin(description: "CTE '\(cte.name)'", location: at(cte.name.range), inferred: true)
        if recursive, case .setOperation(let op) = cte.query.body {
            // The anchor defines the columns the recursive part sees.
            let anchor = bindBody(op.left)
            cteStack[cteStack.count - 1][key] = relation(key: key, shape: renamed(anchor, cte.columns, at: cte.range), origin: origin)
        }
        var shape = bindQuery(cte.query)
        shape = renamed(shape, cte.columns, at: cte.range)
        cteStack[cteStack.count - 1][key] = relation(key: key, shape: shape, origin: origin)
    }

    /// Applies a column alias list `name (a, b)` to a shape.
    mutating func renamed(_ shape: RelationShape, _ names: [Identifier], at range: SourceRange) -> RelationShape {
        guard !names.isEmpty else { return shape }
        if !shape.open && names.count != shape.columns.count {
            error(.columnListCount, "the column list names \(names.count) column\(names.count == 1 ? "" : "s") but the query produces \(shape.columns.count)", at: names.first?.range ?? range)
        }
        var out = shape
        for (i, name) in names.enumerated() {
            if i < out.columns.count {
                out.columns[i].name = name
            } else {
                out.columns.append(ScopeColumn(name: name, type: .unknown, lineage: [:]))
            }
        }
        return out
    }

    func relation(key: String, shape: RelationShape, origin: RelationOrigin) -> ScopeRelation {
        ScopeRelation(key: key, columns: shape.columns, open: shape.open, origin: origin)
    }

    mutating func bindBody(_ body: QueryBody) -> RelationShape {
        switch body {
        case .select(let select): return bindSelect(select, orderBy: [])
        case .nested(let query): return bindQuery(query)
        case .values(let values): return bindValues(values)
        case .setOperation(let op): return bindSetOperation(op)
        }
    }

    mutating func bindValues(_ values: ValuesList) -> RelationShape {
        var columns: [ScopeColumn] = []
        let context = ExprContext(scope: FromScope(), clause: .other)
        let width = values.rows.first?.count ?? 0
        for row in values.rows {
            if row.count != width, let first = row.first {
                error(.columnListCount, "every row of VALUES has as many values as the first (\(width)); this one has \(row.count)", at: first.range)
            }
            for (i, expr) in row.enumerated() {
                var ctx = context
                let t = typeExpr(expr, &ctx)
                if i < columns.count {
                    columns[i].type = TypeCoercion.unify(columns[i].type, t.type, literalB: t.stringLiteral) ?? .unknown
                } else if i < width {
                    columns.append(ScopeColumn(name: Identifier("COLUMN\(i + 1)", quoted: true), type: t.type, lineage: t.lineage, location: at(expr.range)))
                }
            }
        }
        return RelationShape(columns: columns, open: false)
    }

    mutating func bindSetOperation(_ op: SetOperation) -> RelationShape {
        let left = bindBody(op.left)
        let right = bindBody(op.right)
        if left.open || right.open { return RelationShape(columns: left.columns, open: true) }
        var columns = left.columns
        if op.byName {
            for (i, column) in columns.enumerated() {
                guard let other = right.columns.first(where: { $0.key == column.key }) else { continue }
                columns[i].type = TypeCoercion.unify(column.type, other.type) ?? column.type
                columns[i].lineage.merge(other.lineage)
            }
            return RelationShape(columns: columns, open: false)
        }
        let keyword = op.op.rawValue + (op.all ? " ALL" : "")
        if left.columns.count != right.columns.count {
            error(.setOperationColumnCount,
                  "the operands of \(keyword) have different numbers of columns: \(left.columns.count) on the left, \(right.columns.count) on the right",
                  at: op.right.range, notes: [DiagnosticNote("the left operand starts here", at: at(op.left.range))])
            return RelationShape(columns: columns, open: false)
        }
        for (i, column) in columns.enumerated() {
            let other = right.columns[i]
            if let unified = TypeCoercion.unify(column.type, other.type) {
                columns[i].type = unified
            } else {
                error(.setOperationType,
                      "column \(i + 1) of \(keyword) is \(column.type) on the left ('\(column.name)') but \(other.type) on the right ('\(other.name)')",
                      at: op.right.range, notes: [DiagnosticNote("the left operand starts here", at: at(op.left.range))])
                columns[i].type = .unknown
            }
            columns[i].lineage.merge(other.lineage)
        }
        return RelationShape(columns: columns, open: false)
    }
}
