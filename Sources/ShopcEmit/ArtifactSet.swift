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
        files[path] = Self.endingWithOneNewline(contents)
    }

    /// Adds every file of `other` (already normalised); paths are expected to be new.
    public mutating func merge(_ other: ArtifactSet) {
        files.merge(other.files) { _, new in new }
    }

    /// `text` with its trailing line breaks replaced by exactly one. On UTF-8 bytes; a `\r\n`
    /// pair is one `Character` that is not a line break, as it was for `hasSuffix("\n")`.
    static func endingWithOneNewline(_ text: String) -> String {
        var source = text
        let end = source.withUTF8 { bytes in
            var end = bytes.count
            while end > 0 && bytes[end - 1] == UInt8(ascii: "\n") && !(end >= 2 && bytes[end - 2] == UInt8(ascii: "\r")) { end -= 1 }
            return end
        }
        if text.utf8.count - end == 1 { return text }
        return String(text[..<text.utf8.index(text.startIndex, offsetBy: end)]) + "\n"
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
