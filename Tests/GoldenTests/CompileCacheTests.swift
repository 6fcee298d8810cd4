import Foundation
import ShopcBase
import ShopcDriver
import ShopcEmit
import XCTest

/// The compile cache: a hit only when every input and every output entry is as recorded.
final class CompileCacheTests: XCTestCase {
    var root: URL!
    var out: String { root.appendingPathComponent("generated").path }

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("shopc-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("specs"), withIntermediateDirectories: true)
        try write("specs/project.yml", "version: 1\n")
        try write("specs/model.sql", "SELECT 1 AS one\n")
        var set = ArtifactSet()
        set.add("dev/a.sql", "one")
        set.add("dev/b.sql", "two")
        try OutputWriter(outputDir: out).write(set)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    /// Reads the project the way `shopc compile` does, plus one referenced file.
    func files() -> ProjectFiles {
        var d = Diagnostics()
        let files = ProjectFiles(projectDir: root.path, diagnostics: &d)
        _ = files.read("specs/model.sql")
        return files
    }

    func recorded() -> CompileCache {
        let cache = CompileCache(root: root, outputDir: out)
        cache.record(files(), options: "opts")
        return cache
    }

    func testHitWhenNothingChanged() {
        let cache = recorded()
        XCTAssertTrue(cache.isUpToDate(files(), options: "opts"))
        XCTAssertFalse(cache.isUpToDate(files(), options: "other options"))
    }

    func testMissWhenASpecOrAReferencedFileChanges() throws {
        let cache = recorded()
        try write("specs/project.yml", "version: 1\n# edited\n")
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"))
        _ = recorded()
        try write("specs/model.sql", "SELECT 2 AS two\n")
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"), "a file read last time (not a spec) changed")
        _ = recorded()
        try write("specs/new.yml", "version: 1\n")
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"), "a new spec file")
    }

    func testMissWhenTheOutputIsTouched() throws {
        let cache = recorded()
        try Data("one\nedited\n".utf8).write(to: URL(fileURLWithPath: out + "/dev/a.sql"))
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"))
        _ = recorded()
        try Data("x".utf8).write(to: URL(fileURLWithPath: out + "/dev/extra.sql"))
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"), "an extra output file")
        _ = recorded()
        try FileManager.default.removeItem(atPath: out + "/dev/b.sql")
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"), "a missing output file")
    }

    func testMissWithoutOrWithABrokenState() throws {
        let cache = CompileCache(root: root, outputDir: out)
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"))
        cache.record(files(), options: "opts")
        try Data("garbage\n".utf8).write(to: cache.stateFile)
        XCTAssertFalse(cache.isUpToDate(files(), options: "opts"))
    }
}
