/// Prints a `Query` in the canonical style described in `docs/sql-style.md`: upper-case
/// keywords and function names, lower-case unquoted identifiers, four-space indentation, one
/// select item per line and one clause per line. Comments are not kept.
public enum SQLPrinter {
    /// The canonical text of `query`, without a trailing newline or `;`.
    public static func print(_ query: Query) -> String {
        Printer().query(query, 0)
    }

    /// The canonical text of a single expression, as it would appear at the start of a line.
    public static func print(_ expr: Expr) -> String {
        Printer().expr(expr, 0)
    }
}

/// The printing pass. Every method returns text whose first line is not indented (the caller
/// places it) and whose later lines carry absolute indentation for `level`.
struct Printer {
    /// Lines longer than this break `AND`/`OR` chains of `WHERE`, `HAVING`, `QUALIFY` and `ON`.
    static let lineWidth = 80

    func pad(_ level: Int) -> String { String(repeating: " ", count: level * 4) }

    func newline(_ level: Int) -> String { "\n" + pad(level) }

    /// `(` newline, the query one level deeper, newline, `)`.
    func parenthesizedQuery(_ query: Query, _ level: Int) -> String {
        "(" + newline(level + 1) + self.query(query, level + 1) + newline(level) + ")"
    }

    func query(_ query: Query, _ level: Int) -> String {
        var out = ""
        if let with = query.with {
            out += with.recursive ? "WITH RECURSIVE " : "WITH "
            out += with.ctes.map { cte in
                var head = cte.name.description
                if !cte.columns.isEmpty { head += " (" + identifiers(cte.columns) + ")" }
                return head + " AS " + parenthesizedQuery(cte.query, level)
            }.joined(separator: "," + newline(level))
            out += newline(level)
        }
        out += body(query.body, level)
        if !query.orderBy.isEmpty {
            out += newline(level) + "ORDER BY " + orderItems(query.orderBy, level)
        }
        if let limit = query.limit {
            out += newline(level) + self.limit(limit, level)
        }
        return out
    }

    private func limit(_ limit: LimitClause, _ level: Int) -> String {
        switch limit.style {
        case .limit:
            var out = "LIMIT " + (limit.count.map { expr($0, level) } ?? "NULL")
            if let offset = limit.offset { out += " OFFSET " + expr(offset, level) }
            return out
        case .fetch:
            var words: [String] = []
            if let offset = limit.offset { words.append("OFFSET " + expr(offset, level) + " ROWS") }
            if let count = limit.count { words.append("FETCH FIRST " + expr(count, level) + " ROWS ONLY") }
            return words.joined(separator: " ")
        }
    }

    private func precedence(_ body: QueryBody) -> Int {
        if case .setOperation(let operation) = body { return operation.op.precedence }
        return 3
    }

    func body(_ body: QueryBody, _ level: Int) -> String {
        switch body {
        case .select(let select):
            return self.select(select, level)
        case .nested(let query):
            return parenthesizedQuery(query, level)
        case .values(let values):
            return "VALUES" + values.rows.map { newline(level + 1) + "(" + exprs($0, level + 1) + ")" }
                .joined(separator: ",")
        case .setOperation(let operation):
            let left = operand(operation.left, level, parenthesize: precedence(operation.left) < operation.op.precedence)
            let right = operand(operation.right, level, parenthesize: precedence(operation.right) <= operation.op.precedence)
            var keyword = operation.op.rawValue
            if operation.all { keyword += " ALL" }
            if operation.byName { keyword += " BY NAME" }
            return left + newline(level) + keyword + newline(level) + right
        }
    }

    private func operand(_ body: QueryBody, _ level: Int, parenthesize: Bool) -> String {
        guard parenthesize else { return self.body(body, level) }
        return "(" + newline(level + 1) + self.body(body, level + 1) + newline(level) + ")"
    }

    func select(_ select: Select, _ level: Int) -> String {
        var out = "SELECT"
        if select.distinct { out += " DISTINCT" }
        if let top = select.top { out += " TOP " + expr(top, level) }
        out += select.items.map { newline(level + 1) + selectItem($0, level + 1) }.joined(separator: ",")
        if !select.from.isEmpty {
            out += newline(level) + "FROM " + select.from.map { tableRef($0, level) }.joined(separator: ", ")
        }
        if let condition = select.whereClause { out += newline(level) + self.condition("WHERE", condition, level) }
        if let groupBy = select.groupBy { out += newline(level) + self.groupBy(groupBy, level) }
        if let having = select.having { out += newline(level) + condition("HAVING", having, level) }
        if let qualify = select.qualify { out += newline(level) + condition("QUALIFY", qualify, level) }
        return out
    }

    func selectItem(_ item: SelectItem, _ level: Int) -> String {
        switch item {
        case .expression(let value, let alias, _):
            let text = expr(value, level)
            guard let alias else { return text }
            return text + " AS " + alias.description
        case .wildcard(let wildcard):
            var out = wildcard.qualifier.map { $0.description + "." }.joined() + "*"
            if let pattern = wildcard.ilike { out += " ILIKE " + stringLiteralSQL(pattern) }
            if !wildcard.exclude.isEmpty { out += " EXCLUDE (" + identifiers(wildcard.exclude) + ")" }
            if !wildcard.replace.isEmpty {
                out += " REPLACE (" + wildcard.replace.map { expr($0.expr, level) + " AS " + $0.column.description }
                    .joined(separator: ", ") + ")"
            }
            if !wildcard.rename.isEmpty {
                out += " RENAME (" + wildcard.rename.map { $0.column.description + " AS " + $0.alias.description }
                    .joined(separator: ", ") + ")"
            }
            return out
        }
    }

    private func groupBy(_ groupBy: GroupBy, _ level: Int) -> String {
        if groupBy.all { return "GROUP BY ALL" }
        let items = groupBy.items.map { item -> String in
            switch item {
            case .expr(let value): return expr(value, level)
            case .rollup(let values): return "ROLLUP (" + exprs(values, level) + ")"
            case .cube(let values): return "CUBE (" + exprs(values, level) + ")"
            case .groupingSets(let sets):
                return "GROUPING SETS (" + sets.map { set -> String in
                    if set.count == 1, let only = set.first { return expr(only, level) }
                    return "(" + exprs(set, level) + ")"
                }.joined(separator: ", ") + ")"
            }
        }
        return "GROUP BY " + items.joined(separator: ", ")
    }

    /// `KEYWORD condition`, breaking a top-level AND/OR chain one operand per line when the
    /// single-line form is longer than `lineWidth`.
    func condition(_ keyword: String, _ condition: Expr, _ level: Int) -> String {
        let single = keyword + " " + expr(condition, level)
        if !single.contains("\n") && level * 4 + single.count <= Printer.lineWidth { return single }
        guard case .binary(let op, _, _, _) = condition, op == .and || op == .or else { return single }
        var operands: [Expr] = []
        flatten(condition, op, into: &operands)
        var out = keyword + " " + wrapped(operands[0], level + 1, parenthesize: precedence(operands[0]) <= op.precedence)
        for operand in operands.dropFirst() {
            out += newline(level + 1) + op.rawValue + " "
                + wrapped(operand, level + 1, parenthesize: precedence(operand) <= op.precedence)
        }
        return out
    }

    private func flatten(_ value: Expr, _ op: BinaryOperator, into operands: inout [Expr]) {
        if case .binary(let inner, let left, let right, _) = value, inner == op {
            flatten(left, op, into: &operands)
            operands.append(right)
        } else {
            operands.append(value)
        }
    }

    func orderItems(_ items: [OrderItem], _ level: Int) -> String {
        items.map { item in
            var out = expr(item.expr, level)
            if let direction = item.direction { out += " " + direction.rawValue }
            if let nulls = item.nulls { out += " " + nulls.rawValue }
            return out
        }.joined(separator: ", ")
    }

    func identifiers(_ names: [Identifier]) -> String {
        names.map(\.description).joined(separator: ", ")
    }

    func exprs(_ values: [Expr], _ level: Int) -> String {
        values.map { expr($0, level) }.joined(separator: ", ")
    }
}
