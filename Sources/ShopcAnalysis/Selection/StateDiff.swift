/// `shopc diff`: what changed between an earlier manifest and the project, model by model, and
/// whether each change breaks the models downstream.
public struct StateDiff: Sendable, Equatable {
    /// One changed model.
    public struct Change: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable { case added, removed, modified }
        public var model: String
        public var kind: Kind
        public var addedColumns: [String]
        public var removedColumns: [String]
        /// Columns whose declared type changed: name, old type, new type.
        public var retypedColumns: [(name: String, old: String, new: String)]
        /// Downstream models that read a removed or retyped column, with the columns they read.
        public var brokenDownstream: [(model: String, columns: [String])]
        /// Every model downstream of this one (the deploy impact).
        public var downstream: [String]
        /// An incremental model whose columns changed: its deployed table is created only when
        /// missing, so it keeps the old columns and the next run's MERGE or INSERT fails until
        /// the table is rebuilt (dropped) or altered.
        public var tableKeepsOldColumns = false
        /// Whether the change can break a reader or the deploy: a removed or retyped column that
        /// a downstream model reads, a removed model, or an incremental table whose columns
        /// changed.
        public var breaking: Bool { kind == .removed || !brokenDownstream.isEmpty || tableKeepsOldColumns }

        public static func == (a: Change, b: Change) -> Bool {
            a.model == b.model && a.kind == b.kind && a.addedColumns == b.addedColumns && a.removedColumns == b.removedColumns
                && a.retypedColumns.map { "\($0.name) \($0.old) \($0.new)" } == b.retypedColumns.map { "\($0.name) \($0.old) \($0.new)" }
                && a.brokenDownstream.map { "\($0.model) \($0.columns)" } == b.brokenDownstream.map { "\($0.model) \($0.columns)" }
                && a.downstream == b.downstream && a.tableKeepsOldColumns == b.tableKeepsOldColumns
        }
    }

    /// Changes in dependency order (removed models last, by name).
    public var changes: [Change]

    /// Compares the project with an earlier state.
    public init(project: AnalysedProject, state: ProjectState) {
        let selector = NodeSelector(project: project, state: state)
        var changes: [Change] = []
        let checksums = project.checksums()
        for model in project.models {
            guard let previous = state.models[model.name] else {
                let downstream = selector.descendants(of: [model.name])
                changes.append(Change(model: model.name, kind: .added, addedColumns: model.columns.map(\.name), removedColumns: [],
                                      retypedColumns: [], brokenDownstream: [], downstream: downstream.map(\.name)))
                continue
            }
            guard previous.checksum != checksums[model.id] else { continue }
            let downstream = selector.descendants(of: [model.name])
            let now = Dictionary(model.columns.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
            let before = Dictionary(previous.columns.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
            let added = model.columns.filter { before[$0.name.uppercased()] == nil }.map(\.name)
            let removed = previous.columns.filter { now[$0.name.uppercased()] == nil }.map(\.name)
            var retyped: [(name: String, old: String, new: String)] = []
            for column in model.columns {
                guard let old = before[column.name.uppercased()], let oldType = old.type, let newType = column.type, oldType != newType else { continue }
                retyped.append((column.name, oldType, newType))
            }
            let risky = removed + retyped.map(\.name)
            var broken: [(model: String, columns: [String])] = []
            if !risky.isEmpty {
                for child in project.models where child.dependsOn.contains(model.id) {
                    let words = Self.identifiers(in: child.builds.values.map(\.sql).joined(separator: "\n"))
                    let used = risky.filter { words.contains($0.uppercased()) }
                    if !used.isEmpty { broken.append((child.name, used)) }
                }
            }
            var change = Change(model: model.name, kind: .modified, addedColumns: added, removedColumns: removed,
                                retypedColumns: retyped, brokenDownstream: broken, downstream: downstream.map(\.name))
            change.tableKeepsOldColumns = model.materialized == "incremental" && !(added.isEmpty && removed.isEmpty && retyped.isEmpty)
            changes.append(change)
        }
        let current = Set(project.models.map(\.name))
        for name in state.models.keys.sorted() where !current.contains(name) {
            changes.append(Change(model: name, kind: .removed, addedColumns: [], removedColumns: state.models[name]?.columns.map(\.name) ?? [],
                                  retypedColumns: [], brokenDownstream: [], downstream: []))
        }
        self.changes = changes
    }

    /// The upper-cased identifier words of a SQL text (a column read by name shows up here).
    static func identifiers(in sql: String) -> Set<String> {
        var out: Set<String> = []
        var word: [UInt8] = []
        for b in sql.utf8 {
            let isWord = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 36
            if isWord {
                word.append(b >= 97 && b <= 122 ? b - 32 : b)
            } else if !word.isEmpty {
                out.insert(String(decoding: word, as: UTF8.self))
                word.removeAll()
            }
        }
        if !word.isEmpty { out.insert(String(decoding: word, as: UTF8.self)) }
        return out
    }
}
