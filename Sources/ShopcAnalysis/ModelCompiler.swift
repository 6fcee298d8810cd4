import OrderedCollections
import ShopcBase
import ShopcSpec
import ShopcTemplate

/// Renders every model's SQL for one target, records its references and inlines ephemeral
/// models as CTEs.
struct ModelCompiler {
    let scope: TargetScope
    let renderer: TemplateRenderer
    let templates: [String: Template]
    let names: NameTable

    struct Output {
        var builds: [String: ModelBuild] = [:]
        var refs: [String: OrderedSet<RecordedRef>] = [:]
    }

    func compile(_ d: inout Diagnostics) -> Output {
        var output = Output()
        var rendered: [String: (sql: String, incremental: String?)] = [:]
        for name in names.models.keys.sorted() {
            guard let model = names.models[name], let template = templates[name], let relation = scope.modelRelations[name] else { continue }
            var globals = scope.globals
            globals["this"] = RenderHost.relationValue(relation)
            let isIncremental = model.materialized.value == "incremental"
            var refs = OrderedSet<RecordedRef>()
            guard let full = render(template, globals: globals, incremental: false, refs: &refs, &d) else { continue }
            var incremental: String?
            if isIncremental {
                guard let text = render(template, globals: globals, incremental: true, refs: &refs, &d) else { continue }
                incremental = text
            }
            if full.isEmpty {
                d.error(.emptyModel, "model '\(name)' renders to empty SQL in target '\(scope.target.name.value)'", at: model.sql?.location ?? model.location)
                continue
            }
            output.refs[name] = refs
            rendered[name] = (full, incremental)
        }
        for (name, sql) in rendered {
            guard let relation = scope.modelRelations[name], !scope.ephemeral.contains(name) else { continue }
            let ctes = ephemeralChain(of: name, refs: output.refs, rendered: rendered)
            output.builds[name] = ModelBuild(
                relation: relation, sql: SQLText.injectCTEs(ctes, into: sql.sql),
                incrementalSQL: sql.incremental.map { SQLText.injectCTEs(ctes, into: $0) })
        }
        // Ephemeral models keep their own SQL in the manifest (relation is the CTE name).
        for (name, sql) in rendered where scope.ephemeral.contains(name) {
            if let relation = scope.modelRelations[name] {
                output.builds[name] = ModelBuild(relation: relation, sql: sql.sql, incrementalSQL: nil)
            }
        }
        return output
    }

    /// The ephemeral models a model reads, directly or through other ephemeral models, in
    /// dependency order, as (CTE name, SQL).
    func ephemeralChain(of name: String, refs: [String: OrderedSet<RecordedRef>], rendered: [String: (sql: String, incremental: String?)]) -> [(String, String)] {
        var out: [(String, String)] = []
        var visited: Set<String> = [name]
        func visit(_ model: String) {
            let direct = (refs[model] ?? []).compactMap { ref -> String? in
                if case .model(let m) = ref.node, scope.ephemeral.contains(m) { return m }
                return nil
            }
            for dep in Set(direct).sorted() where !visited.contains(dep) {
                visited.insert(dep)
                visit(dep)
                if let sql = rendered[dep]?.sql, let relation = scope.modelRelations[dep] {
                    out.append((relation.name, sql))
                }
            }
        }
        visit(name)
        return out
    }

    func render(_ template: Template, globals: [String: TemplateValue], incremental: Bool, refs: inout OrderedSet<RecordedRef>, _ d: inout Diagnostics) -> String? {
        var host = RenderHost(scope: scope, renderer: renderer, incremental: incremental)
        defer {
            d.emit(contentsOf: host.diagnostics)
            refs.formUnion(host.refs)
        }
        do {
            let result = try renderer.render(template, globals: globals, host: &host)
            return SQLText.tidy(result.text)
        } catch {
            d.emit(error.asMacroError.diagnostic)
            return nil
        }
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
