import Foundation
import Synchronization
import ShopcBase
import ShopcSpec

/// Reads a project's inputs from disk: the spec files under `specs/`, files they reference, and
/// template overrides under `templates/`. Part of the driver, the only code that touches disk.
public struct ProjectFiles: Sendable {
    /// Largest spec or template file accepted.
    public static let maxFileBytes = 16 << 20

    /// Spec files (`.yml` / `.yaml`), project-relative path → bytes.
    public var specs: [(path: String, bytes: [UInt8])] = []
    /// Template overrides: file name → text.
    public var templateOverrides: [String: String] = [:]
    /// The canonical project directory.
    public let root: URL
    /// Every project file read so far (specs, templates and the files specs reference), for the
    /// compile cache's fingerprint.
    public let readLog = ReadLog()

    /// Reads everything under `projectDir`; problems become diagnostics.
    public init(projectDir: String, diagnostics: inout Diagnostics) {
        root = URL(fileURLWithPath: projectDir).standardizedFileURL.resolvingSymlinksInPath()
        let specsDir = root.appendingPathComponent("specs")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: specsDir.path, isDirectory: &isDir), isDir.boolValue else {
            diagnostics.error(.noSpecs, "no specs/ folder in project directory '\(projectDir)'", at: nil)
            return
        }
        var walked = Walk()
        defer {
            for path in walked.outside {
                diagnostics.error(.pathOutsideProject, "'\(Identifier.printable(path))' is a symbolic link to a folder outside the project; its files are not read", at: nil)
            }
        }
        var specPaths: [String] = []
        for relative in walk(specsDir, prefix: "specs", &walked) where relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") {
            // Paths are printed in diagnostics and in `--` comments of the output.
            guard !Self.hasControlCharacter(relative) else {
                diagnostics.error(.fileUnreadable, "file name '\(Identifier.printable(relative))' holds a line break or another control character; rename it", at: nil)
                continue
            }
            specPaths.append(relative)
        }
        // Read on all cores (each file is a few system calls and a copy); kept in path order.
        let (root, readLog) = (root, readLog)
        let contents = Parallel.map(specPaths) { Self.read($0, root: root, log: readLog) }
        for (relative, content) in zip(specPaths, contents) {
            switch content {
            case .success(let bytes): specs.append((relative, bytes))
            case .failure(let diagnostic): diagnostics.emit(diagnostic)
            }
        }
        if specs.isEmpty {
            diagnostics.error(.noSpecs, "no spec files (*.yml) under specs/", at: nil)
        }
        let templatesDir = root.appendingPathComponent("templates")
        if FileManager.default.fileExists(atPath: templatesDir.path) {
            for relative in walk(templatesDir, prefix: "templates", &walked) {
                let name = String(relative.dropFirst("templates/".count))
                if name.contains("/") || name.hasPrefix(".") || Self.hasControlCharacter(name) { continue }
                switch read(relative) {
                case .success(let bytes):
                    if let text = String(validating: bytes, as: UTF8.self) {
                        templateOverrides[name] = text
                    } else {
                        diagnostics.error(.invalidEncoding, "file is not valid UTF-8", at: SourceLocation(file: relative, line: 1, column: 1))
                    }
                case .failure(let diagnostic): diagnostics.emit(diagnostic)
                }
            }
        }
    }

    /// What a walk has seen: folders already listed (a link back to a parent folder would
    /// otherwise recurse forever) and folders that resolve outside the project.
    struct Walk {
        var seen: Set<String> = []
        var outside: [String] = []
    }

    /// Lists regular files under `dir` recursively as project-relative paths, sorted, skipping
    /// hidden entries. Symbolic links are followed only when they stay inside the project;
    /// folders that resolve outside it are added to `walked.outside` instead.
    func walk(_ dir: URL, prefix: String, _ walked: inout Walk) -> [String] {
        guard walked.seen.insert(dir.resolvingSymlinksInPath().path).inserted else { return [] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        var out: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = dir.appendingPathComponent(name)
            let relative = "\(prefix)/\(name)"
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                guard inside(url) else {
                    walked.outside.append(relative)
                    continue
                }
                out.append(contentsOf: walk(url, prefix: relative, &walked))
            } else {
                out.append(relative)
            }
        }
        return out
    }

    /// Whether a path holds a control character or a Unicode line or paragraph separator.
    static func hasControlCharacter(_ path: String) -> Bool {
        path.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// Whether a path resolves (through any symbolic links) to somewhere inside the project.
    func inside(_ url: URL) -> Bool { Self.inside(url, root: root) }

    static func inside(_ url: URL, root: URL) -> Bool {
        let resolved = url.resolvingSymlinksInPath().path
        return resolved == root.path || resolved.hasPrefix(root.path + "/")
    }

    /// Reads a project-relative file.
    public func read(_ relative: String) -> Result<[UInt8], Diagnostic> {
        Self.read(relative, root: root, log: readLog)
    }

    static func read(_ relative: String, root: URL, log: ReadLog) -> Result<[UInt8], Diagnostic> {
        log.insert(relative)
        let url = root.appendingPathComponent(relative)
        let at = SourceLocation(file: relative, line: 1, column: 1)
        guard inside(url, root: root) else {
            return .failure(.error(.pathOutsideProject, "'\(relative)' resolves outside the project through a symbolic link", at: at))
        }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            // Only regular files: reading a FIFO or a device would block or never end.
            switch attributes[.type] as? FileAttributeType {
            case .typeRegular?: break
            case .typeDirectory?: return .failure(.error(.fileUnreadable, "it is a folder, not a file", at: at))
            default: return .failure(.error(.fileUnreadable, "it is not a regular file", at: at))
            }
            if let size = attributes[.size] as? Int, size > Self.maxFileBytes {
                return .failure(.error(.inputTooLarge, "file is larger than \(Self.maxFileBytes >> 20) MiB", at: at))
            }
            let data = try Data(contentsOf: url)
            guard data.count <= Self.maxFileBytes else {
                return .failure(.error(.inputTooLarge, "file is larger than \(Self.maxFileBytes >> 20) MiB", at: at))
            }
            return .success([UInt8](data))
        } catch {
            return .failure(.error(.fileUnreadable, "cannot read file: \(Self.describe(error))", at: at))
        }
    }

    /// The operating system's reason for an I/O error (Foundation's own text is often only
    /// "the operation could not be completed").
    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        switch ns.code {
        case NSFileReadNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSFileWriteVolumeReadOnlyError: return "read-only file system"
        default: return ns.localizedDescription
        }
    }
}

/// The project-relative paths a `ProjectFiles` has read (thread-safe: the loader reads referenced
/// files from several threads).
public final class ReadLog: Sendable {
    private let paths = Mutex<Set<String>>([])

    func insert(_ path: String) { _ = paths.withLock { $0.insert(path) } }

    /// The paths, sorted.
    public var all: [String] { paths.withLock { $0.sorted() } }
}
