import ShopcBase
import ShopcSQL

/// The output of emission: file contents by path relative to the output folder. Pure data; the
/// driver decides whether to write it or compare it.
public struct ArtifactSet: Sendable, Equatable {
    /// Path → contents. Paths use `/` and never start with `/` or contain `..`.
    public private(set) var files: [String: String] = [:]

    /// Creates an empty set.
    public init() {}

    /// Adds a file; text is normalised to end with exactly one newline.
    public mutating func add(_ path: String, _ contents: String) {
        var text = contents
        while text.hasSuffix("\n\n") { text.removeLast() }
        if !text.hasSuffix("\n") { text += "\n" }
        files[path] = text
    }

    /// Paths in sorted order.
    public var paths: [String] { files.keys.sorted() }
}

/// Quoting of values placed into SQL text.
public enum SQLLiteral {
    /// A single-quoted Snowflake string literal. Backslashes and quotes are escaped, so any text
    /// (quotes, `;`, newlines) stays inert data; a `$` next to another `$` is written `\x24`, so
    /// no literal can end an `EXECUTE IMMEDIATE $$ … $$` block it is placed in.
    public static func string(_ s: String) -> String { SQLQuoting.stringLiteral(s) }

    /// A SQL line comment for free text: one `--` line per text line.
    public static func comment(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { "-- " + $0 }.joined(separator: "\n")
    }
}

extension String {
    /// Every non-empty line indented by `width` spaces.
    func indented(_ width: Int) -> String {
        let pad = String(repeating: " ", count: width)
        return split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}
