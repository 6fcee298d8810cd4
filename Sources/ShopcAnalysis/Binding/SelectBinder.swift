import ShopcBase
import ShopcSQL

extension QueryBinder {
    /// Binds one `SELECT` block: its `FROM`, projection (with `*` expansion and lateral column
    /// aliases), `WHERE`, `GROUP BY`, `HAVING`, `QUALIFY` and the `ORDER BY` of its query.
    mutating func bindSelect(_ select: Select, orderBy: [OrderItem]) -> RelationShape {
        checkRowCount(select.top, clause: "TOP")
        var scope = FromScope()
        for table in select.from { bindTable(table, into: &scope) }
        if let hierarchy = select.connectBy {
            scope.hierarchical = true
            for (condition, clause) in [(hierarchy.startWith, "START WITH"), (hierarchy.connectBy, "CONNECT BY")] {
                guard let condition else { continue }
                var context = ExprContext(scope: scope, clause: .other)
                let typed = typeExpr(condition, &context)
                requireBoolean(typed, condition, clause: clause)
                filters.merge(typed.lineage.relabeled(.filter))
            }
        }

        var columns: [ScopeColumn] = []
        var open = false
        var itemTypes: [Typed] = []
        // One context for the whole select list: each item sees the aliases before it (lateral
        // aliases), and the dictionary grows in place instead of being copied per item.
        var selectContext = ExprContext(scope: scope, aliases: SmallMap(minimumCapacity: select.items.count), clause: .select)
        for item in select.items {
            switch item {
            case .expression(let expr, let alias, let range):
                let typed = typeExpr(expr, &selectContext)
                let name = alias ?? Self.outputName(expr)
                let lineage = typed.columnName != nil ? typed.lineage : typed.lineage.promoted(to: .derived)
                columns.append(ScopeColumn(name: name, type: typed.type, lineage: lineage, location: at(alias?.range ?? range)))
                itemTypes.append(typed)
                if selectContext.aliases[name.normalized] == nil { selectContext.aliases[name.normalized] = typed }
            case .wildcard(let wildcard):
                let expanded = expand(wildcard, scope: scope)
                if expanded.open { open = true }
                for column in expanded.columns {
                    columns.append(column)
                    itemTypes.append(Typed(type: column.type, lineage: column.lineage, columnName: column.name))
                }
            }
        }

        let aliases = selectContext.aliases
        checkGrouping(select, scope: scope, itemAggregates: itemTypes.map(\.aggregate), orderBy: orderBy)

        if let condition = select.whereClause {
            var context = ExprContext(scope: scope, aliases: aliases, clause: .whereClause)
            let before = diagnostics.count
            let typed = typeExpr(condition, &context)
            requireBoolean(typed, condition, clause: "WHERE")
            // Each aggregate is reported where it is called; this catches any other way in.
            if typed.aggregate, !diagnostics[before...].contains(where: { $0.code == .aggregateNotAllowed }) {
                error(.aggregateNotAllowed, "aggregate functions are not allowed in WHERE; filter groups with HAVING", at: condition.range)
            }
            filters.merge(typed.lineage.relabeled(.filter))
        }
        if let groupBy = select.groupBy {
            var context = ExprContext(scope: scope, aliases: aliases, clause: .groupBy)
            var exprs: [Expr] = []
            for item in groupBy.items {
                switch item {
                case .expr(let e): exprs.append(e)
                case .rollup(let list), .cube(let list): exprs += list
                case .groupingSets(let sets): exprs += sets.flatMap { $0 }
                }
            }
            for expr in exprs {
                if let ordinal = Self.ordinal(expr) {
                    if ordinal < 1 || ordinal > columns.count {
                        error(.invalidOrdinal, "GROUP BY position \(ordinal) is not in the select list (1 to \(columns.count))", at: expr.range)
                    }
                    continue
                }
                _ = typeExpr(expr, &context)
            }
        }
        if let having = select.having {
            var context = ExprContext(scope: scope, aliases: aliases, clause: .having)
            let typed = typeExpr(having, &context)
            requireBoolean(typed, having, clause: "HAVING")
            filters.merge(typed.lineage.relabeled(.filter))
        }
        if let qualify = select.qualify {
            var context = ExprContext(scope: scope, aliases: aliases, clause: .qualify)
            let typed = typeExpr(qualify, &context)
            requireBoolean(typed, qualify, clause: "QUALIFY")
            filters.merge(typed.lineage.relabeled(.filter))
        }
        if !orderBy.isEmpty {
            var context = ExprContext(scope: scope, aliases: aliases, clause: .orderBy)
            for item in orderBy { orderItem(item, columns: columns, &context) }
        }
        return RelationShape(columns: columns, open: open)
    }

    /// Types one `ORDER BY` key; numbers are positions in the select list.
    mutating func orderItem(_ item: OrderItem, columns: [ScopeColumn], _ context: inout ExprContext) {
        if let ordinal = Self.ordinal(item.expr) {
            if ordinal < 1 || ordinal > columns.count {
                error(.invalidOrdinal, "ORDER BY position \(ordinal) is not in the select list (1 to \(columns.count))", at: item.expr.range)
            }
            return
        }
        if context.aliases.isEmpty {
            for column in columns where context.aliases[column.key] == nil {
                context.aliases[column.key] = Typed(type: column.type, lineage: column.lineage, columnName: column.name)
            }
        }
        _ = typeExpr(item.expr, &context)
    }

    /// An integer literal used as a position (`GROUP BY 1`).
    static func ordinal(_ expr: Expr) -> Int? {
        if case .literal(let literal) = expr, case .number(let text) = literal.kind { return Int(text) }
        return nil
    }

    /// Reports a condition that is not BOOLEAN.
    mutating func requireBoolean(_ typed: Typed, _ expr: Expr, clause: String) {
        requireBoolean(typed, at: expr.range, clause: clause)
    }

    /// Reports a condition that is not BOOLEAN, at `range`.
    mutating func requireBoolean(_ typed: Typed, at range: SourceRange, clause: String) {
        let t = typed.type
        guard !(t == .boolean || t.isOpen || t == .variant) else { return }
        let what = ["AND", "OR", "NOT"].contains(clause) ? "an operand of \(clause)" : "the \(clause) condition"
        error(.nonBooleanCondition, "\(what) must be BOOLEAN, but this expression is \(t)", at: range)
    }

    /// The name Snowflake gives an unaliased select item: the column's own name for a column or
    /// a path's last key, else the expression text in upper case.
    static func outputName(_ expr: Expr) -> Identifier {
        switch expr {
        case .column(let ref):
            if let last = ref.column { return last }
        case .path(let path):
            if let last = path.steps.last {
                switch last {
                case .colon(let key), .dot(let key): return Identifier(key.name, quoted: key.quoted)
                case .index: break
                }
            }
        case .cast(let cast):
            if case .column(let ref) = cast.value, let last = ref.column, cast.style == .doubleColon { return last }
        case .nested(let inner, _):
            return outputName(inner)
        default:
            break
        }
        return Identifier(SQLPrinter.print(expr).uppercased(), quoted: true)
    }

    /// Expands `*` / `t.*` with `ILIKE`, `EXCLUDE`, `REPLACE` and `RENAME`.
    mutating func expand(_ wildcard: Wildcard, scope: FromScope) -> RelationShape {
        var columns: [ScopeColumn] = []
        var open = false
        if let qualifier = wildcard.qualifier.last {
            guard let relation = scope.relations.last(where: { $0.key == qualifier.normalized }) else {
                error(.unknownQualifier, "no table or alias '\(qualifier)' in the FROM clause", at: qualifier.range,
                      notes: Suggestion.note(for: qualifier.description, in: scope.relations.map { $0.key.lowercased() }).map { [$0] } ?? [])
                return RelationShape.empty
            }
            columns = relation.columns
            open = relation.open
        } else {
            var mergedEmitted = Set<String>()
            for relation in scope.relations {
                if relation.open { open = true }
                for column in relation.columns {
                    if let merged = scope.merged[column.key], scope.mergedOwners[column.key]?.contains(relation.key) == true {
                        if mergedEmitted.insert(column.key).inserted { columns.append(merged) }
                        continue
                    }
                    columns.append(column)
                }
            }
        }
        if let pattern = wildcard.ilike {
            columns = columns.filter { Self.ilike($0.name.name, pattern) }
        }
        for excluded in wildcard.exclude {
            if !columns.contains(where: { $0.key == excluded.normalized }) && !open {
                error(.wildcardColumn, "EXCLUDE names column '\(excluded)', which '*' does not produce", at: excluded.range,
                      notes: Suggestion.note(for: excluded.description, in: columns.map { $0.name.description }).map { [$0] } ?? [])
            }
            columns.removeAll { $0.key == excluded.normalized }
        }
        for pair in wildcard.replace {
            var context = ExprContext(scope: scope, clause: .select)
            let typed = typeExpr(pair.expr, &context)
            guard let i = columns.firstIndex(where: { $0.key == pair.column.normalized }) else {
                if !open {
                    error(.wildcardColumn, "REPLACE names column '\(pair.column)', which '*' does not produce", at: pair.column.range)
                }
                continue
            }
            columns[i].type = typed.type
            columns[i].lineage = typed.lineage.promoted(to: .derived)
        }
        for pair in wildcard.rename {
            guard let i = columns.firstIndex(where: { $0.key == pair.column.normalized }) else {
                if !open {
                    error(.wildcardColumn, "RENAME names column '\(pair.column)', which '*' does not produce", at: pair.column.range,
                          notes: Suggestion.note(for: pair.column.description, in: columns.map { $0.name.description }).map { [$0] } ?? [])
                }
                continue
            }
            columns[i].name = pair.alias
        }
        let location = at(wildcard.range)
        for i in columns.indices { columns[i].location = location }
        return RelationShape(columns: columns, open: open)
    }

    /// Case-insensitive `LIKE` matching with `%` and `_`.
    static func ilike(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text.uppercased().unicodeScalars)
        let p = Array(pattern.uppercased().unicodeScalars)
        var memo = [[Bool?]](repeating: [Bool?](repeating: nil, count: p.count + 1), count: t.count + 1)
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i][j] { return known }
            let result: Bool
            if j == p.count {
                result = i == t.count
            } else if p[j] == "%" {
                result = match(i, j + 1) || (i < t.count && match(i + 1, j))
            } else if i < t.count && (p[j] == "_" || p[j] == t[i]) {
                result = match(i + 1, j + 1)
            } else {
                result = false
            }
            memo[i][j] = result
            return result
        }
        return match(0, 0)
    }
}
