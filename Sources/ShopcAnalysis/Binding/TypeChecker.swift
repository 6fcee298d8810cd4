import ShopcBase
import ShopcSQL
import ShopcSpec
import ShopcTemplate

/// Stage 3 (analyse): binds every model of the default target in dependency order, infers its
/// output schema from its sources' declared columns and its parent models' inferred schemas,
/// checks contracts and macro call sites, and records column lineage. Types do not depend on
/// the target, so one target is enough; each upstream schema is computed once.
struct TypeChecker: Sendable {
    let names: NameTable
    let scope: TargetScope
    let builds: [String: ModelBuild]
    let traces: [String: ModelTrace]
    let strict: Bool
    /// Record each model's inferred schema with its column lineage (what `run` returns).
    var inferSchemas = true

    /// What the checks look relations up in, from the target's scope alone (so it can be worked
    /// out before the models are rendered): each relation's three-part name → its node, and
    /// the declared schemas of the source tables.
    struct Lookup: Sendable {
        var relationIndex: [String: NodeID] = [:]
        var sourceSchemas: [NodeID: ScopeRelation] = [:]
        /// Models by normalized name (ephemeral ones included): a one-part table name that is
        /// one of them is a model named directly.
        var modelNames: [String: NodeID] = [:]

        init(scope: TargetScope, names: NameTable) {
            for (source, tables) in scope.sourceRelations {
                for (table, relation) in tables {
                    relationIndex[TypeChecker.key(relation)] = .source(source: source, table: table)
                    if let spec = names.sourceTables[source]?[table] {
                        sourceSchemas[.source(source: source, table: table)] = NodeSchema.source(source, spec).relation()
                    }
                }
            }
            relationIndex.reserveCapacity(relationIndex.count + scope.modelRelations.count)
            modelNames.reserveCapacity(scope.modelRelations.count)
            for (model, relation) in scope.modelRelations {
                modelNames[SQLName(model).normalized] = .model(model)
                if !scope.ephemeral.contains(model) { relationIndex[TypeChecker.key(relation)] = .model(model) }
            }
        }
    }

    /// The results of `run`: each model's inferred schema, and the relations the checks built
    /// (returned so that the caller decides when to free them).
    struct Results: Sendable {
        var schemas: [String: ModelSchema]
        var relations: [NodeID: ScopeRelation]
        var injected: [String: ScopeRelation]
    }

    /// Runs the checks level by level (`levels` from `DependencyGraph.levels`): the models of one
    /// level read only sources and models of earlier levels, so they are checked in parallel.
    func run(levels: [[String]], lookup: Lookup, _ d: inout Diagnostics) -> Results {
        var schemas = lookup.sourceSchemas  // each node's relation, built once for all its readers
        schemas.reserveCapacity(schemas.count + builds.count)
        var injected: [String: ScopeRelation] = [:]
        var out: [String: ModelSchema] = [:]
        var personal = PersonalDataChecker.declared(names)
        let checker = self
        for level in levels {
            // The level's checks only read `schemas`; they finish (and drop their copy) before
            // the level's results are added, so the dictionary is never copied.
            let results: [Checked] = {
                let visible = schemas
                let ctes = injected
                let carried = personal
                return Parallel.map(level) { name in checker.check(name, lookup: lookup, schemas: visible, injected: ctes, upstreamPersonal: carried) }
            }()
            for result in results {
                if !result.personal.isEmpty { personal[.model(result.name), default: [:]].merge(result.personal) { declared, _ in declared } }
                guard let schema = result.schema else { continue }
                schemas[.model(result.name)] = schema
                if scope.ephemeral.contains(result.name), let relation = scope.modelRelations[result.name] {
                    var r = schema
                    r.key = SQLName(relation.name).normalized
                    injected[r.key] = r
                }
                var seen = Set<String>()
                for problem in result.problems where seen.insert("\(problem.location?.description ?? "") \(problem.code.rawValue) \(problem.message)").inserted {
                    d.emit(problem)
                }
                if let inferred = result.inferred { out[result.name] = inferred }
            }
        }
        return Results(schemas: out, relations: schemas, injected: injected)
    }

    /// What checking one model found.
    struct Checked: Sendable {
        var name: String
        /// The relation the model offers its readers (nil for names that are not models).
        var schema: ScopeRelation?
        var inferred: ModelSchema?
        var problems: [Diagnostic] = []
        /// Columns of a view or ephemeral model that carry personal data on (SHP5010).
        var personal: [String: PersonalDataChecker.Origin] = [:]
    }

    /// Binds one model against the schemas of the models before it.
    func check(
        _ name: String, lookup: Lookup, schemas: [NodeID: ScopeRelation], injected: [String: ScopeRelation],
        upstreamPersonal: [NodeID: [String: PersonalDataChecker.Origin]] = [:]
    ) -> Checked {
        guard let spec = names.models[name] else { return Checked(name: name) }
        guard let build = builds[name], let query = build.query, let trace = traces[name] else {
            return Checked(name: name, schema: NodeSchema.model(spec, declared: DeclaredColumns(spec), inferred: nil).relation())
        }
        var problems: [Diagnostic] = []
        var binder = makeBinder(trace.full, lookup: lookup, schemas: schemas, injected: injected)
        let shape = binder.bindQuery(query)
        problems += binder.diagnostics
        var filters = binder.filters
        var joins = binder.joins
        ContractChecker.checkDuplicates(name, produced: shape, &problems)
        let declared = DeclaredColumns(spec)
        ContractChecker.check(spec, declared: declared, produced: shape, &problems)
        ContractChecker.checkKeys(spec, produced: shape, &problems)
        let personal = PersonalDataChecker.check(spec, produced: shape, names: names, upstream: upstreamPersonal, &problems)
        // A model whose SQL names a column that does not exist offers its readers its declared
        // columns, or else a relation of unknown shape: its select list may carry the typo as a
        // column name (`plan_tierr`), and a reader of the right name would get a second error
        // whose did-you-mean proposes the typo. One typo, one error.
        var offered = shape
        if problems.contains(where: { $0.code == .unresolvedColumn }) { offered.open = true }
        let schema = NodeSchema.model(spec, declared: declared, inferred: offered).relation()
        if let incremental = build.incrementalQuery, let incrementalTrace = trace.incremental {
            var second = makeBinder(incrementalTrace, lookup: lookup, schemas: schemas, injected: injected, own: (.model(name), schema))
            let incrementalShape = second.bindQuery(incremental)
            // The MERGE of an incremental run writes the declared columns from this query: it
            // is held to the contract too, and its findings say which rendering they are about.
            var contract: [Diagnostic] = []
            ContractChecker.checkDuplicates(name, produced: incrementalShape, &contract)
            ContractChecker.check(spec, declared: declared, produced: incrementalShape, &contract)
            for var diagnostic in contract {
                diagnostic.message += " (with is_incremental() true)"
                second.diagnostics.append(diagnostic)
            }
            ContractChecker.checkIncremental(spec, full: shape, incremental: incrementalShape, &second.diagnostics)
            problems += Diagnostics.new(second.diagnostics, besides: problems)
            filters.merge(second.filters)
            joins.merge(second.joins)
            // The model's own table only filters incremental runs; it is not an upstream.
            filters = filters.removing(node: .model(name))
            joins = joins.removing(node: .model(name))
        }
        guard inferSchemas else { return Checked(name: name, schema: schema, problems: problems, personal: personal) }
        let inferred = ModelSchema(
            columns: shape.columns.map { InferredColumn(name: $0.name.description, type: $0.type, lineage: $0.lineage.edges) },
            complete: !shape.open, filters: filters.origins, joins: joins.origins)
        return Checked(name: name, schema: schema, inferred: inferred, problems: problems, personal: personal)
    }

    static func key(_ relation: Relation) -> String {
        [relation.database, relation.schema, relation.name].map { SQLName($0).normalized }.joined(separator: ".")
    }

    func makeBinder(
        _ trace: RenderTrace, lookup: Lookup, schemas: [NodeID: ScopeRelation], injected: [String: ScopeRelation],
        own: (node: NodeID, schema: ScopeRelation)? = nil
    ) -> QueryBinder {
        let map = trace.sourceMap
        let expansions = MacroExpansion.index(trace.macroCalls, in: map)
        let relationIndex = lookup.relationIndex
        let modelNames = lookup.modelNames
        return QueryBinder(
            locate: { map.location(ofByte: $0) },
            resolveTable: { parts in
                guard parts.count == 3 else { return nil }
                let key = parts.map(\.normalized).joined(separator: ".")
                guard let node = relationIndex[key] else { return nil }
                if let own, own.node == node { return own.schema }
                return schemas[node]
            },
            injectedCTEs: injected, strict: strict, expansions: expansions,
            nodeNamedDirectly: { parts, offset in
                // `ref()` and `source()` write three-part names: one in the template's own text
                // was written by hand. No template call writes a model's bare name.
                switch parts.count {
                case 1: return modelNames[parts[0].normalized]
                case 3: return map.isLiteral(ofByte: offset) ? relationIndex[parts.map(\.normalized).joined(separator: ".")] : nil
                default: return nil
                }
            })
    }
}
