import Foundation

/// JSON output that is byte-stable: sorted keys, two-space indentation, no escaped slashes, one
/// final newline.
public enum StableJSON {
    /// Encodes a value; encoding of the plain value types used here cannot fail, but if it does the
    /// error text is returned as a JSON string so that nothing crashes.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            return (String(data: data, encoding: .utf8) ?? "") + "\n"
        } catch {
            return "\"encoding failed: \(error)\"\n"
        }
    }
}

extension StableJSON {
    /// Writes, straight into UTF-8 bytes, the text `encode` gives for the same value: two-space
    /// indentation, `"key" : value`, `[` and `]` (or `{` and `}`) on lines of their own even when
    /// empty, and Foundation's string escapes. For documents too large for `Codable`'s boxing
    /// (`manifest.json` of a big project). The caller writes object keys in UTF-8 order, as
    /// `encode`'s `.sortedKeys` does; `object(_:_:)` sorts the keys of a dictionary itself.
    public struct Writer {
        /// The text so far.
        public private(set) var bytes: [UInt8] = []
        /// Per open container, whether it has no member yet.
        private var empty: [Bool] = []

        /// Creates an empty writer; `capacity` is a guess of the final size in bytes.
        public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

        /// A writer for a value that will sit `depth` containers deep in another document (see
        /// `object(parallel:_:)`), so that it is indented as it will be there.
        init(nestedIn depth: Int) { empty = Array(repeating: false, count: depth) }

        /// The document with its final newline (the writer is done after this).
        public consuming func finish() -> String {
            bytes.append(UInt8(ascii: "\n"))
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Opens an object; write each member with `key(_:)` and its value, then `endObject()`.
        public mutating func beginObject() { open(UInt8(ascii: "{")) }

        /// Closes the innermost object.
        public mutating func endObject() { close(UInt8(ascii: "}")) }

        /// Opens an array; write each element after `element()`, then `endArray()`.
        public mutating func beginArray() { open(UInt8(ascii: "[")) }

        /// Closes the innermost array.
        public mutating func endArray() { close(UInt8(ascii: "]")) }

        /// Starts a member of the innermost object.
        public mutating func key(_ key: String) {
            element()
            string(key)
            bytes.append(0x20)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(0x20)
        }

        /// Starts an element of the innermost array.
        public mutating func element() {
            if empty[empty.count - 1] {
                empty[empty.count - 1] = false
            } else {
                bytes.append(UInt8(ascii: ","))
                bytes.append(UInt8(ascii: "\n"))
            }
            indent(empty.count)
        }

        /// A string value, escaped as Foundation escapes it (`/` kept as it is).
        public mutating func string(_ value: String) {
            bytes.append(UInt8(ascii: "\""))
            var text = value
            text.withUTF8 { source in
                // Most strings need no escape: copied whole.
                if !source.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                    bytes.append(contentsOf: source)
                    return
                }
                var mark = 0
                for (index, byte) in source.enumerated() {
                    let escape: [UInt8]
                    switch byte {
                    case UInt8(ascii: "\""): escape = Array("\\\"".utf8)
                    case UInt8(ascii: "\\"): escape = Array("\\\\".utf8)
                    case 0x08: escape = Array("\\b".utf8)
                    case 0x0C: escape = Array("\\f".utf8)
                    case 0x0A: escape = Array("\\n".utf8)
                    case 0x0D: escape = Array("\\r".utf8)
                    case 0x09: escape = Array("\\t".utf8)
                    case 0x00...0x1F: escape = Array("\\u00".utf8) + [Self.hex(byte >> 4), Self.hex(byte & 0xF)]
                    default: continue
                    }
                    bytes.append(contentsOf: source[mark..<index])
                    bytes.append(contentsOf: escape)
                    mark = index + 1
                }
                bytes.append(contentsOf: source[mark...])
            }
            bytes.append(UInt8(ascii: "\""))
        }

        /// An integer value.
        public mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

        /// A boolean value.
        public mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

        /// An array of strings.
        public mutating func strings(_ values: [String]) {
            beginArray()
            for value in values {
                element()
                string(value)
            }
            endArray()
        }

        /// An object from a dictionary, keys in UTF-8 order; `value` writes each value.
        public mutating func object<Value>(_ dictionary: [String: Value], _ value: (inout Writer, Value) -> Void) {
            beginObject()
            // Most objects here hold one member (one target); those need no sorting.
            let members = dictionary.count < 2 ? Array(dictionary) : dictionary.sorted { Self.utf8Precedes($0.key, $1.key) }
            for (key, item) in members {
                self.key(key)
                value(&self, item)
            }
            endObject()
        }

        /// An object from a dictionary whose values are written in parallel, each into its own
        /// buffer, then joined in key order: the same text as `object(_:_:)`.
        public mutating func object<Value: Sendable>(parallel dictionary: [String: Value], _ value: @Sendable (inout Writer, Value) -> Void) {
            let keys = dictionary.keys.sorted(by: Self.utf8Precedes)
            let depth = empty.count + 1
            let values = Parallel.map(keys) { key -> [UInt8] in
                var nested = Writer(nestedIn: depth)
                if let item = dictionary[key] { value(&nested, item) }
                return nested.bytes
            }
            beginObject()
            for (key, text) in zip(keys, values) {
                self.key(key)
                bytes.append(contentsOf: text)
            }
            endObject()
        }

        /// An object of strings, keys in UTF-8 order.
        public mutating func object(_ dictionary: [String: String]) {
            object(dictionary) { $0.string($1) }
        }

        private mutating func open(_ bracket: UInt8) {
            bytes.append(bracket)
            bytes.append(UInt8(ascii: "\n"))
            empty.append(true)
        }

        private mutating func close(_ bracket: UInt8) {
            empty.removeLast()
            bytes.append(UInt8(ascii: "\n"))
            indent(empty.count)
            bytes.append(bracket)
        }

        private mutating func indent(_ level: Int) {
            let count = 2 * level
            if count <= Self.spaces.count {
                Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
            } else {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
            }
        }

        /// Enough spaces for the indentation of 32 levels.
        private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

        /// Whether `a` sorts before `b` by their UTF-8 bytes (the order of `.sortedKeys`),
        /// comparing the bytes in place: going through `utf8`'s iterator cost hundreds of
        /// instructions per pair of keys that share a long prefix.
        public static func utf8Precedes(_ a: String, _ b: String) -> Bool {
            var (a, b) = (a, b)
            return a.withUTF8 { x in
                b.withUTF8 { y in
                    for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                    return x.count < y.count
                }
            }
        }

        private static func hex(_ digit: UInt8) -> UInt8 {
            digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
        }
    }
}
