import ArgumentParser
import Foundation
import ShopcAnalysis
import ShopcBase
import ShopcDriver

/// `shopc lineage MODEL[.COLUMN]`: where a column's values come from, or where they go.
struct Lineage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show column-level lineage: the upstream columns a model column comes from (or, with --downstream, the columns it feeds).")

    @Argument(help: "MODEL or MODEL.COLUMN (a source table works too: TABLE.COLUMN or SOURCE.TABLE.COLUMN).")
    var selector: String

    @Flag(name: .long, help: "Walk towards the sources (default).")
    var upstream = false

    @Flag(name: .long, help: "Walk towards the models that read the column.")
    var downstream = false

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if upstream && downstream { throw ValidationError("pass --upstream or --downstream, not both") }
    }

    func run() throws {
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: options.projectDir, diagnostics: &read)
        var compileOptions = Compiler.Options()
        compileOptions.analyseOnly = true
        compileOptions.strict = options.strict
        let result = Compiler.run(files, options: compileOptions, readDiagnostics: read)
        // Diagnostics go to stderr as text: stdout carries only the lineage (JSON stays parseable).
        var reportOptions = options
        reportOptions.format = .text
        if Report.print(result.diagnostics, options: reportOptions) { throw Report.exitCode(result.diagnostics) }
        guard let project = result.project else { throw ExitCode(1) }
        let graph = LineageGraph(project)
        let (nodeName, column) = split(graph)
        guard let node = graph.node(named: nodeName) else {
            let hint = Suggestion.closest(to: nodeName, in: graph.nodeNames).map { " (did you mean '\($0)'?)" } ?? ""
            Report.note("shopc: no model or source table '\(nodeName)'\(hint)")
            throw ExitCode(64)
        }
        let columns = graph.columns(of: node)
        var selected = columns
        if let column {
            guard let match = columns.first(where: { $0.uppercased() == column.uppercased() }) else {
                let listed = columns.count <= 20 ? columns.joined(separator: ", ") : columns.prefix(20).joined(separator: ", ") + ", …"
                let hint = Suggestion.closest(to: column, in: columns).map { " (did you mean '\($0)'?)" } ?? (columns.isEmpty ? "" : " (its columns: \(listed))")
                Report.note("shopc: \(node) has no column '\(column)'\(hint)")
                throw ExitCode(64)
            }
            selected = [match]
        }
        let steps = selected.map { graph.walk(from: ColumnOrigin(node: node, column: $0), downstream: downstream) }
        var rows: (filters: [String], joins: [String]) = ([], [])
        if case .model(let m) = node, !downstream { rows = graph.rowDependencies(of: m) }
        switch options.format {
        case .json:
            struct Out: Encodable {
                var node: String
                var direction: String
                var columns: [LineageGraph.Step]
                var filters: [String]
                var joins: [String]
            }
            let out = Out(node: node.description, direction: downstream ? "downstream" : "upstream", columns: steps, filters: rows.filters, joins: rows.joins)
            FileHandle.standardOutput.write(Data(StableJSON.encode(out).utf8))
        case .text, .github:
            var text = LineageGraph.text(steps, downstream: downstream)
            if column == nil || !rows.filters.isEmpty || !rows.joins.isEmpty {
                if !rows.filters.isEmpty { text += "rows of \(node) are filtered by:\n" + rows.filters.map { "  \($0)\n" }.joined() }
                if !rows.joins.isEmpty { text += "rows of \(node) are joined on:\n" + rows.joins.map { "  \($0)\n" }.joined() }
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Splits the selector into a node name and an optional column, trying the longest node
    /// name first (`shopverse_raw.bronze_orders.quantity`).
    func split(_ graph: LineageGraph) -> (String, String?) {
        let parts = selector.split(separator: ".").map(String.init)
        for count in stride(from: parts.count, through: 1, by: -1) {
            let name = parts[..<count].joined(separator: ".")
            if graph.node(named: name) != nil {
                return (name, count < parts.count ? parts[count...].joined(separator: ".") : nil)
            }
        }
        return (parts.first ?? selector, parts.count > 1 ? parts.dropFirst().joined(separator: ".") : nil)
    }
}
