import CYaml
import Foundation
import ShopcBase

/// Parses one YAML file into located `SpecNode`s. Problems become diagnostics, never crashes.
///
/// Block-style files in the subset spec files are written in are read by `YAMLBlockReader`;
/// everything else, and every file with an error, by libyaml (vendored by Yams as `CYaml`), from
/// whose events `YAMLComposer` builds the spec nodes, so each file yields one tree and no
/// intermediate one.
public enum YAMLReader {
    /// Most nodes one file may expand to (guards against alias bombs).
    public static let maxNodes = 2_000_000
    /// Deepest nesting accepted.
    public static let maxDepth = 200

    /// Reads `text` (already decoded UTF-8, without a byte-order mark) from project file `path`.
    /// Returns nil and reports a diagnostic when the file is not valid YAML; returns nil without a
    /// diagnostic for an empty document.
    public static func read(_ text: String, path: String, diagnostics: inout Diagnostics) -> SpecNode? {
        var text = text
        return text.withUTF8 { read(bytes: $0, path: path, diagnostics: &diagnostics) }
    }

    /// Reads the UTF-8 `bytes` of project file `path` (validated, without a byte-order mark).
    static func read(bytes: UnsafeBufferPointer<UInt8>, path: String, diagnostics: inout Diagnostics) -> SpecNode? {
        if let node = YAMLBlockReader.read(bytes: bytes, path: path) { return node }
        return readWithLibyaml(bytes: bytes, path: path, diagnostics: &diagnostics)
    }

    /// Reads `bytes` with libyaml and `YAMLComposer`: any YAML, and every diagnostic.
    static func readWithLibyaml(bytes: UnsafeBufferPointer<UInt8>, path: String, diagnostics: inout Diagnostics) -> SpecNode? {
        if let depthProblem = nestingProblem(bytes, path: path) {
            diagnostics.emit(depthProblem)
            return nil
        }
        var composer = YAMLComposer(path: path, bytes: bytes)
        switch composer.compose() {
        case .success(let node):
            return node
        case .failure(let failure):
            diagnostics.emit(failure.diagnostic)
            return nil
        }
    }

    /// A cheap pre-scan: flow brackets nested too deep, or block indentation deeper than
    /// `maxDepth` levels could plausibly need. It reads lines at `\n` and treats every quote and
    /// bracket outside quotes alike, wherever it stands (comments and block scalars included).
    static func nestingProblem(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Diagnostic? {
        guard let base = bytes.baseAddress else { return nil }
        func tooDeep(line: Int, column: Int) -> Diagnostic {
            .error(.yamlAlias, "YAML nesting is deeper than shopc accepts (\(maxDepth) levels)",
                   at: SourceLocation(file: path, line: line, column: column))
        }
        func find(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
            guard start < end, let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        }
        return nestingMarks.withUnsafeBufferPointer { marks -> Diagnostic? in
            var depth = 0
            var quote: UInt8 = 0
            var line = 1
            var lineStart = 0
            while lineStart <= bytes.count {
                let end = find(UInt8(ascii: "\n"), from: lineStart, to: bytes.count) ?? bytes.count
                var i = lineStart
                while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "-") {
                    i += 1
                    if i - lineStart > maxDepth * 8 { return tooDeep(line: line, column: i - lineStart) }
                }
                while i < end {
                    if quote != 0 {
                        guard let closing = find(quote, from: i, to: end) else { break }
                        quote = 0
                        i = closing + 1
                        continue
                    }
                    let byte = bytes[i]
                    i += 1
                    guard marks[Int(byte)] else { continue }
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"):
                        quote = byte
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        depth += 1
                        if depth > maxDepth { return tooDeep(line: line, column: i - lineStart) }
                    default:
                        depth = max(0, depth - 1)
                    }
                }
                line += 1
                lineStart = end + 1
            }
            return nil
        }
    }

    /// The bytes `nestingProblem` looks at outside quotes: quotes and brackets.
    private static let nestingMarks: [Bool] = (0...255).map { "\"'[]{}".utf8.contains(UInt8($0)) }

    /// The diagnostic for a failed `yaml_parser_parse`: libyaml's own problem text, at its mark,
    /// with its context as a note.
    static func diagnostic(for parser: yaml_parser_t, path: String) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .error(.yamlSyntax, "invalid YAML: Memory error", at: location(line: 1, column: 1, path: path))
        case YAML_READER_ERROR:
            return .error(.invalidEncoding, "cannot read YAML: \(problem)", at: location(line: 1, column: 1, path: path))
        default:
            var notes: [DiagnosticNote] = []
            if let context = parser.context {
                notes.append(DiagnosticNote(String(cString: context), at: location(parser.context_mark, path: path)))
            }
            return .error(.yamlSyntax, "invalid YAML: \(problem)", at: location(parser.problem_mark, path: path), notes: notes)
        }
    }

    /// A libyaml mark (0-based line and column, counted in characters) as a 1-based location.
    static func location(_ mark: yaml_mark_t, path: String) -> SourceLocation {
        location(line: mark.line + 1, column: mark.column + 1, path: path)
    }

    static func location(line: Int, column: Int, path: String) -> SourceLocation {
        SourceLocation(file: path, line: max(1, line), column: max(1, column))
    }
}
