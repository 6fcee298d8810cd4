extension Printer {
    /// A `FROM` item; join chains print one join per line at `level`, with `ON`, `USING` and
    /// `MATCH_CONDITION` one level deeper.
    func tableRef(_ ref: TableRef, _ level: Int) -> String {
        switch ref {
        case .table(let table):
            return table.name.description + timeTravel(table.timeTravel, level) + alias(table.alias)
        case .subquery(let derived):
            return (derived.lateral ? "LATERAL " : "") + parenthesizedQuery(derived.query, level) + alias(derived.alias)
        case .function(let function):
            var call = functionCall(function.call, level)
            if function.tableWrapper { call = "TABLE(" + call + ")" }
            return (function.lateral ? "LATERAL " : "") + call + alias(function.alias)
        case .pivot(let pivot):
            return self.pivot(pivot, level)
        case .unpivot(let unpivot):
            return self.unpivot(unpivot, level)
        case .sample(let sample):
            return self.sample(sample, level)
        case .nested(let inner, _):
            return "(" + newline(level + 1) + tableRef(inner, level + 1) + newline(level) + ")"
        case .join(let join):
            var out = tableRef(join.left, level) + newline(level)
            out += (join.natural ? "NATURAL " : "") + joinKeyword(join) + " "
            if case .join = join.right {
                out += "(" + newline(level + 1) + tableRef(join.right, level + 1) + newline(level) + ")"
            } else {
                out += tableRef(join.right, level)
            }
            if let match = join.matchCondition {
                out += newline(level + 1) + "MATCH_CONDITION (" + expr(match, level + 1) + ")"
            }
            switch join.condition {
            case .on(let condition): out += newline(level + 1) + self.condition("ON", condition, level + 1)
            case .using(let columns): out += newline(level + 1) + "USING (" + identifiers(columns) + ")"
            case nil: break
            }
            return out
        }
    }

    private func joinKeyword(_ join: Join) -> String {
        if join.natural {
            switch join.kind {
            case .left: return "LEFT JOIN"
            case .right: return "RIGHT JOIN"
            case .full: return "FULL OUTER JOIN"
            default: return "JOIN"
            }
        }
        return join.kind.rawValue
    }

    func alias(_ alias: TableAlias?) -> String {
        guard let alias else { return "" }
        var out = " AS " + alias.name.description
        if !alias.columns.isEmpty { out += " (" + identifiers(alias.columns) + ")" }
        return out
    }
}
