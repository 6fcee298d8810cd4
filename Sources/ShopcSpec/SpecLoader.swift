import ShopcBase

/// The result of asking the driver for a file referenced from a spec (`sql_file:`).
public enum ReferencedFile: Sendable {
    case text(String)
    case missing
    case outsideProject
    case unreadable(String)
}

/// Stage 1: turns the bytes of spec files into located spec values. Does no I/O itself: the
/// driver hands it the files under `specs/` and a function that reads referenced files.
public struct SpecLoader {
    /// Keys allowed at the top level of a spec file.
    public static var topLevelKeys: [String] { SpecSchema.file.keys }

    let readReferenced: @Sendable (String) -> ReferencedFile
    /// Compute each file's SHA-256 (`SpecFile.sha256`, for the manifest). Runs that emit nothing
    /// skip it: it is a sixth of the load stage.
    public var checksums = true

    /// Creates a loader; `readReferenced` receives a normalised project-relative path and may be
    /// called from several threads at once.
    public init(readReferenced: @escaping @Sendable (String) -> ReferencedFile) {
        self.readReferenced = readReferenced
    }

    /// Loads every file (`path` is project-relative). Files are processed in path order so that
    /// the result does not depend on the order the file system listed them in.
    public func load(files: [(path: String, bytes: [UInt8])], diagnostics: inout Diagnostics) -> ProjectSpecs {
        var specs = ProjectSpecs()
        let sorted = files.sorted(by: { $0.path < $1.path }).map { SourceBytes(path: $0.path, bytes: $0.bytes) }
        // Files are parsed and decoded independently, on all cores, then merged in path order so
        // that the result and the diagnostics do not depend on scheduling. Only the project
        // section depends on the files before it (the first one wins), so it is decoded here.
        let readReferenced = readReferenced
        let checksums = checksums
        let loaded = Parallel.map(sorted) { Self.loadFile($0, readReferenced: readReferenced, checksum: checksums) }
        for (file, result) in zip(sorted, loaded) {
            specs.files.append(SpecFile(path: file.path, sha256: result.sha256))
            diagnostics.emit(contentsOf: result.diagnostics.all)
            if let project = result.project {
                SectionDecoder(file: file.path, readReferenced: readReferenced).decodeProject(project, into: &specs, &diagnostics)
            }
            diagnostics.emit(contentsOf: result.laterDiagnostics.all)
        }
        specs.append(sectionsOf: loaded.map(\.specs))
        return specs
    }

    /// Parses one file and decodes its sections but the project.
    static func loadFile(_ file: SourceBytes, readReferenced: @escaping @Sendable (String) -> ReferencedFile, checksum: Bool = true) -> LoadedFile {
        var loaded = LoadedFile(sha256: checksum ? SHA256.hex(file.bytes) : "")
        guard let text = decode(file.bytes, path: file.path, diagnostics: &loaded.diagnostics),
              let root = YAMLReader.read(text, path: file.path, diagnostics: &loaded.diagnostics)
        else { return loaded }
        guard case .mapping(let mapping) = root else {
            if case .scalar(let s) = root, s.resolved == .null { return loaded }
            loaded.diagnostics.error(
                .wrongType, "a spec file must be a mapping of sections (\(topLevelKeys.joined(separator: ", "))), found \(root.kindDescription)",
                at: root.location)
            return loaded
        }
        let decoder = SectionDecoder(file: file.path, readReferenced: readReferenced)
        loaded.project = decoder.decodeFile(mapping, into: &loaded.specs, &loaded.diagnostics, later: &loaded.laterDiagnostics)
        return loaded
    }

    /// One spec file's bytes.
    struct SourceBytes: Sendable {
        var path: String
        var bytes: [UInt8]
    }

    /// One spec file, parsed and decoded.
    struct LoadedFile: Sendable {
        var sha256: String
        /// Every section but the project.
        var specs = ProjectSpecs()
        /// The file's `project` section, decoded when the files are merged.
        var project: MappingNode?
        /// Diagnostics from before the project section, then from after it.
        var diagnostics = Diagnostics()
        var laterDiagnostics = Diagnostics()

        init(sha256: String) {
            self.sha256 = sha256
        }
    }

    /// Decodes UTF-8, dropping a byte-order mark; invalid bytes are a located error.
    static func decode(_ bytes: [UInt8], path: String, diagnostics: inout Diagnostics) -> String? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) {
            return text
        }
        // Find the first invalid byte for the location.
        var line = 1
        var column = 1
        var iterator = body.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                break loop
            }
        }
        diagnostics.error(.invalidEncoding, "file is not valid UTF-8", at: SourceLocation(file: path, line: line, column: column))
        return nil
    }
}

extension ProjectSpecs {
    /// Appends the sections of `parts`, in order, but their project and file list.
    mutating func append(sectionsOf parts: [ProjectSpecs]) {
        func merge<Spec>(_ list: WritableKeyPath<ProjectSpecs, [Spec]>) {
            self[keyPath: list].reserveCapacity(self[keyPath: list].count + parts.reduce(0) { $0 + $1[keyPath: list].count })
            for part in parts { self[keyPath: list] += part[keyPath: list] }
        }
        merge(\.sources)
        merge(\.models)
        merge(\.macros)
        merge(\.fileFormats)
        merge(\.storageIntegrations)
        merge(\.maskingPolicies)
        merge(\.singularTests)
        merge(\.genericTests)
        merge(\.analyses)
    }
}
