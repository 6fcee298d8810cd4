/// A half-open range of UTF-8 byte offsets into the parsed SQL text.
///
/// Source ranges are bookkeeping, not meaning: two ranges always compare equal and hashing
/// ignores them. This makes every AST node's synthesized `==` and `hash(into:)` structural, so
/// `parse(print(ast)) == ast` holds even though the printed text has different offsets.
/// Compare `start` and `end` directly when positions matter.
public struct SourceRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// Creates a range.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// An empty range at offset 0, for synthesized nodes.
    public static let none = SourceRange(start: 0, end: 0)

    /// Always true: ranges never take part in AST equality.
    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool { true }

    /// Does nothing: ranges never take part in AST hashing.
    public func hash(into hasher: inout Hasher) {}

    /// Whether both offsets match (the positional comparison `==` deliberately skips).
    public func isSamePosition(as other: SourceRange) -> Bool {
        start == other.start && end == other.end
    }

    /// The smallest range covering both.
    public func merged(with other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// `start..<end`.
    public var description: String { "\(start)..<\(end)" }
}

/// A syntax error in SQL text: a message and the UTF-8 byte offset it points at.
public struct SQLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, lower case, no trailing period.
    public var message: String
    /// UTF-8 byte offset into the input where the problem was found.
    public var offset: Int

    /// Creates an error.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// `offset: message`.
    public var description: String { "\(offset): \(message)" }
}
