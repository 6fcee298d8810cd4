import Foundation
import ShopcAnalysis
import ShopcBase
import ShopcEmit
import ShopcSpec

/// A `--var NAME=VALUE` override (re-exported so the executable needs only the driver).
public typealias VarOverride = ShopcAnalysis.VarOverride

/// The whole pipeline in memory: load → analyse → emit. Returns the artifacts (nil when any
/// error was found) and every diagnostic, sorted.
public struct Compiler {
    /// Options that change what is compiled.
    public struct Options: Sendable {
        /// Emit only these targets (all when empty).
        public var targets: Set<String> = []
        /// Stop after analysis (`shopc check`).
        public var analyseOnly = false
        /// Emit only these models' scripts (a `--select` compile); nil emits everything.
        public var models: Set<String>? = nil
        /// `--var NAME=VALUE` overrides of declared vars, for every target.
        public var varOverrides: [VarOverride] = []
        /// Unknown SQL functions are errors (`--strict`).
        public var strict = false
        /// Print every model's SQL during analysis (`shopc check`, which writes nothing, turns it off).
        public var printSQL = true
        /// Build the per-model records emitters read (false for `shopc check`).
        public var describeModels = true
        public init() {}

        /// What `shopc check` runs: every stage up to the diagnostics, and nothing only
        /// emitters read (printed SQL, spec checksums, model records).
        public mutating func checkOnly() {
            analyseOnly = true
            printSQL = false
            describeModels = false
        }
    }

    /// What a run produced.
    public struct Output: Sendable {
        /// Wall time of each stage, in pipeline order.
        public var timings: [(stage: String, seconds: Double)] = []
        public var artifacts: ArtifactSet?
        public var project: AnalysedProject?
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Compiles the project whose inputs have been read.
    /// Errors that leave a spec file unread: nothing it declares exists for the rest of the run.
    static let unloadingCodes: Set<DiagnosticCode> = [.fileUnreadable, .invalidEncoding, .inputTooLarge, .yamlSyntax, .duplicateKey, .yamlAlias]

    /// When a spec file could not be read, a name it may declare is reported unknown elsewhere
    /// (and, sorted by place, possibly before the real cause): such errors get a note naming the
    /// unread files.
    static func explainingUnloaded(_ diagnostics: Diagnostics) -> Diagnostics {
        let unread = Set(diagnostics.all.compactMap { d in unloadingCodes.contains(d.code) && d.severity == .error ? d.location?.file : nil }).sorted()
        guard !unread.isEmpty else { return diagnostics }
        let names = unread.map { "'\($0)'" }.joined(separator: ", ")
        let note = DiagnosticNote("\(unread.count == 1 ? "the spec file" : "the spec files") \(names) could not be read (see \(unread.count == 1 ? "its error" : "their errors")); a name declared there is unknown until that is fixed")
        var out = Diagnostics()
        for var diagnostic in diagnostics.all {
            if [.unknownRef, .unknownSource, .unknownSourceTable, .unknownMacro].contains(diagnostic.code) { diagnostic.notes.append(note) }
            out.emit(diagnostic)
        }
        return out
    }

    public static func run(_ files: ProjectFiles, options: Options, readDiagnostics: Diagnostics = Diagnostics()) -> Output {
        var diagnostics = readDiagnostics
        let loader = SpecLoader(readReferenced: { path in
            switch files.read(path) {
            case .success(let bytes):
                // Editors on Windows may start a file with a byte-order mark; it is not SQL.
                let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
                guard let text = String(validating: body, as: UTF8.self) else { return .unreadable("not valid UTF-8") }
                return .text(text)
            case .failure(let diagnostic):
                switch diagnostic.code {
                case .pathOutsideProject: return .outsideProject
                case .fileUnreadable where !FileManager.default.fileExists(atPath: files.root.appendingPathComponent(path).path): return .missing
                default: return .unreadable(diagnostic.message)
                }
            }
        })
        var timer = StageTimer()
        var specLoader = loader
        specLoader.checksums = !options.analyseOnly
        let specs = specLoader.load(files: files.specs, diagnostics: &diagnostics)
        timer.lap("load")
        let project = ProjectAnalyzer(specs: specs, overrides: options.varOverrides, strict: options.strict, printSQL: options.printSQL, describeModels: options.describeModels).analyse(&diagnostics, laps: &timer)
        if let project {
            for target in options.targets where !project.targets.contains(where: { $0.name == target }) {
                diagnostics.error(.unknownTarget, "unknown target '\(target)'", at: nil,
                                  notes: Suggestion.note(for: target, in: project.targets.map { $0.name }).map { [$0] } ?? [])
            }
        }
        guard let project, !diagnostics.hasErrors, !options.analyseOnly else {
            return Output(timings: timer.laps, artifacts: nil, project: project, diagnostics: Self.explainingUnloaded(diagnostics).sorted)
        }
        let templates = TemplateSet(overrides: files.templateOverrides, diagnostics: &diagnostics)
        var parts: [(stage: String, seconds: Double)] = []
        let artifacts = ProjectEmitter(project: project, templates: templates, onlyTargets: options.targets, onlyModels: options.models)
            .emit(&diagnostics, parts: &parts)
        timer.lap("emit")
        timer.append(parts)
        return Output(timings: timer.laps, artifacts: diagnostics.hasErrors ? nil : artifacts, project: project, diagnostics: Self.explainingUnloaded(diagnostics).sorted)
    }
}
