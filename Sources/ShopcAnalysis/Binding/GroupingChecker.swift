import ShopcBase
import ShopcSQL

extension QueryBinder {
    /// Reports columns that a grouped `SELECT` uses outside aggregates without grouping by them
    /// (Snowflake: "is not a valid group by expression"). A query is grouped when it has
    /// `GROUP BY` (other than `GROUP BY ALL`) or an aggregate in its select list. Window
    /// functions, subqueries and the arguments of functions the catalog does not know (a user
    /// function may be an aggregate) are not looked into; select-list aliases are fine.
    mutating func checkGrouping(_ select: Select, scope: FromScope, itemAggregates: [Bool], orderBy: [OrderItem] = []) {
        if select.groupBy?.all == true { return }
        let grouped = select.groupBy.map { !$0.items.isEmpty } ?? false
        // HAVING without GROUP BY makes the whole input one group.
        guard grouped || itemAggregates.contains(true) || select.having != nil else { return }
        var items: [Expr?] = []
        var aliases: [String: Expr] = [:]
        for item in select.items {
            guard case .expression(let expr, let alias, _) = item else {
                // `SELECT *` in a grouped query: leave it to Snowflake.
                return
            }
            items.append(expr)
            let name = alias ?? Self.outputName(expr)
            if aliases[name.normalized] == nil { aliases[name.normalized] = expr }
        }
        var keys = GroupingKeys()
        for expr in select.groupBy.map(Self.groupingExprs) ?? [] {
            var key = expr
            if let ordinal = Self.ordinal(expr) {
                // An ordinal out of range is already reported (SHP4015).
                guard ordinal >= 1, ordinal <= items.count, let item = items[ordinal - 1] else { return }
                key = item
            } else if case .column(let ref) = expr, ref.parts.count == 1, let name = ref.column,
                identity(of: ref, in: scope) == nil, let aliased = aliases[name.normalized]
            {
                key = aliased
            }
            if case .column(let ref) = Self.unwrapped(key), let id = identity(of: ref, in: scope) {
                keys.columns.insert(id)
            }
            keys.expressions.insert(SQLPrinter.print(Self.unwrapped(key)))
        }
        for case let expr? in items { reportUngrouped(expr, keys: keys, scope: scope, aliases: aliases) }
        if let having = select.having { reportUngrouped(having, keys: keys, scope: scope, aliases: aliases) }
        // ORDER BY sorts the groups: by a select-list alias, a position or grouped values.
        for item in orderBy where Self.ordinal(item.expr) == nil {
            if case .column(let ref) = item.expr, ref.parts.count == 1, let name = ref.column, aliases[name.normalized] != nil { continue }
            reportUngrouped(item.expr, keys: keys, scope: scope, aliases: aliases)
        }
    }

    struct GroupingKeys {
        var columns: Set<String> = []
        var expressions: Set<String> = []
    }

    static func groupingExprs(_ groupBy: GroupBy) -> [Expr] {
        groupBy.items.flatMap { item -> [Expr] in
            switch item {
            case .expr(let e): [e]
            case .rollup(let list), .cube(let list): list
            case .groupingSets(let sets): sets.flatMap { $0 }
            }
        }
    }

    static func unwrapped(_ expr: Expr) -> Expr {
        if case .nested(let inner, _) = expr { return unwrapped(inner) }
        return expr
    }

    /// `relation.COLUMN` for a column of the `FROM` scope, nil when it is not one.
    func identity(of ref: ColumnRef, in scope: FromScope) -> String? {
        guard let name = ref.column else { return nil }
        let key = name.normalized
        if ref.parts.count >= 2 {
            let qualifier = ref.parts[ref.parts.count - 2].normalized
            guard let relation = scope.relations.last(where: { $0.key == qualifier }) else { return nil }
            if scope.merged[key] != nil, scope.mergedOwners[key]?.contains(qualifier) == true { return "*." + key }
            return relation.column(key) != nil || relation.open ? "\(qualifier).\(key)" : nil
        }
        if scope.merged[key] != nil { return "*." + key }
        for relation in scope.relations where relation.column(key) != nil { return "\(relation.key).\(key)" }
        if scope.relations.count == 1, let only = scope.relations.first, only.open { return "\(only.key).\(key)" }
        return nil
    }

    /// Walks an expression outside aggregates and reports each ungrouped column once.
    mutating func reportUngrouped(_ expr: Expr, keys: GroupingKeys, scope: FromScope, aliases: [String: Expr]) {
        var pending: [Expr] = [expr]
        var reported = Set<String>()
        while let e = pending.popLast() {
            if keys.expressions.contains(SQLPrinter.print(Self.unwrapped(e))) { continue }
            switch e {
            case .column(let ref):
                guard let id = identity(of: ref, in: scope) else { continue }  // alias, outer or unknown
                if keys.columns.contains(id) || !reported.insert(id).inserted { continue }
                error(.notGrouped, "column '\(ref.parts.map(\.description).joined(separator: "."))' must appear in GROUP BY or be used in an aggregate function", at: ref.range)
            case .function(let call):
                if call.over != nil { continue }
                // An aggregate's arguments are aggregated. So may be those of a function the
                // catalog does not know, or a user function (qualified): a user-defined
                // aggregate is called like any other, so its arguments are not judged.
                if call.name.parts.count > 1 { continue }
                guard let signature = FunctionCatalog.lookup(call.name.description) else { continue }
                if signature.kind == .aggregate { continue }
                pending += call.arguments.map(\.value)
            case .exists, .subquery, .literal, .lambda, .positional:
                continue
            case .inQuery(let value, _, _, _), .quantified(_, let value, _, _, _):
                pending.append(value)
            default:
                pending += Self.children(of: e)
            }
        }
    }

    /// The direct sub-expressions of an expression (not subqueries).
    static func children(of expr: Expr) -> [Expr] {
        switch expr {
        case .column, .positional, .literal, .exists, .subquery, .lambda: return []
        case .function(let call): return call.arguments.map(\.value)
        case .unary(_, let x, _), .isNull(let x, _, _), .nested(let x, _), .extract(_, let x, _): return [x]
        case .binary(_, let a, let b, _), .isDistinctFrom(let a, let b, _, _): return [a, b]
        case .between(let x, let low, let high, _, _): return [x, low, high]
        case .inList(let x, let list, _, _): return [x] + list
        case .inQuery(let x, _, _, _), .quantified(_, let x, _, _, _): return [x]
        case .like(let like): return [like.subject] + like.patterns + (like.escape.map { [$0] } ?? [])
        case .caseWhen(let c):
            return (c.operand.map { [$0] } ?? []) + c.whens.flatMap { [$0.condition, $0.result] } + (c.elseResult.map { [$0] } ?? [])
        case .cast(let c): return [c.value]
        case .path(let p):
            return [p.base] + p.steps.compactMap { step -> Expr? in
                if case .index(let e) = step { return e }
                return nil
            }
        case .tuple(let list, _), .array(let list, _), .chain(_, let list, _): return list
        case .object(let entries, _): return entries.flatMap { [$0.key, $0.value] }
        }
    }
}
