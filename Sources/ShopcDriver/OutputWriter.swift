import Foundation
import ShopcBase
import ShopcEmit

#if canImport(Glibc)
import Glibc
#endif

/// Stage 5: compares or writes the artifact set. The output folder is owned by shopc: files it
/// no longer produces are removed. Writing is atomic: the new tree is built beside the old one
/// and swapped in with one rename, so an error or a kill leaves the previous output whole.
public struct OutputWriter {
    /// Marker file that shows a folder was written by shopc.
    public static let marker = ".shopc-output"
    let outputDir: URL
    /// Top-level folders this run owns (others are carried over untouched); nil owns everything.
    let scope: Set<String>?

    /// Creates a writer for `outputDir`.
    public init(outputDir: String, scope: Set<String>? = nil) {
        self.outputDir = URL(fileURLWithPath: outputDir).standardizedFileURL
        self.scope = scope
    }

    /// The differences between the artifact set and the folder.
    public struct Drift: Sendable {
        public var added: [String] = []
        public var removed: [String] = []
        public var changed: [String] = []
        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
        /// A unified diff of every difference (old = on disk, new = compiled).
        public var diff = ""
    }

    func owned(_ path: String) -> Bool {
        guard let scope else { return true }
        return scope.contains(String(path.split(separator: "/").first ?? ""))
    }

    /// Reads the current output (files shopc owns), path → bytes.
    func current() throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: outputDir, includingPropertiesForKeys: [.isRegularFileKey], options: []) else { return out }
        let base = outputDir.resolvingSymlinksInPath().path
        for case let url as URL in enumerator {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey])
            guard values.isRegularFile == true else { continue }
            var path = url.resolvingSymlinksInPath().path
            if path.hasPrefix(base + "/") { path.removeFirst(base.count + 1) } else { continue }
            if path == Self.marker { continue }
            out[path] = try Data(contentsOf: url)
        }
        return out
    }

    /// Compares without writing; `withDiff` also builds the unified diff text.
    public func drift(_ artifacts: ArtifactSet, withDiff: Bool = true) throws -> Drift {
        let existing = FileManager.default.fileExists(atPath: outputDir.path) ? try current() : [:]
        var drift = Drift()
        for path in artifacts.paths {
            let new = artifacts.files[path] ?? ""
            if let old = existing[path] {
                let oldText = String(decoding: old, as: UTF8.self)
                if oldText != new {
                    drift.changed.append(path)
                    if withDiff { drift.diff +=  UnifiedDiff.diff(old: oldText, new: new, oldName: "a/\(path)", newName: "b/\(path)") }
                }
            } else {
                drift.added.append(path)
                if withDiff { drift.diff += UnifiedDiff.diff(old: "", new: new, oldName: "/dev/null", newName: "b/\(path)") }
            }
        }
        for path in existing.keys.sorted() where owned(path) && artifacts.files[path] == nil {
            drift.removed.append(path)
            if withDiff { drift.diff += UnifiedDiff.diff(old: String(decoding: existing[path] ?? Data(), as: UTF8.self), new: "", oldName: "a/\(path)", newName: "/dev/null") }
        }
        return drift
    }

    /// Writes the artifact set if anything differs. Returns the drift that was applied.
    @discardableResult
    public func write(_ artifacts: ArtifactSet) throws -> Drift {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: outputDir.path, isDirectory: &isDir)
        if exists && !isDir.boolValue {
            throw WriteError("'\(outputDir.path)' exists and is not a folder")
        }
        if exists {
            let entries = try fm.contentsOfDirectory(atPath: outputDir.path)
            if !entries.isEmpty && !entries.contains(Self.marker) {
                throw WriteError("'\(outputDir.path)' is not empty and was not written by shopc (no \(Self.marker) file); refusing to replace it")
            }
        }
        let drift = try self.drift(artifacts, withDiff: false)
        if drift.isEmpty && exists { return drift }

        let parent = outputDir.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".shopc-tmp-\(outputDir.lastPathComponent)-\(getpid())")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var files: [String: Data] = [:]
            if scope != nil, exists {
                for (path, data) in try current() where !owned(path) { files[path] = data }
            }
            for (path, text) in artifacts.files { files[path] = Data(text.utf8) }
            files[Self.marker] = Data("This folder is generated by shopc and replaced on every compile. Do not edit.\n".utf8)
            for path in files.keys.sorted() {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard fm.createFile(atPath: url.path, contents: files[path]) else {
                    // The old output is untouched: the staging folder is removed below.
                    throw WriteError("cannot write '\(url.path)': \(String(cString: strerror(errno)))")
                }
            }
            if exists {
                try exchange(staging, outputDir)
                // The new output is in place: failing to delete the old tree (now under the
                // staging name, ignored by git) must not turn a finished write into an error.
                try? fm.removeItem(at: staging)
            } else {
                try fm.moveItem(at: staging, to: outputDir)
            }
        } catch {
            try? fm.removeItem(at: staging)
            if let error = error as? WriteError { throw error }
            throw WriteError("cannot write '\(outputDir.path)': \(ProjectFiles.describe(error))")
        }
        return drift
    }

    /// Atomically swaps two folders (Linux `renameat2(RENAME_EXCHANGE)`), falling back to two
    /// renames where the file system lacks it.
    func exchange(_ a: URL, _ b: URL) throws {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let exchanged = a.path.withCString { pa in
                b.path.withCString { pb in renameat2(AT_FDCWD, pa, AT_FDCWD, pb, 2 /* RENAME_EXCHANGE */) }
            }
            if exchanged == 0 { return }
        }
        #endif
        let fm = FileManager.default
        let aside = a.deletingLastPathComponent().appendingPathComponent(a.lastPathComponent + ".old")
        try fm.moveItem(at: b, to: aside)
        do {
            try fm.moveItem(at: a, to: b)
        } catch {
            try? fm.moveItem(at: aside, to: b)
            throw error
        }
        try fm.moveItem(at: aside, to: a)
    }
}

/// A failure to write the output.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
