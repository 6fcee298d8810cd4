import ShopcBase
import ShopcSpec

/// Checks that declared tests name real tests, real columns and real nodes, and gives each a
/// stable name. (Compiling tests to SQL is the test emitter's job.)
struct TestChecker {
    let specs: ProjectSpecs
    let names: NameTable

    /// Built-in generic tests and the arguments each accepts (required ones first).
    static let builtins: [String: (required: [String], optional: [String], modelLevel: Bool)] = [
        "not_null": ([], [], false),
        "unique": ([], [], false),
        "accepted_values": (["values"], ["quote"], false),
        "accepted_range": ([], ["min", "max", "inclusive", "min_inclusive", "max_inclusive"], false),
        "relationships": (["to", "field"], [], false),
        "unique_combination_of_columns": (["combination_of_columns"], [], true),
        "expression_is_true": (["expression"], [], true),
        "row_count": ([], ["min", "max"], true),
        "not_empty": ([], [], true),
    ]

    struct Owner {
        var node: NodeID
        var label: String
        var columns: [String]
        var columnsLocation: SourceLocation?
    }

    func check(_ d: inout Diagnostics, singularSQL: [String: [String: String]]) -> [TestInfo] {
        var out: [TestInfo] = []
        var usedNames: [String: Int] = [:]
        func uniqueName(_ base: String) -> String {
            let n = usedNames[base, default: 0]
            usedNames[base] = n + 1
            return n == 0 ? base : "\(base)_\(n + 1)"
        }
        let generic = Dictionary(specs.genericTests.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        for source in specs.sources {
            for table in source.tables {
                for column in table.columns { ModelChecks.checkType(column, &d) }
                let owner = Owner(node: .source(source: source.name.value, table: table.name.value), label: "\(source.name.value)_\(table.name.value)",
                                  columns: table.columns.map(\.name.value), columnsLocation: table.columns.first?.location)
                for test in table.tests { if let t = checkTest(test, owner: owner, column: nil, generic: generic, &d) { out.append(named(t, uniqueName)) } }
                for column in table.columns {
                    for test in column.tests { if let t = checkTest(test, owner: owner, column: column.name.value, generic: generic, &d) { out.append(named(t, uniqueName)) } }
                }
            }
        }
        for model in specs.models where names.models[model.name.value] != nil {
            let owner = Owner(node: .model(model.name.value), label: model.name.value, columns: model.columns.map(\.name.value), columnsLocation: model.columns.first?.location)
            for test in model.tests { if let t = checkTest(test, owner: owner, column: nil, generic: generic, &d) { out.append(named(t, uniqueName)) } }
            for column in model.columns {
                for test in column.tests { if let t = checkTest(test, owner: owner, column: column.name.value, generic: generic, &d) { out.append(named(t, uniqueName)) } }
            }
        }
        for test in specs.singularTests {
            out.append(TestInfo(
                name: uniqueName(test.name.value), kind: "singular", node: nil, column: nil, arguments: [],
                severity: test.config.severity?.value ?? "error", warnIf: test.config.warnIf?.value ?? "!=0",
                errorIf: test.config.errorIf?.value ?? "!=0", whereClause: nil, limit: test.config.limit?.value,
                tags: test.config.tags.map(\.value), dependsOn: [], compiledSQL: singularSQL[test.name.value] ?? [:]))
        }
        return out
    }

    private func named(_ t: TestInfo, _ unique: (String) -> String) -> TestInfo {
        var t = t
        t.name = unique(t.name)
        return t
    }

    func checkTest(_ test: TestSpec, owner: Owner, column: String?, generic: [String: GenericTestSpec], _ d: inout Diagnostics) -> TestInfo? {
        let kind = test.name.value
        let required: [String]
        let optional: [String]
        if let builtin = Self.builtins[kind] {
            (required, optional) = (builtin.required, builtin.optional)
            if column == nil && !builtin.modelLevel {
                d.error(.invalidTestArguments, "test '\(kind)' applies to a column; declare it under the column's 'tests'", at: test.name.location)
                return nil
            }
        } else if let g = generic[kind] {
            let implicit: Set<String> = ["model", "column_name"]
            required = g.arguments.filter { $0.defaultValue == nil && !implicit.contains($0.name.value) }.map(\.name.value)
            optional = g.arguments.filter { $0.defaultValue != nil }.map(\.name.value)
        } else {
            d.error(.unknownTest, "unknown test '\(kind)'", at: test.name.location,
                    notes: Suggestion.note(for: kind, in: Array(Self.builtins.keys) + Array(generic.keys)).map { [$0] } ?? [])
            return nil
        }
        var arguments: [(name: String, value: TestArgument)] = []
        var dependsOn: [NodeID] = []
        let given = Set(test.arguments.map(\.name.value))
        var ok = true
        for name in required where !given.contains(name) {
            d.error(.invalidTestArguments, "test '\(kind)' needs argument '\(name)'", at: test.name.location)
            ok = false
        }
        if kind == "accepted_range" && !given.contains("min") && !given.contains("max") {
            d.error(.invalidTestArguments, "test 'accepted_range' needs 'min', 'max' or both", at: test.name.location)
            ok = false
        }
        var relationshipTarget: (node: NodeID, columns: [String], location: SourceLocation)?
        for argument in test.arguments {
            let name = argument.name.value
            guard required.contains(name) || optional.contains(name) else {
                d.error(.invalidTestArguments, "test '\(kind)' has no argument '\(name)'", at: argument.name.location,
                        notes: Suggestion.note(for: name, in: required + optional).map { [$0] } ?? [])
                ok = false
                continue
            }
            if kind == "relationships" && name == "to" {
                guard case .string(let text) = argument.value, let target = resolveRelation(text, at: argument.node.location, &d) else {
                    if case .string = argument.value {} else {
                        d.error(.invalidTestArguments, "'to' must be ref('model') or source('source', 'table')", at: argument.node.location)
                    }
                    ok = false
                    continue
                }
                relationshipTarget = (target.node, target.columns, argument.node.location)
                dependsOn.append(target.node)
                arguments.append((name, .node(target.node)))
                continue
            }
            if ["combination_of_columns"].contains(name) {
                if case .list(let items) = argument.value {
                    for item in items {
                        if case .string(let c) = item { checkColumn(c, in: owner, at: argument.node.location, &d) }
                    }
                }
            }
            arguments.append((name, .value(Self.optionValue(argument.value))))
        }
        if let target = relationshipTarget, let fieldArgument = test.arguments.first(where: { $0.name.value == "field" }) {
            if case .string(let field) = fieldArgument.value {
                if !target.columns.isEmpty && !target.columns.contains(where: { $0.uppercased() == field.uppercased() }) {
                    d.error(.unknownColumn, "'\(field)' is not a column of '\(target.node)'", at: fieldArgument.node.location,
                            notes: Suggestion.note(for: field, in: target.columns).map { [$0] } ?? [])
                    ok = false
                }
            } else {
                d.error(.invalidTestArguments, "'field' must be a column name", at: fieldArgument.node.location)
                ok = false
            }
        }
        guard ok else { return nil }
        let base = [kind, owner.label, column].compactMap { $0 }.joined(separator: "_")
        return TestInfo(
            name: base, kind: kind, node: owner.node, column: column, arguments: arguments,
            severity: test.config.severity?.value ?? "error", warnIf: test.config.warnIf?.value ?? "!=0",
            errorIf: test.config.errorIf?.value ?? "!=0", whereClause: test.config.whereClause?.value,
            limit: test.config.limit?.value, tags: test.config.tags.map(\.value), dependsOn: dependsOn, compiledSQL: [:])
    }

    func checkColumn(_ name: String, in owner: Owner, at location: SourceLocation, _ d: inout Diagnostics) {
        guard !owner.columns.isEmpty, !owner.columns.contains(where: { $0.uppercased() == name.uppercased() }) else { return }
        d.error(.unknownColumn, "'\(name)' is not a column of '\(owner.node)'", at: location,
                notes: Suggestion.note(for: name, in: owner.columns).map { [$0] } ?? [])
    }

    /// Parses `ref('m')` or `source('s', 't')` and resolves it.
    func resolveRelation(_ text: String, at location: SourceLocation, _ d: inout Diagnostics) -> (node: NodeID, columns: [String])? {
        let trimmed = text.trimmingWhitespace()
        func args(_ prefix: String) -> [String]? {
            guard trimmed.hasPrefix(prefix + "("), trimmed.hasSuffix(")") else { return nil }
            let inner = trimmed.dropFirst(prefix.count + 1).dropLast()
            return inner.split(separator: ",").map { part in
                var p = String(part).trimmingWhitespace()
                if p.count >= 2, let f = p.first, f == "'" || f == "\"", p.last == f { p = String(p.dropFirst().dropLast()) }
                return p
            }
        }
        if let a = args("ref"), a.count == 1 {
            guard let model = names.models[a[0]] else {
                d.error(.unknownRef, "unknown model '\(a[0])' in relationships test", at: location,
                        notes: Suggestion.note(for: a[0], in: names.models.keys).map { [$0] } ?? [])
                return nil
            }
            return (.model(a[0]), model.columns.map(\.name.value))
        }
        if let a = args("source"), a.count == 2 {
            guard let tables = names.sourceTables[a[0]] else {
                d.error(.unknownSource, "unknown source '\(a[0])' in relationships test", at: location,
                        notes: Suggestion.note(for: a[0], in: names.sourceTables.keys).map { [$0] } ?? [])
                return nil
            }
            guard let table = tables[a[1]] else {
                d.error(.unknownSourceTable, "source '\(a[0])' has no table '\(a[1])'", at: location,
                        notes: Suggestion.note(for: a[1], in: tables.keys).map { [$0] } ?? [])
                return nil
            }
            return (.source(source: a[0], table: a[1]), table.columns.map(\.name.value))
        }
        d.error(.invalidTestArguments, "'to' must be ref('model') or source('source', 'table'), found '\(Identifier.printable(text))'", at: location)
        return nil
    }

    static func optionValue(_ v: SpecValue) -> OptionValue {
        switch v {
        case .null: .keyword("NULL")
        case .bool(let b): .bool(b)
        case .int(let i): .number(String(i))
        case .double(let x): .number(String(x))
        case .string(let s): .string(s)
        case .list(let items): .list(items.map(optionValue))
        case .map(let entries): .list(entries.map { optionValue($0.value) })
        }
    }
}
