import ShopcBase
import ShopcSQL

extension QueryBinder {
    /// The columns of `LATERAL FLATTEN(…)`, in Snowflake's order.
    static let flattenColumns: [(String, SQLType)] = [
        ("SEQ", .integer), ("KEY", .text), ("PATH", .text), ("INDEX", .integer), ("VALUE", .variant), ("THIS", .variant),
    ]

    /// The columns `CHANGES (…)` adds after a table's own.
    static let changeColumns: [(String, SQLType)] = [("METADATA$ACTION", .text), ("METADATA$ISUPDATE", .boolean), ("METADATA$ROW_ID", .text)]

    /// The system table functions of fixed shape, by name, with their columns in Snowflake's
    /// order: `GENERATOR` has none (its rows are read through `SEQ4()` and the like).
    static let tableFunctionColumns: [String: [(String, SQLType)]] = [
        "FLATTEN": flattenColumns,
        "SPLIT_TO_TABLE": [("SEQ", .integer), ("INDEX", .integer), ("VALUE", .text)],
        "STRTOK_SPLIT_TO_TABLE": [("SEQ", .integer), ("INDEX", .integer), ("VALUE", .text)],
        "GENERATOR": [],
    ]

    /// Adds the relations of one `FROM` item to `scope`, binding join conditions as it goes.
    mutating func bindTable(_ table: TableRef, into scope: inout FromScope) {
        switch table {
        case .table(let named):
            var relation = namedRelation(named.name)
            if named.changes != nil {
                // CHANGES adds the change-tracking columns of a stream.
                relation = ScopeRelation(
                    key: relation.key, columns: relation.columns + Self.changeColumns.map { ScopeColumn(name: SQLName($0.0), type: $0.1, lineage: [:]) },
                    open: relation.open, origin: relation.origin)
            }
            if let alias = named.alias {
                relation.key = alias.name.normalized
                relation = applyColumnAliases(relation, alias)
            }
            scope.relations.append(relation)
        case .subquery(let derived):
            if derived.lateral { outer.append(scope) }
            let shape = bindQuery(derived.query)
            if derived.lateral { outer.removeLast() }
            let name = derived.alias?.name
            var relation = ScopeRelation(
                key: name?.normalized ?? "", columns: shape.columns, open: shape.open,
                origin: RelationOrigin(description: "derived table\(name.map { " '\($0)'" } ?? "")", location: at(derived.range), inferred: true))
            if let alias = derived.alias { relation = applyColumnAliases(relation, alias) }
            scope.relations.append(relation)
        case .function(let function):
            scope.relations.append(tableFunction(function, scope: scope))
        case .join(let join):
            bindJoin(join, into: &scope)
        case .nested(let inner, _):
            bindTable(inner, into: &scope)
        case .sample(let sample):
            bindTable(sample.source, into: &scope)
        case .matchRecognize(let match):
            scope.relations.append(matchRecognizeRelation(match, scope: scope))
        case .pivot(let pivot):
            var inner = FromScope()
            outer.append(scope)
            bindTable(pivot.source, into: &inner)
            outer.removeLast()
            scope.relations.append(pivotRelation(pivot, input: inner))
        case .unpivot(let unpivot):
            // A LATERAL source sees the relations to its left.
            var inner = FromScope()
            outer.append(scope)
            bindTable(unpivot.source, into: &inner)
            outer.removeLast()
            let folded = Set(unpivot.columns.map(\.normalized))
            var columns: [ScopeColumn] = []
            var valueType: SQLType = .null
            var valueLineage: LineageSet = [:]
            for relation in inner.relations {
                for column in relation.columns {
                    if folded.contains(column.key) {
                        valueType = TypeCoercion.unify(valueType, column.type) ?? .unknown
                        valueLineage.merge(column.lineage.promoted(to: .derived))
                    } else {
                        columns.append(column)
                    }
                }
            }
            columns.append(ScopeColumn(name: unpivot.nameColumn, type: .text, lineage: [:]))
            columns.append(ScopeColumn(name: unpivot.valueColumn, type: valueType == .null ? .unknown : valueType, lineage: valueLineage))
            scope.relations.append(ScopeRelation(
                key: unpivot.alias?.name.normalized ?? "", columns: columns, open: inner.relations.contains { $0.open },
                origin: RelationOrigin(description: "UNPIVOT", location: at(unpivot.range))))
        }
    }

    /// The result of `PIVOT`: the input's other columns (its implicit `GROUP BY`), then a column per
    /// listed value, named as Snowflake names it (`'paid'` for the string `'paid'`, `1` for the
    /// number 1: quoted identifiers `"'paid'"` and `"1"`), typed as the aggregate or its
    /// `DEFAULT ON NULL` value, with the lineage of the aggregated and pivoted columns. `ANY`, a
    /// subquery or values of other kinds give columns shopc cannot name: the relation is open.
    mutating func pivotRelation(_ pivot: PivotTable, input: FromScope) -> ScopeRelation {
        var context = ExprContext(scope: input, clause: .other)
        let aggregate = typeExpr(.function(pivot.aggregate), &context)
        let pivoted = typeExpr(.column(pivot.pivotColumn), &context)
        var type = aggregate.type
        if let fallback = pivot.defaultOnNull {
            type = TypeCoercion.unify(type, typeExpr(fallback, &context).type) ?? type
        }
        var lineage = aggregate.lineage
        lineage.merge(pivoted.lineage)
        lineage = lineage.promoted(to: .derived)
        var consumed: Set<String> = []
        if let column = pivot.pivotColumn.column { consumed.insert(column.normalized) }
        for argument in pivot.aggregate.arguments { Self.columnNames(in: argument.value, into: &consumed) }
        var columns = input.relations.flatMap(\.columns).filter { !consumed.contains($0.key) }
        var open = input.relations.contains { $0.open }
        switch pivot.values {
        case .list(let values):
            for (index, value) in values.enumerated() {
                let alias = index < pivot.valueAliases.count ? pivot.valueAliases[index] : nil
                guard let base = alias ?? Self.pivotColumnName(value) else {
                    open = true
                    continue
                }
                columns.append(ScopeColumn(name: Self.pivotColumnName(base, aggregateAlias: pivot.aggregateAlias), type: type, lineage: lineage))
            }
        case .any, .subquery:
            open = true
        }
        var relation = ScopeRelation(
            key: pivot.alias?.name.normalized ?? "", columns: columns, open: open,
            origin: RelationOrigin(description: "PIVOT", location: at(pivot.range)))
        if let alias = pivot.alias { relation = applyColumnAliases(relation, alias) }
        return relation
    }

    /// A value column's name with the aggregate's alias appended as Snowflake does (`_ALIAS`): the
    /// resolved names joined, unquoted when the result is a plain upper-case name.
    static func pivotColumnName(_ base: Identifier, aggregateAlias: Identifier?) -> Identifier {
        guard let aggregateAlias else { return base }
        let name = base.normalized + "_" + aggregateAlias.normalized
        let plain = SnowflakeNames.resolvesUnquoted(name)
        return Identifier(name, quoted: !plain)
    }

    /// The name Snowflake gives the column of a `PIVOT` value, or nil for values it names otherwise.
    static func pivotColumnName(_ value: Expr) -> Identifier? {
        switch value {
        case .literal(let literal):
            switch literal.kind {
            case .string(let text): Identifier("'\(text)'", quoted: true)
            case .number(let text): Identifier(text, quoted: true)
            default: nil
            }
        case .nested(let inner, _): pivotColumnName(inner)
        default: nil
        }
    }

    /// The names of the columns `expr` reads (the last part of each reference).
    static func columnNames(in expr: Expr, into names: inout Set<String>) {
        switch expr {
        case .column(let ref):
            if let column = ref.column { names.insert(column.normalized) }
        case .function(let call):
            for argument in call.arguments { columnNames(in: argument.value, into: &names) }
        case .unary(_, let inner, _), .nested(let inner, _), .isNull(let inner, _, _):
            columnNames(in: inner, into: &names)
        case .binary(_, let a, let b, _):
            columnNames(in: a, into: &names)
            columnNames(in: b, into: &names)
        case .chain(_, let operands, _):
            for operand in operands { columnNames(in: operand, into: &names) }
        case .cast(let cast):
            columnNames(in: cast.value, into: &names)
        default:
            break
        }
    }

    /// A named table: a CTE in scope, an injected ephemeral model, a source or model of the
    /// project, or a table shopc does not manage (open: its columns are not checked).
    mutating func namedRelation(_ name: QualifiedName) -> ScopeRelation {
        let key = name.last?.normalized ?? ""
        if name.parts.count == 1 {
            for frame in cteStack.reversed() {
                if let cte = frame[key] { return cte }
            }
        }
        if let node = nodeNamedDirectly(name.parts, name.range.start) { reportNamedDirectly(node, "'\(name)'", at: name.range) }
        if var relation = resolveTable(name.parts) {
            relation.key = key
            return relation
        }
        return ScopeRelation(key: key, columns: [], open: true, origin: RelationOrigin(description: "table '\(name)'", location: at(name.range)))
    }

    /// SHP3012: a model or source table named in the SQL text instead of through `ref()` or
    /// `source()`. Its reader would not depend on it, and the name is one target's.
    mutating func reportNamedDirectly(_ node: NodeID, _ written: String, at range: SourceRange) {
        let (what, call) = switch node {
        case .model(let model): ("model '\(model)'", "{{ ref('\(model)') }}")
        case .source(let source, let table): ("source table '\(source).\(table)'", "{{ source('\(source)', '\(table)') }}")
        }
        let (location, notes) = place(range, notes: [])
        diagnostics.append(.warning(
            .relationNotReferenced, "\(written) names \(what) directly: shopc sees no dependency on it (deploy order, selection and lineage miss it); write \(call)",
            at: location, notes: notes))
    }

    /// Applies `AS t (a, b, …)`.
    mutating func applyColumnAliases(_ relation: ScopeRelation, _ alias: TableAlias) -> ScopeRelation {
        guard !alias.columns.isEmpty else { return relation }
        let shape = renamed(RelationShape(columns: relation.columns, open: relation.open), alias.columns, at: alias.name.range)
        return ScopeRelation(key: relation.key, columns: shape.columns, open: relation.open, origin: relation.origin)
    }

    /// `TABLE(f(…))` / `LATERAL FLATTEN(…)`: the functions of `tableFunctionColumns` have a fixed
    /// shape; others (user functions, `RESULT_SCAN`…) are open.
    mutating func tableFunction(_ function: TableFunction, scope: FromScope) -> ScopeRelation {
        var context = ExprContext(scope: scope, clause: .other)
        var lineage: LineageSet = [:]
        for argument in function.call.arguments {
            lineage.merge(typeExpr(argument.value, &context).lineage)
        }
        let name = function.call.name.last?.normalized ?? ""
        if function.call.name.parts.count == 1, name == "REF" || name == "SOURCE" {
            let call = name.lowercased() + SQLPrinter.print(Expr.function(function.call)).dropFirst(name.count)
            error(.relationNotReferenced, "\(name.lowercased())() is a template function and must be written inside {{ }}, as in {{ \(call) }}: written bare it reaches Snowflake as a call to a function \(name), and shopc sees no dependency", at: function.call.name.range)
        }
        let key = function.alias?.name.normalized ?? name
        let origin = RelationOrigin(description: "\(name)(…)", location: at(function.range))
        guard let shape = Self.tableFunctionColumns[name] else {
            return ScopeRelation(key: key, columns: [], open: true, origin: origin)
        }
        let columns = shape.map { ScopeColumn(name: Identifier($0.0), type: $0.1, lineage: lineage.promoted(to: .derived)) }
        var relation = ScopeRelation(key: key, columns: columns, open: false, origin: origin)
        if let alias = function.alias { relation = applyColumnAliases(relation, alias) }
        return relation
    }

    /// A join: both sides, then `ON` (boolean; compared keys must be comparable) or
    /// `USING`/`NATURAL` (merged columns).
    mutating func bindJoin(_ join: Join, into scope: inout FromScope) {
        bindTable(join.left, into: &scope)
        let leftCount = scope.relations.count
        bindTable(join.right, into: &scope)
        let leftRelations = Array(scope.relations[..<leftCount])
        let rightRelations = Array(scope.relations[leftCount...])
        if let match = join.matchCondition {
            var context = ExprContext(scope: scope, clause: .joinCondition)
            let typed = typeExpr(match, &context)
            joins.merge(typed.lineage.relabeled(.join))
        }
        var usingNames: [Identifier] = []
        switch join.condition {
        case .on(let condition)?:
            var context = ExprContext(scope: scope, clause: .joinCondition)
            let typed = typeExpr(condition, &context)
            requireBoolean(typed, condition, clause: "ON")
            joins.merge(typed.lineage.relabeled(.join))
        case .using(let names)?:
            usingNames = names
        case nil:
            if join.natural {
                let leftKeys = Set(leftRelations.flatMap { $0.columns.map(\.key) })
                var seen = Set<String>()
                for relation in rightRelations {
                    for column in relation.columns where leftKeys.contains(column.key) && seen.insert(column.key).inserted {
                        usingNames.append(column.name)
                    }
                }
            }
        }
        for name in usingNames {
            let key = name.normalized
            let left = findColumn(key, in: leftRelations, merged: scope.merged)
            let right = findColumn(key, in: rightRelations, merged: [:])
            for (side, found, relations) in [("left", left, leftRelations), ("right", right, rightRelations)] where found == nil {
                if relations.contains(where: { $0.open }) { continue }
                let candidates = relations.flatMap { $0.columns.map { $0.name.description } }
                error(.unresolvedColumn, "USING column '\(name)' is not a column of the \(side) side of the join", at: name.range,
                      notes: Suggestion.note(for: name.description, in: candidates).map { [$0] } ?? [])
            }
            guard let l = left?.column, let r = right?.column else { continue }
            if !TypeCoercion.comparable(l.type, r.type) {
                error(.joinKeyType, "join key '\(name)' is \(l.type) on the left but \(r.type) on the right", at: name.range)
            }
            var merged = l
            merged.type = TypeCoercion.unify(l.type, r.type) ?? l.type
            merged.lineage.merge(r.lineage)
            joins.merge(merged.lineage.relabeled(.join))
            scope.merged[key] = merged
            scope.mergedOwners[key, default: []].formUnion([left?.owner, right?.owner].compactMap { $0 })
        }
    }

    /// A column by key among relations (or already merged), with the key of its relation.
    func findColumn(_ key: String, in relations: [ScopeRelation], merged: [String: ScopeColumn]) -> (column: ScopeColumn, owner: String?)? {
        if let column = merged[key] { return (column, nil) }
        for relation in relations {
            if let column = relation.column(key) { return (column, relation.key) }
        }
        return nil
    }
}
