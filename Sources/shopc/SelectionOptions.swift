import ArgumentParser
import Foundation
import ShopcAnalysis
import ShopcBase
import ShopcDriver

/// `--select`, `--exclude` and `--state`, shared by `ls` and `compile`.
struct SelectionOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], parsing: .upToNextOption,
            help: "Models to select: NAME, +NAME, NAME+, 2+NAME, NAME+1, tag:T, layer:L, path:GLOB, state:modified[+]; spaces for union, commas for intersection.")
    var select: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Models to leave out (same syntax as --select).")
    var exclude: [String] = []

    @Option(name: .long, help: "A folder holding the manifest.json of an earlier compile, for state: selectors.")
    var state: String?

    /// Whether a selection was asked for.
    var isActive: Bool { !select.isEmpty || !exclude.isEmpty }

    /// The state manifest, or nil; an unreadable one exits 64.
    func loadState(options: ProjectOptions) throws -> ProjectState? {
        guard let state else { return nil }
        switch StateLoader.load(state) {
        case .success(let s): return s
        case .failure(let diagnostic):
            _ = Report.print([diagnostic], options: options)
            throw ExitCode(64)
        }
    }

    /// Analyses the project and evaluates the selection: selected models in dependency order.
    /// Unreadable selectors and unknown names exit 64; project errors exit 1.
    func models(files: ProjectFiles, read: Diagnostics, options: ProjectOptions) throws -> [ModelInfo] {
        let expressions: (SelectorExpression?, SelectorExpression?)
        do {
            expressions = (try SelectorParser.parse(select), try SelectorParser.parse(exclude))
        } catch {
            _ = Report.print([.error(.invalidSelector, error.message, at: nil, notes: error.notes.map { DiagnosticNote($0) })], options: options)
            throw ExitCode(64)
        }
        let projectState = try loadState(options: options)
        var analyseOptions = Compiler.Options()
        analyseOptions.analyseOnly = true
        let output = Compiler.run(files, options: analyseOptions, readDiagnostics: read)
        guard let project = output.project, !output.hasErrors else {
            _ = Report.print(output.diagnostics, options: options)
            throw ExitCode(1)
        }
        var d = Diagnostics()
        let models = NodeSelector(project: project, state: projectState).select(expressions.0, exclude: expressions.1, &d)
        let diagnostics = d.sorted
        if !diagnostics.isEmpty {
            let failed = Report.print(diagnostics, options: options)
            if diagnostics.contains(where: { $0.severity == .error }) || failed { throw ExitCode(64) }
        }
        return models
    }
}

/// `shopc ls`: lists the selected models.
struct Ls: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the models a selection picks, in dependency order (e.g. `--select state:modified+ --state base/`).")

    @OptionGroup var options: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .long, help: "What to print per model: name, path (its spec file) or json (one object per line).")
    var output: LsOutput = .name

    enum LsOutput: String, ExpressibleByArgument, CaseIterable { case name, path, json }

    func run() throws {
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: options.projectDir, diagnostics: &read)
        let models = try selection.models(files: files, read: read, options: options)
        var lines: [String] = []
        for model in models {
            switch output {
            case .name: lines.append(model.name)
            case .path: lines.append(model.file)
            case .json:
                struct Line: Encodable {
                    var name: String, resource_type: String, layer: String?, materialized: String, path: String, tags: [String], depends_on: [String]
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let data = try encoder.encode(Line(
                    name: model.name, resource_type: "model", layer: model.layer, materialized: model.materialized, path: model.file,
                    tags: model.tags, depends_on: model.dependsOn.map(\.description)))
                lines.append(String(decoding: data, as: UTF8.self))
            }
        }
        if !lines.isEmpty { print(lines.joined(separator: "\n")) }
    }
}
