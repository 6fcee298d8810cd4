import OrderedCollections
import ShopcBase
import ShopcSpec
import ShopcTemplate

/// Stages 2 and 3: resolves the loaded specs into an `AnalysedProject` — names, schemas,
/// templates, references, the graph and its rules, and the declared tests. Reports every problem
/// it can find; returns nil only when nothing sensible can be built.
public struct ProjectAnalyzer {
    let specs: ProjectSpecs
    let renderer: TemplateRenderer
    /// Command-line var overrides (`--var NAME=VALUE`), applied to every target.
    let overrides: [VarOverride]
    /// Unknown SQL functions are errors instead of warnings.
    let strict: Bool
    /// Print every model's canonical SQL (`ModelBuild.sql`). `shopc check` writes nothing and
    /// skips it; the `$$` safety check still sees every model whose rendered SQL holds `$$`.
    let printSQL: Bool
    /// Build the per-model records emitters read (`ModelInfo`, with inferred schemas and column
    /// lineage). `shopc check` only reports diagnostics and skips them; every check still runs.
    let describeModels: Bool

    /// Creates an analyzer over loaded specs.
    public init(
        specs: ProjectSpecs, renderer: TemplateRenderer = TemplateRenderer(), overrides: [VarOverride] = [], strict: Bool = false, printSQL: Bool = true,
        describeModels: Bool = true
    ) {
        self.printSQL = printSQL
        self.describeModels = describeModels
        self.specs = specs
        self.renderer = renderer
        self.overrides = overrides
        self.strict = strict
    }

    /// Runs the analysis; diagnostics are appended to `diagnostics`.
    public func analyse(_ diagnostics: inout Diagnostics) -> AnalysedProject? {
        var laps = StageTimer()
        return analyse(&diagnostics, laps: &laps)
    }

    /// Runs the analysis, timing its stages: resolve (names, targets, macros, templates), render
    /// (every model rendered, parsed and printed for every target), typecheck, and checks (graph
    /// rules, platform, ingestion and test checks).
    public func analyse(_ diagnostics: inout Diagnostics, laps: inout StageTimer) -> AnalysedProject? {
        guard let project = specs.project else {
            diagnostics.error(.projectMissing, "no 'project' section found in any spec file under specs/", at: specs.files.first.map { SourceLocation(file: $0.path, line: 1, column: 1) })
            return nil
        }
        // What the analysis builds on the way, kept with the result (see `AnalysedProject.intermediates`).
        let analysedIntermediates = Intermediates()
        let names = NameTable.build(specs, &diagnostics)
        let targets = checkTargets(project, &diagnostics)
        VarOverride.check(overrides, project: project, &diagnostics)
        guard !targets.isEmpty else { return nil }
        let macros = compileMacros(&diagnostics)
        LayerRules.checkDeclared(project: project, models: specs.models, &diagnostics)
        // The checks that read only the specs run on a thread of their own, beside rendering
        // and type checking (whose serial parts leave a core idle).
        let specChecks = Background { [specs] in SpecChecks(specs: specs, names: names) }

        // Each target's schemas (the schema macro, called per model) are worked out beside the
        // template parsing, and so is what the type checker looks relations up in.
        let resolving = Background { [specs, renderer, overrides] in
            targets.map { target -> (TargetScope, Diagnostics, TypeChecker.Lookup?) in
                var d = Diagnostics()
                let scope = SchemaResolver(project: project, target: target, specs: specs, names: names, macros: macros, renderer: renderer, overrides: overrides)
                    .scope(&d)
                let lookup = target.name.value == project.defaultTarget.value ? TypeChecker.Lookup(scope: scope, names: names) : nil
                return (scope, d, lookup)
            }
        }

        // Parse every model template once, on all cores.
        var templates: [String: Template] = [:]
        templates.reserveCapacity(names.models.count)
        let modelSQL = names.models.values.compactMap { model in
            model.sql.flatMap { sql in model.sqlOrigin.map { (name: model.name.value, sql: sql.value, origin: $0) } }
        }
        let parsedTemplates = Parallel.map(modelSQL) { source -> Result<Template, TemplateError> in
            do throws(TemplateError) { return .success(try Template.parse(source.sql, origin: source.origin)) } catch { return .failure(error) }
        }
        for (source, parsed) in zip(modelSQL, parsedTemplates) {
            switch parsed {
            case .success(let template): templates[source.name] = template
            case .failure(let error): diagnostics.emit(error.diagnostic)
            }
        }

        laps.lap("resolve")

        var builds: [String: [String: ModelBuild]] = [:]  // target → model → build
        var sourceRelations: [String: [String: [String: Relation]]] = [:]  // source → table → target → relation
        var dependencies: [String: OrderedSet<RecordedRef>] = [:]
        var analyses: [String: [String: String]] = [:]
        var scopes: [TargetScope] = []
        var typing: (scope: TargetScope, traces: [String: ModelTrace], builds: [String: ModelBuild], lookup: TypeChecker.Lookup)?
        var rendering: [(target: String, diagnostics: [Diagnostic])] = []
        for (target, (scope, resolveDiagnostics, lookup)) in zip(targets, resolving.wait()) {
            diagnostics.emit(contentsOf: resolveDiagnostics.all)
            scopes.append(scope)
            for (source, tables) in scope.sourceRelations {
                for (table, relation) in tables { sourceRelations[source, default: [:]][table, default: [:]][target.name.value] = relation }
            }
            var rendered = Diagnostics()
            let compiled = ModelCompiler(scope: scope, renderer: renderer, templates: templates, names: names, printSQL: printSQL)
                .compile(&rendered)
            rendering.append((target.name.value, rendered.all))
            builds[target.name.value] = compiled.builds
            if let lookup { typing = (scope, compiled.traces, compiled.builds, lookup) }
            if dependencies.isEmpty {
                // The first target's references are taken as they are; later targets add theirs.
                dependencies = compiled.refs
            } else {
                dependencies.reserveCapacity(compiled.refs.count)
                for (model, refs) in compiled.refs {
                    if dependencies[model] == nil { dependencies[model] = refs } else { dependencies[model, default: []].formUnion(refs) }
                }
            }
            for (name, sql) in AuxiliaryCompiler(scope: scope, renderer: renderer).analyses(specs.analyses, &diagnostics) {
                analyses[name, default: [:]][target.name.value] = sql
            }
        }

        diagnostics.emit(contentsOf: Self.namingTargets(rendering))
        laps.lap("render")

        // The checks that only report run beside the graph and the type checker.
        let reportOnly = Background { [builds, dependencies] in
            var d = Diagnostics()
            LayerRules.checkEdges(project: project, names: names, dependencies: dependencies, &d)
            ScriptingSafety.check(models: names.models, builds: builds, &d)
            return d
        }
        let graph = DependencyGraph(models: names.models.keys.sorted(), dependencies: dependencies)
        let order = graph.topologicalOrder()
        if graph.hasCycle(order: order) { graph.reportCycles(&diagnostics) }
        var schemas: [String: ModelSchema] = [:]
        var checkedRelations: TestCompiler.Relations?
        if let typing {
            let results = TypeChecker(
                names: names, scope: typing.scope, builds: typing.builds, traces: typing.traces, strict: strict, inferSchemas: describeModels
            ).run(levels: graph.levels(order), lookup: typing.lookup, &diagnostics)
            schemas = results.schemas
            checkedRelations = TestCompiler.Relations(
                target: typing.scope.target.name.value, byNode: results.relations, index: typing.lookup.relationIndex, modelNames: typing.lookup.modelNames)
            analysedIntermediates.keep(results)
        }

        laps.lap("typecheck")

        let (allBuilds, allDependencies, allSchemas) = (builds, dependencies, schemas)
        let models: [ModelInfo] = !describeModels ? [] : Parallel.map(order) { name -> ModelInfo? in
            let (builds, dependencies, schemas) = (allBuilds, allDependencies, allSchemas)
            guard let spec = names.models[name] else { return nil }
            return ModelInfo(
                name: name, layer: spec.layer?.value, materialized: spec.materialized.value,
                incrementalStrategy: spec.materialized.value == "incremental" ? (spec.incrementalStrategy?.value ?? (spec.uniqueKey.isEmpty ? "append" : "merge")) : nil,
                uniqueKey: spec.uniqueKey.map(\.value), clusterBy: spec.clusterBy.map(\.value), tags: spec.tags.map(\.value),
                description: spec.description?.value, columns: spec.columns.map(Self.column), file: spec.file,
                sqlFile: spec.sqlOrigin?.file ?? spec.file,
                dependsOn: Array(Set((dependencies[name] ?? []).map(\.node))).sorted(), builds: builds.compactMapValues { $0[name] },
                customSchema: spec.schema?.value, schema: schemas[name])
        }.compactMap { $0 }
        let checked = specChecks.wait()
        diagnostics.emit(contentsOf: checked.diagnostics.all)
        let (platform, copyOptions) = (checked.platform, checked.copyOptions)
        diagnostics.emit(contentsOf: reportOnly.wait().all)
        let stageURLs = StageURLResolver(specs: specs, integrations: platform.integrations, overrides: Set(overrides.map(\.name)))
            .resolve(scopes: scopes, &diagnostics)

        let sources = specs.sources.map { source in
            SourceInfo(
                name: source.name.value, description: source.description?.value,
                stage: source.stage.map {
                    StageInfo(name: $0.name.value, url: $0.url.value, storageIntegration: $0.storageIntegration?.value, fileFormat: $0.fileFormat?.value,
                              targetURLs: stageURLs[source.name.value] ?? [:])
                },
                tables: source.tables.map { table in
                    SourceTableInfo(
                        source: source.name.value, name: table.name.value, description: table.description?.value, path: table.path?.value,
                        columns: table.columns.map(Self.column),
                        freshness: Self.freshness(table.freshness ?? source.freshness, loadedAt: (table.loadedAtField ?? source.loadedAtField)?.value),
                        inferSchema: table.inferSchema?.value ?? false, schemaEvolution: table.schemaEvolution?.value ?? false,
                        metadataColumns: table.metadataColumns?.value ?? false, autoIngest: table.autoIngest?.value ?? false,
                        awsSnsTopic: table.awsSnsTopic.map { String($0.value.drop { $0 != ":" }.dropFirst()) },
                        copyOptions: copyOptions[source.name.value]?[table.name.value] ?? [],
                        relations: sourceRelations[source.name.value]?[table.name.value] ?? [:])
                },
                customSchema: source.schema?.value)
        }
        diagnostics.emit(contentsOf: checked.testDiagnostics.all)
        let tests = TestCompiler(renderer: renderer, scopes: scopes, relations: checkedRelations).compile(checked.tests, &diagnostics)

        var analysed = AnalysedProject(
            name: project.name.value, defaultTarget: project.defaultTarget.value,
            targets: targets.map(Self.targetInfo),
            roles: Roles(
                loader: project.roles.loader?.value ?? "LOADER", transformer: project.roles.transformer?.value ?? "TRANSFORMER",
                reporter: project.roles.reporter?.value ?? "REPORTER"),
            sources: sources, models: models,
            macros: specs.macros.map { m in
                MacroInfo(name: m.name.value, description: m.description?.value,
                          arguments: m.arguments.map { ($0.name.value, $0.type.value, $0.defaultValue != nil) }, returns: m.returns?.value)
            },
            tests: tests, fileFormats: platform.fileFormats, storageIntegrations: platform.storageIntegrations,
            maskingPolicies: platform.maskingPolicies,
            analyses: specs.analyses.map { AnalysisInfo(name: $0.name.value, description: $0.description?.value, sql: analyses[$0.name.value] ?? [:]) },
            specFiles: specs.files.map { ($0.path, $0.sha256) }, layers: project.layers.map(\.name.value))
        analysed.deploy = DeployResolver.resolve(project.deploy, project: project, targets: targets.map(\.name.value), &diagnostics)
        for value: Any in [names, templates, builds, dependencies, scopes, typing as Any, schemas, checked, graph] { analysedIntermediates.keep(value) }
        analysed.intermediates = analysedIntermediates
        laps.lap("checks")
        return analysed
    }

    /// The checks that need only the specs and the name table: model settings, platform objects,
    /// ingestion options and declared tests.
    struct SpecChecks: Sendable {
        var diagnostics = Diagnostics()
        var platform: PlatformChecks.Output
        var copyOptions: [String: [String: [(name: String, value: OptionValue)]]]
        var testDiagnostics = Diagnostics()
        var tests: [CheckedTest]

        init(specs: ProjectSpecs, names: NameTable) {
            ModelChecks.check(models: names.models, &diagnostics)
            platform = PlatformChecks(specs: specs).run(&diagnostics)
            copyOptions = IngestionChecks(specs: specs, platform: platform).run(&diagnostics)
            tests = TestChecker(specs: specs, names: names).check(&testDiagnostics)
        }
    }

    /// The findings of rendering every model once per target. One that every target reports
    /// alike is reported once; one whose words differ between targets (a var's value, the
    /// target's name in a message) or that only some targets report says which target it is
    /// about, so that three messages at one place are not read as three problems.
    static func namingTargets(_ rendering: [(target: String, diagnostics: [Diagnostic])]) -> [Diagnostic] {
        guard rendering.count > 1 else { return rendering.first?.diagnostics ?? [] }
        // A message that names the target being rendered (`unknown attribute 'nam' of 'ci'`)
        // is compared with the target's name left out.
        let generic = "\u{2}target\u{2}"
        func general(_ message: String, _ target: String) -> String { message.replacingOccurrences(of: "'\(target)'", with: generic) }
        var messages: [String: Set<String>] = [:]  // code and place → the (general) messages reported there
        var targets: [String: Set<String>] = [:]  // code, place and general message → the targets
        func place(_ d: Diagnostic) -> String {
            "\(d.code.rawValue) \(d.location?.description ?? "") \(d.notes.map { "\($0.message) \($0.location?.description ?? "")" })"
        }
        for (target, found) in rendering {
            for d in found {
                let message = general(d.message, target)
                messages[place(d), default: []].insert(message)
                targets[place(d) + "\u{1}" + message, default: []].insert(target)
            }
        }
        var out: [Diagnostic] = []
        var reported: Set<String> = []
        for (target, found) in rendering {
            for var d in found {
                let message = general(d.message, target)
                let everywhere = messages[place(d)]?.count == 1 && targets[place(d) + "\u{1}" + message]?.count == rendering.count
                if everywhere {
                    // Once, naming no target: `of 'ci'` becomes `of the target`.
                    guard reported.insert(place(d) + "\u{1}" + message).inserted else { continue }
                    d.message = message.replacingOccurrences(of: "in target \(generic)", with: "in every target")
                        .replacingOccurrences(of: generic, with: "the target")
                } else if !d.message.contains("target '") {
                    d.message += " (target '\(target)')"
                }
                out.append(d)
            }
        }
        return out
    }

    static func column(_ c: ColumnSpec) -> ColumnInfo {
        ColumnInfo(name: c.name.value, type: c.type.map { SQLTypeName.canonical($0.value) ?? $0.value }, description: c.description?.value,
                   masking: c.masking?.value, pii: c.pii?.value ?? (c.masking != nil))
    }

    static func freshness(_ f: FreshnessSpec?, loadedAt: String?) -> FreshnessInfo? {
        guard let f, let loadedAt else { return nil }
        return FreshnessInfo(
            warnAfter: f.warnAfter.map { ($0.count.value, $0.period.value) },
            errorAfter: f.errorAfter.map { ($0.count.value, $0.period.value) }, loadedAtField: loadedAt)
    }

    static func targetInfo(_ t: TargetSpec) -> TargetInfo {
        TargetInfo(
            name: t.name.value, database: t.database.value, schema: t.schema.value, warehouse: t.warehouse.value,
            warehouseSize: t.warehouseSize?.value, autoSuspend: t.autoSuspend?.value, role: t.role.value,
            accountEnv: t.accountEnv?.value, userEnv: t.userEnv?.value, privateKeyEnv: t.privateKeyEnv?.value)
    }

    func checkTargets(_ project: ProjectSpec, _ d: inout Diagnostics) -> [TargetSpec] {
        var seen: [String: SourceLocation] = [:]
        var out: [TargetSpec] = []
        for target in project.targets {
            if let first = seen[target.name.value] {
                d.error(.duplicateName, "target '\(target.name.value)' is declared twice", at: target.name.location,
                        notes: [DiagnosticNote("first declared here", at: first)])
                continue
            }
            seen[target.name.value] = target.name.location
            out.append(target)
        }
        if out.isEmpty {
            d.error(.missingField, "the project declares no targets", at: project.location)
        } else if seen[project.defaultTarget.value] == nil, !project.unreadableTargets.contains(project.defaultTarget.value) {
            d.error(.unknownTarget, "default target '\(project.defaultTarget.value)' is not declared under 'targets'", at: project.defaultTarget.location,
                    notes: Suggestion.note(for: project.defaultTarget.value, in: seen.keys).map { [$0] } ?? [])
        }
        return out
    }

    func compileMacros(_ d: inout Diagnostics) -> [String: CompiledMacro] {
        var out: [String: CompiledMacro] = [:]
        for macro in specs.macros {
            if RenderHost.builtins.contains(macro.name.value) {
                d.error(.duplicateName, "macro '\(macro.name.value)' would hide the built-in function of that name", at: macro.name.location)
                continue
            }
            if let existing = out[macro.name.value] {
                d.error(.duplicateName, "macro '\(macro.name.value)' is declared twice", at: macro.name.location,
                        notes: [DiagnosticNote("first declared here", at: existing.spec.name.location)])
                continue
            }
            do {
                out[macro.name.value] = CompiledMacro(spec: macro, template: try Template.parse(macro.body.value, origin: macro.bodyOrigin))
            } catch {
                d.emit(error.diagnostic)
            }
        }
        return out
    }
}
