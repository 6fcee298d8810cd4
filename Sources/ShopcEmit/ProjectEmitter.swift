import OrderedCollections
import ShopcAnalysis
import ShopcBase
import ShopcTemplate

/// Stage 4: turns the analysed project into the artifact set. A pure function of the project and
/// the templates; it never sees YAML and never touches disk.
public struct ProjectEmitter {
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

    /// Emits every artifact.
    public func emit(_ d: inout Diagnostics) -> ArtifactSet {
        var artifacts = ArtifactSet()
        let models = ModelEmitter(project: project, templates: templates)
        for target in project.targets where onlyTargets.isEmpty || onlyTargets.contains(target.name) {
            var steps: [TemplateValue] = []
            let audit = AuditWrapper(templates: templates)
            for model in project.models where onlyModels?.contains(model.name) ?? true {
                guard let body = models.script(model, target: target, &d) else { continue }
                let path = "\(target.name)/models/\(model.name).sql"
                let sources = Array(Set([model.file, model.sqlFile])).sorted()
                artifacts.add(path, ModelEmitter.header(sources) + "\n" + body)
                let rows: AuditWrapper.Rows = switch model.materialized {
                case "view": .none
                case "table": model.builds[target.name].map { .count($0.relation) } ?? .none
                default: .lastStatement
                }
                steps.append(.dict([
                    "title": .string("model \(model.name) (\(model.materialized))"), "path": .string("models/\(model.name).sql"),
                    "body": .string(audit.wrap(name: model.name, kind: "model", body: body, rows: rows, target: target, &d) ?? body),
                ]))
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
                    let audited = audit.wrap(name: table.name, kind: "load", body: scripts.copy + ";", rows: .lastStatement, target: target, &d)
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
        if onlyTargets.isEmpty && onlyModels == nil {
            artifacts.add("manifest.json", ManifestEmitter(project: project).json())
            DocsEmitter(project: project).emit(into: &artifacts)
        }
        if onlyModels == nil {
            DeliveryEmitter(project: project, templates: templates, onlyTargets: onlyTargets).emit(into: &artifacts, &d)
        }
        return artifacts
    }

    /// A script without its first (header) line, for inclusion in deploy.sql.
    static func body(_ script: String) -> String {
        ModelEmitter.stripLeadingBlank(script.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")).trimmingCharacters()
    }

    static func targetValue(_ t: TargetInfo) -> TemplateValue {
        .dict([
            "name": .string(t.name), "database": .string(t.database), "schema": .string(t.schema),
            "warehouse": .string(t.warehouse), "role": .string(t.role),
        ])
    }
}
