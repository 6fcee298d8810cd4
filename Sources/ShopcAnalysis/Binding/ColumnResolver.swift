import ShopcBase
import ShopcSQL

extension QueryBinder {
    /// Resolves a column reference in the current scope, then in select-list aliases (where the
    /// clause allows them), then in enclosing scopes (correlated subqueries). Reports unknown,
    /// ambiguous and badly qualified names; an unresolved name types as `unknown`.
    mutating func resolveColumn(_ ref: ColumnRef, _ context: ExprContext) -> Typed {
        guard let name = ref.column else { return .unknown }
        let key = name.normalized
        if ref.parts.count == 1 {
            if context.lambdaNames.contains(key) {
                localColumnReads += 1
                return Typed(type: context.lambdaTypes[key] ?? .unknown)
            }
            if let found = lookupUnqualified(name, in: context.scope, reportAmbiguity: true) {
                localColumnReads += 1
                return found
            }
            if let alias = context.aliases[key] {
                localColumnReads += 1
                return alias
            }
            if context.scope.hierarchical && key == "LEVEL" { return Typed(type: .integer) }
            for scope in outer.reversed() {
                if let found = lookupUnqualified(name, in: scope, reportAmbiguity: false) {
                    outerColumnReads += 1
                    lastOuterColumn = name
                    return found
                }
            }
            if context.scope.relations.contains(where: { $0.open }) || outer.contains(where: { $0.relations.contains { $0.open } }) {
                return Typed(type: .unknown, columnName: name)
            }
            reportUnknown(name, relations: context.scope.relations, aliases: context.aliases.keys, at: ref.range)
            return .unknown
        }
        let qualifier = ref.parts[ref.parts.count - 2].normalized
        // The current scope first, then enclosing ones, innermost first.
        for depth in 0...outer.count {
            let relations = depth == 0 ? context.scope.relations : outer[outer.count - depth].relations
            guard let index = relations.lastIndex(where: { $0.key == qualifier }) else { continue }
            if depth == 0 {
                localColumnReads += 1
            } else {
                outerColumnReads += 1
                lastOuterColumn = name
            }
            if let column = relations[index].column(key) {
                return Typed(type: column.type, lineage: column.lineage, columnName: column.name)
            }
            if relations[index].open { return Typed(type: .unknown, columnName: name) }
            reportUnknown(name, relations: [relations[index]], aliases: [], at: ref.range)
            return .unknown
        }
        let qualifierName = ref.parts[ref.parts.count - 2]
        let known = context.scope.relations.map { $0.key.lowercased() }.filter { !$0.isEmpty }
        error(.unknownQualifier, "no table or alias '\(qualifierName)' in the FROM clause", at: ref.range,
              notes: Suggestion.note(for: qualifierName.description, in: known).map { [$0] } ?? [])
        return .unknown
    }

    /// `$n` / `t.$n`: the n-th column of the named relation (or of the only one in scope) when
    /// its shape is known; otherwise unknown, never an error (staged files have no declared
    /// columns).
    func resolvePositional(_ ref: PositionalRef, _ context: ExprContext) -> Typed {
        let relations = context.scope.relations
        let relation: ScopeRelation?
        if let qualifier = ref.qualifier.last {
            relation = relations.last { $0.key == qualifier.normalized }
        } else {
            relation = relations.count == 1 ? relations.first : nil
        }
        guard let relation, !relation.open, ref.position <= relation.columns.count else { return .unknown }
        let column = relation.columns[ref.position - 1]
        return Typed(type: column.type, lineage: column.lineage, columnName: column.name)
    }

    /// An unqualified column among the relations of one scope; nil when no relation has it.
    mutating func lookupUnqualified(_ name: Identifier, in scope: FromScope, reportAmbiguity: Bool) -> Typed? {
        let key = name.normalized
        if let merged = scope.merged[key] {
            return Typed(type: merged.type, lineage: merged.lineage, columnName: merged.name)
        }
        // Count the owners without copying relations: this runs for every column reference.
        var first: (relation: Int, column: Int)?
        var owners = 0
        for r in scope.relations.indices {
            guard let c = scope.relations[r].position(of: key) else { continue }
            owners += 1
            if first == nil { first = (r, c) }
        }
        guard let found = first else { return nil }
        if owners > 1 && reportAmbiguity {
            let found = scope.relations.filter { $0.column(key) != nil }.map(\.key)
            let names = found.map { $0.isEmpty ? "a derived table" : "'\($0.lowercased())'" }
            error(.ambiguousColumn, "column '\(name)' is ambiguous: it is in \(names.joined(separator: " and "))", at: name.range,
                  notes: [DiagnosticNote("qualify it, for example '\(found[0].lowercased()).\(name)'")])
            return Typed(type: .unknown, columnName: name)
        }
        let column = scope.relations[found.relation].columns[found.column]
        return Typed(type: column.type, lineage: column.lineage, columnName: column.name)
    }

    /// Reports an unknown column with did-you-mean and a note at the upstream declaration.
    mutating func reportUnknown(_ name: Identifier, relations: [ScopeRelation], aliases: [String], at range: SourceRange) {
        var candidates: [(name: String, relation: ScopeRelation?, location: SourceLocation?)] = []
        for relation in relations {
            for column in relation.columns {
                candidates.append((column.name.description, relation, relation.origin.columnLocations[column.key] ?? column.location))
            }
        }
        for alias in aliases { candidates.append((alias.lowercased(), nil, nil)) }
        var notes: [DiagnosticNote] = []
        var where_ = ""
        if relations.count == 1, let only = relations.first {
            where_ = " in \(only.origin.description)"
        }
        if let suggestion = Suggestion.closest(to: name.description, in: candidates.map(\.name)),
            let match = candidates.first(where: { $0.name == suggestion })
        {
            notes.append(DiagnosticNote("did you mean '\(suggestion)'?", at: match.location))
            if let relation = match.relation, match.location == nil, let location = relation.origin.location {
                notes.append(DiagnosticNote(relation.origin.inferred ? "\(relation.origin.description) infers its columns from its SQL here" : "\(relation.origin.description) is declared here", at: location))
            }
        } else {
            for relation in relations.prefix(3) {
                guard let location = relation.origin.location else { continue }
                notes.append(DiagnosticNote(relation.origin.inferred ? "\(relation.origin.description) infers its columns from its SQL here" : "\(relation.origin.description) declares its columns here", at: location))
            }
        }
        error(.unresolvedColumn, "unknown column '\(name)'\(where_)", at: range, notes: notes)
    }
}
