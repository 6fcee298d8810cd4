import ShopcBase
import ShopcSpec
import ShopcTemplate

/// The checks of user-defined generic tests and of source freshness.
extension TestChecker {
    /// Checks the arguments given to a generic test against its declaration (names, required
    /// arguments, `MacroArgumentType`s, columns and relations); returns the bound arguments,
    /// defaults included, or nil when one is wrong (reported).
    func checkGeneric(_ spec: GenericTestSpec, _ arguments: [Argument], test: TestSpec, owner: Owner, column: TestedColumn?,
                      _ d: inout Diagnostics) -> [(name: String, value: GenericArgument)]? {
        let kind = spec.name.value
        let implicit: Set<String> = ["model", "column_name"]
        let declared = spec.arguments.filter { !implicit.contains($0.name.value) }
        var ok = true
        if let columnArgument = spec.arguments.first(where: { $0.name.value == "column_name" }) {
            if let column {
                ok = checkColumnFamily(column, expected: columnArgument.type.value, test: kind, at: test.name.location, &d) && ok
            } else if columnArgument.defaultValue == nil {
                d.error(.invalidTestArguments, "test '\(kind)' applies to a column; declare it under the column's 'tests' or pass 'column_name'",
                        at: test.name.location, notes: [DiagnosticNote("'column_name' is declared here", at: columnArgument.name.location)])
                return nil
            }
        }
        var bound: [(name: String, value: GenericArgument)] = []
        let given = Dictionary(arguments.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        for argument in arguments where !declared.contains(where: { $0.name.value == argument.name.value }) {
            let note = implicit.contains(argument.name.value)
                ? DiagnosticNote("'\(argument.name.value)' is bound by shopc")
                : Suggestion.note(for: argument.name.value, in: declared.map(\.name.value))
            d.error(.invalidTestArguments, "test '\(kind)' has no argument '\(argument.name.value)'", at: argument.name.location, notes: note.map { [$0] } ?? [])
            ok = false
        }
        for parameter in declared {
            let name = parameter.name.value
            let declaredNote = DiagnosticNote("'\(name)' is declared here", at: parameter.name.location)
            guard let argument = given[name] else {
                if case .string(let text)? = parameter.defaultValue, text.contains("{{") || text.contains("{%") {
                    bound.append((name, .template(Located(text, at: parameter.location))))
                } else if let defaultValue = parameter.defaultValue {
                    bound.append((name, .value(TemplateValues.from(defaultValue))))
                } else {
                    d.error(.invalidTestArguments, "test '\(kind)' needs argument '\(name)'", at: test.name.location, notes: [declaredNote])
                    ok = false
                }
                continue
            }
            let type = MacroArgumentType(parameter.type.value)
            let value = TemplateValues.from(argument.value)
            if let problem = type.mismatch(value) {
                d.error(.invalidTestArguments, "argument '\(name)' of test '\(kind)' expects \(problem.expected), got \(problem.actual)",
                        at: argument.node.location, notes: [declaredNote])
                ok = false
                continue
            }
            switch (type.kind, argument.value) {
            case ("relation", .string(let text)):
                guard let target = resolveRelation(text, at: argument.node.location, &d) else {
                    ok = false
                    continue
                }
                bound.append((name, .relation(target.node)))
            case ("column", .string(let text)):
                if let found = owner.column(named: text) {
                    ok = checkColumnFamily(found, expected: parameter.type.value, test: kind, at: argument.node.location, &d) && ok
                } else if !owner.columns.isEmpty {
                    unknownColumn(text, in: owner, at: argument.node.location, &d)
                    ok = false
                }
                bound.append((name, .value(value)))
            case (_, .string(let text)) where text.contains("{{") || text.contains("{%"):
                bound.append((name, .template(Located(text, at: argument.node.location))))
            default:
                bound.append((name, .value(value)))
            }
        }
        return ok ? bound : nil
    }

    /// For a `column TYPE` argument: the column's declared type must be of TYPE's family.
    func checkColumnFamily(_ column: TestedColumn, expected: String, test: String, at location: SourceLocation, _ d: inout Diagnostics) -> Bool {
        let words = expected.split(separator: " ")
        guard words.count >= 2, let want = ColumnTypeFamily.named(String(words[1])),
              let type = column.type, let have = ColumnTypeFamily(declaredType: type.value), have != want else { return true }
        d.error(.testColumnType, "test '\(test)' needs a \(want.rawValue) column, but '\(column.name)' is \(type.value)", at: location,
                notes: [DiagnosticNote("'\(column.name)' is declared as \(type.value) here", at: type.location)])
        return false
    }

    /// The freshness check of a source table (its own thresholds or its source's), or nil when
    /// it has none or they cannot be checked (reported).
    func freshness(source: SourceSpec, table: SourceTableSpec, owner: Owner, _ d: inout Diagnostics) -> CheckedTest? {
        guard let spec = table.freshness ?? source.freshness, spec.warnAfter != nil || spec.errorAfter != nil else { return nil }
        let where_ = "\(source.name.value).\(table.name.value)"
        guard let field = table.loadedAtField ?? source.loadedAtField else {
            d.error(.missingField, "freshness of '\(where_)' needs a 'loaded_at_field' on the table or its source", at: spec.location)
            return nil
        }
        var type: String?
        if let column = owner.column(named: field.value) {
            type = column.type?.value
            if let declared = column.type, let family = ColumnTypeFamily(declaredType: declared.value), family != .dateTime {
                d.error(.testColumnType, "loaded_at_field '\(column.name)' of '\(where_)' must be a date/time column, but it is \(declared.value)",
                        at: field.location, notes: [DiagnosticNote("'\(column.name)' is declared as \(declared.value) here", at: declared.location)])
                return nil
            }
        } else if table.metadataColumns?.value == true, let metadata = MetadataColumns.all.first(where: { $0.name == field.value.lowercased() }) {
            // A load metadata column (`_loaded_at` is TIMESTAMP_LTZ: its age is measured against
            // CURRENT_TIMESTAMP(), not the UTC wall clock).
            type = metadata.type
        } else if !owner.columns.isEmpty && table.metadataColumns?.value != true {
            // The ingestion checks report an unknown loaded_at_field (SHP5007); no test is built.
            return nil
        }
        let warn = spec.warnAfter.map { (count: $0.count.value, period: $0.period.value) }
        let error = spec.errorAfter.map { (count: $0.count.value, period: $0.period.value) }
        if let warn, let error, Self.minutes(warn) >= Self.minutes(error), let location = spec.warnAfter?.count.location {
            d.warning(.invalidValue, "warn_after (\(warn.count) \(warn.period)) of '\(where_)' is not shorter than error_after (\(error.count) \(error.period)): it can never warn",
                      at: location)
        }
        let info = FreshnessInfo(warnAfter: warn, errorAfter: error, loadedAtField: field.value)
        func age(_ t: (count: Int, period: String)) -> String { "\(t.count) \(t.period)\(t.count == 1 ? "" : "s")" }
        var text: [String] = []
        if let warn { text.append("warns when the newest \(field.value) is more than \(age(warn)) old") }
        if let error { text.append(warn == nil ? "fails when the newest \(field.value) is more than \(age(error)) old" : "fails when it is more than \(age(error)) old") }
        return CheckedTest(
            info: TestInfo(
                name: "freshness_\(owner.label)", kind: "freshness", node: owner.node, column: field.value, arguments: [],
                severity: error == nil ? "warn" : "error", warnIf: .anyFailure, errorIf: .anyFailure, whereClause: nil, limit: nil,
                tags: [], dependsOn: [], compiledSQL: [:], description: "Source freshness: " + text.joined(separator: "; ") + ".",
                file: spec.location.file),
            freshness: info, loadedAtType: type)
    }

    /// A freshness threshold in minutes.
    static func minutes(_ threshold: (count: Int, period: String)) -> Int {
        let perPeriod = ["minute": 1, "hour": 60, "day": 1440][threshold.period] ?? 1
        let (product, overflow) = threshold.count.multipliedReportingOverflow(by: perPeriod)
        return overflow ? Int.max : product
    }
}
