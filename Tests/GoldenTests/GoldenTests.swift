import Foundation
import ShopcBase
import ShopcDriver
import XCTest

/// End-to-end cases: each folder under `Fixtures/<area>/<case>/` holds `specs/` (a project) and
/// `expected/`, which is either the exact output tree or `diagnostics.txt` with the exact
/// diagnostics; an optional `vars.txt` holds `--var NAME=VALUE` overrides, one a line. Set `SHOPC_RECORD=1` to re-record; a recording run still fails so the diff is
/// reviewed before it is committed.
final class GoldenTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static var recording: Bool { ProcessInfo.processInfo.environment["SHOPC_RECORD"] == "1" }

    static func cases() -> [URL] {
        let fm = FileManager.default
        var out: [URL] = []
        for area in (try? fm.contentsOfDirectory(atPath: fixtures.path))?.sorted() ?? [] {
            let areaURL = fixtures.appendingPathComponent(area)
            for name in (try? fm.contentsOfDirectory(atPath: areaURL.path))?.sorted() ?? [] {
                let url = areaURL.appendingPathComponent(name)
                if fm.fileExists(atPath: url.appendingPathComponent("specs").path) { out.append(url) }
            }
        }
        return out
    }

    func testAtLeastFifteenCasesWithEightFailures() {
        let cases = Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 15)
        let failures = cases.filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("expected/diagnostics.txt").path) }
        XCTAssertGreaterThanOrEqual(failures.count, 8)
    }

    /// The robustness corpus: at least 50 hostile inputs, each failing with exact diagnostics.
    func testRobustnessCorpusHasFiftyFailures() {
        let robustness = Self.cases().filter { $0.deletingLastPathComponent().lastPathComponent == "robustness" }
        let failures = robustness.filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("expected/diagnostics.txt").path) }
        XCTAssertGreaterThanOrEqual(failures.count, 50)
    }

    func testEveryCase() throws {
        var failures: [String] = []
        for caseURL in Self.cases() {
            let name = caseURL.pathComponents.suffix(2).joined(separator: "/")
            let actual = try Self.run(caseURL)
            let expectedDir = caseURL.appendingPathComponent("expected")
            if Self.recording {
                try? FileManager.default.removeItem(at: expectedDir)
                for (path, text) in actual {
                    let url = expectedDir.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: url)
                }
                failures.append("\(name): recorded; review the diff and rerun without SHOPC_RECORD")
                continue
            }
            let expected = Self.readTree(expectedDir)
            for path in Set(expected.keys).union(actual.keys).sorted() {
                switch (expected[path], actual[path]) {
                case (nil, _?): failures.append("\(name): unexpected output file \(path)")
                case (_?, nil): failures.append("\(name): missing output file \(path)")
                case let (e?, a?) where e != a:
                    failures.append("\(name): \(path) differs:\n" + UnifiedDiff.diff(old: e, new: a, oldName: "expected/\(path)", newName: "actual/\(path)"))
                default: break
                }
            }
        }
        if !failures.isEmpty { XCTFail(failures.joined(separator: "\n")) }
    }

    /// `shopc check` (analysis only, model SQL not printed) reports exactly the diagnostics a
    /// compile reports, for every failing case whose problems are all found before emitting.
    func testCheckReportsWhatCompileReports() throws {
        var failures: [String] = []
        var compared = 0
        for caseURL in Self.cases() {
            let expected = caseURL.appendingPathComponent("expected/diagnostics.txt")
            guard FileManager.default.fileExists(atPath: expected.path) else { continue }
            var read = Diagnostics()
            let files = ProjectFiles(projectDir: caseURL.path, diagnostics: &read)
            var options = Compiler.Options()
            options.varOverrides = Self.varOverrides(caseURL)
            let compiled = Compiler.run(files, options: options, readDiagnostics: read)
            // Cases whose compile reached the emitters may report emit-time problems check cannot see.
            guard compiled.timings.last?.stage != "emit" else { continue }
            options.checkOnly()
            let checked = Compiler.run(files, options: options, readDiagnostics: read)
            let render = DiagnosticRenderer(format: .text).render
            compared += 1
            if render(checked.diagnostics) != render(compiled.diagnostics) {
                failures.append("\(caseURL.pathComponents.suffix(2).joined(separator: "/")): check and compile disagree:\n"
                    + UnifiedDiff.diff(old: render(compiled.diagnostics), new: render(checked.diagnostics), oldName: "compile", newName: "check"))
            }
        }
        XCTAssertGreaterThan(compared, 100)
        if !failures.isEmpty { XCTFail(failures.joined(separator: "\n")) }
    }

    /// Compiles a case; returns the output tree, or `diagnostics.txt` when the compile fails or
    /// warns. A failed compile must also leave a pre-existing output folder untouched.
    static func run(_ caseURL: URL) throws -> [String: String] {
        var read = Diagnostics()
        let files = ProjectFiles(projectDir: caseURL.path, diagnostics: &read)
        var options = Compiler.Options()
        options.varOverrides = varOverrides(caseURL)
        let output = Compiler.run(files, options: options, readDiagnostics: read)
        let text = DiagnosticRenderer(format: .text).render(output.diagnostics)
        guard let artifacts = output.artifacts else {
            return ["diagnostics.txt": text]
        }
        // Documentation is recorded only by the cases of the `docs` area (and only there), so
        // a change to the docs does not re-record every other case.
        let docsArea = caseURL.deletingLastPathComponent().lastPathComponent == "docs"
        var tree = artifacts.files.filter { $0.key.hasPrefix("docs/") == docsArea }
        if !text.isEmpty { tree["diagnostics.txt"] = text }
        return tree
    }

    /// The case's command-line var overrides: `vars.txt` beside `specs/`, one `NAME=VALUE` a line
    /// (what `shopc compile --var NAME=VALUE` passes).
    static func varOverrides(_ caseURL: URL) -> [VarOverride] {
        guard let text = try? String(contentsOf: caseURL.appendingPathComponent("vars.txt"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { VarOverride.parse(String($0)) }
    }

    static func readTree(_ dir: URL) -> [String: String] {
        var out: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        let base = dir.resolvingSymlinksInPath().path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = String(url.resolvingSymlinksInPath().path.dropFirst(base.count + 1))
            out[path] = (try? String(contentsOf: url, encoding: .utf8)) ?? "<unreadable>"
        }
        return out
    }
}
