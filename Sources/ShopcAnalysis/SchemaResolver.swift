import OrderedCollections
import ShopcBase
import ShopcSpec
import ShopcTemplate

/// Works out, for one target, the schema of every model and source table by calling the
/// project's schema-naming macro (dbt's `generate_schema_name`), and builds the render scope.
struct SchemaResolver {
    let project: ProjectSpec
    let target: TargetSpec
    let specs: ProjectSpecs
    let names: NameTable
    let macros: [String: CompiledMacro]
    let renderer: TemplateRenderer
    /// Command-line overrides, applied on top of the project's and the target's vars.
    var overrides: [VarOverride] = []

    static func targetValue(_ t: TargetSpec) -> TemplateValue {
        .object(TemplateObject(display: t.name.value, fields: [
            "name": .string(t.name.value), "database": .string(t.database.value), "schema": .string(t.schema.value),
            "warehouse": .string(t.warehouse.value), "role": .string(t.role.value), "type": .string("snowflake"),
        ]))
    }

    func scope(_ d: inout Diagnostics) -> TargetScope {
        var vars: [String: (value: TemplateValue, location: SourceLocation)] = [:]
        for v in project.vars { vars[v.name.value] = (TemplateValues.from(v.value), v.name.location) }
        for v in target.vars { vars[v.name.value] = (TemplateValues.from(v.value), v.name.location) }
        VarOverride.apply(overrides, to: &vars)
        let globals: [String: TemplateValue] = ["target": Self.targetValue(target)]
        var scope = TargetScope(target: target, vars: vars, modelRelations: [:], ephemeral: [], sourceRelations: [:], macros: macros, globals: globals)

        let macroName = project.schemaMacro?.value ?? "generate_schema_name"
        if let location = project.schemaMacro?.location, macros[macroName] == nil {
            d.error(.unknownMacro, "schema macro '\(macroName)' is not declared", at: location,
                    notes: Suggestion.note(for: macroName, in: macros.keys).map { [$0] } ?? [])
        }
        var host = RenderHost(scope: scope, renderer: renderer, incremental: false)

        func schema(custom: Located<String>?, node: String, kind: String, layer: String?, at location: SourceLocation) -> String {
            guard let macro = macros[macroName] else {
                // dbt's default: the target schema, suffixed with the custom schema.
                guard let custom else { return target.schema.value }
                return "\(target.schema.value)_\(custom.value)"
            }
            let nodeValue = TemplateValue.object(TemplateObject(display: node, fields: [
                "name": .string(node), "resource_type": .string(kind), "layer": layer.map { .string($0) } ?? .none,
            ]))
            let call = TemplateCall(
                name: macroName, positional: [custom.map { .string($0.value) } ?? .none, nodeValue], keywords: [],
                location: custom?.location ?? location, argumentLocations: [custom?.location ?? location, location])
            do {
                let value = try host.callMacro(macro, call)
                let text = RenderHost.text(value)
                if !Identifier.isValid(text) {
                    d.error(.invalidIdentifier, "schema macro '\(macroName)' returned '\(Identifier.printable(text))' for \(kind) '\(node)' in target '\(target.name.value)', which is not an identifier",
                            at: custom?.location ?? location, notes: [DiagnosticNote("macro declared here", at: macro.spec.name.location)])
                    return target.schema.value
                }
                return text
            } catch {
                d.emit(error.diagnostic)
                return target.schema.value
            }
        }

        for source in specs.sources {
            guard let tables = names.sourceTables[source.name.value] else { continue }
            var relations: [String: Relation] = [:]
            let schemaName = schema(custom: source.schema, node: source.name.value, kind: "source", layer: nil, at: source.name.location)
            for name in tables.keys {
                relations[name] = Relation(database: target.database.value, schema: schemaName, name: name)
            }
            scope.sourceRelations[source.name.value] = relations
        }
        for name in names.models.keys.sorted() {
            guard let model = names.models[name] else { continue }
            let schemaName = schema(custom: model.schema, node: name, kind: "model", layer: model.layer?.value, at: model.name.location)
            if model.materialized.value == "ephemeral" {
                scope.ephemeral.insert(name)
                scope.modelRelations[name] = Relation(database: target.database.value, schema: schemaName, name: "__shopc_cte__\(name)")
            } else {
                scope.modelRelations[name] = Relation(database: target.database.value, schema: schemaName, name: name)
            }
        }
        d.emit(contentsOf: host.diagnostics)
        checkCollisions(scope, &d)
        return scope
    }

    /// A model must not name a source table's object: it would replace the landing table (or,
    /// reading it, read itself). Two source tables cannot collide: their names are unique (SHP1007).
    func checkCollisions(_ scope: TargetScope, _ d: inout Diagnostics) {
        func key(_ relation: Relation) -> String {
            [relation.database, relation.schema, relation.name].map { $0.uppercased() }.joined(separator: ".")
        }
        var landing: [String: (what: String, location: SourceLocation)] = [:]
        for source in specs.sources {
            for table in source.tables {
                guard let relation = scope.sourceRelations[source.name.value]?[table.name.value] else { continue }
                let k = key(relation)
                if landing[k] == nil { landing[k] = ("source table '\(source.name.value).\(table.name.value)'", table.name.location) }
            }
        }
        guard !landing.isEmpty else { return }
        for name in scope.modelRelations.keys.sorted() where !scope.ephemeral.contains(name) {
            guard let relation = scope.modelRelations[name], let source = landing[key(relation)], let model = names.models[name] else { continue }
            d.error(.relationCollision, "model '\(name)' and \(source.what) are both \(key(relation)) in target '\(target.name.value)'", at: model.name.location,
                    notes: [DiagnosticNote("\(source.what) is declared here", at: source.location)])
        }
    }
}
