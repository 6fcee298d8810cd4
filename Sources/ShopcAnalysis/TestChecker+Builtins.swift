import ShopcBase
import ShopcSpec

/// The argument checks of the built-in tests.
extension TestChecker {
    typealias Argument = (name: Located<String>, value: SpecValue, node: SpecNode)

    /// Checks a built-in test's arguments; nil when one is wrong (reported).
    func checkBuiltin(_ kind: String, _ arguments: [Argument], test: TestSpec, owner: Owner, column: TestedColumn?,
                      catalog: (required: [String], optional: [String], scope: TestScope), _ d: inout Diagnostics) -> BuiltinTest? {
        var ok = true
        let given = Set(arguments.map(\.name.value))
        for name in catalog.required where !given.contains(name) {
            d.error(.invalidTestArguments, "test '\(kind)' needs argument '\(name)'", at: test.name.location)
            ok = false
        }
        for argument in arguments where !catalog.required.contains(argument.name.value) && !catalog.optional.contains(argument.name.value) {
            d.error(.invalidTestArguments, "test '\(kind)' has no argument '\(argument.name.value)'", at: argument.name.location,
                    notes: Suggestion.note(for: argument.name.value, in: catalog.required + catalog.optional).map { [$0] } ?? [])
            ok = false
        }
        guard ok else { return nil }
        let byName = Dictionary(arguments.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        switch kind {
        case "not_null": return .notNull
        case "unique": return .unique
        case "not_empty": return .notEmpty
        case "accepted_values":
            guard let values = byName["values"] else { return nil }
            return acceptedValues(values, quote: byName["quote"], column: column, &d)
        case "accepted_range":
            return acceptedRange(byName, test: test, column: column, &d)
        case "relationships":
            guard let to = byName["to"], let field = byName["field"] else { return nil }
            return relationships(to: to, field: field, column: column, &d)
        case "unique_combination_of_columns":
            guard let argument = byName["combination_of_columns"] else { return nil }
            guard case .sequence(let seq) = argument.node, !seq.items.isEmpty else {
                d.error(.invalidTestArguments, "'combination_of_columns' must be a non-empty list of column names", at: argument.node.location)
                return nil
            }
            var columns: [String] = []
            for item in seq.items {
                guard case .scalar(let s) = item, case .string(let name) = s.resolved else {
                    d.error(.invalidTestArguments, "'combination_of_columns' items must be column names, found \(item.kindDescription)", at: item.location)
                    ok = false
                    continue
                }
                if let found = owner.column(named: name) {
                    columns.append(found.name)
                } else if owner.columns.isEmpty, Identifier.isValid(name) {
                    columns.append(name)
                } else {
                    unknownColumn(name, in: owner, at: s.location, &d)
                    ok = false
                }
            }
            return ok ? .uniqueCombination(columns) : nil
        case "expression_is_true":
            guard let argument = byName["expression"] else { return nil }
            guard case .string(let expression) = argument.value, !expression.trimmingWhitespace().isEmpty else {
                d.error(.invalidTestArguments, "'expression' must be a SQL expression (a non-empty string), found \(argument.node.kindDescription)", at: argument.node.location)
                return nil
            }
            return .expressionIsTrue(expression.trimmingWhitespace())
        case "row_count":
            var bounds: [String: Int] = [:]
            for key in ["min", "max"] {
                guard let argument = byName[key] else { continue }
                guard case .int(let n) = argument.value, n >= 0 else {
                    d.error(.invalidTestArguments, "'\(key)' of row_count must be a whole number of rows, found \(argument.node.kindDescription)", at: argument.node.location)
                    ok = false
                    continue
                }
                bounds[key] = n
            }
            if ok, bounds.isEmpty {
                d.error(.invalidTestArguments, "test 'row_count' needs 'min', 'max' or both", at: test.name.location)
                return nil
            }
            if let lo = bounds["min"], let hi = bounds["max"], lo > hi, let argument = byName["min"] {
                d.error(.invalidTestArguments, "'min' (\(lo)) is greater than 'max' (\(hi)): no row count can pass", at: argument.node.location)
                return nil
            }
            return ok ? .rowCount(min: bounds["min"], max: bounds["max"]) : nil
        default: return nil
        }
    }

    /// `accepted_values`: a non-empty list whose items fit the column's declared type.
    func acceptedValues(_ argument: Argument, quote: Argument?, column: TestedColumn?, _ d: inout Diagnostics) -> BuiltinTest? {
        var quoted = true
        if let quote {
            guard case .bool(let b) = quote.value else {
                d.error(.invalidTestArguments, "'quote' must be true or false, found \(quote.node.kindDescription)", at: quote.node.location)
                return nil
            }
            quoted = b
        }
        guard case .sequence(let seq) = argument.node, !seq.items.isEmpty else {
            d.error(.invalidTestArguments, "'values' must be a non-empty list", at: argument.node.location)
            return nil
        }
        let type = column?.type
        let family = type.flatMap { ColumnTypeFamily(declaredType: $0.value) }
        let maxLength = type.flatMap { ColumnTypeFamily.textLength($0.value) }
        var literals: [String] = []
        var ok = true
        func reject(_ what: String, at location: SourceLocation) {
            var notes: [DiagnosticNote] = []
            if let column, let type { notes.append(DiagnosticNote("'\(column.name)' is declared as \(type.value) here", at: type.location)) }
            d.error(.acceptedValueType, what, at: location, notes: notes)
            ok = false
        }
        for item in seq.items {
            guard case .scalar(let s) = item else {
                d.error(.invalidTestArguments, "'values' items must be scalars, found \(item.kindDescription)", at: item.location)
                ok = false
                continue
            }
            let columnName = column?.name ?? "the column"
            switch s.resolved {
            case .null:
                reject("null in accepted_values never matches (NOT IN with a NULL is never true); test NULLs with not_null", at: s.location)
            case _ where !quoted:
                literals.append(s.text)
            case .bool(let b):
                if let family, family != .boolean, family != .text, family != .semiStructured {
                    reject("\(b ? "true" : "false") does not fit \(family.rawValue) column '\(columnName)'", at: s.location)
                }
                literals.append(family == .text ? BuiltinTest.literal(s.text) : (b ? "TRUE" : "FALSE"))
            case .int, .double:
                if let family, family != .numeric, family != .text, family != .semiStructured {
                    reject("\(s.text) does not fit \(family.rawValue) column '\(columnName)'", at: s.location)
                }
                literals.append(family == .text ? BuiltinTest.literal(s.text) : s.text)
            case .string(let text):
                switch family {
                case .numeric?:
                    if Double(text) == nil { reject("'\(Identifier.printable(text))' is not a number, but '\(columnName)' is numeric", at: s.location) }
                case .boolean?:
                    if !["true", "false"].contains(text.lowercased()) { reject("'\(Identifier.printable(text))' is not a boolean, but '\(columnName)' is BOOLEAN", at: s.location) }
                case .dateTime?:
                    if !Self.looksTemporal(text) { reject("'\(Identifier.printable(text))' is not a date or time, but '\(columnName)' is \(type?.value ?? "date/time")", at: s.location) }
                case .text?:
                    if let maxLength, text.count > maxLength {
                        reject("'\(Identifier.printable(text))' is \(text.count) characters long, but '\(columnName)' holds at most \(maxLength)", at: s.location)
                    }
                default: break
                }
                literals.append(family == .numeric && Double(text) != nil ? text.trimmingWhitespace() : BuiltinTest.literal(text))
            }
        }
        return ok ? .acceptedValues(literals) : nil
    }

    /// `accepted_range`: a numeric or date/time column, numeric or date bounds, min <= max.
    func acceptedRange(_ byName: [String: Argument], test: TestSpec, column: TestedColumn?, _ d: inout Diagnostics) -> BuiltinTest? {
        let family = column?.type.flatMap { ColumnTypeFamily(declaredType: $0.value) }
        if let family, family != .numeric, family != .dateTime, let column, let type = column.type {
            d.error(.testColumnType, "accepted_range needs a numeric or date/time column, but '\(column.name)' is \(type.value)", at: test.name.location,
                    notes: [DiagnosticNote("'\(column.name)' is declared as \(type.value) here", at: type.location)])
            return nil
        }
        guard byName["min"] != nil || byName["max"] != nil else {
            d.error(.invalidTestArguments, "test 'accepted_range' needs 'min', 'max' or both", at: test.name.location)
            return nil
        }
        var ok = true
        var bounds: [String: (sql: String, number: Double?)] = [:]
        for key in ["min", "max"] {
            guard let argument = byName[key] else { continue }
            switch argument.value {
            case .int, .double:
                guard family != .dateTime else {
                    d.error(.invalidTestArguments, "'\(key)' must be a date or time for date/time column '\(column?.name ?? "")'", at: argument.node.location)
                    ok = false
                    continue
                }
                if case .scalar(let s) = argument.node { bounds[key] = (s.text, Double(s.text)) }
            case .string(let text) where family == .dateTime || (family == nil && Double(text) == nil && Self.looksTemporal(text)):
                guard Self.looksTemporal(text) else {
                    d.error(.invalidTestArguments, "'\(key)' must be a date or time like '2024-01-31', found '\(Identifier.printable(text))'", at: argument.node.location)
                    ok = false
                    continue
                }
                bounds[key] = (BuiltinTest.literal(text), nil)
            case .string(let text) where Double(text) != nil:
                bounds[key] = (text.trimmingWhitespace(), Double(text))
            default:
                d.error(.invalidTestArguments, "'\(key)' must be a number\(family == nil ? " or a date" : ""), found \(argument.node.kindDescription)", at: argument.node.location)
                ok = false
            }
        }
        var inclusive: [String: Bool] = [:]
        for key in ["inclusive", "min_inclusive", "max_inclusive"] {
            guard let argument = byName[key] else { continue }
            guard case .bool(let b) = argument.value else {
                d.error(.invalidTestArguments, "'\(key)' must be true or false, found \(argument.node.kindDescription)", at: argument.node.location)
                ok = false
                continue
            }
            inclusive[key] = b
        }
        guard ok else { return nil }
        if let lo = bounds["min"], let hi = bounds["max"], let a = lo.number, let b = hi.number, a > b, let argument = byName["min"] {
            d.error(.invalidTestArguments, "'min' (\(lo.sql)) is greater than 'max' (\(hi.sql)): every value would fail", at: argument.node.location)
            return nil
        }
        let all = inclusive["inclusive"] ?? true
        return .acceptedRange(min: bounds["min"]?.sql, max: bounds["max"]?.sql,
                              minInclusive: inclusive["min_inclusive"] ?? all, maxInclusive: inclusive["max_inclusive"] ?? all)
    }

    /// `relationships`: `to` names a model or source table, `field` one of its columns, of a
    /// type family compatible with the tested column.
    func relationships(to: Argument, field: Argument, column: TestedColumn?, _ d: inout Diagnostics) -> BuiltinTest? {
        guard case .string(let text) = to.value else {
            d.error(.invalidTestArguments, "'to' must be ref('model') or source('source', 'table'), found \(to.node.kindDescription)", at: to.node.location)
            return nil
        }
        guard let target = resolveRelation(text, at: to.node.location, &d) else { return nil }
        guard case .string(let fieldName) = field.value else {
            d.error(.invalidTestArguments, "'field' must be a column name, found \(field.node.kindDescription)", at: field.node.location)
            return nil
        }
        let parent = target.columns.first { $0.name.uppercased() == fieldName.uppercased() }
        if parent == nil {
            guard target.columns.isEmpty else {
                d.error(.unknownColumn, "'\(fieldName)' is not a column of '\(target.node)'", at: field.node.location,
                        notes: Suggestion.note(for: fieldName, in: target.columns.map(\.name)).map { [$0] } ?? [])
                return nil
            }
            guard Identifier.isValid(fieldName) else {
                d.error(.invalidIdentifier, "'field' must be a plain identifier, found '\(Identifier.printable(fieldName))'", at: field.node.location)
                return nil
            }
        }
        if let column, let childType = column.type, let parentType = parent?.type, let parent,
           let a = ColumnTypeFamily(declaredType: childType.value), let b = ColumnTypeFamily(declaredType: parentType.value), a != b {
            d.error(.relationshipTypeMismatch,
                    "relationships compares \(a.rawValue) column '\(column.name)' (\(childType.value)) with \(b.rawValue) column '\(parent.name)' (\(parentType.value)) of '\(target.node)'",
                    at: field.node.location,
                    notes: [DiagnosticNote("'\(column.name)' is declared as \(childType.value) here", at: childType.location),
                            DiagnosticNote("'\(parent.name)' is declared as \(parentType.value) here", at: parentType.location)])
            return nil
        }
        return .relationships(to: target.node, field: parent?.name ?? fieldName)
    }

    /// Parses `ref('m')` or `source('s', 't')` and resolves it to a node and its columns.
    func resolveRelation(_ text: String, at location: SourceLocation, _ d: inout Diagnostics) -> (node: NodeID, columns: [TestedColumn])? {
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
            if model.materialized.value == "ephemeral" {
                d.error(.invalidTestArguments, "'\(a[0])' is an ephemeral model, which has no table or view to compare with", at: location,
                        notes: [DiagnosticNote("materialize the model as a view to reference it from a test")])
                return nil
            }
            return (.model(a[0]), model.columns.map(Self.tested))
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
            return (.source(source: a[0], table: a[1]), table.columns.map(Self.tested))
        }
        d.error(.invalidTestArguments, "'to' must be ref('model') or source('source', 'table'), found '\(Identifier.printable(text))'", at: location)
        return nil
    }

    /// Whether a string reads as a date, a time or a timestamp (`2024-01-31`, `08:30`,
    /// `2024-01-31 08:30:00`).
    static func looksTemporal(_ text: String) -> Bool {
        let b = Array(text.trimmingWhitespace().utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= b.count && range.allSatisfy { b[$0] >= 48 && b[$0] <= 57 } }
        if digits(0..<4), b.count >= 10, b[4] == 45, digits(5..<7), b[7] == 45, digits(8..<10) { return true }
        if digits(0..<2), b.count >= 5, b[2] == 58, digits(3..<5) { return true }
        return false
    }
}
