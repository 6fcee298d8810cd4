/// Prints a `Query` in the canonical style described in `docs/sql-style.md`: upper-case
/// keywords and function names, lower-case unquoted identifiers, four-space indentation, one
/// select item per line and one clause per line. Comments are not kept.
public enum SQLPrinter {
    /// The canonical text of `query`, without a trailing newline or `;`.
    public static func print(_ query: Query) -> String {
        var printer = Printer()
        printer.writeQuery(query, 0)
        return printer.out.text
    }

    /// The canonical text of a single expression, as it would appear at the start of a line.
    public static func print(_ expr: Expr) -> String {
        var printer = Printer()
        printer.writeExpr(expr, 0)
        return printer.out.text
    }
}

/// The printing pass. It appends to one buffer (`write…` methods); the text of a part, where a
/// caller needs it first, comes from a fresh printer (the String-returning methods). The first
/// line of a part is not indented (the caller places it); later lines carry absolute indentation
/// for `level`.
struct Printer {
    /// Lines longer than this break `AND`/`OR` chains of `WHERE`, `HAVING`, `QUALIFY` and `ON`.
    static let lineWidth = 80

    /// The text printed so far.
    var out = PrintBuffer()

    /// The text `write` appends to an empty printer.
    func text(_ write: (inout Printer) -> Void) -> String {
        var printer = Printer()
        write(&printer)
        return printer.out.text
    }

    func pad(_ level: Int) -> String { String(repeating: " ", count: level * 4) }

    func newline(_ level: Int) -> String { "\n" + pad(level) }

    mutating func writeNewline(_ level: Int) {
        out.append("\n")
        for _ in 0..<level { out.append("    ") }
    }

    /// `(` newline, the query one level deeper, newline, `)`.
    func parenthesizedQuery(_ query: Query, _ level: Int) -> String { text { $0.writeParenthesizedQuery(query, level) } }

    mutating func writeParenthesizedQuery(_ query: Query, _ level: Int) {
        out.append("(")
        writeNewline(level + 1)
        writeQuery(query, level + 1)
        writeNewline(level)
        out.append(")")
    }

    func query(_ query: Query, _ level: Int) -> String { text { $0.writeQuery(query, level) } }

    mutating func writeQuery(_ query: Query, _ level: Int) {
        if let with = query.with {
            out.append(with.recursive ? "WITH RECURSIVE " : "WITH ")
            for (i, cte) in with.ctes.enumerated() {
                if i > 0 {
                    out.append(",")
                    writeNewline(level)
                }
                out.append(cte.name.description)
                if !cte.columns.isEmpty { out.append(" (" + identifiers(cte.columns) + ")") }
                out.append(" AS ")
                writeParenthesizedQuery(cte.query, level)
            }
            writeNewline(level)
        }
        writeBody(query.body, level)
        if !query.orderBy.isEmpty {
            writeNewline(level)
            out.append("ORDER BY ")
            out.append(orderItems(query.orderBy, level))
        }
        if let limit = query.limit {
            writeNewline(level)
            out.append(self.limit(limit, level))
        }
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

    mutating func writeBody(_ body: QueryBody, _ level: Int) {
        switch body {
        case .select(let select):
            writeSelect(select, level)
        case .nested(let query):
            writeParenthesizedQuery(query, level)
        case .values(let values):
            out.append("VALUES")
            for (i, row) in values.rows.enumerated() {
                if i > 0 { out.append(",") }
                writeNewline(level + 1)
                out.append("(")
                writeExprs(row, level + 1)
                out.append(")")
            }
        case .setOperation(let operation):
            writeOperand(operation.left, level, parenthesize: precedence(operation.left) < operation.op.precedence)
            writeNewline(level)
            out.append(operation.op.rawValue)
            if operation.all { out.append(" ALL") }
            if operation.byName { out.append(" BY NAME") }
            writeNewline(level)
            writeOperand(operation.right, level, parenthesize: precedence(operation.right) <= operation.op.precedence)
        }
    }

    private mutating func writeOperand(_ body: QueryBody, _ level: Int, parenthesize: Bool) {
        guard parenthesize else { return writeBody(body, level) }
        out.append("(")
        writeNewline(level + 1)
        writeBody(body, level + 1)
        writeNewline(level)
        out.append(")")
    }

    mutating func writeSelect(_ select: Select, _ level: Int) {
        out.append("SELECT")
        if select.distinct { out.append(" DISTINCT") }
        if let top = select.top {
            out.append(" TOP ")
            writeExpr(top, level)
        }
        for (i, item) in select.items.enumerated() {
            if i > 0 { out.append(",") }
            writeNewline(level + 1)
            writeSelectItem(item, level + 1)
        }
        if !select.from.isEmpty {
            writeNewline(level)
            out.append("FROM ")
            for (i, table) in select.from.enumerated() {
                if i > 0 { out.append(", ") }
                writeTableRef(table, level)
            }
        }
        if let hierarchy = select.connectBy {
            if let startWith = hierarchy.startWith {
                writeNewline(level)
                writeCondition("START WITH", startWith, level)
            }
            writeNewline(level)
            writeCondition(hierarchy.noCycle ? "CONNECT BY NOCYCLE" : "CONNECT BY", hierarchy.connectBy, level)
        }
        if let condition = select.whereClause {
            writeNewline(level)
            writeCondition("WHERE", condition, level)
        }
        if let groupBy = select.groupBy {
            writeNewline(level)
            out.append(self.groupBy(groupBy, level))
        }
        if let having = select.having {
            writeNewline(level)
            writeCondition("HAVING", having, level)
        }
        if let qualify = select.qualify {
            writeNewline(level)
            writeCondition("QUALIFY", qualify, level)
        }
    }

    mutating func writeSelectItem(_ item: SelectItem, _ level: Int) {
        switch item {
        case .expression(let value, let alias, _):
            writeExpr(value, level)
            if let alias {
                out.append(" AS ")
                out.append(alias.description)
            }
        case .wildcard(let wildcard):
            for qualifier in wildcard.qualifier {
                out.append(qualifier.description)
                out.append(".")
            }
            out.append("*")
            if let pattern = wildcard.ilike { out.append(" ILIKE " + stringLiteralSQL(pattern)) }
            if !wildcard.exclude.isEmpty { out.append(" EXCLUDE (" + identifiers(wildcard.exclude) + ")") }
            if !wildcard.replace.isEmpty {
                out.append(" REPLACE (" + wildcard.replace.map { expr($0.expr, level) + " AS " + $0.column.description }
                    .joined(separator: ", ") + ")")
            }
            if !wildcard.rename.isEmpty {
                out.append(" RENAME (" + wildcard.rename.map { $0.column.description + " AS " + $0.alias.description }
                    .joined(separator: ", ") + ")")
            }
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
    mutating func writeCondition(_ keyword: String, _ condition: Expr, _ level: Int) {
        let single = keyword + " " + expr(condition, level)
        if level * 4 + single.count <= Printer.lineWidth && !single.utf8.contains(UInt8(ascii: "\n")) {
            return out.append(single)
        }
        let op: BinaryOperator
        switch condition {
        case .binary(.and, _, _, _), .chain(.and, _, _): op = .and
        case .binary(.or, _, _, _), .chain(.or, _, _): op = .or
        default: return out.append(single)
        }
        var operands: [Expr] = []
        flatten(condition, op, into: &operands)
        out.append(keyword)
        out.append(" ")
        writeWrapped(operands[0], level + 1, parenthesize: precedence(operands[0]) <= op.precedence)
        for operand in operands.dropFirst() {
            writeNewline(level + 1)
            out.append(op.rawValue)
            out.append(" ")
            writeWrapped(operand, level + 1, parenthesize: precedence(operand) <= op.precedence)
        }
    }

    /// The operands of the `op` chain `value` along its left spine (a loop: hand-built trees
    /// may be deep).
    private func flatten(_ value: Expr, _ op: BinaryOperator, into operands: inout [Expr]) {
        var tails: [ArraySlice<Expr>] = []
        var current = value
        while true {
            if case .binary(let inner, let left, let right, _) = current, inner == op {
                tails.append([right])
                current = left
            } else if case .chain(let inner, let items, _) = current, inner == op, let first = items.first {
                tails.append(items.dropFirst())
                current = first
            } else {
                break
            }
        }
        operands.append(current)
        for tail in tails.reversed() { operands.append(contentsOf: tail) }
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

    func exprs(_ values: [Expr], _ level: Int) -> String { text { $0.writeExprs(values, level) } }

    mutating func writeExprs(_ values: [Expr], _ level: Int) {
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(", ") }
            writeExpr(value, level)
        }
    }
}

/// The printer's text as UTF-8 bytes: a query is hundreds of small pieces, and appending them to a
/// `String` costs several times more than copying their bytes.
struct PrintBuffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(512) }

    mutating func append(_ piece: String) {
        var piece = piece
        piece.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The text (built from whole strings, so valid UTF-8).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
