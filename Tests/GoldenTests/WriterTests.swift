import Foundation
import ShopcBase
@testable import ShopcDriver
import ShopcEmit
import XCTest

/// The writer: atomic replacement, pruning, drift reports, and a failed compile writing nothing.
final class WriterTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("shopc-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func artifacts(_ files: [String: String]) -> ArtifactSet {
        var set = ArtifactSet()
        for (path, text) in files { set.add(path, text) }
        return set
    }

    func testWritesPrunesAndReportsDrift() throws {
        let out = dir.appendingPathComponent("generated").path
        let writer = OutputWriter(outputDir: out)
        try writer.write(artifacts(["a/x.sql": "one", "b.sql": "two"]))
        XCTAssertEqual(try String(contentsOfFile: out + "/a/x.sql", encoding: .utf8), "one\n")
        XCTAssertTrue(try writer.drift(artifacts(["a/x.sql": "one", "b.sql": "two"])).isEmpty)

        let drift = try writer.drift(artifacts(["a/x.sql": "uno", "c.sql": "three"]))
        XCTAssertEqual(drift.changed, ["a/x.sql"])
        XCTAssertEqual(drift.added, ["c.sql"])
        XCTAssertEqual(drift.removed, ["b.sql"])
        XCTAssertTrue(drift.diff.contains("-one\n+uno\n"), drift.diff)

        try writer.write(artifacts(["a/x.sql": "uno", "c.sql": "three"]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/b.sql"), "stale file must be pruned")
        XCTAssertTrue(try writer.drift(artifacts(["a/x.sql": "uno", "c.sql": "three"])).isEmpty)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".shopc-tmp") }
        XCTAssertEqual(leftovers, [], "no staging folder may be left behind")
    }

    func testMakesMissingParentFolders() throws {
        let out = dir.appendingPathComponent("build/shopc/generated").path
        try OutputWriter(outputDir: out).write(artifacts(["x.sql": "one"]))
        XCTAssertEqual(try String(contentsOfFile: out + "/x.sql", encoding: .utf8), "one\n")
        // A file where a parent folder should be is an error that names it.
        let blocked = dir.appendingPathComponent("file")
        try "".write(to: blocked, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try OutputWriter(outputDir: blocked.path + "/generated").write(artifacts(["x.sql": "one"]))) { error in
            XCTAssertTrue("\(error)".contains("cannot create the folder '\(blocked.path)'"), "\(error)")
        }
    }

    func testRefusesFolderItDidNotWrite() throws {
        let out = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: out.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try OutputWriter(outputDir: out.path).write(artifacts(["x.sql": "1"])))
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8), "keep")
    }

    func testFailedWriteLeavesPreviousOutput() throws {
        let out = dir.appendingPathComponent("generated").path
        let writer = OutputWriter(outputDir: out)
        try writer.write(artifacts(["x.sql": "old"]))
        // A file where the staging folder's parent needs a directory makes the write fail halfway.
        let bad = artifacts(["x.sql": "new", "x.sql/inner.sql": "conflict"])
        XCTAssertThrowsError(try writer.write(bad))
        XCTAssertEqual(try String(contentsOfFile: out + "/x.sql", encoding: .utf8), "old\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".shopc-tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testScopedWriteKeepsOtherTargets() throws {
        let out = dir.appendingPathComponent("generated").path
        try OutputWriter(outputDir: out).write(artifacts(["dev/a.sql": "dev", "prod/a.sql": "prod", "manifest.json": "{}"]))
        try OutputWriter(outputDir: out, scope: ["dev"]).write(artifacts(["dev/a.sql": "dev2"]))
        XCTAssertEqual(try String(contentsOfFile: out + "/dev/a.sql", encoding: .utf8), "dev2\n")
        XCTAssertEqual(try String(contentsOfFile: out + "/prod/a.sql", encoding: .utf8), "prod\n")
        XCTAssertEqual(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8), "{}\n")
    }

    func inode(_ path: String) throws -> UInt64 {
        try XCTUnwrap((try FileManager.default.attributesOfItem(atPath: path))[.systemFileNumber] as? UInt64)
    }

    func testUpToDateOutputIsNotRewrittenAndUnchangedFilesKeepTheirInode() throws {
        let out = dir.appendingPathComponent("generated").path
        let writer = OutputWriter(outputDir: out)
        let files = ["a/x.sql": "one", "a/y.sql": "two", "b.sql": "three"]
        try writer.write(artifacts(files))
        let (folder, x, b) = (try inode(out), try inode(out + "/a/x.sql"), try inode(out + "/b.sql"))
        // Nothing differs: nothing is written, not even a new folder.
        XCTAssertTrue(try writer.write(artifacts(files)).isEmpty)
        XCTAssertEqual(try inode(out), folder)
        XCTAssertEqual(try inode(out + "/b.sql"), b)
        // One file changes: the tree is swapped, the unchanged files are links to the same inodes.
        var edited = files
        edited["b.sql"] = "drei"
        let drift = try writer.write(artifacts(edited))
        XCTAssertEqual(drift.changed, ["b.sql"])
        XCTAssertNotEqual(try inode(out), folder)
        XCTAssertEqual(try inode(out + "/a/x.sql"), x)
        XCTAssertNotEqual(try inode(out + "/b.sql"), b)
        XCTAssertEqual(try String(contentsOfFile: out + "/b.sql", encoding: .utf8), "drei\n")
        XCTAssertEqual(try String(contentsOfFile: out + "/a/y.sql", encoding: .utf8), "two\n")
        XCTAssertTrue(try writer.drift(artifacts(edited)).isEmpty)
        // A file of the same size but other bytes is seen.
        try Data("dreI\n".utf8).write(to: URL(fileURLWithPath: out + "/b.sql"))
        XCTAssertEqual(try writer.drift(artifacts(edited)).changed, ["b.sql"])
    }

    /// Files are created and deleted in batches of one folder each, and batches side by side
    /// come from different folders while two or more still have files left.
    func testFolderBatchesKeepOneFolderPerBatchAndAlternateFolders() {
        let paths = (0..<100).map { "dev/models/m\($0).sql" } + (0..<70).map { "docs/models/m\($0).md" }
            + (0..<5).map { "dev/tests/t\($0).sql" } + ["manifest.json", "dev/deploy.sql"]
        let batches = POSIXFiles.folderBatches(paths, size: 16)
        func folder(_ path: String) -> Substring { path.lastIndex(of: "/").map { path[..<$0] } ?? "" }
        XCTAssertEqual(batches.flatMap { $0 }.sorted(), paths.sorted(), "every path exactly once")
        for batch in batches { XCTAssertEqual(Set(batch.map(folder)).count, 1, "\(batch)") }
        XCTAssertEqual(batches.first?.first, "dev/models/m0.sql", "the biggest folder first")
        // docs/models runs out after 5 batches, dev/models after 7: the first 10 alternate.
        let folders = batches.map { folder($0[0]) }
        for i in 1..<10 { XCTAssertNotEqual(folders[i], folders[i - 1], "batch \(i)") }
        XCTAssertEqual(POSIXFiles.folderBatches([], size: 16), [])
    }

    func testUnifiedDiffHunks() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 10\n", with: "line ten\n")
        let diff = UnifiedDiff.diff(old: old, new: new, oldName: "a", newName: "b")
        XCTAssertEqual(diff, """
            --- a
            +++ b
            @@ -7,7 +7,7 @@
             line 7
             line 8
             line 9
            -line 10
            +line ten
             line 11
             line 12
             line 13

            """)
        XCTAssertEqual(UnifiedDiff.diff(old: "", new: "x\n", oldName: "/dev/null", newName: "b"), "--- /dev/null\n+++ b\n@@ -0,0 +1,1 @@\n+x\n")
    }
}
