import ShopcBase
import ShopcSQL
import ShopcSpec
import ShopcTemplate

/// A call of a user macro made directly from a model's SQL, kept so that its arguments can be
/// checked against the model's scope after binding.
struct RecordedMacroCall: Sendable {
    var macro: MacroSpec
    var arguments: [(argument: MacroArgumentSpec, value: TemplateValue, location: SourceLocation)]
    /// Where the macro's name is written at the call site.
    var location: SourceLocation
    /// The macros this call's body called in turn (at any depth), in call order: their text ends
    /// up in this call's expansion, so their `column` and `expression` arguments are checked
    /// against the same scope.
    var nested: [RecordedMacroCall] = []
    /// The map of the macro body's render, and how many bytes of leading white space were
    /// trimmed from it: locates a byte of the expansion in the macro's file (set for calls made
    /// by the model itself).
    var expansionMap: SourceMap?
    var trimmedLeading = 0
}

extension MacroExpansion {
    /// The expansions of `calls` (the model's own, in call order) in a render's output, by
    /// start offset. A call inside a loop renders once per iteration: the n-th call at a location
    /// is matched with the n-th output of that expression.
    static func index(_ calls: [RecordedMacroCall], in map: SourceMap) -> [Int: MacroExpansion] {
        guard !calls.isEmpty else { return [:] }
        var outputs: [SourceLocation: [(start: Int, end: Int)]] = [:]
        for output in map.expressionOutputs { outputs[output.location, default: []].append((output.start, output.end)) }
        var used: [SourceLocation: Int] = [:]
        var expansions: [Int: MacroExpansion] = [:]
        for call in calls {
            let index = used[call.location, default: 0]
            used[call.location] = index + 1
            guard let candidates = outputs[call.location], index < candidates.count else { continue }
            expansions[candidates[index].start] = MacroExpansion(call: call, end: candidates[index].end)
        }
        return expansions
    }

    /// Where in a macro's file the expansion byte at `offset` (of the model's output) was
    /// written, with a note at the model's call; nil when no expansion holds it.
    static func location(ofByte offset: Int, in expansions: [Int: MacroExpansion]) -> (SourceLocation, DiagnosticNote)? {
        for (start, expansion) in expansions where start <= offset && offset < expansion.end {
            guard let map = expansion.call.expansionMap else { return nil }
            let location = map.location(ofByte: offset - start + expansion.call.trimmedLeading)
            return (location, DiagnosticNote("in macro '\(expansion.call.macro.name.value)' called here", at: expansion.call.location))
        }
        return nil
    }

    /// Where in a macro's file the expansion byte at `offset` was written as the macro's own
    /// text (not output by one of its expressions, such as an argument), with a note at the
    /// model's call; nil otherwise. A problem in that text is the macro's, and is reported there.
    static func literalLocation(ofByte offset: Int, in expansions: [Int: MacroExpansion]) -> (SourceLocation, DiagnosticNote)? {
        for (start, expansion) in expansions where start <= offset && offset < expansion.end {
            guard let map = expansion.call.expansionMap else { return nil }
            let inner = offset - start + expansion.call.trimmedLeading
            guard map.isLiteral(ofByte: inner) else { return nil }
            return (map.location(ofByte: inner), DiagnosticNote("in macro '\(expansion.call.macro.name.value)' called here", at: expansion.call.location))
        }
        return nil
    }
}

extension QueryBinder {
    /// Checks a macro call whose expansion is an expression of this scope: `column` arguments
    /// must name a column in scope, arguments with a SQL type must have a fitting type, and the
    /// expansion must fit the declared `returns` type. Returns whether an argument was wrong.
    mutating func checkMacroCall(_ call: RecordedMacroCall, expansion: Typed, _ context: ExprContext) -> Bool {
        let start = diagnostics.count
        checkArguments(of: call, context, notes: [])
        if diagnostics.count > start { return true }
        // A macro called from another one: only when the outer call's own arguments are right,
        // so that one wrong value passed down is reported once, at the model.
        let calledFrom = DiagnosticNote("in macro '\(call.macro.name.value)' called here", at: call.location)
        for inner in call.nested { checkArguments(of: inner, context, notes: [calledFrom]) }
        if diagnostics.count > start { return true }
        if let returns = call.macro.returns, let expected = SQLType.parse(returns.value), !TypeCoercion.fits(expansion.type, expected) {
            diagnostics.append(.error(.macroReturnType, "macro '\(call.macro.name.value)' is declared to return \(returns.value.uppercased()), but its expansion here is \(expansion.type)", at: call.location,
                                      notes: [DiagnosticNote("'returns' is declared here", at: returns.location)]))
        }
        return false
    }

    /// Checks the `column` and `expression` arguments of `call` against `context`'s scope;
    /// `notes` are added to each diagnostic (where the call was reached from).
    private mutating func checkArguments(of call: RecordedMacroCall, _ context: ExprContext, notes extra: [DiagnosticNote]) {
        let macro = call.macro.name.value
        for (argument, value, location) in call.arguments {
            let declared = argument.type.value.split(separator: " ", maxSplits: 1).map(String.init)
            guard let kind = declared.first?.lowercased(), kind == "column" || kind == "expression" else { continue }
            let expected = declared.count > 1 ? SQLType.parse(declared[1]) : nil
            let text: String
            switch value {
            case .string(let s): text = s
            case .int(let i) where kind == "expression": text = String(i)
            case .double(let d) where kind == "expression": text = String(d)
            default: continue
            }
            let declaredNote = DiagnosticNote("'\(argument.name.value)' is declared here", at: argument.name.location)
            let notes = [declaredNote] + extra
            guard case .success(let parsed) = SQLParser.parseExpression(text) else {
                diagnostics.append(.error(.macroArgumentColumn, "argument '\(argument.name.value)' of macro '\(macro)' is not a valid SQL \(kind == "column" ? "column name" : "expression"): '\(text)'", at: location, notes: notes))
                continue
            }
            if kind == "column", !Self.isColumnLike(parsed) {
                diagnostics.append(.error(.macroArgumentColumn, "argument '\(argument.name.value)' of macro '\(macro)' must name a column, got the expression '\(text)'", at: location, notes: notes))
                continue
            }
            let saved = diagnostics.count
            var inner = context
            let typed = withoutExpansions { $0.typeExpr(parsed, &inner) }
            let failed = diagnostics[saved...].contains { $0.severity == .error && ($0.code == .unresolvedColumn || $0.code == .unknownQualifier || $0.code == .ambiguousColumn) }
            let problems = diagnostics[saved...].map(\.message)
            diagnostics.removeSubrange(saved...)
            if failed {
                let candidates = context.scope.relations.flatMap { $0.columns.map { $0.name.description } }
                // Suggest by the column's own name, keeping the caller's qualifier.
                let parts = text.split(separator: ".").map(String.init)
                let qualifier = parts.count > 1 ? parts.dropLast().joined(separator: ".") + "." : ""
                let suggestion = Suggestion.closest(to: parts.last ?? text, in: candidates).map { [DiagnosticNote("did you mean '\(qualifier)\($0)'?")] } ?? []
                let what = kind == "column" ? "names column '\(text)', which is not" : "reads a column that is not"
                diagnostics.append(.error(.macroArgumentColumn, "argument '\(argument.name.value)' of macro '\(macro)' \(what) in scope here (\(problems.first ?? "unknown column"))", at: location, notes: suggestion + notes))
                continue
            }
            if let expected, !TypeCoercion.fits(typed.type, expected) {
                diagnostics.append(.error(.macroArgumentSQLType, "argument '\(argument.name.value)' of macro '\(macro)' expects \(kind) \(declared[1].uppercased()), but '\(text)' is \(typed.type)", at: location, notes: notes))
            }
        }
    }

    /// Runs `body` with macro-expansion checks off (argument texts have their own offsets).
    mutating func withoutExpansions<T>(_ body: (inout QueryBinder) -> T) -> T {
        var copy = QueryBinder(
            locate: { _ in nil }, resolveTable: resolveTable, injectedCTEs: injectedCTEs, strict: strict, expansions: [:],
            nodeNamedDirectly: nodeNamedDirectly)
        copy.cteStack = cteStack
        copy.outer = outer
        let result = body(&copy)
        diagnostics.append(contentsOf: copy.diagnostics)
        return result
    }

    static func isColumnLike(_ expr: Expr) -> Bool {
        switch expr {
        case .column, .path: true
        case .nested(let inner, _): isColumnLike(inner)
        default: false
        }
    }
}
