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

    let readReferenced: (String) -> ReferencedFile

    /// Creates a loader; `readReferenced` receives a normalised project-relative path.
    public init(readReferenced: @escaping (String) -> ReferencedFile) {
        self.readReferenced = readReferenced
    }

    /// Loads every file (`path` is project-relative). Files are processed in path order so that
    /// the result does not depend on the order the file system listed them in.
    public func load(files: [(path: String, bytes: [UInt8])], diagnostics: inout Diagnostics) -> ProjectSpecs {
        var specs = ProjectSpecs()
        let sorted = files.sorted(by: { $0.path < $1.path }).map { SourceBytes(path: $0.path, bytes: $0.bytes) }
        // Parsing YAML is independent per file: do it on all cores, then decode sections in path
        // order so the result and the diagnostics do not depend on scheduling.
        let parsed = Parallel.map(sorted) { file -> ParsedFile in
            var d = Diagnostics()
            let sha = SHA256.hex(file.bytes)
            guard let text = Self.decode(file.bytes, path: file.path, diagnostics: &d) else { return ParsedFile(sha256: sha, root: nil, diagnostics: d) }
            return ParsedFile(sha256: sha, root: YAMLReader.read(text, path: file.path, diagnostics: &d), diagnostics: d)
        }
        for (file, result) in zip(sorted, parsed) {
            specs.files.append(SpecFile(path: file.path, sha256: result.sha256))
            diagnostics.emit(contentsOf: result.diagnostics.all)
            guard let root = result.root else { continue }
            guard case .mapping(let mapping) = root else {
                if case .scalar(let s) = root, s.resolved == .null { continue }
                diagnostics.error(.wrongType, "a spec file must be a mapping of sections (\(Self.topLevelKeys.joined(separator: ", "))), found \(root.kindDescription)", at: root.location)
                continue
            }
            var decoder = SectionDecoder(file: file.path, readReferenced: readReferenced)
            decoder.decodeFile(mapping, into: &specs, &diagnostics)
        }
        return specs
    }

    /// One spec file's bytes.
    struct SourceBytes: Sendable {
        var path: String
        var bytes: [UInt8]
    }

    /// One spec file after YAML parsing.
    struct ParsedFile: Sendable {
        var sha256: String
        var root: SpecNode?
        var diagnostics: Diagnostics
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
