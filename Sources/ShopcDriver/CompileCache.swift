import Foundation
import ShopcBase

#if canImport(Glibc)
import Glibc
#endif

/// Remembers the last clean compile of a project: a fingerprint of everything that decides the
/// output (every file it read — specs, the files they reference, template overrides — the
/// options, and the shopc executable itself) and the size, modification time and inode of every
/// entry it left in the output folder. A compile that finds both unchanged knows the output is
/// what compiling would produce again, and skips loading, analysis and emitting: the pre-commit
/// case, where `generated/` was compiled from exactly these specs.
///
/// Only compiles without any diagnostic are remembered (a hit has nothing to report). The state
/// lives in `.shopc/compile-state` under the project, not in the output folder, whose diffs
/// reviewers read. Any doubt — a missing or unreadable state, another executable, a touched or
/// extra output file — means a full compile.
public struct CompileCache: Sendable {
    /// The state file.
    public let stateFile: URL
    let outputDir: String

    /// The cache of the project at `root` compiling into `outputDir`.
    public init(root: URL, outputDir: String) {
        stateFile = root.appendingPathComponent(".shopc/compile-state")
        self.outputDir = outputDir
    }

    /// What a remembered compile looked like.
    struct State {
        var fingerprint: String
        /// Project files read beyond the spec files and templates (files specs reference).
        var read: [String]
        var outputs: [String]
    }

    static let header = "shopc compile-state 1"

    /// Whether the output folder holds exactly what compiling `files` with `options` would
    /// write, as last recorded.
    public func isUpToDate(_ files: ProjectFiles, options: String) -> Bool {
        guard let text = try? String(contentsOf: stateFile, encoding: .utf8), let state = Self.parse(text) else { return false }
        guard let fingerprint = Self.fingerprint(files, extra: state.read, options: options), fingerprint == state.fingerprint else { return false }
        guard let outputs = Self.snapshot(outputDir) else { return false }
        return outputs == state.outputs
    }

    /// Records a clean compile of `files` whose output folder is now complete.
    public func record(_ files: ProjectFiles, options: String) {
        let read = files.readLog.all
        guard let fingerprint = Self.fingerprint(files, extra: read, options: options), let outputs = Self.snapshot(outputDir) else { return }
        var text = Self.header + "\n" + fingerprint + "\n"
        text += read.map { "read " + $0 + "\n" }.joined()
        text += outputs.map { "out " + $0 + "\n" }.joined()
        let dir = stateFile.deletingLastPathComponent()
        let temporary = dir.appendingPathComponent("compile-state.tmp-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, stateFile.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            // A cache that cannot be written only costs the next compile its shortcut.
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Forgets the remembered compile (before a compile whose outcome may differ).
    public func forget() {
        try? FileManager.default.removeItem(at: stateFile)
    }

    static func parse(_ text: String) -> State? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, lines[0] == header else { return nil }
        if lines.last == "" { lines.removeLast() }
        var state = State(fingerprint: lines[1], read: [], outputs: [])
        for line in lines.dropFirst(2) {
            if line.hasPrefix("read ") {
                state.read.append(String(line.dropFirst(5)))
            } else if line.hasPrefix("out ") {
                state.outputs.append(String(line.dropFirst(4)))
            } else {
                return nil
            }
        }
        return state
    }

    /// A 128-bit fingerprint of the options, the executable and every input file's path and
    /// bytes: the spec files and templates `files` holds, plus the project files `extra` names.
    static func fingerprint(_ files: ProjectFiles, extra: [String], options: String) -> String? {
        guard let executable = executableIdentity() else { return nil }
        var hash = FingerprintHash()
        hash.add(Array((executable + "\n" + options).utf8))
        var inputs: [String: [UInt8]] = [:]
        for spec in files.specs { inputs[spec.path] = spec.bytes }
        for (name, text) in files.templateOverrides { inputs["templates/" + name] = Array(text.utf8) }
        for path in extra where inputs[path] == nil {
            // A file read last time that is now gone or unreadable: the inputs changed.
            guard case .success(let bytes) = files.read(path) else { return nil }
            inputs[path] = bytes
        }
        for path in inputs.keys.sorted() {
            hash.add(Array(path.utf8))
            hash.add(inputs[path] ?? [])
        }
        return hash.hex
    }

    /// The running executable's path, size, modification time and inode: a rebuilt shopc may
    /// compile differently.
    static func executableIdentity() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }

    /// Every entry under `dir`, as `path kind size mtime inode` lines in path order; nil when the
    /// folder cannot be read.
    static func snapshot(_ dir: String) -> [String]? {
        var out: [String] = []
        func walk(_ relative: String) -> Bool {
            let absolute = relative.isEmpty ? dir : dir + "/" + relative
            guard let handle = opendir(absolute) else { return false }
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                if name != "." && name != ".." { names.append(name) }
            }
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(dir + "/" + path, &info) == 0 else { return false }
                let kind = info.st_mode & S_IFMT
                out.append("\(path) \(kind) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)")
                if kind == S_IFDIR, !walk(path) { return false }
            }
            return true
        }
        return walk("") ? out : nil
    }
}

/// Two independent 64-bit multiply-rotate lanes over 8-byte words: change detection for the
/// fingerprint at memory speed (SHA-256 would cost a tenth of a second on a big project; nothing
/// here needs to resist an attacker, who could edit the state file anyway).
struct FingerprintHash {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    mutating func add(_ bytes: [UInt8]) {
        mix(UInt64(bytes.count))
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < raw.count {
                tail |= UInt64(raw[offset]) << shift
                shift += 8
                offset += 1
            }
            mix(tail)
        }
    }

    private mutating func mix(_ word: UInt64) {
        a = (a ^ word) &* 0xFF51_AFD7_ED55_8CCD
        a = (a << 31) | (a >> 33)
        b = (b &+ word) &* 0xC4CE_B9FE_1A85_EC53
        b = (b << 29) | (b >> 35)
        b ^= a
    }

    var hex: String {
        String(a, radix: 16) + "-" + String(b, radix: 16)
    }
}
