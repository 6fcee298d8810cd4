import ArgumentParser
import Foundation
import ShopcBase
import ShopcDriver

#if canImport(Glibc)
import Glibc
#endif

@main
struct Shopc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shopc",
        abstract: "Compile analytics pipelines described in YAML into deployable Snowflake artifacts.",
        subcommands: [Compile.self, Check.self, Lineage.self, Ls.self, Diff.self, Docs.self, Schema.self, Explain.self],
        defaultSubcommand: nil)
}

/// Options shared by every command that reads a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project directory (holding specs/).")
    var projectDir: String = "."

    @Option(name: .long, help: "Compile only this target (repeatable).")
    var target: [String] = []

    @Option(name: .long, help: "Format of diagnostics, and of the output of lineage: text, json or github (GitHub annotations).")
    var format: DiagnosticFormatOption = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var warningsAsErrors = false

    @Flag(name: .long, help: "Treat unknown SQL functions as errors, not warnings.")
    var strict = false

    @Flag(name: .long, help: "Print the wall time of each stage and the peak memory to standard error.")
    var timings = false

    @Option(name: .customLong("var"), help: ArgumentHelp(
        "Override a declared var for every target (repeatable), e.g. --var as_of_date=2025-06-30.", valueName: "NAME=VALUE"))
    var vars: [String] = []

    func validate() throws {
        for text in vars where VarOverride.parse(text) == nil {
            throw ValidationError("--var expects NAME=VALUE with NAME a plain identifier, found '\(text)'")
        }
    }

    /// The compiler options these flags ask for.
    func compilerOptions(analyseOnly: Bool = false) -> Compiler.Options {
        var options = Compiler.Options()
        options.targets = Set(target)
        options.analyseOnly = analyseOnly
        options.varOverrides = vars.compactMap(VarOverride.parse)
        options.strict = strict
        return options
    }
}

/// The compiled project lives until the process exits: freeing a 10,000-model project node by
/// node, just before exiting, costs a tenth of a second (compilers skip it for the same reason).
enum ExitWithoutTeardown {
    nonisolated(unsafe) private static var kept: [Any] = []
    static func keep(_ value: Any) { kept.append(value) }
}

/// Stage timings for `--timings`.
enum StageClock {
    static func report(_ laps: [(stage: String, seconds: Double)]) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let text = StageTimer.report(laps) + "timing: peak-memory \(usage.ru_maxrss / 1024) MiB\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

enum DiagnosticFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
    var format: DiagnosticFormat {
        switch self {
        case .text: .text
        case .json: .json
        case .github: .github
        }
    }
}

/// Prints diagnostics and decides the exit code.
enum Report {
    static func print(_ diagnostics: [Diagnostic], options: ProjectOptions) -> Bool {
        let color = options.format == .text && isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let renderer = DiagnosticRenderer(format: options.format.format, color: color)
        let text = renderer.render(diagnostics)
        if options.format == .json {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else if !text.isEmpty {
            FileHandle.standardError.write(Data(text.utf8))
        }
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        let failed = errors > 0 || (options.warningsAsErrors && warnings > 0)
        if options.format == .text && (errors > 0 || warnings > 0) {
            let why = errors == 0 && failed ? " (--warnings-as-errors: failing)" : ""
            FileHandle.standardError.write(Data("shopc: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(why)\n".utf8))
        }
        return failed
    }

    /// The exit code of a run that failed with `diagnostics`: 64 when a command-line argument
    /// names nothing (an unknown `--target`: an unlocated SHP1013), 1 otherwise.
    /// The exit code of a `--check` that finds the output out of date: 2, apart from errors (1),
    /// so that CI can tell "run the command and commit" from "the specs are broken".
    static let outOfDate = ExitCode(2)

    /// Reports drift found by a `--check`: the unified diff on standard output (none when the
    /// folder does not exist: every file would be an addition), and a summary line.
    static func outOfDate(_ drift: OutputWriter.Drift, folder: String, run command: String) -> ExitCode {
        if drift.folderMissing {
            note("shopc: \(folder) does not exist (\(drift.added.count) files missing); run `\(command)`")
            return outOfDate
        }
        FileHandle.standardOutput.write(Data(drift.diff.utf8))
        note("shopc: \(folder) is out of date: \(drift.changed.count) changed, \(drift.added.count) missing, \(drift.removed.count) stale; run `\(command)`")
        return outOfDate
    }

    static func exitCode(_ diagnostics: [Diagnostic]) -> ExitCode {
        diagnostics.contains { $0.code == .unknownTarget && $0.location == nil } ? ExitCode(64) : ExitCode(1)
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Type-check the project and write every artifact into the output folder.")

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Output folder (default: <project-dir>/generated).")
    var out: String?

    @Flag(name: .long, help: "Write nothing; exit 2 with a diff when the output folder is out of date (1 on errors).")
    var check = false

    @OptionGroup var selection: SelectionOptions

    @Flag(name: .long, help: "Compile even when the inputs and the output folder are unchanged since the last clean compile.")
    var noCache = false

    func validate() throws {
        if selection.isActive && (check || out == nil) {
            throw ValidationError("--select/--exclude write a partial output: give --out DIR (not generated/) and no --check")
        }
    }

    func run() throws {
        var clock = StageTimer()
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: options.projectDir, diagnostics: &read)
        clock.lap("read")
        let outDir = out ?? files.root.appendingPathComponent("generated").path
        // A partial (--select) compile is never remembered: its output depends on more than the inputs.
        let cache = noCache || selection.isActive ? nil : CompileCache(root: files.root, outputDir: outDir)
        let cacheKey = "out=\(outDir) targets=\(options.target.sorted()) vars=\(options.vars) strict=\(options.strict) werror=\(options.warningsAsErrors)"
        if let cache, read.all.isEmpty, cache.isUpToDate(files, options: cacheKey) {
            clock.lap("cache")
            if options.timings { StageClock.report(clock.laps) }
            Report.note("shopc: \(outDir) is up to date (inputs and output unchanged since the last compile)")
            return
        }
        var compileOptions = options.compilerOptions()
        if selection.isActive {
            compileOptions.models = Set(try selection.models(files: files, read: read, options: options).map(\.name))
        }
        let output = Compiler.run(files, options: compileOptions, readDiagnostics: read)
        ExitWithoutTeardown.keep(output)
        clock.restart()
        var laps = clock.laps + output.timings
        defer { if options.timings { StageClock.report(laps) } }
        if Report.print(output.diagnostics, options: options) { throw Report.exitCode(output.diagnostics) }
        guard let artifacts = output.artifacts else { throw ExitCode(1) }
        defer { clock.lap("write"); laps.append(contentsOf: clock.laps.suffix(1)) }
        let writer = OutputWriter(outputDir: outDir, scope: options.target.isEmpty ? nil : Set(options.target))
        do {
            if check {
                let drift = try writer.drift(artifacts)
                if drift.isEmpty {
                    Report.note("shopc: \(outDir) is up to date (\(artifacts.files.count) files)")
                    return
                }
                throw Report.outOfDate(drift, folder: outDir, run: "shopc compile")
            }
            let drift = try writer.write(artifacts)
            if output.diagnostics.isEmpty { cache?.record(files, options: cacheKey) }
            Report.note(drift.isEmpty
                ? "shopc: \(artifacts.files.count) files up to date in \(outDir)"
                : "shopc: wrote \(outDir) (\(drift.changed.count) changed, \(drift.added.count) added, \(drift.removed.count) removed)")
        } catch let error as WriteError {
            _ = Report.print([.error(.outputUnwritable, error.description, at: nil)], options: options)
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load, resolve and type-check the project without writing anything (for pre-commit).")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        var clock = StageTimer()
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: options.projectDir, diagnostics: &read)
        clock.lap("read")
        var checkOptions = options.compilerOptions()
        checkOptions.checkOnly()
        let output = Compiler.run(files, options: checkOptions, readDiagnostics: read)
        ExitWithoutTeardown.keep(output)
        if options.timings { StageClock.report(clock.laps + output.timings) }
        if Report.print(output.diagnostics, options: options) { throw Report.exitCode(output.diagnostics) }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a diagnostic code, e.g. `shopc explain SHP3001`.")

    @Argument(help: "The code, e.g. SHP3001.")
    var code: String

    func validate() throws {
        if DiagnosticCode(text: code) == nil {
            throw ValidationError("unknown diagnostic code '\(code)'")
        }
    }

    func run() throws {
        guard let code = DiagnosticCode(text: code) else { throw ExitCode(64) }
        print("\(code.rawValue): \(code.summary)\n\n\(code.explanation)")
    }
}
