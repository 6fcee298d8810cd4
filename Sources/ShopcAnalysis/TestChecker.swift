import ShopcBase
import ShopcSpec
import ShopcTemplate

/// A column of the node under test, with its declared type for the type checks and notes.
struct TestedColumn: Sendable {
    var name: String
    var type: Located<String>?
    var location: SourceLocation
}

/// An argument of a user-defined generic test, bound in its SQL.
enum GenericArgument: Sendable {
    /// A plain value (string, number, list...).
    case value(TemplateValue)
    /// `ref('m')` / `source('s', 't')` given to a `relation` argument, resolved per target.
    case relation(NodeID)
    /// A string holding template syntax (`"{{ var('max') }}"`), rendered per target.
    case template(Located<String>)
}

/// A test that passed its checks, with what compiling it for each target needs.
struct CheckedTest: Sendable {
    /// The test as emitters see it (`compiledSQL` is filled by `TestCompiler`).
    var info: TestInfo
    /// Built-in tests: the checked arguments.
    var builtin: BuiltinTest?
    /// User-defined generic tests: the declaration and the bound arguments.
    var generic: GenericTestSpec?
    var genericArguments: [(name: String, value: GenericArgument)] = []
    /// Singular tests: the declaration.
    var singular: SingularTestSpec?
    /// The `where` config, a template rendered per target.
    var whereClause: Located<String>?
    /// Where the test is declared (its name), for findings about its compiled SQL.
    var location: SourceLocation?
    /// Source freshness checks: the thresholds and the declared type of the loaded-at column.
    var freshness: FreshnessInfo?
    var loadedAtType: String?
}

/// Checks every declared test before anything runs: names (with did-you-mean), columns,
/// arguments and their types, relationships and thresholds; gives each test a stable, unique name.
/// Compiling the checked tests to SQL per target is `TestCompiler`'s job.
struct TestChecker {
    let specs: ProjectSpecs
    let names: NameTable

    /// The node a test is declared on.
    struct Owner {
        var node: NodeID
        var label: String
        var columns: [TestedColumn]
        var file: String
        var ephemeral: Bool

        /// The declared column of that name, ignoring case.
        func column(named name: String) -> TestedColumn? {
            columns.first { $0.name.uppercased() == name.uppercased() }
        }
    }

    /// Checks all tests; returns those that passed, in declaration order (source tables with their
    /// freshness first, then models, then singular tests).
    func check(_ d: inout Diagnostics) -> [CheckedTest] {
        let generic = genericTests(&d)
        var namer = TestNamer()
        var singularNames: [String: SourceLocation] = [:]
        var singular: [SingularTestSpec] = []
        for test in specs.singularTests {
            if let first = singularNames[test.name.value] {
                d.error(.duplicateName, "test '\(test.name.value)' is declared twice", at: test.name.location,
                        notes: [DiagnosticNote("first declared here", at: first)])
                continue
            }
            singularNames[test.name.value] = test.name.location
            namer.reserve(test.name.value)
            singular.append(test)
        }
        var out: [CheckedTest] = []
        func add(_ test: CheckedTest?) {
            guard var test else { return }
            test.info.name = namer.unique(test.info.name)
            out.append(test)
        }
        var seenTables: Set<String> = []
        for source in specs.sources {
            for table in source.tables where seenTables.insert("\(source.name.value).\(table.name.value)").inserted {
                for column in table.columns { ModelChecks.checkType(column, &d) }
                let owner = Owner(
                    node: .source(source: source.name.value, table: table.name.value), label: "\(source.name.value)_\(table.name.value)",
                    columns: table.columns.map(Self.tested), file: table.location.file, ephemeral: false)
                add(freshness(source: source, table: table, owner: owner, &d))
                for test in table.tests { add(checkTest(test, owner: owner, column: nil, generic: generic, &d)) }
                for column in table.columns {
                    for test in column.tests { add(checkTest(test, owner: owner, column: Self.tested(column), generic: generic, &d)) }
                }
            }
        }
        for model in specs.models where names.models[model.name.value]?.location == model.location {
            let owner = Owner(node: .model(model.name.value), label: model.name.value, columns: model.columns.map(Self.tested),
                              file: model.file, ephemeral: model.materialized.value == "ephemeral")
            for test in model.tests { add(checkTest(test, owner: owner, column: nil, generic: generic, &d)) }
            for column in model.columns {
                for test in column.tests { add(checkTest(test, owner: owner, column: Self.tested(column), generic: generic, &d)) }
            }
        }
        for test in singular {
            guard let thresholds = checkConfig(test.config, &d) else { continue }
            if let clause = test.config.whereClause {
                d.warning(.invalidValue, "'where' has no effect on singular test '\(test.name.value)': filter the rows in its SQL", at: clause.location)
            }
            out.append(CheckedTest(
                info: TestInfo(
                    name: test.name.value, kind: "singular", node: nil, column: nil, arguments: [],
                    severity: test.config.severity?.value ?? "error", warnIf: thresholds.warnIf, errorIf: thresholds.errorIf,
                    whereClause: nil, limit: test.config.limit?.value, tags: test.config.tags.map(\.value), dependsOn: [],
                    compiledSQL: [:], description: test.description?.value, file: test.location.file),
                singular: test))
        }
        return out
    }

    static func tested(_ c: ColumnSpec) -> TestedColumn {
        TestedColumn(name: c.name.value, type: c.type, location: c.name.location)
    }

    /// The generic tests by name; a name declared twice or hiding a built-in test is an error.
    func genericTests(_ d: inout Diagnostics) -> [String: GenericTestSpec] {
        var out: [String: GenericTestSpec] = [:]
        for test in specs.genericTests {
            if BuiltinTest.catalog[test.name.value] != nil {
                d.error(.duplicateName, "generic test '\(test.name.value)' would hide the built-in test of that name", at: test.name.location)
                continue
            }
            if let first = out[test.name.value] {
                d.error(.duplicateName, "generic test '\(test.name.value)' is declared twice", at: test.name.location,
                        notes: [DiagnosticNote("first declared here", at: first.name.location)])
                continue
            }
            out[test.name.value] = test
        }
        return out
    }

    /// Checks `warn_if`, `error_if` and `limit`; nil when one is invalid (reported).
    func checkConfig(_ config: TestConfigSpec, _ d: inout Diagnostics) -> (warnIf: TestThreshold, errorIf: TestThreshold)? {
        var ok = true
        func threshold(_ value: Located<String>?, _ key: String) -> TestThreshold {
            guard let value else { return .anyFailure }
            if let parsed = TestThreshold(parsing: value.value) { return parsed }
            d.error(.invalidTestThreshold, "invalid '\(key)' threshold '\(Identifier.printable(value.value))': expected a comparison with a whole number",
                    at: value.location, notes: [DiagnosticNote("write for example '> 10', '!= 0' or '>= 5'")])
            ok = false
            return .anyFailure
        }
        let warnIf = threshold(config.warnIf, "warn_if")
        let errorIf = threshold(config.errorIf, "error_if")
        if let limit = config.limit, limit.value <= 0 {
            d.error(.invalidValue, "'limit' must be a positive number of rows, found \(limit.value)", at: limit.location)
            ok = false
        }
        return ok ? (warnIf, errorIf) : nil
    }

    /// Checks one test declared on `owner` (under `column` when declared on a column).
    func checkTest(_ test: TestSpec, owner: Owner, column declared: TestedColumn?, generic: [String: GenericTestSpec], _ d: inout Diagnostics) -> CheckedTest? {
        let kind = test.name.value
        let builtin = BuiltinTest.catalog[kind]
        let genericSpec = generic[kind]
        guard builtin != nil || genericSpec != nil else {
            d.error(.unknownTest, "unknown test '\(kind)'", at: test.name.location,
                    notes: Suggestion.note(for: kind, in: Array(BuiltinTest.catalog.keys) + Array(generic.keys)).map { [$0] } ?? [])
            return nil
        }
        if owner.ephemeral {
            d.error(.invalidTestArguments, "test '\(kind)' is declared on ephemeral model '\(owner.label)', which has no table or view to query",
                    at: test.name.location, notes: [DiagnosticNote("materialize the model as a view to test it")])
            return nil
        }
        var arguments = test.arguments
        var column = declared
        // On a model, column tests name their column with `column_name`.
        if let index = arguments.firstIndex(where: { $0.name.value == "column_name" }), builtin?.scope != .model {
            let argument = arguments.remove(at: index)
            if declared != nil {
                d.error(.invalidTestArguments, "'column_name' is only for tests declared on the model; this test is declared under column '\(declared?.name ?? "")'",
                        at: argument.name.location)
                return nil
            }
            guard case .string(let name) = argument.value else {
                d.error(.invalidTestArguments, "'column_name' must be a column name, found \(argument.node.kindDescription)", at: argument.node.location)
                return nil
            }
            if let found = owner.column(named: name) {
                column = found
            } else if owner.columns.isEmpty {
                guard Identifier.isValid(name) else {
                    d.error(.invalidIdentifier, "'column_name' must be a plain identifier, found '\(Identifier.printable(name))'", at: argument.node.location)
                    return nil
                }
                column = TestedColumn(name: name, type: nil, location: argument.node.location)
            } else {
                unknownColumn(name, in: owner, at: argument.node.location, &d)
                return nil
            }
        }
        guard let thresholds = checkConfig(test.config, &d) else { return nil }
        var checked = CheckedTest(info: TestInfo(
            name: [kind, owner.label, column?.name].compactMap { $0 }.joined(separator: "_"), kind: kind, node: owner.node,
            column: column?.name, arguments: [], severity: test.config.severity?.value ?? "error",
            warnIf: thresholds.warnIf, errorIf: thresholds.errorIf, whereClause: test.config.whereClause?.value,
            limit: test.config.limit?.value, tags: test.config.tags.map(\.value), dependsOn: [], compiledSQL: [:],
            description: nil, file: owner.file))
        checked.whereClause = test.config.whereClause
        checked.location = test.name.location
        if let builtin {
            switch (builtin.scope, column == nil, declared == nil) {
            case (.column, true, _):
                d.error(.invalidTestArguments, "test '\(kind)' applies to a column; declare it under the column's 'tests' or pass 'column_name'", at: test.name.location)
                return nil
            case (.model, _, false):
                d.error(.invalidTestArguments, "test '\(kind)' applies to the whole \(owner.node.isSource ? "table" : "model"); declare it under its 'tests', not under a column",
                        at: test.name.location)
                return nil
            default: break
            }
            guard let parsed = checkBuiltin(kind, arguments, test: test, owner: owner, column: column, catalog: builtin, &d) else { return nil }
            checked.builtin = parsed
            if case .relationships(let target, let field) = parsed {
                checked.info.dependsOn = [target]
                checked.info.arguments = [("to", .node(target)), ("field", .value(.string(field)))]
            } else {
                checked.info.arguments = arguments.map { ($0.name.value, .value(Self.optionValue($0.value))) }
            }
            return checked
        }
        guard let genericSpec, let bound = checkGeneric(genericSpec, arguments, test: test, owner: owner, column: column, &d) else { return nil }
        checked.generic = genericSpec
        checked.genericArguments = bound
        checked.info.description = genericSpec.description?.value
        checked.info.arguments = arguments.map { ($0.name.value, .value(Self.optionValue($0.value))) }
        checked.info.dependsOn = bound.compactMap { if case .relation(let node) = $0.value { return node } else { return nil } }
        return checked
    }

    /// Reports a column that the node does not declare, with did-you-mean.
    func unknownColumn(_ name: String, in owner: Owner, at location: SourceLocation, _ d: inout Diagnostics) {
        d.error(.unknownColumn, "'\(name)' is not a column of '\(owner.node)'", at: location,
                notes: Suggestion.note(for: name, in: owner.columns.map(\.name)).map { [$0] } ?? [])
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

/// Stable unique test names: the first use of a name keeps it, later ones get `_2`, `_3`...
struct TestNamer {
    private var used: [String: Int] = [:]

    /// Marks a name as taken (singular tests keep the names their authors chose).
    mutating func reserve(_ name: String) { used[name] = 1 }

    /// Past this many bytes a derived name (test kind, model, column) is shortened: it names a
    /// file (`tests/<name>.sql`), and file names stop at 255 bytes.
    static let maxLength = 128

    /// A derived name that fits `maxLength`: longer ones keep their first 100 bytes (whole
    /// characters) and end with 16 hex digits of the whole name's SHA-256, as dbt shortens long
    /// test names.
    static func fitting(_ name: String) -> String {
        guard name.utf8.count > maxLength else { return name }
        var prefix = ""
        for character in name {
            if prefix.utf8.count + character.utf8.count > 100 { break }
            prefix.append(character)
        }
        return prefix + "_" + SHA256.hex(name).prefix(16)
    }

    /// The name (shortened when long), or that name with the first free numeric suffix.
    mutating func unique(_ derived: String) -> String {
        let base = Self.fitting(derived)
        guard used[base] != nil else {
            used[base] = 1
            return base
        }
        var n = (used[base] ?? 1) + 1
        while used["\(base)_\(n)"] != nil { n += 1 }
        used[base] = n
        used["\(base)_\(n)"] = 1
        return "\(base)_\(n)"
    }
}

extension NodeID {
    /// Whether this is a source table.
    var isSource: Bool {
        if case .source = self { return true }
        return false
    }
}
