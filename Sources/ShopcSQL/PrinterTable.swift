extension Printer {
    /// A `FROM` item; join chains print one join per line at `level`, with `ON`, `USING` and
    /// `MATCH_CONDITION` one level deeper.
    func tableRef(_ ref: TableRef, _ level: Int) -> String { text { $0.writeTableRef(ref, level) } }

    mutating func writeTableRef(_ ref: TableRef, _ level: Int) {
        switch ref {
        case .table(let table):
            out.append(table.name.description)
            out.append(changesAndTimeTravel(table, level))
            out.append(alias(table.alias))
        case .subquery(let derived):
            if derived.lateral { out.append("LATERAL ") }
            writeParenthesizedQuery(derived.query, level)
            out.append(alias(derived.alias))
        case .function(let function):
            if function.lateral { out.append("LATERAL ") }
            if function.tableWrapper { out.append("TABLE(") }
            writeFunctionCall(function.call, level)
            if function.tableWrapper { out.append(")") }
            out.append(alias(function.alias))
        case .pivot(let pivot):
            out.append(self.pivot(pivot, level))
        case .unpivot(let unpivot):
            out.append(self.unpivot(unpivot, level))
        case .sample(let sample):
            out.append(self.sample(sample, level))
        case .matchRecognize(let match):
            writeMatchRecognize(match, level)
        case .nested(let inner, _):
            out.append("(")
            writeNewline(level + 1)
            writeTableRef(inner, level + 1)
            writeNewline(level)
            out.append(")")
        case .join(let join):
            writeTableRef(join.left, level)
            writeNewline(level)
            if join.natural { out.append("NATURAL ") }
            out.append(joinKeyword(join))
            out.append(" ")
            if case .join = join.right {
                out.append("(")
                writeNewline(level + 1)
                writeTableRef(join.right, level + 1)
                writeNewline(level)
                out.append(")")
            } else {
                writeTableRef(join.right, level)
            }
            if let match = join.matchCondition {
                writeNewline(level + 1)
                out.append("MATCH_CONDITION (")
                writeExpr(match, level + 1)
                out.append(")")
            }
            switch join.condition {
            case .on(let condition):
                writeNewline(level + 1)
                writeCondition("ON", condition, level + 1)
            case .using(let columns):
                writeNewline(level + 1)
                out.append("USING (" + identifiers(columns) + ")")
            case nil: break
            }
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
