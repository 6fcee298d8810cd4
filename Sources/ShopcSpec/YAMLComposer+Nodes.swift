import CYaml
import Foundation
import ShopcBase

extension YAMLComposer {
    /// A finished node with what its parent and aliases to it need to know.
    struct Built {
        var node: SpecNode
        /// Nodes the limits count in it: itself and everything below, keys excluded.
        var size: Int
        /// Levels below it, keys excluded.
        var height: Int
        /// Its interned structure, or -1 when no key comparison can involve it.
        var shape: Int
        /// A scalar's resolved tag, nil for the usual string tag (a key is its text and tag).
        var tag: String?
    }

    /// What tells two keys apart: the text and tag of scalars, the structure of anything else.
    enum KeyIdentity: Hashable {
        case scalar(String, tag: String?)
        case shape(Int)
    }

    /// A node's structure as a YAML composer compares keys: resolved tags and, for collections,
    /// the interned structures of the children (keys and values alternating for mappings).
    /// Interning makes a comparison of two collection keys a comparison of two integers, also
    /// for aliases expanding to large nodes.
    enum Shape: Hashable {
        case scalar(String, tag: String?)
        case collection(isMapping: Bool, tag: String?, children: [Int])

        /// A node's tag once resolved, nil for its kind's default: no tag and the non-specific
        /// `!` resolve to the default.
        static func resolved(_ tag: String, default: String) -> String? {
            tag.isEmpty || tag == "!" || tag == `default` ? nil : tag
        }

        static let stringTag = "tag:yaml.org,2002:str"
        static let mappingTag = "tag:yaml.org,2002:map"
        static let sequenceTag = "tag:yaml.org,2002:seq"
    }

    /// A collection being composed.
    struct Frame {
        let isMapping: Bool
        let location: SourceLocation
        let depth: Int
        /// Whether the collection is a mapping key or inside one (which shopc's rules skip).
        let inKey: Bool
        let anchor: String?
        let tag: String?
        let tracksShape: Bool
        var entries: [MappingNode.Entry] = []
        var items: [SpecNode] = []
        /// Every key's identity, kept once a key is not a plain string (a collection, or a scalar
        /// with another tag); until then the keys of `entries` are all the keys.
        var keys: [(identity: KeyIdentity, location: SourceLocation)]?
        /// The scalar key waiting for its value (nil after a collection key).
        var pendingKey: ScalarNode?
        var awaitingValue = false
        var children: [Int] = []
        var size = 1
        var height = 0

        init(isMapping: Bool, location: SourceLocation, depth: Int, inKey: Bool, anchor: String?, tag: String?, tracksShape: Bool) {
            self.isMapping = isMapping
            self.location = location
            self.depth = depth
            self.inKey = inKey
            self.anchor = anchor
            self.tag = tag
            self.tracksShape = tracksShape
        }

        /// Whether the next node is a key.
        var expectsKey: Bool { isMapping && !awaitingValue }

        mutating func addKey(_ key: consuming ScalarNode, tag: String?, shape: Int) {
            if tracksShape { children.append(shape) }
            if tag != nil || keys != nil { record(.scalar(key.text, tag: tag), at: key.location) }
            if entries.isEmpty { entries.reserveCapacity(4) }
            pendingKey = key
            awaitingValue = true
        }

        /// A collection key: compared with the others, then dropped (shopc rejects it).
        mutating func addKey(collection built: Built) {
            if tracksShape { children.append(built.shape) }
            record(.shape(built.shape), at: built.node.location)
            pendingKey = nil
            awaitingValue = true
        }

        private mutating func record(_ identity: KeyIdentity, at location: SourceLocation) {
            if keys == nil { keys = entries.map { (.scalar($0.key.text, tag: nil), $0.key.location) } }
            keys?.append((identity, location))
        }

        mutating func addValue(_ built: consuming Built) {
            if tracksShape { children.append(built.shape) }
            if isMapping {
                awaitingValue = false
                guard let key = pendingKey.take() else { return }
                entries.append(MappingNode.Entry(key: key, value: built.node))
            } else {
                items.append(built.node)
            }
            size = min(size + built.size, YAMLReader.maxNodes + 1)
            height = max(height, built.height + 1)
        }

        /// The error for keys that repeat.
        func duplicateKeys() -> Diagnostic? {
            if let keys { return YAMLComposer.duplicateKeys(keys) }
            guard YAMLComposer.repeats(count: entries.count, { entries[$0].key.text }) else { return nil }
            return YAMLComposer.duplicateKeys(entries.map { (.scalar($0.key.text, tag: nil), $0.key.location) })
        }
    }

    /// Whether two of `count` values are equal: compared pairwise when few, hashed when many.
    static func repeats<T: Hashable>(count: Int, _ value: (Int) -> T) -> Bool {
        guard count > 1 else { return false }
        if count <= 16 {
            for i in 1..<count {
                let candidate = value(i)
                for j in 0..<i where value(j) == candidate { return true }
            }
            return false
        }
        var seen = Set<T>(minimumCapacity: count)
        for i in 0..<count where !seen.insert(value(i)).inserted { return true }
        return false
    }

    /// The error for a mapping whose keys repeat: every repeated key, at the first occurrence of
    /// the first one named. Collection keys come first, then scalars in string order (Yams sorted
    /// keys by string and left the relative order of other kinds to chance).
    static func duplicateKeys(_ keys: [(identity: KeyIdentity, location: SourceLocation)]) -> Diagnostic? {
        guard repeats(count: keys.count, { keys[$0].identity }) else { return nil }
        var groups: [KeyIdentity: Int] = [:]
        var firsts: [(identity: KeyIdentity, location: SourceLocation, count: Int)] = []
        for key in keys {
            if let group = groups[key.identity] {
                firsts[group].count += 1
            } else {
                groups[key.identity] = firsts.count
                firsts.append((key.identity, key.location, 1))
            }
        }
        func text(_ identity: KeyIdentity) -> String? {
            if case .scalar(let text, _) = identity { return text }
            return nil
        }
        let duplicates = firsts.enumerated().filter { $0.element.count > 1 }.sorted { a, b in
            switch (text(a.element.identity), text(b.element.identity)) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return false
            case (nil, _?): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
        guard let first = duplicates.first else { return nil }
        let names = duplicates.map { "'\(text($0.identity) ?? "<uncovertable>")'" }.joined(separator: ", ")
        return .error(.duplicateKey, "duplicate key \(names) in a mapping", at: first.location)
    }

    /// `node` with the scalars in `stringified` resolved as strings.
    func restring(_ node: SpecNode) -> SpecNode {
        switch node {
        case .scalar(var scalar):
            if stringified.contains(scalar.location) { scalar.resolved = .string(scalar.text) }
            return .scalar(scalar)
        case .mapping(var mapping):
            mapping.entries = mapping.entries.map { MappingNode.Entry(key: $0.key, value: restring($0.value)) }
            return .mapping(mapping)
        case .sequence(var sequence):
            sequence.items = sequence.items.map(restring)
            return .sequence(sequence)
        }
    }

    /// The indentation of the first non-blank line after 1-based `line` (the content of a block
    /// scalar). Lines here are split at `\n` only.
    mutating func blockIndent(after line: Int) -> Int {
        var index = line  // lineStarts is 0-based, so `line` is the next line
        while let start = lineStart(index) {
            var offset = start
            var spaces = 0
            while offset < bytes.count, bytes[offset] == UInt8(ascii: " ") { spaces += 1; offset += 1 }
            if offset < bytes.count, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != UInt8(ascii: "\r") { return spaces }
            index += 1
        }
        return 0
    }

    /// The offset where 0-based line `index` starts, nil past the last line.
    private mutating func lineStart(_ index: Int) -> Int? {
        while lineStarts.count <= index {
            let from = lineStarts[lineStarts.count - 1]
            guard from < bytes.count, let base = bytes.baseAddress,
                  let newline = memchr(base + from, Int32(UInt8(ascii: "\n")), bytes.count - from)
            else { return nil }
            lineStarts.append(UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline)) + 1)
        }
        return lineStarts[index]
    }

    /// A NUL-terminated libyaml string (anchor or tag).
    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: UnsafePointer(pointer))
    }

    /// YAML 1.2 core schema resolution of a plain scalar whose first byte is `first`. Most
    /// scalars are told apart by that byte alone.
    static func resolvePlain(_ text: String, first: UInt8?) -> ScalarNode.Resolved {
        guard let first else { return .null }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            switch text {
            case "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: return .string(text)
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "~"), 0x80...:
            return resolveCore(text)
        default:
            // Other letters and ASCII punctuation start neither null, a boolean nor a number.
            return .string(text)
        }
    }

    /// YAML 1.2 core schema resolution of any plain scalar.
    static func resolveCore(_ text: String) -> ScalarNode.Resolved {
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
