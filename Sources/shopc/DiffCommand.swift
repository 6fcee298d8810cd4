import ArgumentParser
import Foundation
import ShopcAnalysis
import ShopcBase
import ShopcDriver

/// `shopc diff --state DIR`: changed models, their column changes and downstream impact.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the project with an earlier manifest: changed models, added/removed/retyped columns, breaking changes.")

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "A folder holding the manifest.json of an earlier compile.")
    var state: String

    @Option(name: .long, help: "Report format: text, json or markdown (for a CI job summary).")
    var output: DiffOutput = .text

    @Flag(name: .long, help: "Exit 1 when a change breaks a downstream model.")
    var failOnBreaking = false

    enum DiffOutput: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    func run() throws {
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: options.projectDir, diagnostics: &read)
        var selection = SelectionOptions()
        selection.state = state
        guard let projectState = try selection.loadState(options: options) else { throw ExitCode(64) }
        var analyseOptions = Compiler.Options()
        analyseOptions.analyseOnly = true
        let result = Compiler.run(files, options: analyseOptions, readDiagnostics: read)
        guard let project = result.project, !result.hasErrors else {
            _ = Report.print(result.diagnostics, options: options)
            throw ExitCode(1)
        }
        let diff = StateDiff(project: project, state: projectState)
        let text: String
        switch output {
        case .text: text = DiffReport.text(diff)
        case .markdown: text = DiffReport.markdown(diff)
        case .json: text = DiffReport.json(diff)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if failOnBreaking && diff.changes.contains(where: \.breaking) { throw ExitCode(1) }
    }
}

/// Renders a `StateDiff`.
enum DiffReport {
    static func columns(_ c: StateDiff.Change) -> [String] {
        var parts: [String] = []
        if !c.addedColumns.isEmpty { parts.append("added " + c.addedColumns.joined(separator: ", ")) }
        if !c.removedColumns.isEmpty && c.kind != .removed { parts.append("removed " + c.removedColumns.joined(separator: ", ")) }
        for r in c.retypedColumns { parts.append("retyped \(r.name) \(r.old) -> \(r.new)") }
        return parts
    }

    static func verdict(_ c: StateDiff.Change) -> String {
        if c.kind == .removed { return "breaking: the relation is no longer built" }
        var reasons = c.brokenDownstream.map { "\($0.model) reads \($0.columns.joined(separator: ", "))" }
        if c.tableKeepsOldColumns {
            reasons.insert("the incremental table keeps its old columns (it is created only when missing): drop it to rebuild it, or ALTER it, before deploying", at: 0)
        }
        return reasons.isEmpty ? "non-breaking" : "breaking: " + reasons.joined(separator: "; ")
    }

    static func text(_ diff: StateDiff) -> String {
        guard !diff.changes.isEmpty else { return "no model changed\n" }
        var lines: [String] = []
        for c in diff.changes {
            lines.append("\(c.kind.rawValue) \(c.model): \(verdict(c))")
            for part in columns(c) { lines.append("  \(part)") }
            if !c.downstream.isEmpty { lines.append("  downstream: \(c.downstream.joined(separator: ", "))") }
        }
        let breaking = diff.changes.count(where: \.breaking)
        lines.append("\(diff.changes.count) model\(diff.changes.count == 1 ? "" : "s") changed, \(breaking) breaking")
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ diff: StateDiff) -> String {
        guard !diff.changes.isEmpty else { return "No model changed.\n" }
        var lines = ["| model | change | columns | breaking | downstream |", "|---|---|---|---|---|"]
        for c in diff.changes {
            let cols = columns(c).joined(separator: "; ")
            lines.append("| `\(c.model)` | \(c.kind.rawValue) | \(cols.isEmpty ? "-" : cols) | \(c.breaking ? "**yes**: " + verdict(c).dropFirst("breaking: ".count) : "no") | \(c.downstream.isEmpty ? "-" : c.downstream.map { "`\($0)`" }.joined(separator: ", ")) |")
        }
        let impact = Set(diff.changes.flatMap(\.downstream)).subtracting(diff.changes.map(\.model))
        lines.append("")
        lines.append("\(diff.changes.count) model\(diff.changes.count == 1 ? "" : "s") changed (\(diff.changes.count(where: \.breaking)) breaking); \(impact.count) more downstream.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ diff: StateDiff) -> String {
        struct Retyped: Encodable { var name: String, old: String, new: String }
        struct Broken: Encodable { var model: String, columns: [String] }
        struct Change: Encodable {
            var model: String, change: String, added_columns: [String], removed_columns: [String], retyped_columns: [Retyped]
            var breaking: Bool, broken_downstream: [Broken], downstream: [String], table_keeps_old_columns: Bool
        }
        struct Report: Encodable { var changes: [Change] }
        return StableJSON.encode(Report(changes: diff.changes.map { c in
            Change(model: c.model, change: c.kind.rawValue, added_columns: c.addedColumns, removed_columns: c.removedColumns,
                   retyped_columns: c.retypedColumns.map { Retyped(name: $0.name, old: $0.old, new: $0.new) }, breaking: c.breaking,
                   broken_downstream: c.brokenDownstream.map { Broken(model: $0.model, columns: $0.columns) }, downstream: c.downstream,
                   table_keeps_old_columns: c.tableKeepsOldColumns)
        }))
    }
}
