import ShopcBase
import ShopcSQL

extension QueryBinder {
    /// Types a function call through the catalog: arity, argument kinds, result rule, and the
    /// `OVER` clause. Unknown functions warn (error with `--strict`) and type as `unknown`.
    mutating func typeFunction(_ call: FunctionCall, _ context: inout ExprContext) -> Typed {
        // An unquoted one-part name's normalized spelling is already its upper-case form.
        let name = call.name.parts.count == 1 && !call.name.parts[0].quoted ? call.name.parts[0].normalized : call.name.description.uppercased()
        let signature = call.name.parts.count == 1 ? FunctionCatalog.lookup(name) : nil
        var args: [Typed] = []
        args.reserveCapacity(call.arguments.count)
        // An aggregate's arguments (without OVER) are typed as in no particular clause. The
        // clause is switched and restored rather than the context copied per argument: typing
        // an expression leaves its context as it found it.
        let clause = context.clause
        if call.over == nil, signature?.kind == .aggregate { context.clause = .other }
        let reads = (local: localColumnReads, outer: outerColumnReads)
        for i in call.arguments.indices {
            let kind = signature.map { i < $0.arguments.count ? $0.arguments[i] : .any } ?? .any
            if kind == .datePart, let part = Self.datePart(call.arguments[i].value) {
                checkDatePart(part, function: name, at: call.arguments[i].value.range)
                args.append(Typed(type: .text, stringLiteral: true))
                continue
            }
            args.append(typeExpr(call.arguments[i].value, &context))
        }
        context.clause = clause
        if call.over == nil, signature?.kind == .aggregate, !outer.isEmpty, localColumnReads == reads.local,
            outerColumnReads > reads.outer, let column = lastOuterColumn
        {
            let (location, notes) = place(call.range, notes: [
                DiagnosticNote("it does not read this subquery's FROM; name a column of the subquery's own tables (qualify it)"),
            ])
            diagnostics.append(.warning(.outerAggregate, "\(name) reads only columns of the enclosing query ('\(column)'): in SQL that makes it an aggregate of the enclosing query, not of this subquery's rows", at: location, notes: notes))
        }
        var windowParts: [Typed] = []
        if let over = call.over {
            for e in over.partitionBy { windowParts.append(typeExpr(e, &context)) }
            for item in over.orderBy { windowParts.append(typeExpr(item.expr, &context)) }
        }
        for item in call.withinGroup ?? [] { windowParts.append(typeExpr(item.expr, &context)) }

        guard let signature else {
            if context.rowPattern, call.name.parts.count == 1, let type = Self.rowPatternFunctionType(name, args) {
                return derived(type, args + windowParts)
            }
            if call.name.parts.count == 1 {
                let message = "unknown function '\(name)'; its result type is unknown"
                let notes = Suggestion.note(for: name, in: FunctionCatalog.names).map { [$0] } ?? []
                if strict {
                    let (location, notes) = place(call.range, notes: notes)
                    diagnostics.append(.error(.unknownFunction, message, at: location, notes: notes))
                } else {
                    let (location, notes) = place(call.range, notes: notes)
                    diagnostics.append(.warning(.unknownFunction, message, at: location, notes: notes))
                }
            }
            return derived(.unknown, args + windowParts)
        }
        let count = call.star ? max(1, args.count) : args.count
        if !signature.arity.contains(count) {
            error(.functionArity, "\(name) takes \(Self.describe(signature.arity)) but \(count) \(count == 1 ? "was" : "were") given", at: call.range)
            return derived(.unknown, args + windowParts)
        }
        // In MATCH_RECOGNIZE's DEFINE and MEASURES, LAG and the like run over the match's own
        // ordered partition, without OVER.
        if signature.kind == .window && call.over == nil && !context.rowPattern {
            error(.windowWithoutOver, "\(name) is a window function and needs an OVER (…) clause", at: call.range)
        }
        if let frame = call.over?.frame, let problem = Self.frameProblem(frame) {
            error(.windowWithoutOver, "\(name)'s window frame \(problem)", at: call.range)
        }
        if let over = call.over, over.orderBy.isEmpty, Self.windowsNeedingOrder.contains(name) {
            error(.windowWithoutOver, "\(name) needs ORDER BY in its window: OVER ([PARTITION BY …] ORDER BY …)", at: call.range)
        }
        if call.over != nil, let clause = Self.clauseName(clause) {
            let instead = clause == "WHERE" ? "filter on them with QUALIFY" : "compute them in a subquery first"
            error(.aggregateNotAllowed, "window functions are not allowed in \(clause); \(instead)", at: call.range)
        }
        if signature.kind == .aggregate, call.over == nil, clause == .whereClause {
            error(.aggregateNotAllowed, "aggregate functions are not allowed in WHERE; filter groups with HAVING", at: call.range)
        }
        if signature.kind == .aggregate, call.over == nil, let inner = args.firstIndex(where: \.aggregate) {
            error(.aggregateNotAllowed, "aggregate functions cannot be nested: \(name) over an aggregate; aggregate in a subquery first",
                  at: call.arguments[inner].value.range)
        }
        for (i, arg) in args.enumerated() where i < signature.arguments.count {
            checkArgument(arg, signature.arguments[i], function: name, position: i + 1, at: call.arguments[i].value.range)
        }
        // A conversion function over a string literal, without a format: the text must convert
        // (TO_DATE('banana') fails when the query runs; the TRY_ forms return NULL instead).
        if args.count == 1, let target = Self.conversionTargets[name] {
            checkConversion(args[0], to: target, code: .functionArgumentType, because: "\(name) converts it to \(target)")
        }
        let type = resultType(signature, args: args, call: call)
        var result = derived(type, args + windowParts)
        if signature.kind == .aggregate && call.over == nil {
            result.lineage = result.lineage.promoted(to: .aggregated)
            result.aggregate = true
        } else if call.over != nil {
            result.aggregate = false
        }
        return result
    }

    /// Window functions whose window must be ordered (Snowflake: "requires ORDER BY in window
    /// specification").
    static let windowsNeedingOrder: Set<String> = [
        "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD",
        "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE", "CONDITIONAL_CHANGE_EVENT", "CONDITIONAL_TRUE_EVENT",
    ]

    /// What is wrong with a frame's bounds, or nil: it may not start at `UNBOUNDED FOLLOWING`,
    /// end at `UNBOUNDED PRECEDING`, or start after it ends (`CURRENT ROW AND 1 PRECEDING`).
    static func frameProblem(_ frame: WindowFrame) -> String? {
        func rank(_ bound: FrameBound) -> Int {
            switch bound {
            case .unboundedPreceding: 0
            case .preceding: 1
            case .currentRow: 2
            case .following: 3
            case .unboundedFollowing: 4
            }
        }
        if case .unboundedFollowing = frame.start { return "cannot start at UNBOUNDED FOLLOWING" }
        guard let end = frame.end else { return nil }
        if case .unboundedPreceding = end { return "cannot end at UNBOUNDED PRECEDING" }
        return rank(frame.start) > rank(end) ? "starts after it ends: write the earlier bound first" : nil
    }

    /// The clause a window function may not appear in, as messages name it; nil where it may.
    static func clauseName(_ clause: Clause) -> String? {
        switch clause {
        case .whereClause: "WHERE"
        case .groupBy: "GROUP BY"
        case .having: "HAVING"
        case .joinCondition: "a join condition"
        default: nil
        }
    }

    /// `day`, `'month'`: a date or time part, not a column; its text, or nil.
    static func datePart(_ expr: Expr) -> String? {
        switch expr {
        case .column(let ref): return ref.parts.count == 1 && ref.parts[0].quoted == false ? ref.parts[0].name : nil
        case .literal(let l):
            if case .string(let text) = l.kind { return text }
            return nil
        default: return nil
        }
    }

    /// Reports a date or time part Snowflake does not know (`'dya'`, `mnth`): it fails when the
    /// statement compiles.
    mutating func checkDatePart(_ part: String, function: String, at range: SourceRange) {
        let lower = part.lowercased()
        guard !Self.dateParts.contains(lower) else { return }
        let notes = Suggestion.note(for: lower, in: Self.datePartNames).map { [$0] } ?? []
        error(.functionArgumentType, "'\(part)' is not a date or time part that \(function) knows (year, quarter, month, week, day, hour, minute, second…)",
              at: range, notes: notes)
    }

    /// The full names of the date and time parts, which suggestions offer.
    static let datePartNames = [
        "year", "quarter", "month", "week", "week_iso", "day", "dayofweek", "dayofweek_iso", "dayofyear", "yearofweek",
        "yearofweekiso", "hour", "minute", "second", "millisecond", "microsecond", "nanosecond", "epoch_second",
        "epoch_millisecond", "epoch_microsecond", "epoch_nanosecond", "timezone_hour", "timezone_minute",
    ]

    /// Snowflake's date and time parts and their abbreviations, lower case ("Supported date and
    /// time parts" in its documentation). A part some functions do not take (DATEADD with
    /// `dayofweek`) is not reported: only names that are no part at all.
    static let dateParts: Set<String> = [
        "year", "y", "yy", "yyy", "yyyy", "yr", "years", "yrs",
        "month", "mm", "mon", "mons", "months",
        "day", "d", "dd", "days", "dayofmonth",
        "dayofweek", "weekday", "dow", "dw",
        "dayofweek_iso", "dayofweekiso", "weekday_iso", "dow_iso", "dw_iso",
        "dayofyear", "yearday", "doy", "dy",
        "week", "w", "wk", "weekofyear", "woy", "wy",
        "week_iso", "weekiso", "weekofyeariso", "weekofyear_iso",
        "quarter", "q", "qtr", "qtrs", "quarters",
        "yearofweek", "yearofweekiso",
        "hour", "h", "hh", "hr", "hours", "hrs",
        "minute", "m", "mi", "min", "minutes", "mins",
        "second", "s", "sec", "seconds", "secs",
        "millisecond", "ms", "msec", "milliseconds",
        "microsecond", "us", "usec", "microseconds",
        "nanosecond", "ns", "nsec", "nanosec", "nsecond", "nanoseconds", "nanosecs", "nseconds",
        "epoch_second", "epoch", "epoch_seconds", "epoch_millisecond", "epoch_milliseconds",
        "epoch_microsecond", "epoch_microseconds", "epoch_nanosecond", "epoch_nanoseconds",
        "timezone_hour", "tzh", "timezone_minute", "tzm",
    ]

    /// `1 argument`, `2 to 3 arguments`, `at least 1 argument`.
    static func describe(_ arity: ClosedRange<Int>) -> String {
        let plural = arity.upperBound == 1 ? "argument" : "arguments"
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) \(plural)" }
        if arity.upperBound == FunctionCatalog.many { return "at least \(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }

    /// Conversion functions whose one argument, a string, is parsed as the type they return.
    static let conversionTargets: [String: SQLType] = [
        "TO_NUMBER": .integer, "TO_DECIMAL": .integer, "TO_NUMERIC": .integer, "TO_DOUBLE": .float, "TO_BOOLEAN": .boolean,
        "TO_DATE": .date, "DATE": .date, "TO_TIME": .time, "TIME": .time, "TO_TIMESTAMP": .timestampNTZ,
        "TO_TIMESTAMP_NTZ": .timestampNTZ, "TO_TIMESTAMP_LTZ": .timestampLTZ, "TO_TIMESTAMP_TZ": .timestampTZ,
    ]

    /// Reports an argument whose type can never fit its position.
    mutating func checkArgument(_ arg: Typed, _ kind: ArgumentKind, function: String, position: Int, at range: SourceRange) {
        let t = arg.type
        if t.isOpen || t == .variant { return }
        let ok: Bool
        let expected: String
        switch kind {
        case .any, .datePart: return
        case .numeric:
            if checkConversion(arg, to: .float, code: .functionArgumentType, because: "\(function) converts argument \(position) to a number") { return }
            ok = t.isNumeric || arg.stringLiteral
            expected = "a number"
        case .temporal:
            if checkConversion(arg, to: .date, code: .functionArgumentType, because: "\(function) converts argument \(position) to a date or time") { return }
            ok = t.isTemporal || arg.stringLiteral
            expected = "a date, time or timestamp"
        case .boolean:
            ok = t == .boolean
            expected = "a BOOLEAN"
        }
        if !ok {
            error(.functionArgumentType, "argument \(position) of \(function) must be \(expected), but it is \(t)", at: range)
        }
    }

    /// Applies a return rule.
    mutating func resultType(_ signature: FunctionSignature, args: [Typed], call: FunctionCall) -> SQLType {
        func arg(_ i: Int) -> SQLType { i < args.count ? args[i].type : .unknown }
        switch signature.returns {
        case .fixed(let t): return t
        case .argument(let i):
            let t = arg(i)
            return t == .null ? .unknown : t
        case .common(let from):
            let values = zip(args, call.arguments.map(\.value)).dropFirst(from).map { ($0.0, $0.1) }
            let t = unifyAll(Array(values), what: "the arguments of \(signature.name)")
            return t == .null ? .unknown : t
        case .decode:
            var values: [(Typed, Expr)] = []
            var i = 2
            while i < args.count {
                values.append((args[i], call.arguments[i].value))
                i += 2
            }
            if args.count % 2 == 0, let last = args.last, let expr = call.arguments.last?.value { values.append((last, expr)) }
            let t = unifyAll(values, what: "the results of DECODE")
            return t == .null ? .unknown : t
        case .sum:
            switch arg(0) {
            case .number(_, let s): return .number(precision: 38, scale: s)
            case .float: return .float
            default: return arg(0).isOpen ? .unknown : .integer
            }
        case .average:
            switch arg(0) {
            case .number(_, let s): return .number(precision: 38, scale: max(s, min(s + 6, 12)))
            case .float: return .float
            default: return arg(0).isOpen ? .unknown : .number(precision: 38, scale: 6)
            }
        case .rounding:
            let t = arg(0)
            guard case .number(let p, let s) = t else { return t == .null ? .unknown : t }
            var digits = 0
            if args.count > 1, case .literal(let l) = call.arguments[1].value, case .number(let text) = l.kind, let d = Int(text) {
                digits = d
            } else if args.count > 1 {
                return .number(precision: 38, scale: s)
            }
            let scale = max(0, min(s, digits))
            return .number(precision: min(38, p - s + scale + 1), scale: scale)
        case .division:
            return TypeCoercion.arithmetic("/", arg(0), arg(1)) ?? .unknown
        case .modulo:
            return TypeCoercion.arithmetic("%", arg(0), arg(1)) ?? .unknown
        case .textOf(let i):
            if case .varchar(let n) = arg(i) { return .varchar(n) }
            return .text
        case .decimal:
            return decimalType(signature.name, call: call)
        case .byArgumentCount(let types):
            return types[args.count] ?? .unknown
        }
    }

    /// The type of `TO_NUMBER(expr [, format] [, precision [, scale]])`: a string literal second
    /// argument is the format; the precision and scale must be integer literals (Snowflake takes
    /// only constants there). Unknown when they are not literals, so that no typed DDL is made
    /// from a guess.
    mutating func decimalType(_ name: String, call: FunctionCall) -> SQLType {
        var rest = call.arguments.dropFirst().map(\.value)
        if let first = rest.first, case .literal(let l) = first, case .string = l.kind { rest.removeFirst() }
        guard let precisionExpr = rest.first else { return .integer }
        func integer(_ e: Expr) -> Int? {
            if case .literal(let l) = e, case .number(let text) = l.kind { return Int(text) }
            return nil
        }
        guard rest.count <= 2, let precision = integer(precisionExpr) else { return .unknown }
        let scale = rest.count == 2 ? integer(rest[1]) : 0
        guard let scale else { return .unknown }
        guard (1...38).contains(precision), (0...precision).contains(scale) else {
            error(.functionArgumentType, "\(name) takes a precision from 1 to 38 and a scale from 0 to the precision, not (\(precision), \(scale))",
                  at: precisionExpr.range)
            return .unknown
        }
        return .number(precision: precision, scale: scale)
    }
}
