import ShopcBase
import ShopcSQL

extension QueryBinder {
    /// The result of `MATCH_RECOGNIZE`: for `ONE ROW PER MATCH` (the default) the `PARTITION BY`
    /// columns and the measures; for `ALL ROWS PER MATCH` the input's columns and the measures.
    /// The conditions and measures are bound over the input, whose columns each pattern symbol
    /// also qualifies (`down.price`); `PREV`, `NEXT`, `FIRST`, `LAST`, `CLASSIFIER` and
    /// `MATCH_NUMBER` are known there. A partition key that is not a plain column leaves the
    /// result open.
    mutating func matchRecognizeRelation(_ match: MatchRecognize, scope: FromScope) -> ScopeRelation {
        var input = FromScope()
        outer.append(scope)
        bindTable(match.source, into: &input)
        outer.removeLast()
        let inputColumns = input.relations.flatMap(\.columns)
        let inputOpen = input.relations.contains { $0.open }

        var symbols = match.pattern.symbols
        for definition in match.definitions where !symbols.contains(where: { $0.normalized == definition.symbol.normalized }) {
            symbols.append(definition.symbol)
        }
        // The symbols live in a scope around the input's, so an unqualified column is not ambiguous.
        var symbolScope = FromScope()
        for symbol in symbols {
            symbolScope.relations.append(ScopeRelation(
                key: symbol.normalized, columns: inputColumns, open: inputOpen,
                origin: RelationOrigin(description: "pattern symbol '\(symbol)'", location: at(symbol.range))))
        }
        outer.append(symbolScope)
        defer { outer.removeLast() }

        var context = ExprContext(scope: input, clause: .other)
        context.rowPattern = true
        var open = false
        var partitionColumns: [ScopeColumn] = []
        for expr in match.partitionBy {
            let typed = typeExpr(expr, &context)
            guard let name = typed.columnName else {
                open = true
                continue
            }
            partitionColumns.append(ScopeColumn(name: name, type: typed.type, lineage: typed.lineage))
        }
        for item in match.orderBy { _ = typeExpr(item.expr, &context) }
        for definition in match.definitions {
            let typed = typeExpr(definition.condition, &context)
            requireBoolean(typed, definition.condition, clause: "DEFINE")
            filters.merge(typed.lineage.relabeled(.filter))
        }
        var measures: [ScopeColumn] = []
        for measure in match.measures {
            let typed = typeExpr(measure.expr, &context)
            let lineage = typed.columnName != nil ? typed.lineage : typed.lineage.promoted(to: .derived)
            measures.append(ScopeColumn(name: measure.alias, type: typed.type, lineage: lineage))
        }
        var columns: [ScopeColumn]
        switch match.rowsPerMatch {
        case .all:
            columns = inputColumns + measures
            open = inputOpen
        case .one, nil:
            columns = partitionColumns + measures
        }
        var relation = ScopeRelation(
            key: match.alias?.name.normalized ?? "", columns: columns, open: open,
            origin: RelationOrigin(description: "MATCH_RECOGNIZE", location: at(match.range)))
        if let alias = match.alias { relation = applyColumnAliases(relation, alias) }
        return relation
    }

    /// The result type of a row pattern function (`PREV(x)`, `CLASSIFIER()`…), or nil for other
    /// names.
    static func rowPatternFunctionType(_ name: String, _ args: [Typed]) -> SQLType? {
        switch name {
        case "PREV", "NEXT", "FIRST", "LAST": args.first?.type ?? .unknown
        case "CLASSIFIER": .text
        case "MATCH_NUMBER", "MATCH_SEQUENCE_NUMBER": .integer
        default: nil
        }
    }
}
