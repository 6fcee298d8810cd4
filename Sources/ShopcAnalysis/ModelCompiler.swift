import OrderedCollections
import ShopcBase
import ShopcSQL
import ShopcSpec
import ShopcTemplate

/// Renders every model's SQL for one target, records its references and inlines ephemeral
/// models as CTEs.
struct ModelCompiler {
    let scope: TargetScope
    let renderer: TemplateRenderer
    let templates: [String: Template]
    let names: NameTable
    /// Print the canonical SQL of every model, or only of those whose rendered SQL holds `$$`
    /// (what `ScriptingSafety` looks for; printing cannot create a `$$` the input lacks).
    var printSQL = true

    struct Output {
        var builds: [String: ModelBuild] = [:]
        var refs: [String: OrderedSet<RecordedRef>] = [:]
        /// Per model: how its rendered SQL maps back to the spec, and its macro calls.
        var traces: [String: ModelTrace] = [:]
    }

    /// What rendering one model produced (computed independently per model, on all cores).
    struct Rendered: Sendable {
        var name: String
        var refs: OrderedSet<RecordedRef>
        var full: (query: Query, trace: RenderTrace)?
        var incremental: (query: Query, trace: RenderTrace)?
        var complete: Bool
        var diagnostics: Diagnostics
        /// The rendered SQL holds `$$`.
        var dollarQuoted = false
        /// The build, made right away for a model that neither is nor reads an ephemeral model
        /// (the others need the parsed queries of those first).
        var build: ModelBuild? = nil
    }

    func compile(_ d: inout Diagnostics) -> Output {
        var output = Output()
        // Parsed queries of the models built in a second pass: ephemeral models and their readers.
        var parsed: [String: (full: Query, incremental: Query?)] = [:]
        var dollarQuoted: Set<String> = []
        var pending: [String] = []
        let work = names.models.keys.sorted().filter { templates[$0] != nil && scope.modelRelations[$0] != nil }
        let compiler = self
        let rendered = Parallel.map(work) { name in compiler.renderModel(name) }
        output.refs.reserveCapacity(rendered.count)
        output.traces.reserveCapacity(rendered.count)
        output.builds.reserveCapacity(rendered.count)
        // Fields are read in place: a `Rendered` copied per model would retain every part of it.
        for i in rendered.indices {
            let name = rendered[i].name
            if !rendered[i].diagnostics.all.isEmpty { d.emit(contentsOf: rendered[i].diagnostics.all) }
            output.refs[name] = rendered[i].refs
            guard rendered[i].complete, rendered[i].full != nil else { continue }
            output.traces[name] = ModelTrace(full: rendered[i].full!.trace, incremental: rendered[i].incremental?.trace)
            if let build = rendered[i].build {
                output.builds[name] = build
                continue
            }
            parsed[name] = (rendered[i].full!.query, rendered[i].incremental?.query)
            pending.append(name)
            if rendered[i].dollarQuoted { dollarQuoted.insert(name) }
        }
        guard !pending.isEmpty else { return output }
        let refs = output.refs
        let allParsed = parsed
        let toPrint = printSQL ? nil : dollarQuoted
        let printed = Parallel.map(pending) { name in
            compiler.build(name, refs: refs, parsed: allParsed, print: toPrint.map { $0.contains(name) } ?? true)
        }
        for (name, build) in zip(pending, printed) {
            if let build { output.builds[name] = build }
        }
        return output
    }

    /// Renders and parses one model (both `is_incremental()` variants for incremental models).
    func renderModel(_ name: String) -> Rendered {
        var d = Diagnostics()
        var refs = OrderedSet<RecordedRef>()
        guard let model = names.models[name], let template = templates[name], let relation = scope.modelRelations[name] else {
            return Rendered(name: name, refs: refs, full: nil, incremental: nil, complete: false, diagnostics: d)
        }
        var globals = scope.globals
        globals["this"] = RenderHost.relationValue(relation)
        let isIncremental = model.materialized.value == "incremental"
        let location = model.sql?.location ?? model.location
        var dollarQuoted = false
        let full = render(template, globals: globals, incremental: false, refs: &refs, dollarQuoted: &dollarQuoted, at: location, &d)
        var second = Diagnostics()
        let incremental = isIncremental ? render(template, globals: globals, incremental: true, refs: &refs, dollarQuoted: &dollarQuoted, at: location, &second) : nil
        d.emit(contentsOf: Diagnostics.new(second.all, besides: d.all))
        if let full, let incremental, full.query == incremental.query {
            let strategy = model.incrementalStrategy?.value ?? (model.uniqueKey.isEmpty ? "append" : "merge")
            let effect = strategy == "append" ? "every run appends all its rows again" : "every run reprocesses all its rows"
            d.warning(
                .invalidValue, "incremental model '\(name)' never calls is_incremental(): its incremental run reads what its first run reads, so \(effect); filter the new rows under {% if is_incremental() %}",
                at: model.materialized.location)
        }
        let complete = full != nil && (!isIncremental || incremental != nil)
        var build: ModelBuild?
        if complete, let full, !scope.ephemeral.contains(name), !readsEphemeral(refs) {
            build = Self.build(relation: relation, full: full.query, incremental: incremental?.query, ctes: [], print: printSQL || dollarQuoted)
        }
        return Rendered(name: name, refs: refs, full: full, incremental: incremental, complete: complete, diagnostics: d, dollarQuoted: dollarQuoted, build: build)
    }

    /// Whether `refs` name an ephemeral model.
    func readsEphemeral(_ refs: OrderedSet<RecordedRef>) -> Bool {
        guard !scope.ephemeral.isEmpty else { return false }
        return refs.contains { ref in
            if case .model(let m) = ref.node { return scope.ephemeral.contains(m) }
            return false
        }
    }

    /// The printed build of one parsed model, with the ephemeral models it reads inlined.
    /// `print` false leaves the SQL text empty.
    func build(_ name: String, refs: [String: OrderedSet<RecordedRef>], parsed: [String: (full: Query, incremental: Query?)], print: Bool = true) -> ModelBuild? {
        guard let relation = scope.modelRelations[name], let query = parsed[name] else { return nil }
        if scope.ephemeral.contains(name) {
            // Ephemeral models keep their own SQL in the manifest (relation is the CTE name).
            return ModelBuild(relation: relation, sql: print ? SQLPrinter.print(query.full) : "", incrementalSQL: nil, query: query.full)
        }
        let ctes = ephemeralChain(of: name, refs: refs, parsed: parsed)
        return Self.build(relation: relation, full: query.full, incremental: query.incremental, ctes: ctes, print: print)
    }

    /// The build of a model that is not ephemeral, with `ctes` (its ephemeral upstreams) inlined.
    static func build(relation: Relation, full: Query, incremental: Query?, ctes: [(String, Query)], print: Bool) -> ModelBuild {
        let full = inject(ctes, into: full)
        let incremental = incremental.map { inject(ctes, into: $0) }
        return ModelBuild(
            relation: relation, sql: print ? SQLPrinter.print(full) : "", incrementalSQL: incremental.map { print ? SQLPrinter.print($0) : "" },
            query: full, incrementalQuery: incremental)
    }

    /// Puts ephemeral models in front of a query as CTEs (merged into its own `WITH`).
    static func inject(_ ctes: [(String, Query)], into query: Query) -> Query {
        guard !ctes.isEmpty else { return query }
        var result = query
        let definitions = ctes.map { CommonTableExpression(name: ShopcSQL.Identifier($0.0), query: $0.1) }
        if var with = result.with {
            with.ctes = definitions + with.ctes
            result.with = with
        } else {
            result.with = WithClause(ctes: definitions)
        }
        return result
    }

    /// The ephemeral models a model reads, directly or through other ephemeral models, in
    /// dependency order, as (CTE name, query).
    func ephemeralChain(of name: String, refs: [String: OrderedSet<RecordedRef>], parsed: [String: (full: Query, incremental: Query?)]) -> [(String, Query)] {
        var out: [(String, Query)] = []
        var visited: Set<String> = [name]
        func ephemeralDependencies(_ model: String) -> [String] {
            Set((refs[model] ?? []).compactMap { ref -> String? in
                if case .model(let m) = ref.node, scope.ephemeral.contains(m) { return m }
                return nil
            }).sorted()
        }
        // Depth-first, post-order, with an explicit stack: a chain of thousands of ephemeral
        // models must not recurse thousands of frames deep.
        var work: [(model: String, dependencies: [String], next: Int)] = [(name, ephemeralDependencies(name), 0)]
        while var frame = work.popLast() {
            if frame.next < frame.dependencies.count {
                let dep = frame.dependencies[frame.next]
                frame.next += 1
                work.append(frame)
                if visited.insert(dep).inserted {
                    work.append((dep, ephemeralDependencies(dep), 0))
                }
                continue
            }
            if frame.model != name, let query = parsed[frame.model]?.full, let relation = scope.modelRelations[frame.model] {
                out.append((relation.name, query))
            }
        }
        return out
    }

    /// Renders a model's template and parses the result; template and SQL syntax errors are
    /// located in the spec file through the render's source map.
    func render(
        _ template: Template, globals: [String: TemplateValue], incremental: Bool, refs: inout OrderedSet<RecordedRef>, dollarQuoted: inout Bool,
        at location: SourceLocation, _ d: inout Diagnostics
    ) -> (query: Query, trace: RenderTrace)? {
        var host = RenderHost(scope: scope, renderer: renderer, incremental: incremental, this: globals["this"])
        defer {
            d.emit(contentsOf: host.diagnostics)
            refs.formUnion(host.refs)
        }
        let result: RenderResult
        do {
            result = try renderer.render(template, globals: globals, host: &host)
        } catch {
            d.emit(error.asMacroError.diagnostic)
            return nil
        }
        if host.diagnostics.contains(where: { $0.severity == .error }) { return nil }
        if ScriptingSafety.containsDollarQuote(result.text) { dollarQuoted = true }
        if SQLText.isBlank(result.text) {
            d.error(.emptyModel, "model SQL renders to nothing in target '\(scope.target.name.value)'", at: location)
            return nil
        }
        switch SQLParser.parseQuery(result.text) {
        case .success(let query):
            return (query, RenderTrace(sourceMap: result.sourceMap, macroCalls: host.macroCalls))
        case .failure(let error):
            let variant = incremental ? " (with is_incremental() true)" : ""
            // An error in a macro's text is located in the macro, with a note at the call.
            let inMacro = MacroExpansion.location(ofByte: error.offset, in: MacroExpansion.index(host.macroCalls, in: result.sourceMap))
            var notes = inMacro.map { [$0.1] } ?? []
            if let comment = Self.renderedComment(result.text, before: error.offset, map: result.sourceMap) {
                notes.append(comment)
            }
            d.error(.sqlSyntax, "SQL syntax error\(variant): \(error.message)", at: inMacro?.0 ?? result.sourceMap.location(ofByte: error.offset), notes: notes)
            return nil
        }
    }
}

extension ModelCompiler {
    /// A note when a template value made a `--` line comment in the lines before a syntax
    /// error: `-{{ days }}` with days = -5 renders `--5`, and the rest of the line is gone.
    static func renderedComment(_ text: String, before offset: Int, map: SourceMap) -> DiagnosticNote? {
        let bytes = Array(text.utf8)
        let end = min(max(0, offset), bytes.count)
        // The error's line and the four before it (a macro's output may span lines).
        var start = end
        for _ in 0..<5 {
            guard let newline = bytes[..<start].lastIndex(of: 0x0A) else { start = 0; break }
            start = newline
        }
        if start > 0 { start += 1 }
        var i = start
        while i + 1 < end {
            if bytes[i] == 0x2D, bytes[i + 1] == 0x2D, !map.isLiteral(ofByte: i) || !map.isLiteral(ofByte: i + 1) {
                // No rendered text in the note: it differs between targets, the finding does not.
                return DiagnosticNote("a template value rendered '--' here (a minus before a negative number?), which comments out the rest of the line", at: map.location(ofByte: i))
            }
            i += 1
        }
        return nil
    }
}

/// Compiles analyses (templates that are not models) for one target.
struct AuxiliaryCompiler {
    let scope: TargetScope
    let renderer: TemplateRenderer

    func analyses(_ specs: [AnalysisSpec], _ d: inout Diagnostics) -> [(String, String)] {
        specs.compactMap { spec in render(spec.sql.value, origin: spec.sqlOrigin, &d).map { (spec.name.value, $0) } }
    }

    func render(_ text: String, origin: TextOrigin, _ d: inout Diagnostics) -> String? {
        var host = RenderHost(scope: scope, renderer: renderer, incremental: false)
        defer { d.emit(contentsOf: host.diagnostics) }
        do {
            let template = try Template.parse(text, origin: origin)
            return SQLText.tidy(try renderer.render(template, globals: scope.globals, host: &host).text)
        } catch {
            d.emit(error.asMacroError.diagnostic)
            return nil
        }
    }
}
