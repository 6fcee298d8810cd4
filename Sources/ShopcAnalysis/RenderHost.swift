import OrderedCollections
import ShopcBase
import ShopcSpec
import ShopcTemplate

/// A macro ready to call: its spec and parsed body.
struct CompiledMacro: Sendable {
    var spec: MacroSpec
    var template: Template
}

/// Everything a render needs that is the same for every node of a target.
struct TargetScope: Sendable {
    var target: TargetSpec
    /// Vars: project defaults overridden by the target's.
    var vars: [String: (value: TemplateValue, location: SourceLocation)]
    /// Model name → relation (ephemeral models: their CTE name).
    var modelRelations: [String: Relation]
    var ephemeral: Set<String>
    /// Source name → table name → relation.
    var sourceRelations: [String: [String: Relation]]
    var macros: [String: CompiledMacro]
    var globals: [String: TemplateValue]
}

/// A reference recorded while rendering, with where it was written.
struct RecordedRef: Sendable, Hashable {
    var node: NodeID
    var location: SourceLocation
}

/// The compiler side of templating: `ref`, `source`, `var`, `is_incremental`, and user macros
/// with checked arguments. Records dependencies and its own diagnostics.
struct RenderHost: TemplateHost {
    static let maxMacroDepth = 64
    static let builtins = ["ref", "source", "var", "is_incremental", "log", "return", "exceptions_raise"]

    let scope: TargetScope
    let renderer: TemplateRenderer
    /// Whether `is_incremental()` is true in this render.
    var incremental: Bool
    var refs: [RecordedRef] = []
    /// Macro calls made directly from the rendered template, for the type checks after binding.
    var macroCalls: [RecordedMacroCall] = []
    var diagnostics: [Diagnostic] = []
    var macroStack: [String] = []
    /// The model being rendered (`this`), also visible inside the macros it calls, as in dbt;
    /// nil outside model SQL.
    let this: TemplateValue?

    init(scope: TargetScope, renderer: TemplateRenderer, incremental: Bool, this: TemplateValue? = nil) {
        self.scope = scope
        self.renderer = renderer
        self.incremental = incremental
        self.this = this
    }

    func hasFunction(_ name: String) -> Bool {
        Self.builtins.contains(name) || scope.macros[name] != nil
    }

    var functionNames: [String] { Self.builtins + scope.macros.keys.sorted() }

    mutating func call(_ call: TemplateCall) throws(TemplateError) -> TemplateValue {
        switch call.name {
        case "ref": return ref(call)
        case "source": return source(call)
        case "var": return variable(call)
        case "is_incremental":
            return .bool(incremental)
        case "log":
            // dbt writes the message to its log and outputs nothing; shopc has no run log.
            return .string("")
        case "return":
            return call.positional.first ?? .none
        case "exceptions_raise":
            let message = call.positional.first.map(Self.text) ?? "raised by the template"
            throw TemplateError(.error(.builtinMisuse, "template raised an error: \(message)", at: call.location))
        default:
            guard let macro = scope.macros[call.name] else {
                throw TemplateError(.error(
                    .unknownMacro, "unknown macro '\(call.name)'", at: call.location,
                    notes: Suggestion.note(for: call.name, in: functionNames).map { [$0] } ?? []))
            }
            return try callMacro(macro, call)
        }
    }

    static func text(_ value: TemplateValue) -> String {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "True" : "False"
        case .none: "None"
        case .object(let o): o.display
        case .list, .dict: "\(value)"
        }
    }

    static func relationValue(_ relation: Relation, display: String? = nil) -> TemplateValue {
        .object(TemplateObject(display: display ?? relation.description, fields: [
            "database": .string(relation.database), "schema": .string(relation.schema),
            "identifier": .string(relation.name), "name": .string(relation.name),
        ]))
    }

    private func stringArguments(_ call: TemplateCall, count: Int, usage: String) -> [String]? {
        guard call.keywords.isEmpty, call.positional.count == count else { return nil }
        var out: [String] = []
        for value in call.positional {
            guard case .string(let s) = value else { return nil }
            out.append(s)
        }
        _ = usage
        return out
    }

    mutating func ref(_ call: TemplateCall) -> TemplateValue {
        guard let args = stringArguments(call, count: 1, usage: "ref('model_name')"), let name = args.first else {
            diagnostics.append(.error(.builtinMisuse, "ref() takes one string: the model name, as in ref('stg_orders')", at: call.location))
            return .string("__invalid_ref__")
        }
        guard let relation = scope.modelRelations[name] else {
            let location = call.argumentLocations.first ?? call.location
            diagnostics.append(.error(
                .unknownRef, "unknown model '\(name)' in ref()", at: location,
                notes: Suggestion.note(for: name, in: scope.modelRelations.keys).map { [$0] } ?? []))
            return .string(name)
        }
        refs.append(RecordedRef(node: .model(name), location: call.argumentLocations.first ?? call.location))
        if scope.ephemeral.contains(name) {
            return Self.relationValue(relation, display: relation.name)
        }
        return Self.relationValue(relation)
    }

    mutating func source(_ call: TemplateCall) -> TemplateValue {
        guard let args = stringArguments(call, count: 2, usage: "source('source', 'table')") else {
            diagnostics.append(.error(.builtinMisuse, "source() takes two strings: the source and the table, as in source('shopverse_raw', 'bronze_orders')", at: call.location))
            return .string("__invalid_source__")
        }
        let sourceLocation = call.argumentLocations.first ?? call.location
        guard let tables = scope.sourceRelations[args[0]] else {
            diagnostics.append(.error(
                .unknownSource, "unknown source '\(args[0])'", at: sourceLocation,
                notes: Suggestion.note(for: args[0], in: scope.sourceRelations.keys).map { [$0] } ?? []))
            return .string(args[1])
        }
        let tableLocation = call.argumentLocations.count > 1 ? call.argumentLocations[1] : call.location
        guard let relation = tables[args[1]] else {
            diagnostics.append(.error(
                .unknownSourceTable, "source '\(args[0])' has no table '\(args[1])'", at: tableLocation,
                notes: Suggestion.note(for: args[1], in: tables.keys).map { [$0] } ?? []))
            return .string(args[1])
        }
        refs.append(RecordedRef(node: .source(source: args[0], table: args[1]), location: tableLocation))
        return Self.relationValue(relation)
    }

    mutating func variable(_ call: TemplateCall) -> TemplateValue {
        guard call.keywords.isEmpty, (1...2).contains(call.positional.count), case .string(let name) = call.positional[0] else {
            diagnostics.append(.error(.builtinMisuse, "var() takes a variable name and an optional default, as in var('as_of_date', none)", at: call.location))
            return .none
        }
        if let found = scope.vars[name] { return found.value }
        if call.positional.count == 2 {
            // dbt reads an undeclared var's default; so does shopc, but a misspelt name would
            // silently read the default, and --var cannot set a var that is not declared.
            diagnostics.append(.warning(
                .undefinedVar, "variable '\(name)' is not declared: its default is used, and --var cannot set it; declare it under 'vars' in the project",
                at: call.argumentLocations.first ?? call.location, notes: Suggestion.note(for: name, in: scope.vars.keys).map { [$0] } ?? []))
            return call.positional[1]
        }
        diagnostics.append(.error(
            .undefinedVar, "undefined variable '\(name)': declare it under 'vars' in the project or pass a default", at: call.argumentLocations.first ?? call.location,
            notes: Suggestion.note(for: name, in: scope.vars.keys).map { [$0] } ?? []))
        return .none
    }

    mutating func callMacro(_ macro: CompiledMacro, _ call: TemplateCall) throws(TemplateError) -> TemplateValue {
        let spec = macro.spec
        let callNote = DiagnosticNote("macro '\(spec.name.value)' is declared here", at: spec.name.location)
        if call.positional.count > spec.arguments.count {
            let extra = call.argumentLocations.count > spec.arguments.count ? call.argumentLocations[spec.arguments.count] : call.location
            throw TemplateError(.error(
                .macroArity, "macro '\(spec.name.value)' takes \(spec.arguments.count) argument\(spec.arguments.count == 1 ? "" : "s") but \(call.positional.count) were given",
                at: extra, notes: [callNote]))
        }
        var bound: [String: (TemplateValue, SourceLocation)] = [:]
        for (index, value) in call.positional.enumerated() {
            let location = index < call.argumentLocations.count ? call.argumentLocations[index] : call.location
            bound[spec.arguments[index].name.value] = (value, location)
        }
        for (offset, keyword) in call.keywords.enumerated() {
            let index = call.positional.count + offset
            let location = index < call.argumentLocations.count ? call.argumentLocations[index] : call.location
            guard spec.arguments.contains(where: { $0.name.value == keyword.name }) else {
                throw TemplateError(.error(
                    .unknownKeywordArgument, "macro '\(spec.name.value)' has no argument '\(keyword.name)'", at: location,
                    notes: (Suggestion.note(for: keyword.name, in: spec.arguments.map(\.name.value)).map { [$0] } ?? []) + [callNote]))
            }
            if bound[keyword.name] != nil {
                throw TemplateError(.error(
                    .macroArity, "argument '\(keyword.name)' of macro '\(spec.name.value)' is given twice", at: location, notes: [callNote]))
            }
            bound[keyword.name] = (keyword.value, location)
        }
        var locals: [String: TemplateValue] = scope.globals
        if let this { locals["this"] = this }
        var recorded: [(argument: MacroArgumentSpec, value: TemplateValue, location: SourceLocation)] = []
        for argument in spec.arguments {
            if let (value, location) = bound[argument.name.value] {
                if let problem = MacroArgumentType(argument.type.value).mismatch(value) {
                    throw TemplateError(.error(
                        .macroArgumentType,
                        "argument '\(argument.name.value)' of macro '\(spec.name.value)' expects \(problem.expected), got \(problem.actual)",
                        at: location, notes: [DiagnosticNote("'\(argument.name.value)' is declared here", at: argument.name.location)]))
                }
                locals[argument.name.value] = value
                recorded.append((argument, value, location))
            } else if let defaultValue = argument.defaultValue {
                locals[argument.name.value] = TemplateValues.from(defaultValue)
            } else {
                throw TemplateError(.error(
                    .macroArity, "macro '\(spec.name.value)' is missing required argument '\(argument.name.value)'",
                    at: call.location, notes: [callNote]))
            }
        }
        if macroStack.count >= Self.maxMacroDepth || macroStack.contains(spec.name.value) {
            let chain = (macroStack + [spec.name.value]).joined(separator: " -> ")
            throw TemplateError(.error(
                .expansionLimit, "macro '\(spec.name.value)' calls itself (\(chain)); recursive macros are not allowed", at: call.location, notes: [callNote]))
        }
        let recordedCall = RecordedMacroCall(macro: spec, arguments: recorded, location: call.location)
        let topLevel = macroStack.isEmpty
        if topLevel {
            macroCalls.append(recordedCall)
        } else if !macroCalls.isEmpty {
            // Called from a macro: its text lands in the expansion of the model's current call.
            macroCalls[macroCalls.count - 1].nested.append(recordedCall)
        }
        macroStack.append(spec.name.value)
        defer { macroStack.removeLast() }
        do {
            let result = try renderer.render(macro.template, globals: locals, host: &self)
            let trimmed = result.text.trimmingWhitespace()
            if topLevel, !macroCalls.isEmpty {
                macroCalls[macroCalls.count - 1].expansionMap = result.sourceMap
                macroCalls[macroCalls.count - 1].trimmedLeading = result.text.utf8.prefix { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }.count
            }
            return .string(trimmed)
        } catch {
            var diagnostic = error.asMacroError.diagnostic
            diagnostic.notes.append(DiagnosticNote("in macro '\(spec.name.value)' called here", at: call.location))
            throw TemplateError(diagnostic)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}

extension TemplateError {
    /// The engine reports calls to names no one defines as undefined functions; in model SQL
    /// such a call is almost always a misspelt or undeclared macro, so say so.
    var asMacroError: TemplateError {
        var d = diagnostic
        if d.code == .undefinedName, d.message.hasPrefix("unknown function ") {
            d.code = .unknownMacro
            d.message = "unknown macro " + d.message.dropFirst("unknown function ".count)
        }
        return TemplateError(d)
    }
}

/// Conversions between spec values and template values.
enum TemplateValues {
    static func from(_ value: SpecValue) -> TemplateValue {
        switch value {
        case .null: .none
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .list(let items): .list(items.map(from))
        case .map(let entries):
            .dict(OrderedDictionary(entries.map { ($0.key, from($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }
}
