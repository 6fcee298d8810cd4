import Foundation
import ShopcBase
import Yams

/// Parses one YAML file into located `SpecNode`s. Problems become diagnostics, never crashes.
public enum YAMLReader {
    /// Most nodes one file may expand to (guards against alias bombs).
    public static let maxNodes = 2_000_000
    /// Deepest nesting accepted (guards the recursive composer against stack exhaustion).
    public static let maxDepth = 200

    /// Reads `text` (already decoded UTF-8, without a byte-order mark) from project file `path`.
    /// Returns nil and reports a diagnostic when the file is not valid YAML; returns nil without a
    /// diagnostic for an empty document.
    public static func read(_ text: String, path: String, diagnostics: inout Diagnostics) -> SpecNode? {
        if let depthProblem = nestingProblem(text, path: path) {
            diagnostics.emit(depthProblem)
            return nil
        }
        let root: Node?
        do {
            // shopc resolves plain scalars itself; the basic resolver keeps Yams from running its regular
            // expressions on every key it hashes while checking for duplicates.
            let parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            diagnostics.emit(diagnostic(for: error, path: path))
            return nil
        } catch {
            diagnostics.error(.yamlSyntax, "invalid YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        guard let root else { return nil }
        var converter = Converter(path: path, bytes: Array(text.utf8))
        let node = converter.convert(root, depth: 0)
        if let problem = converter.problem {
            diagnostics.emit(problem)
            return nil
        }
        return node
    }

    /// A cheap pre-scan: flow brackets nested too deep, or block indentation so deep that the
    /// composer would recurse past `maxDepth`.
    static func nestingProblem(_ text: String, path: String) -> Diagnostic? {
        var depth = 0
        var line = 1
        var column = 0
        var lineStart = true
        var indent = 0
        var quote: UInt8 = 0
        for byte in text.utf8 {
            column += 1
            if byte == UInt8(ascii: "\n") {
                line += 1; column = 0; lineStart = true; indent = 0
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { continue }
                continue
            }
            if lineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                    indent += 1
                    if indent > maxDepth * 8 {
                        return .error(.yamlAlias, "YAML nesting is deeper than shopc accepts (\(maxDepth) levels)",
                                      at: SourceLocation(file: path, line: line, column: column))
                    }
                    continue
                }
                lineStart = false
            }
            if quote != 0 {
                if byte == quote { quote = 0 }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth {
                    return .error(.yamlAlias, "YAML nesting is deeper than shopc accepts (\(maxDepth) levels)",
                                  at: SourceLocation(file: path, line: line, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "#"):
                break
            default:
                break
            }
        }
        return nil
    }

    static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        func at(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: path, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var notes: [DiagnosticNote] = []
            if let context {
                notes.append(DiagnosticNote(context.text, at: at(context.mark)))
            }
            return .error(.yamlSyntax, "invalid YAML: \(problem)", at: at(mark), notes: notes)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(.duplicateKey, "duplicate key \(names) in a mapping", at: at(context.mark))
        case .reader(let problem, _, _, _):
            return .error(.invalidEncoding, "cannot read YAML: \(problem)", at: at(nil))
        default:
            return .error(.yamlSyntax, "invalid YAML: \(error)", at: at(nil))
        }
    }
}

/// Turns Yams nodes into located spec nodes, counting nodes to stop alias bombs.
private struct Converter {
    let path: String
    /// The file's UTF-8 bytes and the offset where each line starts (for block scalar indents).
    let bytes: [UInt8]
    let lineStarts: [Int]
    var count = 0
    var problem: Diagnostic?

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        self.lineStarts = starts
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
    }

    mutating func convert(_ node: Node, depth: Int) -> SpecNode {
        count += 1
        let here = location(node.mark)
        if count > YAMLReader.maxNodes || depth > YAMLReader.maxDepth {
            if problem == nil {
                problem = .error(
                    .yamlAlias,
                    count > YAMLReader.maxNodes
                        ? "YAML expands to more than \(YAMLReader.maxNodes) nodes (aliases expanding too far?)"
                        : "YAML nesting is deeper than shopc accepts (\(YAMLReader.maxDepth) levels)",
                    at: here)
            }
            return .scalar(ScalarNode(text: "", resolved: .null, location: here, origin: TextOrigin(file: path, layout: .inline(line: here.line, column: here.column))))
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(convertScalar(scalar, at: here))
        case .mapping(let mapping):
            var entries: [(key: ScalarNode, value: SpecNode)] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyNode: ScalarNode
                if case .scalar(let s) = key {
                    keyNode = convertScalar(s, at: location(s.mark))
                } else {
                    if problem == nil {
                        problem = .error(.wrongType, "mapping keys must be plain strings", at: location(key.mark))
                    }
                    continue
                }
                entries.append((keyNode, convert(value, depth: depth + 1)))
                if problem != nil { break }
            }
            return .mapping(MappingNode(entries: entries, location: here))
        case .sequence(let sequence):
            var items: [SpecNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(convert(item, depth: depth + 1))
                if problem != nil { break }
            }
            return .sequence(SequenceNode(items: items, location: here))
        case .alias(let alias):
            return .scalar(ScalarNode(text: "", resolved: .null, location: location(alias.mark), origin: TextOrigin(file: path, layout: .opaque(line: here.line, column: here.column))))
        }
    }

    func convertScalar(_ scalar: Node.Scalar, at here: SourceLocation) -> ScalarNode {
        let text = scalar.string
        let origin: TextOrigin
        let resolved: ScalarNode.Resolved
        switch scalar.style {
        case .literal:
            origin = TextOrigin(file: path, layout: .block(firstLine: here.line + 1, indent: blockIndent(after: here.line)))
            resolved = .string(text)
        case .folded:
            origin = TextOrigin(file: path, layout: .opaque(line: here.line + 1, column: blockIndent(after: here.line) + 1))
            resolved = .string(text)
        case .singleQuoted, .doubleQuoted:
            origin = TextOrigin(file: path, layout: .inline(line: here.line, column: here.column + 1))
            resolved = .string(text)
        default:
            origin = TextOrigin(file: path, layout: .inline(line: here.line, column: here.column))
            resolved = scalar.tag.rawValue.isEmpty ? Self.resolvePlain(text) : .string(text)
        }
        return ScalarNode(text: text, resolved: resolved, location: here, origin: origin)
    }

    /// The indentation of the first non-blank line after `line` (the content of a block scalar).
    func blockIndent(after line: Int) -> Int {
        var index = line  // lineStarts is 0-based, so `line` is the next line
        while index < lineStarts.count {
            var offset = lineStarts[index]
            var spaces = 0
            while offset < bytes.count, bytes[offset] == UInt8(ascii: " ") { spaces += 1; offset += 1 }
            if offset < bytes.count, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != UInt8(ascii: "\r") { return spaces }
            index += 1
        }
        return 0
    }

    /// YAML 1.2 core schema resolution of a plain scalar.
    static func resolvePlain(_ text: String) -> ScalarNode.Resolved {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let int = Int(text) { return .int(int) }
        if text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true,
           let double = Double(text), text.rangeOfCharacter(from: .letters) == nil || text.lowercased().contains("e")
        {
            return .double(double)
        }
        return .string(text)
    }
}
