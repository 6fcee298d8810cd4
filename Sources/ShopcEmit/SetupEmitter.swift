import OrderedCollections
import ShopcAnalysis
import ShopcBase
import ShopcSpec
import ShopcTemplate

/// Emits a target's setup script — database, warehouse, schemas, file formats, integrations,
/// stages, audit table, masking policies, roles and least-privilege grants — and the statements
/// that attach masking policies to columns.
struct SetupEmitter {
    let project: AnalysedProject
    let templates: TemplateSet

    /// The audit log of a target: `DB.<target schema>.SHOPC_AUDIT_LOG`.
    static func auditTable(_ target: TargetInfo) -> String {
        IngestEmitter.platformRelation(target, "SHOPC_AUDIT_LOG")
    }

    /// Names of the deploy-time variables `snow sql -D` must supply, sorted.
    func variables() -> [String] { Self.variables(project) }

    /// Names of the deploy-time variables of `project`'s setup, sorted.
    static func variables(_ project: AnalysedProject) -> [String] {
        let names = project.storageIntegrations.map(\.roleArnVariable)
            + project.sources.flatMap { $0.tables.compactMap { $0.autoIngest ? $0.awsSnsTopic : nil } }
        return Array(Set(names)).sorted()
    }

    /// The schemas objects land in for a target: landing, model and reporting schemas.
    struct Schemas {
        var landing: [String] = []
        var models: [String] = []
        var reporting: [String] = []
    }

    func schemas(_ target: TargetInfo) -> Schemas {
        var s = Schemas()
        let built = project.models.filter { $0.materialized != "ephemeral" }
        func qualified(_ r: Relation) -> String { "\(r.database).\(r.schema)" }
        s.landing = Array(OrderedSet(project.sources.flatMap { $0.tables.compactMap { $0.relations[target.name].map(qualified) } }))
        s.models = Array(OrderedSet(built.compactMap { $0.builds[target.name].map { qualified($0.relation) } })).sorted()
        let gold = built.filter { $0.layer == "gold" }
        s.reporting = Array(OrderedSet((gold.isEmpty ? built : gold).compactMap { $0.builds[target.name].map { qualified($0.relation) } })).sorted()
        return s
    }

    func setup(_ target: TargetInfo, _ d: inout Diagnostics) -> String? {
        let schemas = schemas(target)
        let platformSchema = "\(target.database).\(target.schema)"
        let allSchemas = Array(OrderedSet([platformSchema] + schemas.landing + schemas.models))
        let formats: [TemplateValue] = project.fileFormats.map { f in
            .dict(["name": .string(f.name), "relation": .string(IngestEmitter.platformRelation(target, f.name)), "type": .string(f.type),
                   "options": .list(f.options.map { .string(IngestEmitter.option($0.name, $0.value)) })])
        }
        let integrations: [TemplateValue] = project.storageIntegrations.map { i in
            .dict(["name": .string(i.name), "provider": .string(i.provider), "variable": .string(i.roleArnVariable),
                   "locations": .string(i.allowedLocations.map(SQLLiteral.string).joined(separator: ", "))])
        }
        var stages: [TemplateValue] = []
        for source in project.sources {
            guard let stage = source.stage, let relation = source.tables.compactMap({ $0.relations[target.name] }).first else { continue }
            stages.append(.dict([
                "name": .string(stage.name), "relation": .string(Relation(database: relation.database, schema: relation.schema, name: stage.name).description),
                "url": .string(SQLLiteral.string(stage.url(for: target.name))), "integration": stage.storageIntegration.map { .string($0) } ?? .none,
                "format": stage.fileFormat.map { .string(SQLLiteral.string(IngestEmitter.platformRelation(target, $0))) } ?? .none,
            ]))
        }
        let policies: [TemplateValue] = project.maskingPolicies.map { p in
            let unmasked = p.unmaskedRoles.map { "IS_ROLE_IN_SESSION(\(SQLLiteral.string($0.uppercased())))" }
            let body = unmasked.isEmpty ? p.maskedExpression : "CASE WHEN \(unmasked.joined(separator: " OR ")) THEN val ELSE \(p.maskedExpression) END"
            return .dict(["name": .string(p.name), "relation": .string(IngestEmitter.platformRelation(target, p.name)), "type": .string(p.type),
                          "body": .string(body), "comment": p.description.map { .string(SQLLiteral.string($0.trimmingCharacters())) } ?? .none])
        }
        let roles = project.roles
        return templates.render("setup.sql", [
            "header": .string(ModelEmitter.header(["specs/"])), "project": .string(project.name),
            "target": .dict([
                "name": .string(target.name), "database": .string(target.database), "warehouse": .string(target.warehouse),
                "warehouse_size": target.warehouseSize.map { .string($0) } ?? .none, "auto_suspend": target.autoSuspend.map { .int($0) } ?? .none,
            ]),
            "variables": .list(variables().map { .string($0) }), "schemas": .list(allSchemas.map { .string($0) }),
            "file_formats": .list(formats), "integrations": .list(integrations), "stages": .list(stages),
            "audit_table": .string(Self.auditTable(target)), "policies": .list(policies),
            "roles": .dict(["loader": .string(roles.loader), "transformer": .string(roles.transformer), "reporter": .string(roles.reporter)]),
            "role_list": .list(Array(OrderedSet([roles.loader, roles.transformer, roles.reporter] + (Self.ownTargetRole(target, roles).map { [$0] } ?? []))).map { .string($0) }),
            "grants": .list(grants(target, schemas: schemas, platformSchema: platformSchema).map { .string($0) }),
        ], &d)
    }

    /// The target's `role` when it is none of the project's three roles nor a system role: the
    /// deploy builds the models and runs the tests as it, so setup creates it and grants it the
    /// transformer role.
    static func ownTargetRole(_ target: TargetInfo, _ roles: Roles) -> String? {
        let role = target.role.uppercased()
        let taken = Set([roles.loader, roles.transformer, roles.reporter].map { $0.uppercased() }).union(ReservedWords.systemRoles)
        return taken.contains(role) ? nil : target.role
    }

    /// Least privilege: the loader writes only landing schemas, the transformer reads them and
    /// writes model schemas, the reporter reads only the reporting schemas; the target's own
    /// role (when it has one) gets the transformer role.
    func grants(_ target: TargetInfo, schemas: Schemas, platformSchema: String) -> [String] {
        let r = project.roles
        var out: [String] = []
        if let role = Self.ownTargetRole(target, r) { out.append("GRANT ROLE \(r.transformer) TO ROLE \(role)") }
        for role in OrderedSet([r.loader, r.transformer, r.reporter]) {
            out.append("GRANT USAGE ON WAREHOUSE \(target.warehouse) TO ROLE \(role)")
            out.append("GRANT USAGE ON DATABASE \(target.database) TO ROLE \(role)")
        }
        let audit = Self.auditTable(target)
        for role in OrderedSet([r.loader, r.transformer]) {
            out.append("GRANT USAGE ON SCHEMA \(platformSchema) TO ROLE \(role)")
            out.append("GRANT INSERT, SELECT ON TABLE \(audit) TO ROLE \(role)")
        }
        for schema in schemas.landing {
            out.append("GRANT USAGE ON SCHEMA \(schema) TO ROLE \(r.loader)")
            out.append("GRANT CREATE TABLE, CREATE PIPE ON SCHEMA \(schema) TO ROLE \(r.loader)")
            out.append("GRANT USAGE ON SCHEMA \(schema) TO ROLE \(r.transformer)")
            out.append("GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO ROLE \(r.transformer)")
            out.append("GRANT SELECT ON FUTURE TABLES IN SCHEMA \(schema) TO ROLE \(r.transformer)")
        }
        for format in project.fileFormats {
            out.append("GRANT USAGE ON FILE FORMAT \(IngestEmitter.platformRelation(target, format.name)) TO ROLE \(r.loader)")
        }
        for source in project.sources {
            guard let stage = source.stage, let relation = source.tables.compactMap({ $0.relations[target.name] }).first else { continue }
            out.append("GRANT USAGE ON STAGE \(relation.database).\(relation.schema).\(stage.name) TO ROLE \(r.loader)")
        }
        for schema in schemas.models {
            out.append("GRANT USAGE ON SCHEMA \(schema) TO ROLE \(r.transformer)")
            out.append("GRANT CREATE TABLE, CREATE VIEW ON SCHEMA \(schema) TO ROLE \(r.transformer)")
        }
        for schema in schemas.reporting {
            out.append("GRANT USAGE ON SCHEMA \(schema) TO ROLE \(r.reporter)")
            for kind in ["ALL TABLES", "FUTURE TABLES", "ALL VIEWS", "FUTURE VIEWS"] {
                out.append("GRANT SELECT ON \(kind) IN SCHEMA \(schema) TO ROLE \(r.reporter)")
            }
        }
        let sourcePolicies = Set(project.sources.flatMap { $0.tables.flatMap { $0.columns.compactMap(\.masking) } })
        let modelPolicies = Set(project.models.flatMap { $0.columns.compactMap(\.masking) })
        for policy in project.maskingPolicies {
            let relation = IngestEmitter.platformRelation(target, policy.name)
            if sourcePolicies.contains(policy.name) { out.append("GRANT APPLY ON MASKING POLICY \(relation) TO ROLE \(r.loader)") }
            if modelPolicies.contains(policy.name) { out.append("GRANT APPLY ON MASKING POLICY \(relation) TO ROLE \(r.transformer)") }
        }
        return out
    }

    /// The masking script: landing tables as the loader, models as the target's role.
    func masking(_ target: TargetInfo, header: String, _ d: inout Diagnostics) -> String? {
        var groups: [TemplateValue] = []
        func apply(_ kind: String, _ relation: Relation, _ column: ColumnInfo) -> String? {
            column.masking.map { "ALTER \(kind) \(relation) MODIFY COLUMN \(column.name) SET MASKING POLICY \(IngestEmitter.platformRelation(target, $0)) FORCE" }
        }
        let landing = project.sources.flatMap { $0.tables }.flatMap { t in
            t.relations[target.name].map { r in t.columns.compactMap { apply("TABLE", r, $0) } } ?? []
        }
        let models = project.models.filter { $0.materialized != "ephemeral" }.flatMap { m in
            m.builds[target.name].map { b in m.columns.compactMap { apply(m.materialized == "view" ? "VIEW" : "TABLE", b.relation, $0) } } ?? []
        }
        if !landing.isEmpty { groups.append(.dict(["role": .string(project.roles.loader), "statements": .list(landing.map { .string($0) })])) }
        if !models.isEmpty { groups.append(.dict(["role": .string(target.role), "statements": .list(models.map { .string($0) })])) }
        if groups.isEmpty { return nil }
        return templates.render("masking.sql", ["header": .string(header), "groups": .list(groups)], &d)
    }
}
