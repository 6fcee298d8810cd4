extension Printer {
    /// Binding strength of an expression's outermost operator; atoms are 10.
    func precedence(_ value: Expr) -> Int {
        switch value {
        case .binary(let op, _, _, _), .quantified(let op, _, _, _, _): op.precedence
        case .unary(.not, _, _): Precedence.not
        case .unary: 7
        case .isNull, .isDistinctFrom, .between, .inList, .inQuery, .like: Precedence.comparison
        case .lambda: 0
        default: 10
        }
    }

    /// `value`, in parentheses when `parenthesize` is true.
    func wrapped(_ value: Expr, _ level: Int, parenthesize: Bool) -> String {
        parenthesize ? "(" + expr(value, level) + ")" : expr(value, level)
    }

    /// The canonical text of an expression whose first line sits at indentation `level`.
    func expr(_ value: Expr, _ level: Int) -> String {
        switch value {
        case .column(let column):
            return column.parts.map(\.description).joined(separator: ".")
        case .literal(let literal):
            return self.literal(literal)
        case .function(let call):
            return functionCall(call, level)
        case .unary(let op, let operand, _):
            if op == .not {
                // A NOT operand reads back as NOT (the parser allows `NOT NOT x`), so only looser
                // operators (AND, OR) need parentheses.
                return "NOT " + wrapped(operand, level, parenthesize: precedence(operand) < Precedence.not)
            }
            let text = wrapped(operand, level, parenthesize: precedence(operand) < 7)
            return op.rawValue + (text.hasPrefix("-") || text.hasPrefix("+") ? " " : "") + text
        case .binary(let op, let left, let right, _):
            return wrapped(left, level, parenthesize: precedence(left) < op.precedence) + " " + op.rawValue + " "
                + wrapped(right, level, parenthesize: precedence(right) <= op.precedence)
        case .isNull(let subject, let negated, _):
            return predicateSubject(subject, level) + (negated ? " IS NOT NULL" : " IS NULL")
        case .isDistinctFrom(let left, let right, let negated, _):
            return predicateSubject(left, level) + (negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
                + predicateOperand(right, level)
        case .between(let subject, let low, let high, let negated, _):
            return predicateSubject(subject, level) + (negated ? " NOT BETWEEN " : " BETWEEN ")
                + predicateOperand(low, level) + " AND " + predicateOperand(high, level)
        case .inList(let subject, let items, let negated, _):
            return predicateSubject(subject, level) + (negated ? " NOT IN (" : " IN (") + exprs(items, level) + ")"
        case .inQuery(let subject, let query, let negated, _):
            return predicateSubject(subject, level) + (negated ? " NOT IN " : " IN ") + parenthesizedQuery(query, level)
        case .like(let like):
            return self.like(like, level)
        case .exists(let query, _):
            return "EXISTS " + parenthesizedQuery(query, level)
        case .subquery(let query, _):
            return parenthesizedQuery(query, level)
        case .caseWhen(let caseExpr):
            return self.caseExpr(caseExpr, level)
        case .cast(let cast):
            switch cast.style {
            case .doubleColon:
                return wrapped(cast.value, level, parenthesize: precedence(cast.value) < 10) + "::" + cast.type.description
            case .cast, .tryCast:
                return cast.style.rawValue + "(" + expr(cast.value, level) + " AS " + cast.type.description + ")"
            }
        case .path(let path):
            return self.path(path, level)
        case .nested(let inner, _):
            return "(" + expr(inner, level) + ")"
        case .tuple(let items, _):
            return "(" + exprs(items, level) + ")"
        case .array(let items, _):
            return "[" + exprs(items, level) + "]"
        case .object(let entries, _):
            return "{" + entries.map { expr($0.key, level) + ": " + expr($0.value, level) }.joined(separator: ", ") + "}"
        case .quantified(let op, let left, let quantifier, let query, _):
            return wrapped(left, level, parenthesize: precedence(left) < op.precedence) + " " + op.rawValue + " "
                + quantifier.rawValue + " " + parenthesizedQuery(query, level)
        case .extract(let part, let value, _):
            return "EXTRACT(" + part.description + " FROM " + expr(value, level) + ")"
        case .lambda(let parameters, let body, _):
            let head = parameters.count == 1 ? identifiers(parameters) : "(" + identifiers(parameters) + ")"
            return head + " -> " + expr(body, level)
        }
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

    private func caseExpr(_ caseExpr: CaseExpr, _ level: Int) -> String {
        var out = "CASE"
        if let operand = caseExpr.operand { out += " " + expr(operand, level) }
        for when in caseExpr.whens {
            out += newline(level + 1) + "WHEN " + expr(when.condition, level + 1) + " THEN " + expr(when.result, level + 1)
        }
        if let elseResult = caseExpr.elseResult { out += newline(level + 1) + "ELSE " + expr(elseResult, level + 1) }
        return out + newline(level) + "END"
    }

    private func pathKey(_ key: PathKey) -> String {
        key.quoted ? quotedSQL(key.name, quote: "\"") : key.name
    }

    private func path(_ path: PathExpr, _ level: Int) -> String {
        var out: String
        switch path.base {
        case .column, .function, .path, .nested, .cast, .array, .object: out = expr(path.base, level)
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
    func functionCall(_ call: FunctionCall, _ level: Int) -> String {
        var out = call.name.parts.map { $0.quoted ? $0.description : asciiUppercased($0.name) }.joined(separator: ".")
        guard call.hasParentheses else { return out }
        out += "("
        if call.distinct { out += "DISTINCT " }
        if call.star { out += "*" }
        out += call.arguments.map { argument in
            let value = expr(argument.value, level)
            guard let name = argument.name else { return value }
            return name.description + " => " + value
        }.joined(separator: ", ")
        out += ")"
        if let withinGroup = call.withinGroup {
            out += " WITHIN GROUP (ORDER BY " + orderItems(withinGroup, level) + ")"
        }
        if let treatment = call.nullTreatment { out += " " + treatment.rawValue }
        if let over = call.over { out += " OVER (" + window(over, level) + ")" }
        return out
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
