extension Printer {
    /// Binding strength of an expression's outermost operator; atoms are 10.
    func precedence(_ value: Expr) -> Int {
        switch value {
        case .binary(let op, _, _, _), .chain(let op, _, _), .quantified(let op, _, _, _, _): op.precedence
        case .unary(.not, _, _): Precedence.not
        case .unary: 7
        case .isNull, .isDistinctFrom, .between, .inList, .inQuery, .like: Precedence.comparison
        case .lambda: 0
        default: 10
        }
    }

    /// `value`, in parentheses when `parenthesize` is true.
    func wrapped(_ value: Expr, _ level: Int, parenthesize: Bool) -> String {
        text { $0.writeWrapped(value, level, parenthesize: parenthesize) }
    }

    mutating func writeWrapped(_ value: Expr, _ level: Int, parenthesize: Bool) {
        if parenthesize { out.append("(") }
        writeExpr(value, level)
        if parenthesize { out.append(")") }
    }

    /// The canonical text of an expression whose first line sits at indentation `level`.
    func expr(_ value: Expr, _ level: Int) -> String { text { $0.writeExpr(value, level) } }

    /// Appends the canonical text of an expression whose first line sits at indentation `level`.
    mutating func writeExpr(_ value: Expr, _ level: Int) {
        switch value {
        case .column(let column):
            for (i, part) in column.parts.enumerated() {
                if i > 0 { out.append(".") }
                out.append(part.description)
            }
        case .positional(let ref):
            for part in ref.qualifier {
                out.append(part.description)
                out.append(".")
            }
            out.append("$" + String(ref.position))
        case .literal(let literal):
            out.append(self.literal(literal))
        case .function(let call):
            writeFunctionCall(call, level)
        case .unary(let op, let operand, _):
            if op == .not {
                // A NOT operand reads back as NOT (the parser allows `NOT NOT x`), so only looser
                // operators (AND, OR) need parentheses.
                out.append("NOT ")
                return writeWrapped(operand, level, parenthesize: precedence(operand) < Precedence.not)
            }
            let text = wrapped(operand, level, parenthesize: precedence(operand) < 7)
            out.append(op.rawValue)
            if op == .prior || op == .connectByRoot || text.hasPrefix("-") || text.hasPrefix("+") { out.append(" ") }
            out.append(text)
        case .binary(let op, let left, let right, _):
            writeWrapped(left, level, parenthesize: precedence(left) < op.precedence)
            out.append(" ")
            out.append(op.rawValue)
            out.append(" ")
            writeWrapped(right, level, parenthesize: precedence(right) <= op.precedence)
        case .chain(let op, let operands, _):
            for (i, operand) in operands.enumerated() {
                if i > 0 {
                    out.append(" ")
                    out.append(op.rawValue)
                    out.append(" ")
                }
                let looser = i == 0 ? precedence(operand) < op.precedence : precedence(operand) <= op.precedence
                writeWrapped(operand, level, parenthesize: looser)
            }
        case .isNull(let subject, let negated, _):
            writePredicateSubject(subject, level)
            out.append(negated ? " IS NOT NULL" : " IS NULL")
        case .isDistinctFrom(let left, let right, let negated, _):
            writePredicateSubject(left, level)
            out.append(negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
            writePredicateOperand(right, level)
        case .between(let subject, let low, let high, let negated, _):
            writePredicateSubject(subject, level)
            out.append(negated ? " NOT BETWEEN " : " BETWEEN ")
            writePredicateOperand(low, level)
            out.append(" AND ")
            writePredicateOperand(high, level)
        case .inList(let subject, let items, let negated, _):
            writePredicateSubject(subject, level)
            out.append(negated ? " NOT IN (" : " IN (")
            writeExprs(items, level)
            out.append(")")
        case .inQuery(let subject, let query, let negated, _):
            writePredicateSubject(subject, level)
            out.append(negated ? " NOT IN " : " IN ")
            writeParenthesizedQuery(query, level)
        case .like(let like):
            out.append(self.like(like, level))
        case .exists(let query, _):
            out.append("EXISTS ")
            writeParenthesizedQuery(query, level)
        case .subquery(let query, _):
            writeParenthesizedQuery(query, level)
        case .caseWhen(let caseExpr):
            writeCase(caseExpr, level)
        case .cast(let cast):
            switch cast.style {
            case .doubleColon:
                writeWrapped(cast.value, level, parenthesize: precedence(cast.value) < 10)
                out.append("::")
                out.append(cast.type.description)
            case .cast, .tryCast:
                out.append(cast.style.rawValue)
                out.append("(")
                writeExpr(cast.value, level)
                out.append(" AS ")
                out.append(cast.type.description)
                out.append(")")
            }
        case .path(let path):
            out.append(self.path(path, level))
        case .nested(let inner, _):
            out.append("(")
            writeExpr(inner, level)
            out.append(")")
        case .tuple(let items, _):
            out.append("(")
            writeExprs(items, level)
            out.append(")")
        case .array(let items, _):
            out.append("[")
            writeExprs(items, level)
            out.append("]")
        case .object(let entries, _):
            out.append("{" + entries.map { expr($0.key, level) + ": " + expr($0.value, level) }.joined(separator: ", ") + "}")
        case .quantified(let op, let left, let quantifier, let query, _):
            writeWrapped(left, level, parenthesize: precedence(left) < op.precedence)
            out.append(" " + op.rawValue + " " + quantifier.rawValue + " ")
            writeParenthesizedQuery(query, level)
        case .extract(let part, let value, _):
            out.append("EXTRACT(" + part.description + " FROM ")
            writeExpr(value, level)
            out.append(")")
        case .lambda(let parameters, let body, _):
            let list = parameters.map { $0.name.description + ($0.type.map { " " + $0.description } ?? "") }.joined(separator: ", ")
            out.append(parameters.count == 1 ? list : "(" + list + ")")
            out.append(" -> ")
            writeExpr(body, level)
        }
    }

    private mutating func writePredicateSubject(_ value: Expr, _ level: Int) {
        writeWrapped(value, level, parenthesize: precedence(value) < Precedence.comparison)
    }

    private mutating func writePredicateOperand(_ value: Expr, _ level: Int) {
        writeWrapped(value, level, parenthesize: precedence(value) <= Precedence.comparison)
    }

    private func predicateSubject(_ value: Expr, _ level: Int) -> String {
        wrapped(value, level, parenthesize: precedence(value) < Precedence.comparison)
    }

    private func predicateOperand(_ value: Expr, _ level: Int) -> String {
        wrapped(value, level, parenthesize: precedence(value) <= Precedence.comparison)
    }

    func literal(_ literal: Literal) -> String {
        switch literal.kind {
        case .string(let value): stringLiteralSQL(value)
        case .number(let text): text
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .null: "NULL"
        case .typed(let type, let value): type + " " + stringLiteralSQL(value)
        case .interval(let value): "INTERVAL " + stringLiteralSQL(value)
        case .binary(let hex): "X'" + hex + "'"
        }
    }

    private func like(_ like: LikeExpr, _ level: Int) -> String {
        var out = predicateSubject(like.subject, level) + (like.negated ? " NOT " : " ") + like.op.rawValue
        if let quantifier = like.quantifier {
            out += " " + quantifier.rawValue + " (" + exprs(like.patterns, level) + ")"
        } else {
            out += " " + like.patterns.map { predicateOperand($0, level) }.joined(separator: ", ")
        }
        if let escape = like.escape { out += " ESCAPE " + predicateOperand(escape, level) }
        return out
    }

    private mutating func writeCase(_ caseExpr: CaseExpr, _ level: Int) {
        out.append("CASE")
        if let operand = caseExpr.operand {
            out.append(" ")
            writeExpr(operand, level)
        }
        for when in caseExpr.whens {
            writeNewline(level + 1)
            out.append("WHEN ")
            writeExpr(when.condition, level + 1)
            out.append(" THEN ")
            writeExpr(when.result, level + 1)
        }
        if let elseResult = caseExpr.elseResult {
            writeNewline(level + 1)
            out.append("ELSE ")
            writeExpr(elseResult, level + 1)
        }
        writeNewline(level)
        out.append("END")
    }

    private func pathKey(_ key: PathKey) -> String {
        key.quoted ? quotedSQL(key.name, quote: "\"") : key.name
    }

    private func path(_ path: PathExpr, _ level: Int) -> String {
        var out: String
        switch path.base {
        case .column, .positional, .function, .path, .nested, .cast, .array, .object: out = expr(path.base, level)
        default: out = "(" + expr(path.base, level) + ")"
        }
        for step in path.steps {
            switch step {
            case .colon(let key): out += ":" + pathKey(key)
            case .dot(let key): out += "." + pathKey(key)
            case .index(let index): out += "[" + expr(index, level) + "]"
            }
        }
        return out
    }

    /// `NAME(args) [WITHIN GROUP (…)] [IGNORE NULLS] [OVER (…)]`.
    func functionCall(_ call: FunctionCall, _ level: Int) -> String { text { $0.writeFunctionCall(call, level) } }

    mutating func writeFunctionCall(_ call: FunctionCall, _ level: Int) {
        for (i, part) in call.name.parts.enumerated() {
            if i > 0 { out.append(".") }
            out.append(part.quoted ? part.description : asciiUppercased(part.name))
        }
        guard call.hasParentheses else { return }
        out.append("(")
        if call.distinct { out.append("DISTINCT ") }
        if call.star { out.append("*") }
        for (i, argument) in call.arguments.enumerated() {
            if i > 0 { out.append(", ") }
            if let name = argument.name {
                out.append(name.description)
                out.append(" => ")
            }
            writeExpr(argument.value, level)
        }
        out.append(")")
        if let withinGroup = call.withinGroup {
            out.append(" WITHIN GROUP (ORDER BY " + orderItems(withinGroup, level) + ")")
        }
        if let treatment = call.nullTreatment {
            out.append(" ")
            out.append(treatment.rawValue)
        }
        if let over = call.over { out.append(" OVER (" + window(over, level) + ")") }
    }

    private func window(_ spec: WindowSpec, _ level: Int) -> String {
        var parts: [String] = []
        if !spec.partitionBy.isEmpty { parts.append("PARTITION BY " + exprs(spec.partitionBy, level)) }
        if !spec.orderBy.isEmpty { parts.append("ORDER BY " + orderItems(spec.orderBy, level)) }
        if let frame = spec.frame {
            if let end = frame.end {
                parts.append(frame.unit.rawValue + " BETWEEN " + bound(frame.start, level) + " AND " + bound(end, level))
            } else {
                parts.append(frame.unit.rawValue + " " + bound(frame.start, level))
            }
        }
        return parts.joined(separator: " ")
    }

    private func bound(_ bound: FrameBound, _ level: Int) -> String {
        switch bound {
        case .unboundedPreceding: "UNBOUNDED PRECEDING"
        case .preceding(let value): predicateOperand(value, level) + " PRECEDING"
        case .currentRow: "CURRENT ROW"
        case .following(let value): predicateOperand(value, level) + " FOLLOWING"
        case .unboundedFollowing: "UNBOUNDED FOLLOWING"
        }
    }
}
