import ArgumentParser
import Foundation
import ShopcBase
import ShopcDriver

/// `shopc docs`: compiles the project and writes only the documentation (`<out>/docs/`).
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write the documentation only: docs/index.html, docs/README.md and docs/models/*.md.")

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Output folder (default: <project-dir>/generated); docs go to its docs/ folder.")
    var out: String?

    @Flag(name: .long, help: "Write nothing; exit 2 with a diff when the docs are out of date (1 on errors).")
    var check = false

    func validate() throws {
        if !options.target.isEmpty {
            throw ValidationError("the docs cover every target; '--target' does not apply")
        }
    }

    func run() throws {
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: options.projectDir, diagnostics: &read)
        let output = Compiler.run(files, options: Compiler.Options(), readDiagnostics: read)
        if options.timings { StageClock.report(output.timings) }
        if Report.print(output.diagnostics, options: options) { throw Report.exitCode(output.diagnostics) }
        guard let artifacts = output.artifacts?.subset(folder: "docs") else { throw ExitCode(1) }
        let outDir = out ?? files.root.appendingPathComponent("generated").path
        let writer = OutputWriter(outputDir: outDir, scope: ["docs"])
        do {
            let drift = try writer.drift(artifacts, withDiff: check)
            if check {
                if drift.isEmpty {
                    Report.note("shopc: \(outDir)/docs is up to date (\(artifacts.files.count) files)")
                    return
                }
                throw Report.outOfDate(drift, folder: outDir + "/docs", run: "shopc docs")
            }
            try writer.write(artifacts)
            Report.note(drift.isEmpty
                ? "shopc: \(artifacts.files.count) docs files up to date in \(outDir)/docs"
                : "shopc: wrote \(outDir)/docs (\(drift.changed.count) changed, \(drift.added.count) added, \(drift.removed.count) removed)")
        } catch let error as WriteError {
            _ = Report.print([.error(.outputUnwritable, error.description, at: nil)], options: options)
            throw ExitCode(1)
        }
    }
}
