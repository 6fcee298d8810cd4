import OrderedCollections
import ShopcAnalysis
import ShopcBase
import ShopcTemplate

/// Stage 4: turns the analysed project into the artifact set. A pure function of the project and
/// the templates; it never sees YAML and never touches disk.
public struct ProjectEmitter: Sendable {
    let project: AnalysedProject
    let templates: TemplateSet
    /// The targets to emit (all when empty).
    let onlyTargets: Set<String>
    /// The models to emit (all when nil); a selection emits only model scripts and deploy scripts.
    let onlyModels: Set<String>?

    /// Creates an emitter.
    public init(project: AnalysedProject, templates: TemplateSet, onlyTargets: Set<String> = [], onlyModels: Set<String>? = nil) {
        self.project = project
        self.templates = templates
        self.onlyTargets = onlyTargets
        self.onlyModels = onlyModels
    }

    /// Emits every artifact. The targets, the manifest and the docs are independent stages that
    /// run at the same time (`Parallel.both`), each spreading its own pieces (models, tests,
    /// pages) over the cores with `Parallel.map`, so the serial parts of one overlap the others.
    /// Results keep a fixed order, so the output does not depend on scheduling.
    public func emit(_ d: inout Diagnostics) -> ArtifactSet {
        var parts: [(stage: String, seconds: Double)] = []
        return emit(&d, parts: &parts)
    }

    /// Emits every artifact and appends the time each stage took (`emit.targets`,
    /// `emit.manifest`, `emit.docs` — they overlap — then `emit.delivery`) to `parts`.
    public func emit(_ d: inout Diagnostics, parts: inout [(stage: String, seconds: Double)]) -> ArtifactSet {
        let whole = onlyTargets.isEmpty && onlyModels == nil
        let (targets, (manifest, docs)) = Parallel.both({
            Self.timed("emit.targets") { artifacts, d in
                for target in project.targets where onlyTargets.isEmpty || onlyTargets.contains(target.name) {
                    emit(target: target, into: &artifacts, &d)
                }
            }
        }, {
            Parallel.both({
                Self.timed("emit.manifest") { artifacts, _ in
                    if whole { artifacts.add("manifest.json", ManifestEmitter(project: project).json()) }
                }
            }, {
                Self.timed("emit.docs") { artifacts, _ in
                    if whole { DocsEmitter(project: project).emit(into: &artifacts) }
                }
            })
        })
        var artifacts = ArtifactSet()
        for stage in [targets, manifest, docs] {
            artifacts.merge(stage.artifacts)
            d.emit(contentsOf: stage.diagnostics.all)
            if whole || stage.laps.first?.stage == "emit.targets" { parts += stage.laps }
        }
        var timer = StageTimer()
        if onlyModels == nil {
            DeliveryEmitter(project: project, templates: templates, onlyTargets: onlyTargets).emit(into: &artifacts, &d)
            timer.lap("emit.delivery")
        }
        parts += timer.laps
        return artifacts
    }

    /// What one stage of `emit` produced, and how long it took.
    typealias Stage = (artifacts: ArtifactSet, diagnostics: Diagnostics, laps: [(stage: String, seconds: Double)])

    /// Runs one stage of `emit` into artifacts and diagnostics of its own, timed as `name`.
    static func timed(_ name: String, _ body: (inout ArtifactSet, inout Diagnostics) -> Void) -> Stage {
        var timer = StageTimer()
        var artifacts = ArtifactSet()
        var d = Diagnostics()
        body(&artifacts, &d)
        timer.lap(name)
        return (artifacts, d, timer.laps)
    }

    /// One model's script and its audited deploy step.
    struct ModelOutput: Sendable {
        var path: String
        var script: String
        var step: TemplateValue
    }

    /// The scripts of one target: models, setup, ingestion, masking, analyses, tests and deploy.
    func emit(target: TargetInfo, into artifacts: inout ArtifactSet, _ d: inout Diagnostics) {
        let models = ModelEmitter(project: project, templates: templates)
        let audit = AuditWrapper(templates: templates, target: target)
        let selected = project.models.filter { onlyModels?.contains($0.name) ?? true }
        let outputs = Parallel.map(selected) { model -> (ModelOutput?, Diagnostics) in
            var d = Diagnostics()
            guard let body = models.script(model, target: target, &d) else { return (nil, d) }
            let sources = Array(Set([model.file, model.sqlFile])).sorted()
            let rows: AuditWrapper.Rows = switch model.materialized {
            case "view": .none
            case "table": model.builds[target.name].map { .count($0.relation) } ?? .none
            default: .lastStatement
            }
            let step: TemplateValue = .dict([
                "title": .string("model \(model.name) (\(model.materialized))"), "path": .string("models/\(model.name).sql"),
                "body": .string(audit.wrap(name: model.name, kind: "model", body: body, rows: rows, &d) ?? body),
            ])
            return (ModelOutput(path: "\(target.name)/models/\(model.name).sql", script: ModelEmitter.header(sources) + "\n" + body, step: step), d)
        }
        var steps: [TemplateValue] = []
        steps.reserveCapacity(outputs.count)
        for (output, diagnostics) in outputs {
            d.emit(contentsOf: diagnostics.all)
            guard let output else { continue }
            artifacts.add(output.path, output.script)
            steps.append(output.step)
        }
        let platform = SetupEmitter(project: project, templates: templates)
        let setup = platform.setup(target, &d) ?? ""
        artifacts.add("\(target.name)/setup.sql", setup)
        var tables: [TemplateValue] = []
        var loads: [TemplateValue] = []
        var pipes: [TemplateValue] = []
        for source in project.sources {
            for table in source.tables {
                guard let scripts = IngestEmitter(project: project, templates: templates).scripts(source, table, target: target, &d) else { continue }
                for file in scripts.files { artifacts.add("\(target.name)/\(file.path)", file.text) }
                tables.append(.string(scripts.ddl))
                let audited = audit.wrap(name: table.name, kind: "load", body: scripts.copy + ";", rows: .lastStatement, &d)
                loads.append(.dict(["name": .string(table.name), "audited": .string(audited ?? scripts.copy + ";")]))
                if let pipe = scripts.pipe { pipes.append(.string(pipe)) }
            }
        }
        let masking = platform.masking(target, header: ModelEmitter.header(["specs/"]), &d)
        if let masking { artifacts.add("\(target.name)/masking.sql", masking) }
        for analysis in project.analyses where onlyModels == nil {
            guard let sql = analysis.sql[target.name] else { continue }
            if let text = templates.render("analysis.sql", [
                "header": .string(ModelEmitter.header(["specs"])), "name": .string(analysis.name),
                "description": analysis.description.map { .string($0.commentLine) } ?? .none,
                "sql": .string(sql),
            ], &d) {
                artifacts.add("\(target.name)/analyses/\(analysis.name).sql", text)
            }
        }
        TestEmitter(project: project, templates: templates).emit(target: target, into: &artifacts, &d)
        if let deploy = templates.render("deploy.sql", [
            "header": .string(ModelEmitter.header(["specs/"])), "project": .string(project.name),
            "target": Self.targetValue(target), "steps": .list(steps),
            "setup": .string(Self.body(setup)), "tables": .list(tables), "loads": .list(loads), "pipes": .list(pipes),
            "masking": .string(masking.map(Self.body) ?? "-- (no masked columns)"),
            "audit_table": .string(SetupEmitter.auditTable(target)),
            "variables": .list(platform.variables().map { .string($0) }),
            "roles": .dict(["loader": .string(project.roles.loader)]),
        ], &d) {
            artifacts.add("\(target.name)/deploy.sql", deploy)
        }
    }

    /// A script without its first (header) line, for inclusion in deploy.sql.
    static func body(_ script: String) -> String {
        script.droppingFirstLine.droppingLeadingBlankLines.trimmingCharacters()
    }

    static func targetValue(_ t: TargetInfo) -> TemplateValue {
        .dict([
            "name": .string(t.name), "database": .string(t.database), "schema": .string(t.schema),
            "warehouse": .string(t.warehouse), "role": .string(t.role),
        ])
    }
}
