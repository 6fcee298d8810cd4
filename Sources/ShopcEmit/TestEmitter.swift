import ShopcAnalysis
import ShopcBase
import ShopcTemplate

/// Emits the data tests of one target: `tests/<name>.sql` (the failing rows of each test, `limit`
/// applied) and `run_tests.sql`, which runs them all, records each result in
/// `<database>.<target schema>.SHOPC_TEST_RESULTS` and fails when an error-severity test failed.
/// The runner is plain SQL (no scripting), so any client, and fakesnow, can execute it.
struct TestEmitter: Sendable {
    let project: AnalysedProject
    let templates: TemplateSet

    /// The table every run appends its results to.
    static func resultsTable(_ target: TargetInfo) -> String { "\(target.database).\(target.schema).SHOPC_TEST_RESULTS" }

    /// The session-scoped temporary table holding this run's id and start time. Unqualified: it
    /// lives in the current schema, which the runner sets (and fakesnow only accepts it so).
    static func runTable(_ target: TargetInfo) -> String { "SHOPC_TEST_RUN" }

    /// Adds the target's test files and runner to `artifacts`.
    func emit(target: TargetInfo, into artifacts: inout ArtifactSet, _ d: inout Diagnostics) {
        let tests = project.tests.compactMap { test in test.compiledSQL[target.name].map { (test, $0) } }
        // Each test renders on its own (in parallel); the runner lists them in declaration order.
        let rendered = Parallel.map(tests) { test, sql -> (file: String?, entry: TemplateValue, diagnostics: Diagnostics) in
            var d = Diagnostics()
            let path = "tests/\(test.name).sql"
            let rule = Self.rule(test)
            let text = templates.render("test.sql", [
                "header": .string(ModelEmitter.header([test.file ?? "specs"])), "name": .string(test.name), "kind": .string(test.kind),
                "subject": Self.subject(test).map { .string($0) } ?? .none, "severity": .string(test.severity),
                "description": test.description.map { .string(Self.oneLine($0)) } ?? .none, "rule": .string(rule),
                "limit": test.limit.map { .int($0) } ?? .none, "sql_indented": .string(sql.indented(4)),
                "sql_terminated": .string(Self.terminated(sql)),
            ], &d)
            let entry: TemplateValue = .dict([
                "name": .string(test.name), "path": .string(path), "rule": .string(rule),
                "name_literal": .string(SQLLiteral.string(test.name)), "kind_literal": .string(SQLLiteral.string(test.kind)),
                "model_literal": .string(Self.modelName(test).map(SQLLiteral.string) ?? "NULL"),
                "column_literal": .string(test.column.map(SQLLiteral.string) ?? "NULL"),
                "severity_literal": .string(SQLLiteral.string(test.severity)),
                "warn_if_literal": .string(test.kind == "freshness" ? "NULL" : SQLLiteral.string(test.warnIf.description)),
                "error_if_literal": .string(test.kind == "freshness" ? "NULL" : SQLLiteral.string(test.errorIf.description)),
                "status": .string(Self.status(test)), "freshness": .bool(test.kind == "freshness"),
                "sql_indented": .string(sql.indented(8)),
            ])
            return (text, entry, d)
        }
        var entries: [TemplateValue] = []
        for ((test, _), result) in zip(tests, rendered) {
            d.emit(contentsOf: result.diagnostics.all)
            if let text = result.file { artifacts.add("\(target.name)/tests/\(test.name).sql", text) }
            entries.append(result.entry)
        }
        if let text = templates.render("run_tests.sql", [
            "header": .string(ModelEmitter.header(["specs/"])), "project": .string(project.name),
            "target": ProjectEmitter.targetValue(target), "results": .string(Self.resultsTable(target)),
            "run": .string(Self.runTable(target)), "tests": .list(entries),
        ], &d) {
            artifacts.add("\(target.name)/run_tests.sql", text)
        }
    }

    /// The status of a run of the test from its failing-row count (`result.failures`): error
    /// severity fails when `error_if` holds, else warns when `warn_if` holds; warn severity only
    /// warns. Freshness fails when a row reached the error threshold.
    static func status(_ test: TestInfo) -> String {
        if test.kind == "freshness" {
            return "CASE WHEN result.errors > 0 THEN 'fail' WHEN result.failures > 0 THEN 'warn' ELSE 'pass' END"
        }
        let count = "result.failures"
        if test.severity == "warn" {
            return "CASE WHEN \(test.warnIf.sql(count)) THEN 'warn' ELSE 'pass' END"
        }
        if test.errorIf == test.warnIf {
            return "CASE WHEN \(test.errorIf.sql(count)) THEN 'fail' ELSE 'pass' END"
        }
        return "CASE WHEN \(test.errorIf.sql(count)) THEN 'fail' WHEN \(test.warnIf.sql(count)) THEN 'warn' ELSE 'pass' END"
    }

    /// The outcome rule in words, for comments.
    static func rule(_ test: TestInfo) -> String {
        if test.kind == "freshness" { return "a row means stale; its severity column says warn or fail" }
        if test.severity == "warn" { return "warn when failures \(test.warnIf)" }
        if test.errorIf == test.warnIf { return "fail when failures \(test.errorIf)" }
        return "fail when failures \(test.errorIf), else warn when failures \(test.warnIf)"
    }

    /// `stg_orders.profit`, `shopverse_raw.bronze_orders`, or nil for singular tests.
    static func subject(_ test: TestInfo) -> String? {
        guard let model = modelName(test) else { return nil }
        return test.column.map { "\(model).\($0)" } ?? model
    }

    /// The tested model or source table as recorded in the results.
    static func modelName(_ test: TestInfo) -> String? {
        switch test.node {
        case .model(let name)?: name
        case .source(let source, let table)?: "\(source).\(table)"
        case nil: nil
        }
    }

    /// Free text on one comment line.
    static func oneLine(_ text: String) -> String {
        text.commentLine
    }

    /// The statement with its `;`, on its own line when the last line ends in a `--` comment.
    static func terminated(_ sql: String) -> String {
        return sql.lastLine.contains("--") ? sql + "\n;" : sql + ";"
    }
}
