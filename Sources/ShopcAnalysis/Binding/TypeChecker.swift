import ShopcBase
import ShopcSQL
import ShopcSpec
import ShopcTemplate

/// Stage 3 (analyse): binds every model of the default target in dependency order, infers its
/// output schema from its sources' declared columns and its parent models' inferred schemas,
/// checks contracts and macro call sites, and records column lineage. Types do not depend on
/// the target, so one target is enough; each upstream schema is computed once.
struct TypeChecker {
    let order: [String]
    let names: NameTable
    let scope: TargetScope
    let builds: [String: ModelBuild]
    let traces: [String: ModelTrace]
    let strict: Bool

    /// Runs the checks; returns each model's schema.
    func run(_ d: inout Diagnostics) -> [String: ModelSchema] {
        var schemas: [NodeID: NodeSchema] = [:]
        var relationIndex: [String: NodeID] = [:]
        for (source, tables) in scope.sourceRelations {
            for (table, relation) in tables {
                relationIndex[Self.key(relation)] = .source(source: source, table: table)
                if let spec = names.sourceTables[source]?[table] { schemas[.source(source: source, table: table)] = NodeSchema.source(source, spec) }
            }
        }
        for (model, relation) in scope.modelRelations where !scope.ephemeral.contains(model) {
            relationIndex[Self.key(relation)] = .model(model)
        }
        var out: [String: ModelSchema] = [:]
        for name in order {
            guard let spec = names.models[name] else { continue }
            guard let build = builds[name], let query = build.query, let trace = traces[name] else {
                schemas[.model(name)] = NodeSchema.model(spec, inferred: nil)
                continue
            }
            var injected: [String: ScopeRelation] = [:]
            for model in scope.ephemeral {
                guard let relation = scope.modelRelations[model], let schema = schemas[.model(model)] else { continue }
                var r = schema.relation()
                r.key = SQLName(relation.name).normalized
                injected[r.key] = r
            }
            var problems: [Diagnostic] = []
            // Binders read `schemas` through a closure; each is dropped before `schemas` changes,
            // so adding a model's schema never copies the dictionary (which made checking
            // quadratic in the number of models).
            let shape: RelationShape
            var filters: LineageSet
            var joins: LineageSet
            do {
                var binder = makeBinder(trace.full, relationIndex: relationIndex, schemas: schemas, injected: injected)
                shape = binder.bindQuery(query)
                problems += binder.diagnostics
                filters = binder.filters
                joins = binder.joins
            }
            ContractChecker.checkDuplicates(name, produced: shape, &problems)
            ContractChecker.check(spec, produced: shape, &problems)
            let schema = NodeSchema.model(spec, inferred: shape)
            if let incremental = build.incrementalQuery, let incrementalTrace = trace.incremental {
                var second = makeBinder(incrementalTrace, relationIndex: relationIndex, schemas: schemas, injected: injected, own: (.model(name), schema))
                _ = second.bindQuery(incremental)
                problems += second.diagnostics
                filters.merge(second.filters)
                joins.merge(second.joins)
                // The model's own table only filters incremental runs; it is not an upstream.
                filters = filters.filter { $0.key.node != .model(name) }
                joins = joins.filter { $0.key.node != .model(name) }
            }
            schemas[.model(name)] = schema
            var seen = Set<String>()
            for problem in problems where seen.insert("\(problem.location?.description ?? "") \(problem.code.rawValue) \(problem.message)").inserted {
                d.emit(problem)
            }
            out[name] = ModelSchema(
                columns: shape.columns.map { InferredColumn(name: $0.name.description, type: $0.type, lineage: $0.lineage.edges) },
                complete: !shape.open, filters: filters.keys.sorted(), joins: joins.keys.sorted())
        }
        return out
    }

    static func key(_ relation: Relation) -> String {
        [relation.database, relation.schema, relation.name].map { SQLName($0).normalized }.joined(separator: ".")
    }

    func makeBinder(
        _ trace: RenderTrace, relationIndex: [String: NodeID], schemas: [NodeID: NodeSchema], injected: [String: ScopeRelation],
        own: (node: NodeID, schema: NodeSchema)? = nil
    ) -> QueryBinder {
        let map = trace.sourceMap
        var expansions: [Int: MacroExpansion] = [:]
        if !trace.macroCalls.isEmpty {
            // A call inside a loop renders once per iteration: match the n-th call at a location
            // with the n-th output of that expression.
            var outputs: [SourceLocation: [(start: Int, end: Int)]] = [:]
            for output in map.expressionOutputs { outputs[output.location, default: []].append((output.start, output.end)) }
            var used: [SourceLocation: Int] = [:]
            for call in trace.macroCalls {
                let index = used[call.location, default: 0]
                used[call.location] = index + 1
                guard let candidates = outputs[call.location], index < candidates.count else { continue }
                expansions[candidates[index].start] = MacroExpansion(call: call, end: candidates[index].end)
            }
        }
        return QueryBinder(
            locate: { map.location(ofByte: $0) },
            resolveTable: { parts in
                guard parts.count == 3 else { return nil }
                let key = parts.map(\.normalized).joined(separator: ".")
                guard let node = relationIndex[key] else { return nil }
                if let own, own.node == node { return own.schema.relation() }
                guard let schema = schemas[node] else { return nil }
                return schema.relation()
            },
            injectedCTEs: injected, strict: strict, expansions: expansions)
    }
}
