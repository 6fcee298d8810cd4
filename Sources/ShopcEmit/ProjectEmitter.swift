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
            for model in project.models where onlyModels?.contains(model.name) ?? true {
                guard let body = models.script(model, target: target, &d) else { continue }
                let path = "\(target.name)/models/\(model.name).sql"
                let sources = Array(Set([model.file, model.sqlFile])).sorted()
                artifacts.add(path, ModelEmitter.header(sources) + "\n" + body)
                steps.append(.dict([
                    "title": .string("model \(model.name) (\(model.materialized))"), "path": .string("models/\(model.name).sql"),
                    "body": .string(body),
                ]))
            }
            for analysis in project.analyses where onlyModels == nil {
                guard let sql = analysis.sql[target.name] else { continue }
                if let text = templates.render("analysis.sql", [
                    "header": .string(ModelEmitter.header(["specs"])), "name": .string(analysis.name),
                    "description": analysis.description.map { .string($0.trimmingCharacters().replacingOccurrences(of: "\n", with: " ")) } ?? .none,
                    "sql": .string(sql),
                ], &d) {
                    artifacts.add("\(target.name)/analyses/\(analysis.name).sql", text)
                }
            }
            if let deploy = templates.render("deploy.sql", [
                "header": .string(ModelEmitter.header(["specs/"])), "project": .string(project.name),
                "target": Self.targetValue(target), "steps": .list(steps),
            ], &d) {
                artifacts.add("\(target.name)/deploy.sql", deploy)
            }
        }
        if onlyTargets.isEmpty && onlyModels == nil {
            artifacts.add("manifest.json", ManifestEmitter(project: project).json())
        }
        if onlyModels == nil {
            DeliveryEmitter(project: project, templates: templates, onlyTargets: onlyTargets).emit(into: &artifacts, &d)
        }
        return artifacts
    }

    static func targetValue(_ t: TargetInfo) -> TemplateValue {
        .dict([
            "name": .string(t.name), "database": .string(t.database), "schema": .string(t.schema),
            "warehouse": .string(t.warehouse), "role": .string(t.role),
        ])
    }
}
