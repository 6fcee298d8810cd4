import ShopcBase

/// Reads the block-style YAML that spec files are written in, byte by byte, into the same
/// `SpecNode`s `YAMLComposer` builds from libyaml's events. It is several times faster: most of
/// libyaml's time goes to general machinery (a character reader, a token queue, simple-key
/// bookkeeping) that this subset does not need.
///
/// The subset: block mappings with plain keys, block sequences (also at their key's indent),
/// plain and quoted scalars on one line, flow collections closed on their line, literal and
/// folded block scalars (`|`, `>`, with `-` or `+`), and comments. Anything else (anchors, tags,
/// multi-line flow collections or plain or quoted scalars, empty values, escapes, document
/// markers, tabs outside block scalars, CR line ends, characters libyaml treats specially)
/// makes `read` return nil, and libyaml reads the file instead. So does every error, duplicate
/// keys included, so libyaml and the composer word every diagnostic. Within the subset the tree,
/// locations and origins are exactly the composer's; a differential test holds the two readers
/// to that.
struct YAMLBlockReader {
    /// Why the subset reader gave up (the file goes to libyaml).
    struct Unsupported: Error {}

    /// Deepest nesting read here; deeper files go to libyaml, which enforces the real limit.
    static let maxDepth = 64

    let path: String
    let bytes: UnsafeBufferPointer<UInt8>
    /// Start of the current line.
    private var lineStart = 0
    /// End of the current line (its `\n`, or the end of the file).
    private var lineEnd = 0
    /// 1-based number of the current line.
    private var line = 1
    /// Nodes read so far, keys excluded (the composer's count).
    private var nodes = 0

    init(path: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.path = path
        self.bytes = bytes
    }

    /// The file's root node, or nil when the file is outside the subset.
    static func read(bytes: UnsafeBufferPointer<UInt8>, path: String) -> SpecNode? {
        guard charactersAreSimple(bytes) else { return nil }
        var reader = YAMLBlockReader(path: path, bytes: bytes)
        do throws(Unsupported) {
            return try reader.document()
        } catch {
            return nil
        }
    }

    /// Whether every character is one libyaml reads as an ordinary character: no control
    /// characters but tab and `\n` (so no CR line ends), no NEL, line or paragraph separators,
    /// no byte-order marks or non-characters, nothing outside the Basic Multilingual Plane.
    static func charactersAreSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i < count {
            // Eight printable ASCII bytes (0x20...0x7E) at a time: no byte below 0x20, none above 0x7E.
            if i + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let below = (word &- ones &* 0x20) & ~word & highs
                let above = ((word &+ ones) | word) & highs
                if below | above == 0 {
                    i += 8
                    continue
                }
            }
            let byte = bytes[i]
            if (byte >= 0x20 && byte < 0x7F) || byte == 0x0A || byte == 0x09 {
                i += 1
                continue
            }
            guard byte >= 0x80, byte < 0xF0 else { return false }
            let next = i + 1 < count ? bytes[i + 1] : 0
            let after = i + 2 < count ? bytes[i + 2] : 0
            switch byte {
            case 0xC2 where next < 0xA0: return false  // C1 controls and NEL
            case 0xE2 where next == 0x80 && (after == 0xA8 || after == 0xA9): return false  // line and paragraph separators
            case 0xEF where (next == 0xBB && after == 0xBF) || (next == 0xBF && after >= 0xBE): return false
            default: i += 1
            }
        }
        return true
    }

    // MARK: Lines

    /// Moves to the line after the current one.
    private mutating func nextLine() {
        lineStart = min(lineEnd + 1, bytes.count)
        line += 1
        lineEnd = endOfLine(from: lineStart)
    }

    private func endOfLine(from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        return i
    }

    /// Skips blank and comment lines from the current one; returns the indent of the line it
    /// stops at, nil at the end of the file.
    private mutating func content() throws(Unsupported) -> Int? {
        while lineStart < bytes.count {
            var i = lineStart
            while i < lineEnd, bytes[i] == UInt8(ascii: " ") { i += 1 }
            if i < lineEnd {
                switch bytes[i] {
                case UInt8(ascii: "#"): break
                case UInt8(ascii: "\t"): throw Unsupported()
                default: return i - lineStart
                }
            }
            if lineEnd >= bytes.count { return nil }
            nextLine()
        }
        return nil
    }

    /// The 1-based column of `offset` on the current line, in characters as libyaml counts them.
    private func column(_ offset: Int) -> Int {
        var column = 1
        for i in lineStart..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    private func location(_ offset: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column(offset))
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Whether a block sequence entry (`-` then a space or the end of the line) starts at `offset`.
    private func isEntry(_ offset: Int) -> Bool {
        bytes[offset] == UInt8(ascii: "-") && (offset + 1 == lineEnd || bytes[offset + 1] == UInt8(ascii: " "))
    }

    /// Where the `:` of a plain key starting at `offset` stands, nil when no such key starts there
    /// (a key is followed by `:` and a space, or in block context the end of the line).
    private func keyEnd(_ offset: Int, flow: Bool = false) -> Int? {
        var i = offset
        while i < lineEnd, Self.keyBytes[Int(bytes[i])] { i += 1 }
        guard i > offset, i - offset < 1000, i < lineEnd, bytes[i] == UInt8(ascii: ":"),
              (i + 1 == lineEnd && !flow) || (i + 1 < lineEnd && bytes[i + 1] == UInt8(ascii: " "))
        else { return nil }
        return i
    }

    /// The key from `start` to its colon at `colon`, when it starts with a letter, digit or `_`.
    private func key(_ start: Int, _ colon: Int) throws(Unsupported) -> ScalarNode {
        let first = bytes[start]
        guard first != UInt8(ascii: "-"), first != UInt8(ascii: "."), first != UInt8(ascii: "/") else { throw Unsupported() }
        let keyText = text(start, colon)
        let here = location(start)
        return ScalarNode(text: keyText, resolved: .string(keyText), location: here, origin: TextOrigin(file: path, layout: .inline(line: here.line, column: here.column)))
    }

    /// Bytes of the plain keys read here: letters, digits, `_`, `-`, `.` and `/`; a key starts
    /// with a letter, digit or `_`.
    private static let keyBytes: [Bool] = (0...255).map { byte in
        let c = UInt8(byte)
        return (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || "_-./".utf8.contains(c)
    }

    /// After a value on the current line: nothing but spaces and a comment may follow.
    private func expectLineEnd(from offset: Int) throws(Unsupported) {
        var i = offset
        while i < lineEnd, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i == lineEnd || (i > offset && bytes[i] == UInt8(ascii: "#")) else { throw Unsupported() }
    }

    private mutating func count(depth: Int) throws(Unsupported) {
        nodes += 1
        guard nodes <= YAMLReader.maxNodes, depth <= Self.maxDepth else { throw Unsupported() }
    }

    // MARK: Structure

    private mutating func document() throws(Unsupported) -> SpecNode {
        lineEnd = endOfLine(from: 0)
        guard let indent = try content(), indent == 0 else { throw Unsupported() }
        let root: SpecNode
        if isEntry(lineStart) {
            root = .sequence(try sequence(indent: 0, indentless: false, depth: 0))
        } else {
            root = .mapping(try mapping(indent: 0, depth: 0))
        }
        guard try content() == nil else { throw Unsupported() }
        return root
    }

    /// A block mapping whose first key starts at `indent` on the current line.
    private mutating func mapping(indent: Int, depth: Int) throws(Unsupported) -> MappingNode {
        try count(depth: depth)
        let start = location(lineStart + indent)
        var entries: [MappingNode.Entry] = []
        entries.reserveCapacity(4)
        while true {
            let keyStart = lineStart + indent
            guard let colon = keyEnd(keyStart) else { throw Unsupported() }
            let key = try key(keyStart, colon)
            var valueStart = colon + 1
            while valueStart < lineEnd, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
            let value: SpecNode
            if valueStart == lineEnd || (valueStart > colon + 1 && bytes[valueStart] == UInt8(ascii: "#")) {
                nextLine()
                value = try nested(parentIndent: indent, depth: depth + 1)
            } else {
                value = try inline(at: valueStart, parentIndent: indent, depth: depth + 1)
            }
            entries.append(MappingNode.Entry(key: key, value: value))
            guard let next = try content(), next >= indent else { break }
            guard next == indent, !isEntry(lineStart + indent) else { throw Unsupported() }
        }
        guard !YAMLComposer.repeats(count: entries.count, { entries[$0].key.text }) else { throw Unsupported() }
        return MappingNode(entries: entries, location: start)
    }

    /// A block sequence whose first `-` is at `indent` on the current line. An indentless one
    /// (at its key's indent) ends at a line of that indent that is not an entry.
    private mutating func sequence(indent: Int, indentless: Bool, depth: Int) throws(Unsupported) -> SequenceNode {
        try count(depth: depth)
        let start = location(lineStart + indent)
        var items: [SpecNode] = []
        while true {
            var itemStart = lineStart + indent + 1
            while itemStart < lineEnd, bytes[itemStart] == UInt8(ascii: " ") { itemStart += 1 }
            guard itemStart < lineEnd, bytes[itemStart] != UInt8(ascii: "#") else { throw Unsupported() }
            if keyEnd(itemStart) != nil {
                items.append(.mapping(try mapping(indent: itemStart - lineStart, depth: depth + 1)))
            } else {
                items.append(try inline(at: itemStart, parentIndent: indent, depth: depth + 1))
            }
            guard let next = try content(), next >= indent else { break }
            guard next == indent else { throw Unsupported() }
            guard isEntry(lineStart + indent) else {
                if indentless { break }
                throw Unsupported()
            }
        }
        return SequenceNode(items: items, location: start)
    }

    /// The collection that is a key's value when the value starts on a later line.
    private mutating func nested(parentIndent: Int, depth: Int) throws(Unsupported) -> SpecNode {
        guard let indent = try content() else { throw Unsupported() }
        if isEntry(lineStart + indent) {
            guard indent >= parentIndent else { throw Unsupported() }
            return .sequence(try sequence(indent: indent, indentless: indent == parentIndent, depth: depth))
        }
        guard indent > parentIndent else { throw Unsupported() }
        return .mapping(try mapping(indent: indent, depth: depth))
    }

    /// A value that starts at `offset` on the current line. Leaves the reader on the line after it.
    private mutating func inline(at offset: Int, parentIndent: Int, depth: Int) throws(Unsupported) -> SpecNode {
        try count(depth: depth)
        let node: SpecNode
        switch bytes[offset] {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return .scalar(try block(at: offset, parentIndent: parentIndent))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            let (scalar, end) = try quoted(at: offset)
            try expectLineEnd(from: end)
            node = .scalar(scalar)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let (collection, end) = try flowNode(at: offset, depth: depth)
            try expectLineEnd(from: end)
            node = collection
        default:
            node = .scalar(try plain(at: offset))
        }
        nextLine()
        return node
    }

    // MARK: Scalars

    /// Bytes that cannot start a plain scalar here: YAML's indicators (`plainStart` handles
    /// `-`, `?` and `:`).
    private static let indicators: [Bool] = (0...255).map { "&*!|>'\"%@`{}[],#".utf8.contains(UInt8($0)) }

    /// Whether a plain scalar read here may start at `offset`: not at an indicator, and at `-`
    /// only when something other than a space follows (`?` and `:` starts go to libyaml).
    private func plainStart(_ offset: Int) -> Bool {
        let byte = bytes[offset]
        if Self.indicators[Int(byte)] { return false }
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":") {
            return offset + 1 < lineEnd && bytes[offset + 1] != UInt8(ascii: " ") && byte == UInt8(ascii: "-")
        }
        return true
    }

    /// A plain scalar in block context, ending at a comment or the end of the line.
    private func plain(at offset: Int) throws(Unsupported) -> ScalarNode {
        guard plainStart(offset) else { throw Unsupported() }
        var end = offset
        var i = offset
        while i < lineEnd {
            let byte = bytes[i]
            if byte == UInt8(ascii: " ") {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "#"), bytes[i - 1] == UInt8(ascii: " ") { break }
            if byte == UInt8(ascii: "\t") { throw Unsupported() }
            if byte == UInt8(ascii: ":"), i + 1 == lineEnd || bytes[i + 1] == UInt8(ascii: " ") { throw Unsupported() }
            i += 1
            end = i
        }
        return plainScalar(offset, end)
    }

    private func plainScalar(_ start: Int, _ end: Int) -> ScalarNode {
        let value = text(start, end)
        let here = location(start)
        return ScalarNode(
            text: value, resolved: YAMLComposer.resolvePlain(value, first: bytes[start]), location: here,
            origin: TextOrigin(file: path, layout: .inline(line: here.line, column: here.column)))
    }

    /// A single- or double-quoted scalar closed on its line (double-quoted ones without escapes);
    /// returns it and the offset after its closing quote.
    private func quoted(at offset: Int) throws(Unsupported) -> (ScalarNode, Int) {
        let quote = bytes[offset]
        var value: [UInt8] = []
        var i = offset + 1
        while true {
            guard i < lineEnd else { throw Unsupported() }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\t") || (quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\")) { throw Unsupported() }
            if byte == quote {
                if quote == UInt8(ascii: "'"), i + 1 < lineEnd, bytes[i + 1] == quote {
                    value.append(quote)
                    i += 2
                    continue
                }
                break
            }
            value.append(byte)
            i += 1
        }
        let text = String(decoding: value, as: UTF8.self)
        let here = location(offset)
        let scalar = ScalarNode(text: text, resolved: .string(text), location: here, origin: TextOrigin(file: path, layout: .inline(line: here.line, column: here.column + 1)))
        return (scalar, i + 1)
    }

    /// A flow collection (`[a, 'b', 3]`, `{k: v, list: [x]}`) closed on its line, or a scalar
    /// inside one; returns it and the offset after it. Mapping keys are plain.
    private mutating func flowNode(at offset: Int, depth: Int) throws(Unsupported) -> (SpecNode, Int) {
        let first = bytes[offset]
        if first == UInt8(ascii: "[") {
            let start = location(offset)
            var items: [SpecNode] = []
            let end = try flowCollection(at: offset, closing: UInt8(ascii: "]")) { reader, i throws(Unsupported) in
                try reader.count(depth: depth + 1)
                let (item, end) = try reader.flowNode(at: i, depth: depth + 1)
                items.append(item)
                return end
            }
            return (.sequence(SequenceNode(items: items, location: start)), end)
        }
        if first == UInt8(ascii: "{") {
            let start = location(offset)
            var entries: [MappingNode.Entry] = []
            let end = try flowCollection(at: offset, closing: UInt8(ascii: "}")) { reader, i throws(Unsupported) in
                guard let colon = reader.keyEnd(i, flow: true) else { throw Unsupported() }
                let key = try reader.key(i, colon)
                var valueStart = colon + 1
                while valueStart < reader.lineEnd, reader.bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
                guard valueStart < reader.lineEnd else { throw Unsupported() }
                try reader.count(depth: depth + 1)
                let (value, end) = try reader.flowNode(at: valueStart, depth: depth + 1)
                entries.append(MappingNode.Entry(key: key, value: value))
                return end
            }
            guard !YAMLComposer.repeats(count: entries.count, { entries[$0].key.text }) else { throw Unsupported() }
            return (.mapping(MappingNode(entries: entries, location: start)), end)
        }
        if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
            let (scalar, end) = try quoted(at: offset)
            return (.scalar(scalar), end)
        }
        guard plainStart(offset) else { throw Unsupported() }
        var i = offset
        var end = offset
        while i < lineEnd, bytes[i] != UInt8(ascii: ",") {
            let byte = bytes[i]
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { break }
            if Self.flowStops[Int(byte)] { throw Unsupported() }
            i += 1
            if byte != UInt8(ascii: " ") { end = i }
        }
        return (.scalar(plainScalar(offset, end)), i)
    }

    /// Reads the items of a flow collection opened at `offset` with `item`, which returns where
    /// the item ends; returns the offset after the closing bracket.
    private mutating func flowCollection(
        at offset: Int, closing: UInt8, _ item: (inout YAMLBlockReader, Int) throws(Unsupported) -> Int
    ) throws(Unsupported) -> Int {
        var i = offset + 1
        while i < lineEnd, bytes[i] == UInt8(ascii: " ") { i += 1 }
        if i < lineEnd, bytes[i] == closing { return i + 1 }
        while true {
            guard i < lineEnd else { throw Unsupported() }
            i = try item(&self, i)
            while i < lineEnd, bytes[i] == UInt8(ascii: " ") { i += 1 }
            guard i < lineEnd else { throw Unsupported() }
            if bytes[i] == closing { return i + 1 }
            guard bytes[i] == UInt8(ascii: ",") else { throw Unsupported() }
            i += 1
            while i < lineEnd, bytes[i] == UInt8(ascii: " ") { i += 1 }
        }
    }

    /// Bytes a plain scalar inside a flow collection is not read with here.
    private static let flowStops: [Bool] = (0...255).map { "[]{}#:'\"\t".utf8.contains(UInt8($0)) }

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `offset`: the
    /// indentation comes from its first line, which must not be blank. Leaves the reader on the
    /// first line after the scalar.
    private mutating func block(at offset: Int, parentIndent: Int) throws(Unsupported) -> ScalarNode {
        let here = location(offset)
        let folded = bytes[offset] == UInt8(ascii: ">")
        var i = offset + 1
        var chomp = UInt8(0)
        if i < lineEnd, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            chomp = bytes[i]
            i += 1
        }
        while i < lineEnd, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i == lineEnd, lineEnd < bytes.count else { throw Unsupported() }
        nextLine()
        var indent = 0
        while lineStart + indent < lineEnd, bytes[lineStart + indent] == UInt8(ascii: " ") { indent += 1 }
        guard lineStart + indent < lineEnd, indent > parentIndent, bytes[lineStart + indent] != UInt8(ascii: "\t") else { throw Unsupported() }

        var value: [UInt8] = []
        value.reserveCapacity(256)
        // libyaml's reading: each content line joins the text after the line break before it
        // and the empty lines since; the last line break is kept unless `|-`, the empty lines
        // after it only for `|+`. Folding turns a line break between two lines that do not
        // start with a blank into a space, or drops it when empty lines follow it.
        var pendingBreak = false
        var emptyLines = 0
        var leadingBlank = false
        while lineStart < bytes.count {
            var spaces = 0
            while lineStart + spaces < lineEnd, bytes[lineStart + spaces] == UInt8(ascii: " ") { spaces += 1 }
            if lineStart + spaces == lineEnd {
                // An empty line (more spaces than the indent would be content: not read here).
                guard spaces <= indent else { throw Unsupported() }
                if lineEnd < bytes.count { emptyLines += 1 }
            } else if spaces < indent {
                guard bytes[lineStart + spaces] != UInt8(ascii: "\t") else { throw Unsupported() }
                break
            } else {
                let first = bytes[lineStart + indent]
                let trailingBlank = first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
                if folded, pendingBreak, !leadingBlank, !trailingBlank {
                    if emptyLines == 0 { value.append(UInt8(ascii: " ")) }
                } else if pendingBreak {
                    value.append(UInt8(ascii: "\n"))
                }
                leadingBlank = trailingBlank
                value.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: emptyLines))
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(lineStart + indent)..<lineEnd]))
                pendingBreak = lineEnd < bytes.count
                emptyLines = 0
            }
            nextLine()
        }
        if pendingBreak, chomp != UInt8(ascii: "-") { value.append(UInt8(ascii: "\n")) }
        if chomp == UInt8(ascii: "+") { value.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: emptyLines)) }
        let text = String(decoding: value, as: UTF8.self)
        let layout: TextOrigin.Layout = folded ? .opaque(line: here.line + 1, column: indent + 1) : .block(firstLine: here.line + 1, indent: indent)
        return ScalarNode(text: text, resolved: .string(text), location: here, origin: TextOrigin(file: path, layout: layout))
    }
}
