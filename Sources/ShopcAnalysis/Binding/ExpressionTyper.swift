import ShopcBase
import ShopcSQL

extension QueryBinder {
    /// Types an expression in `context`, binding every column it reads and reporting type
    /// errors at the offending sub-expression.
    mutating func typeExpr(_ expr: Expr, _ context: inout ExprContext) -> Typed {
        guard let expansion = expansions[expr.range.start], expansion.end == expr.range.end else {
            return typeExprInner(expr, &context)
        }
        let before = diagnostics.count
        let typed = typeExprInner(expr, &context)
        let inner = diagnostics.count
        if checkMacroCall(expansion.call, expansion: typed, context) {
            // The argument is the cause: drop the errors it caused inside the expansion (they
            // point at the call, or into the macro with a note at the call) so the report names
            // the argument once.
            let location = expansion.call.location
            let kept = diagnostics[before..<inner].filter { $0.location != location && !$0.notes.contains { $0.location == location } }
            diagnostics.replaceSubrange(before..<inner, with: kept)
        }
        return typed
    }

    private mutating func typeExprInner(_ expr: Expr, _ context: inout ExprContext) -> Typed {
        switch expr {
        case .column(let ref):
            return resolveColumn(ref, context)
        case .positional(let ref):
            return resolvePositional(ref, context)
        case .literal(let literal):
            var typed = Self.literalType(literal)
            if case .string(let text) = literal.kind {
                let conversion = LiteralConversion(text: text, range: expr.range)
                typed.literal = conversion
                if conversion.kinds != .all { literalTexts[expr.range.start] = text }
            }
            return typed
        case .function(let call):
            return typeFunction(call, &context)
        case .unary(let op, let operand, _):
            let t = typeExpr(operand, &context)
            switch op {
            case .not:
                requireBoolean(t, operand, clause: "NOT")
                return derived(.boolean, t)
            case .minus, .plus:
                if !(t.type.isNumeric || t.type.isOpen || t.type == .variant || t.stringLiteral) {
                    error(.invalidOperands, "cannot apply unary '\(op.rawValue)' to \(t.type)", at: operand.range)
                    return derived(.unknown, t)
                }
                if checkConversion(t, to: .float, code: .invalidOperands, because: "unary '\(op.rawValue)' converts it to a number") { return derived(.unknown, t) }
                return derived(t.type, t)
            case .prior, .connectByRoot:
                return Typed(type: t.type, lineage: t.lineage, aggregate: t.aggregate)
            }
        case .binary:
            return typeBinaryChain(expr, &context)
        case .chain(let op, let operands, let range):
            return typeChain(op, operands, range: range, &context)
        case .isNull(let operand, _, _):
            return derived(.boolean, typeExpr(operand, &context))
        case .isDistinctFrom(let a, let b, _, let range):
            let ta = typeExpr(a, &context), tb = typeExpr(b, &context)
            checkComparable(ta, tb, at: range, context)
            return derived(.boolean, ta, tb)
        case .between(let value, let low, let high, _, let range):
            let tv = typeExpr(value, &context), tl = typeExpr(low, &context), th = typeExpr(high, &context)
            checkComparable(tv, tl, at: range, context)
            checkComparable(tv, th, at: range, context)
            return derived(.boolean, tv, tl, th)
        case .inList(let value, let list, _, _):
            let tv = typeExpr(value, &context)
            var parts = [tv]
            for item in list {
                let ti = typeExpr(item, &context)
                checkComparable(tv, ti, at: item.range, context)
                parts.append(ti)
            }
            return derived(.boolean, parts)
        case .inQuery(let value, let query, _, let range):
            let tv = typeExpr(value, &context)
            let shape = subquery(query, context)
            let width = if case .tuple(let items, _) = value { items.count } else { 1 }
            if !shape.open, shape.columns.count != width {
                error(.columnListCount, "the subquery of IN must produce \(width == 1 ? "one column" : "\(width) columns, one per value compared"); it produces \(shape.columns.count)", at: range)
            }
            if let first = shape.columns.first, shape.columns.count == 1 {
                checkComparable(tv, Typed(type: first.type, lineage: first.lineage), at: range, context)
            }
            return derived(.boolean, [tv, Typed(type: .boolean, lineage: lineageOf(shape))])
        case .like(let like):
            var parts = [typeExpr(like.subject, &context)]
            for pattern in like.patterns { parts.append(typeExpr(pattern, &context)) }
            if let escape = like.escape { parts.append(typeExpr(escape, &context)) }
            return derived(.boolean, parts)
        case .exists(let query, _):
            let shape = subquery(query, context)
            return Typed(type: .boolean, lineage: lineageOf(shape).promoted(to: .derived))
        case .subquery(let query, let range):
            let shape = subquery(query, context)
            if !shape.open, shape.columns.count != 1 {
                error(.columnListCount, "a scalar subquery must produce one column; this one produces \(shape.columns.count)", at: range)
            }
            let type = shape.columns.count == 1 ? shape.columns[0].type : .unknown
            return Typed(type: type, lineage: lineageOf(shape).promoted(to: .derived))
        case .caseWhen(let caseExpr):
            return typeCase(caseExpr, &context)
        case .cast(let cast):
            // The type of a conversion is held to the rules of a declared column's type.
            if let problem = SQLTypeName.problem(cast.type.description) {
                error(.invalidSQLType, problem.message, at: cast.type.range, notes: problem.notes)
            }
            let t = typeExpr(cast.value, &context)
            let target = SQLType.from(cast.type)
            // A string literal cast to a number, a date or a boolean must convert (TRY_CAST
            // returns NULL instead of failing).
            if cast.style != .tryCast, checkConversion(t, to: target, code: .functionArgumentType, because: "the cast converts it to \(target)") {
                return derived(target, t)
            }
            var result = derived(target, t)
            if cast.style == .doubleColon, t.columnName != nil { result.lineage = t.lineage.promoted(to: .derived) }
            return result
        case .path(let path):
            let base = typeExpr(path.base, &context)
            switch base.type {
            case .number, .float, .binary, .boolean, .date, .time, .timestampNTZ, .timestampLTZ, .timestampTZ:
                // `:` and `[…]` read VARIANT, OBJECT and ARRAY values; a number, a date or a
                // boolean has no fields. (Text, geography and unknown types are not judged.)
                error(.invalidOperands, "a path (':' or '[…]') reads a VARIANT, OBJECT or ARRAY value, but this value is \(base.type)", at: path.range)
            default:
                break
            }
            for step in path.steps {
                if case .index(let index) = step { _ = typeExpr(index, &context) }
            }
            return derived(.variant, base)
        case .nested(let inner, _):
            return typeExpr(inner, &context)
        case .tuple(let items, _):
            return derived(.unknown, items.map { typeExpr($0, &context) })
        case .array(let items, _):
            return derived(.array, items.map { typeExpr($0, &context) })
        case .object(let entries, _):
            var parts: [Typed] = []
            for entry in entries {
                parts.append(typeExpr(entry.key, &context))
                parts.append(typeExpr(entry.value, &context))
            }
            return derived(.object, parts)
        case .lambda(let parameters, let body, _):
            var inner = context
            for parameter in parameters {
                let key = parameter.name.normalized
                inner.lambdaNames.insert(key)
                inner.lambdaTypes[key] = parameter.type.map(SQLType.from)
            }
            return derived(.unknown, typeExpr(body, &inner))
        case .quantified(_, let value, _, let query, let range):
            let tv = typeExpr(value, &context)
            let shape = subquery(query, context)
            if !shape.open, shape.columns.count != 1 {
                error(.columnListCount, "the subquery of ANY or ALL must produce one column; it produces \(shape.columns.count)", at: range)
            }
            if let first = shape.columns.first {
                checkComparable(tv, Typed(type: first.type), at: range, context)
            }
            return derived(.boolean, [tv, Typed(type: .boolean, lineage: lineageOf(shape))])
        case .extract(let part, let value, _):
            if !part.quoted { checkDatePart(part.name, function: "EXTRACT", at: part.range) }
            let t = typeExpr(value, &context)
            checkArgument(t, .temporal, function: "EXTRACT", position: 2, at: value.range)
            return derived(.integer, t)
        }
    }

    /// A result of `type` that derives from the given operands.
    func derived(_ type: SQLType, _ parts: Typed...) -> Typed { derived(type, parts) }

    func derived(_ type: SQLType, _ parts: [Typed]) -> Typed {
        var lineage = LineageSet()
        var aggregate = false
        for i in parts.indices {
            lineage.merge(parts[i].lineage)
            aggregate = aggregate || parts[i].aggregate
        }
        lineage.promote(to: .derived)
        return Typed(type: type, lineage: lineage, aggregate: aggregate)
    }

    /// Binds a subquery with the current scope as its outer scope.
    mutating func subquery(_ query: Query, _ context: ExprContext) -> RelationShape {
        outer.append(context.scope)
        defer { outer.removeLast() }
        return bindQuery(query)
    }

    func lineageOf(_ shape: RelationShape) -> LineageSet {
        var out: LineageSet = [:]
        for column in shape.columns { out.merge(column.lineage) }
        return out
    }

    /// The type of a literal.
    static func literalType(_ literal: Literal) -> Typed {
        switch literal.kind {
        case .string(let s): return Typed(type: .varchar(max(1, s.utf8.count)), stringLiteral: true)
        case .number(let text):
            // Precision counts the digits after leading zeros; scale, the digits after the point.
            var digits = 0
            var scale = 0
            var afterPoint = false
            var leading = true
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "e"), UInt8(ascii: "E"): return Typed(type: .float)
                case UInt8(ascii: "."): afterPoint = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if afterPoint { scale += 1 }
                    if leading && byte == UInt8(ascii: "0") { continue }
                    leading = false
                    digits += 1
                default: break
                }
            }
            let precision = max(1, min(38, digits))
            return Typed(type: .number(precision: max(precision, scale), scale: scale))
        case .boolean: return Typed(type: .boolean)
        case .null: return Typed(type: .null)
        case .typed(let name, _): return Typed(type: SQLType.from(name: name, parameters: []) ?? .unknown)
        case .interval: return Typed(type: .unknown, interval: true)
        case .binary: return Typed(type: .binary)
        }
    }

    /// A chain of binary operators (`a + b + c`, `x AND y AND z`), typed along its left spine
    /// with a loop: the parser builds such chains left-deep, and recursing down a chain of a
    /// thousand terms would exhaust the stack.
    mutating func typeBinaryChain(_ expr: Expr, _ context: inout ExprContext) -> Typed {
        var spine: [(op: BinaryOperator, rhs: Expr, range: SourceRange)] = []
        var current = expr
        while case .binary(let op, let lhs, let rhs, let range) = current {
            spine.append((op, rhs, range))
            current = lhs
        }
        var acc = typeExpr(current, &context)
        var accRange = current.range
        for (op, rhs, range) in spine.reversed() {
            let b = typeExpr(rhs, &context)
            acc = typeBinary(op, acc, at: accRange, b, at: rhs.range, range: range, inJoin: context.clause == .joinCondition)
            accRange = range
            if let expansion = expansions[range.start], expansion.end == range.end, range.start != expr.range.start || range.end != expr.range.end {
                _ = checkMacroCall(expansion.call, expansion: acc, context)
            }
        }
        return acc
    }

    /// A flat chain, typed as the left-deep tree of binaries it stands for; a macro expansion
    /// that covers a leading part of the chain is checked against that part.
    mutating func typeChain(_ op: BinaryOperator, _ operands: [Expr], range: SourceRange, _ context: inout ExprContext) -> Typed {
        guard let first = operands.first else { return .unknown }
        var acc = typeExpr(first, &context)
        var accRange = first.range
        for operand in operands.dropFirst() {
            let b = typeExpr(operand, &context)
            let partial = SourceRange(start: range.start, end: operand.range.end)
            acc = typeBinary(op, acc, at: accRange, b, at: operand.range, range: partial, inJoin: context.clause == .joinCondition)
            accRange = partial
            if partial.end != range.end, let expansion = expansions[partial.start], expansion.end == partial.end {
                _ = checkMacroCall(expansion.call, expansion: acc, context)
            }
        }
        return acc
    }

    /// `AND`/`OR`, comparisons, arithmetic and `||` over typed operands.
    mutating func typeBinary(_ op: BinaryOperator, _ a: Typed, at lhs: SourceRange, _ b: Typed, at rhs: SourceRange, range: SourceRange, inJoin: Bool) -> Typed {
        switch op {
        case .and, .or:
            requireBoolean(a, at: lhs, clause: op.rawValue)
            requireBoolean(b, at: rhs, clause: op.rawValue)
            return derived(.boolean, a, b)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            checkComparable(a, b, at: range, inJoin: inJoin)
            return derived(.boolean, a, b)
        case .concat:
            return derived(.text, a, b)
        case .plus, .minus, .multiply, .divide, .modulo:
            if b.interval { return derived(a.type, a, b) }
            if a.interval { return derived(b.type, a, b) }
            let symbol: Character = op == .plus ? "+" : op == .minus ? "-" : op == .multiply ? "*" : op == .divide ? "/" : "%"
            // A string operand is converted to a number.
            if checkConversion(a, to: .float, code: .invalidOperands, because: "arithmetic converts it to a number")
                || checkConversion(b, to: .float, code: .invalidOperands, because: "arithmetic converts it to a number") {
                return derived(.unknown, a, b)
            }
            guard let result = TypeCoercion.arithmetic(symbol, a.type, b.type, literalA: a.stringLiteral, literalB: b.stringLiteral) else {
                error(.invalidOperands, "cannot apply '\(op.rawValue)' to \(a.type) and \(b.type)", at: range)
                return derived(.unknown, a, b)
            }
            return derived(result, a, b)
        }
    }

    /// Reports values that cannot be compared; inside a join condition the error names the join
    /// keys.
    mutating func checkComparable(_ a: Typed, _ b: Typed, at range: SourceRange, _ context: ExprContext) {
        checkComparable(a, b, at: range, inJoin: context.clause == .joinCondition)
    }

    mutating func checkComparable(_ a: Typed, _ b: Typed, at range: SourceRange, inJoin: Bool) {
        guard !TypeCoercion.comparable(a.type, b.type, literalA: a.stringLiteral, literalB: b.stringLiteral) else {
            // A string compared with another type is converted to it.
            if !checkConversion(b, to: a.type, code: .incomparableTypes, because: "comparing it with \(a.type) converts it") {
                checkConversion(a, to: b.type, code: .incomparableTypes, because: "comparing it with \(b.type) converts it")
            }
            return
        }
        if inJoin {
            error(.joinKeyType, "join keys have incompatible types: \(a.type) and \(b.type)", at: range)
        } else {
            error(.incomparableTypes, "cannot compare \(a.type) with \(b.type)", at: range)
        }
    }

    /// `CASE`: conditions are BOOLEAN (or comparable with the operand); results unify.
    mutating func typeCase(_ c: CaseExpr, _ context: inout ExprContext) -> Typed {
        var parts: [Typed] = []
        let operand = c.operand.map { typeExpr($0, &context) }
        if let operand { parts.append(operand) }
        var results: [(Typed, Expr)] = []
        for when in c.whens {
            let condition = typeExpr(when.condition, &context)
            if let operand {
                checkComparable(operand, condition, at: when.condition.range, context)
            } else {
                requireBoolean(condition, when.condition, clause: "WHEN")
            }
            parts.append(condition)
            results.append((typeExpr(when.result, &context), when.result))
        }
        if let e = c.elseResult { results.append((typeExpr(e, &context), e)) }
        let type = unifyAll(results, what: "CASE branches")
        return derived(type, parts + results.map(\.0))
    }

    /// The common type of several values, reporting the first pair that does not unify.
    mutating func unifyAll(_ values: [(Typed, Expr)], what: String) -> SQLType {
        var type: SQLType = .null
        var literal = true
        var first: (Typed, Expr)?
        for (typed, expr) in values {
            if let unified = TypeCoercion.unify(type, typed.type, literalA: literal && type.isText, literalB: typed.stringLiteral) {
                type = unified
                literal = literal && (typed.stringLiteral || typed.type == .null)
                if first == nil && typed.type != .null { first = (typed, expr) }
            } else {
                var notes: [DiagnosticNote] = []
                if let first { notes.append(DiagnosticNote("this one is \(first.0.type)", at: at(first.1.range))) }
                error(.branchTypeMismatch, "\(what) cannot be unified: \(type) and \(typed.type)", at: expr.range, notes: notes)
                return .unknown
            }
        }
        // String literals among values of another type are converted to it.
        for (typed, _) in values where checkConversion(typed, to: type, code: .branchTypeMismatch, because: "\(what) of type \(type) convert it") { return .unknown }
        return type
    }

    /// Reports a string literal that Snowflake would convert to `type` and fail on (`'n/a'`
    /// where a number is expected), at the literal. Returns whether it reported.
    @discardableResult
    mutating func checkConversion(_ value: Typed, to type: SQLType, code: DiagnosticCode, because: @autoclosure () -> String) -> Bool {
        guard let literal = value.literal, value.stringLiteral, let needed = literal.failure(converting: type) else { return false }
        let quoted = LiteralConversion.quoted(literalTexts[literal.range.start] ?? "")
        error(code, "\(quoted) is not \(needed): \(because()), and the query fails at run time", at: literal.range)
        return true
    }
}
