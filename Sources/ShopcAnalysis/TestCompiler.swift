import OrderedCollections
import ShopcBase
import ShopcSpec
import ShopcSQL
import ShopcTemplate

/// Compiles every checked test to its failing-rows query for each target: built-in tests from
/// `BuiltinTestSQL`, generic and singular tests by rendering their templates (with `ref`,
/// `source`, `var`, macros), the `where` config as a CTE over the tested relation.
struct TestCompiler {
    let renderer: TemplateRenderer
    /// One render scope per target, in target order.
    let scopes: [TargetScope]
    /// The relations type checking built for one target: a test's `where` and a singular test
    /// are bound over them there (once, not per target).
    var relations: Relations?

    struct Relations {
        var target: String
        var byNode: [NodeID: ScopeRelation]
        /// Three-part relation name (normalized) → node, as type checking resolves tables.
        var index: [String: NodeID]
        /// A model's bare name (normalized) → node, to catch a model named without `ref()`.
        var modelNames: [String: NodeID] = [:]
    }

    /// The tests with `compiledSQL` filled for every target they compile in, and `dependsOn`
    /// extended with what their templates read.
    func compile(_ tests: [CheckedTest], _ d: inout Diagnostics) -> [TestInfo] {
        var templates: [String: Template] = [:]
        var broken: Set<String> = []
        for test in tests {
            guard let generic = test.generic, templates[generic.name.value] == nil, !broken.contains(generic.name.value) else { continue }
            do {
                templates[generic.name.value] = try Template.parse(generic.sql.value, origin: generic.sqlOrigin)
            } catch {
                d.emit(error.diagnostic)
                broken.insert(generic.name.value)
            }
        }
        // Tests compile independently (rendered, parsed and bound): on all cores, their
        // findings merged in test order.
        let parsed = templates
        let compiled = Parallel.map(tests) { test -> (info: TestInfo, diagnostics: [Diagnostic]) in
            var info = test.info
            var reads = OrderedSet(info.dependsOn)
            var perTarget: [(target: String, diagnostics: [Diagnostic])] = []
            var bound: [Diagnostic] = []  // binding runs in one target: reported as it is
            for scope in scopes {
                var d = Diagnostics()
                var host = RenderHost(scope: scope, renderer: renderer, incremental: false)
                let sql = compile(test, in: scope, templates: parsed, host: &host, &d, bound: &bound)
                d.emit(contentsOf: host.diagnostics)
                perTarget.append((scope.target.name.value, d.all))
                for ref in host.refs where ref.node != info.node { reads.append(ref.node) }
                if let sql { info.compiledSQL[scope.target.name.value] = sql }
            }
            info.dependsOn = reads.sorted()
            // One report for what every target finds alike, as for models.
            return (info, ProjectAnalyzer.namingTargets(perTarget) + bound)
        }
        var out: [TestInfo] = []
        out.reserveCapacity(compiled.count)
        for result in compiled {
            d.emit(contentsOf: result.diagnostics)
            out.append(result.info)
        }
        return out
    }

    /// The relation of a node in a target.
    static func relation(_ node: NodeID, in scope: TargetScope) -> Relation? {
        switch node {
        case .model(let name): scope.modelRelations[name]
        case .source(let source, let table): scope.sourceRelations[source]?[table]
        }
    }

    private func compile(
        _ test: CheckedTest, in scope: TargetScope, templates: [String: Template], host: inout RenderHost, _ d: inout Diagnostics,
        bound: inout [Diagnostic]
    ) -> String? {
        if let singular = test.singular {
            return render(singular.sql.value, origin: singular.sqlOrigin, globals: scope.globals, host: &host, &d, bound: &bound,
                          check: .query("singular test '\(singular.name.value)'", over: relations?.target == scope.target.name.value ? relations : nil))
        }
        guard let node = test.info.node, let relation = Self.relation(node, in: scope) else { return nil }
        if let freshness = test.freshness {
            return BuiltinTestSQL.freshness(freshness, relation: relation.description, loadedAtType: test.loadedAtType)
        }
        var filtered: String?
        if let clause = test.whereClause {
            let origin = TextOrigin(file: clause.location.file, layout: .opaque(line: clause.location.line, column: clause.location.column))
            let over = relations.flatMap { $0.target == scope.target.name.value ? $0.byNode[node] : nil }
            guard let condition = render(clause.value, origin: origin, globals: scope.globals, host: &host, &d, bound: &bound,
                                         check: .expression("the 'where' of test '\(test.info.name)'", over: over.map { (node, $0) })) else { return nil }
            filtered = BuiltinTestSQL.filtered(relation.description, where: condition)
        }
        let model = filtered == nil ? relation.description : BuiltinTestSQL.filteredName
        var sql: String
        if let builtin = test.builtin {
            var parent: String?
            if case .relationships(let to, _) = builtin {
                parent = Self.relation(to, in: scope)?.description
            }
            sql = BuiltinTestSQL.sql(builtin, model: model, column: test.info.column, parent: parent)
        } else if let generic = test.generic, let template = templates[generic.name.value] {
            var globals = scope.globals
            globals["model"] = filtered == nil ? RenderHost.relationValue(relation) : .string(BuiltinTestSQL.filteredName)
            globals["column_name"] = test.info.column.map { .string($0) } ?? TemplateValue.none
            for (name, value) in test.genericArguments {
                switch value {
                case .value(let v): globals[name] = v
                case .relation(let target):
                    globals[name] = Self.relation(target, in: scope).map { RenderHost.relationValue($0) } ?? TemplateValue.none
                case .template(let text):
                    let origin = TextOrigin(file: text.location.file, layout: .opaque(line: text.location.line, column: text.location.column))
                    guard let rendered = render(text.value, origin: origin, globals: scope.globals, host: &host, &d, bound: &bound) else { return nil }
                    globals[name] = .string(rendered)
                }
            }
            let result: RenderResult
            do {
                result = try renderer.render(template, globals: globals, host: &host)
                sql = SQLText.tidy(result.text)
            } catch {
                d.emit(error.asMacroError.diagnostic)
                return nil
            }
            // Bound like a singular test, in the one target type checking ran in, with its
            // findings located in the generic test's SQL (or at what an argument rendered
            // there). With a `where`, the template reads a CTE the binder does not know: the
            // query is only parsed, below.
            if filtered == nil, let over = relations, over.target == scope.target.name.value, case .success(let query) = SQLParser.parseQuery(result.text) {
                bound += Self.bind(query, over: over, map: result.sourceMap)
            }
            if sql.isEmpty {
                d.error(.emptyModel, "generic test '\(generic.name.value)' renders to empty SQL for '\(test.info.name)' in target '\(scope.target.name.value)'",
                        at: generic.sql.location)
                return nil
            }
        } else {
            return nil
        }
        if let filtered { sql = SQLText.injectCTEs([(BuiltinTestSQL.filteredName, filtered)], into: sql) }
        // What the test's own texts could not be checked for alone (arguments such as an
        // `expression`, a generic test's template) is checked in the query they end up in.
        if case .failure(let error) = SQLParser.parseQuery(sql) {
            d.error(.sqlSyntax, "the SQL of test '\(test.info.name)' does not parse in target '\(scope.target.name.value)': \(error.message)",
                    at: test.location, notes: [DiagnosticNote("near: \(Self.excerpt(sql, at: error.offset))")])
            return nil
        }
        return sql
    }

    /// Binds a test's `where` over the columns of the tested node, as the WHERE of a query
    /// reading it: unknown columns (with did-you-mean) and a non-boolean condition are located in
    /// the `where` text.
    static func bind(_ condition: Expr, over: (node: NodeID, relation: ScopeRelation), map: SourceMap) -> [Diagnostic] {
        var binder = QueryBinder(locate: { map.location(ofByte: $0) }, resolveTable: { _ in nil }, injectedCTEs: [:], strict: false, expansions: [:])
        var relation = over.relation
        relation.key = switch over.node {
        case .model(let name): SQLName(name).normalized
        case .source(_, let table): SQLName(table).normalized
        }
        var context = ExprContext(scope: FromScope(relations: [relation]), clause: .whereClause)
        let typed = binder.typeExpr(condition, &context)
        binder.requireBoolean(typed, condition, clause: "'where'")
        return binder.diagnostics
    }

    /// Binds a test's query over the type-checked relations, located through `map`.
    static func bind(_ query: Query, over: Relations, map: SourceMap) -> [Diagnostic] {
        var binder = QueryBinder(
            locate: { map.location(ofByte: $0) },
            resolveTable: { parts in
                guard parts.count == 3, let node = over.index[parts.map(\.normalized).joined(separator: ".")] else { return nil }
                return over.byNode[node]
            },
            injectedCTEs: [:], strict: false, expansions: [:],
            nodeNamedDirectly: { parts, offset in
                // As in models (SHP3012): a bare model name, or a three-part name the test's
                // own text writes, is read without a dependency.
                switch parts.count {
                case 1: return over.modelNames[parts[0].normalized]
                case 3: return map.isLiteral(ofByte: offset) ? over.index[parts.map(\.normalized).joined(separator: ".")] : nil
                default: return nil
                }
            })
        _ = binder.bindQuery(query)
        return binder.diagnostics
    }

    /// The line of `sql` holding byte `offset`, trimmed, for a note.
    static func excerpt(_ sql: String, at offset: Int) -> String {
        let bytes = Array(sql.utf8)
        let at = min(max(0, offset), bytes.count)
        let start = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let end = bytes[at...].firstIndex(of: 0x0A) ?? bytes.count
        return String(decoding: bytes[start..<end], as: UTF8.self).trimmingWhitespace()
    }

    /// What a rendered text must parse as, and how a syntax error names it.
    enum SyntaxCheck {
        /// A query, bound over the checked relations when given.
        case query(String, over: Relations?)
        /// An expression, bound over the columns of a node when given.
        case expression(String, over: (node: NodeID, relation: ScopeRelation)?)
    }

    private func render(
        _ text: String, origin: TextOrigin, globals: [String: TemplateValue], host: inout RenderHost, _ d: inout Diagnostics,
        bound: inout [Diagnostic], check: SyntaxCheck? = nil
    ) -> String? {
        do {
            let template = try Template.parse(text, origin: origin)
            let result = try renderer.render(template, globals: globals, host: &host)
            let sql = SQLText.tidy(result.text)
            if sql.isEmpty {
                d.error(.emptyModel, "test SQL renders to nothing in target '\(host.scope.target.name.value)'", at: origin.start)
                return nil
            }
            switch check {
            case .query(let what, let over):
                switch SQLParser.parseQuery(result.text) {
                case .failure(let error):
                    d.error(.sqlSyntax, "SQL syntax error in \(what): \(error.message)", at: result.sourceMap.location(ofByte: error.offset))
                    return nil
                case .success(let query):
                    guard let over else { break }
                    let diagnostics = Self.bind(query, over: over, map: result.sourceMap)
                    bound += diagnostics
                    if diagnostics.contains(where: { $0.severity == .error }) { return nil }
                }
            case .expression(let what, let over):
                switch SQLParser.parseExpression(result.text) {
                case .failure(let error):
                    d.error(.sqlSyntax, "SQL syntax error in \(what): \(error.message)", at: result.sourceMap.location(ofByte: error.offset))
                    return nil
                case .success(let condition):
                    guard let over else { break }
                    let problems = Self.bind(condition, over: over, map: result.sourceMap)
                    bound += problems
                    if problems.contains(where: { $0.severity == .error }) { return nil }
                }
            case nil:
                break
            }
            return sql
        } catch {
            d.emit(error.asMacroError.diagnostic)
            return nil
        }
    }
}

private extension Result {
    /// The error of a failure; nil for a success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
