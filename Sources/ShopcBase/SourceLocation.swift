/// A position in a project file: a project-relative path and a 1-based line and column.
///
/// Columns count Unicode scalars, which is what editors and GitHub annotations expect.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The path of the file relative to the project directory, with `/` separators.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:col`, the form editors and terminals recognise.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// Where a piece of text embedded in a spec file came from, so that a line and column inside the
/// text (for example a SQL error inside a YAML block scalar) map back to the file.
public struct TextOrigin: Hashable, Sendable, Codable {
    /// How the text is laid out in its file.
    public enum Layout: Hashable, Sendable, Codable {
        /// The text is the whole file (a `.sql` file), so positions map one to one.
        case wholeFile
        /// A YAML literal block (`|`): text line `n` is file line `firstLine + n - 1`, indented
        /// by `indent` columns.
        case block(firstLine: Int, indent: Int)
        /// A scalar on one line that starts at `line`, `column` (after any opening quote).
        /// Positions on its first text line are offset by the column; later lines (multi-line
        /// flow scalars) fall back to the start of the scalar.
        case inline(line: Int, column: Int)
        /// A layout whose positions cannot be mapped exactly (folded scalars): every position
        /// maps to the start of the scalar.
        case opaque(line: Int, column: Int)
    }

    /// The project-relative file path.
    public var file: String
    /// How the text sits in the file.
    public var layout: Layout

    /// Creates an origin.
    public init(file: String, layout: Layout) {
        self.file = file
        self.layout = layout
    }

    /// Maps a 1-based line and column inside the text to a location in the file.
    public func location(line: Int, column: Int) -> SourceLocation {
        switch layout {
        case .wholeFile:
            return SourceLocation(file: file, line: line, column: column)
        case .block(let firstLine, let indent):
            return SourceLocation(file: file, line: firstLine + line - 1, column: indent + column)
        case .inline(let startLine, let startColumn):
            if line == 1 {
                return SourceLocation(file: file, line: startLine, column: startColumn + column - 1)
            }
            return SourceLocation(file: file, line: startLine, column: startColumn)
        case .opaque(let startLine, let startColumn):
            return SourceLocation(file: file, line: startLine, column: startColumn)
        }
    }

    /// The location of the first character of the text.
    public var start: SourceLocation { location(line: 1, column: 1) }
}

/// Converts UTF-8 byte offsets in a text into 1-based line and column numbers.
public struct LineTable: Sendable {
    private let lineStarts: [Int]
    private let bytes: [UInt8]

    /// Indexes the line starts of `text`.
    public init(_ text: String) {
        let bytes = Array(text.utf8)
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
        self.bytes = bytes
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    public func position(ofByte offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        var column = 1
        var index = start
        while index < clamped {
            // Count only bytes that start a scalar (not UTF-8 continuation bytes).
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }
}
