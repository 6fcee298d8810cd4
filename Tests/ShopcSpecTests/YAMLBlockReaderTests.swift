import Foundation
import ShopcBase
@testable import ShopcSpec
import XCTest

/// The block reader must build exactly the tree libyaml and the composer build — text, typed
/// value, location and origin of every node — for every file it reads, and leave everything
/// else to libyaml. These compare the two readers on the repository's own spec files, on
/// hand-written edge cases and on many mutations of both.
final class YAMLBlockReaderTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.yml` file under `specs/` and the test fixtures.
    static let corpus: [(path: String, text: String)] = {
        var files: [(String, String)] = []
        for folder in ["specs", "Tests"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "yml" {
                if let text = try? String(contentsOf: url, encoding: .utf8) { files.append((url.path, text)) }
            }
        }
        return files.sorted { $0.0 < $1.0 }
    }()

    func block(_ text: String) -> SpecNode? {
        var text = text
        return text.withUTF8 { YAMLBlockReader.read(bytes: $0, path: "f.yml") }
    }

    func libyaml(_ text: String) -> (SpecNode?, [Diagnostic]) {
        var text = text
        var diagnostics = Diagnostics()
        let node = text.withUTF8 { YAMLReader.readWithLibyaml(bytes: $0, path: "f.yml", diagnostics: &diagnostics) }
        return (node, diagnostics.all)
    }

    /// Whatever the block reader reads, libyaml reads the same; returns whether it read it.
    @discardableResult
    func assertAgrees(_ text: String, _ context: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard let fast = block(text) else { return false }
        let (reference, diagnostics) = libyaml(text)
        XCTAssertEqual(diagnostics.map(\.message), [], "\(context())\n\(text)", file: file, line: line)
        XCTAssertEqual(Self.dump(fast), reference.map(Self.dump) ?? "nil", "\(context())\n\(text)", file: file, line: line)
        return true
    }

    /// Every detail of a node, one line per node.
    static func dump(_ node: SpecNode) -> String {
        var out = ""
        func walk(_ node: SpecNode, _ indent: String) {
            let here = "\(node.location.line):\(node.location.column)"
            switch node {
            case .scalar(let s):
                out += "\(indent)scalar \(here) \(s.resolved) \(s.text.debugDescription) \(s.origin.layout) \(s.origin.file) \(s.location.file)\n"
            case .mapping(let m):
                out += "\(indent)mapping \(here) \(m.location.file)\n"
                for entry in m.entries {
                    out += "\(indent)  key \(entry.key.location.line):\(entry.key.location.column) \(entry.key.resolved) \(entry.key.text.debugDescription) \(entry.key.origin.layout)\n"
                    walk(entry.value, indent + "    ")
                }
            case .sequence(let s):
                out += "\(indent)sequence \(here) \(s.location.file)\n"
                for item in s.items { walk(item, indent + "  ") }
            }
        }
        walk(node, "")
        return out
    }

    func testSpecFilesReadTheSameAndMostlyWithoutLibyaml() throws {
        XCTAssertGreaterThan(Self.corpus.count, 100)
        var read = 0
        for (path, text) in Self.corpus where assertAgrees(text, path) { read += 1 }
        // Most spec files are in the subset; the rest are fixtures for YAML features or errors.
        XCTAssertGreaterThan(read, Self.corpus.count * 3 / 4)
        // The reference project is read without libyaml, file by file.
        for (path, text) in Self.corpus where path.hasPrefix(Self.root.appendingPathComponent("specs").path) {
            XCTAssertNotNil(block(text), path)
        }
    }

    func testTheSubset() {
        let documents = [
            "a: 1\nb: -2.5\nc: true\nd: ~\ne: 'it''s'\nf: \"q\"\ng: 1e5\nh: null\ni: 0x10\nj: -x\nk: a:b\nl: x #c\nm: [a, 'b', \"c\", 3]\n",
            "n: []\no: [ ]\np: [ a b , c ]   # trailing\nq: 'x'  # c\n",
            "k:\n  - a\n  - 'b'\n  - [x]\n  - name: n\n    type: t\n  -   name: wide\nnext: 1\n",
            "k:\n- a\n- b: 1\n  c: 2\nafter: x\n",
            "# lead\n\nm:\n\n  # inner\n  x: 1\n\n  y:\n    z: [1]\n",
            "s: |\n  line 1\n\n    indented\n  line 3\n\n\nt: |-\n  a\n\n  b\n\nu: |+\n  kept\n\n\nv: x\n",
            "w: |\n  # not a comment\n  a\t tab\n  \nx: 1\n",
            "fm: {count: 12, period: hour}\nem: {}\nsp: { a: x }\nnest: [a, [b, {c: [d]}], {}]\n",
            "f: >-\n  folded\n  lines\n\n  para\n    more indented\n  back\n\ng: >\n  x\n   y\n  z\n\n\nh: >+\n  k\n\n",
            "last: |\n  no newline at the end",
            "last: |+\n  a\n\n",
            "- a\n- b: 1\n- |\n  block\n- [1, 2]\n",
            "e_free: 'é ü'\nk: ünïcödé — text\nz: \"日本\"\n",
            "deep:\n  a:\n    b:\n      c:\n        - d:\n            e: [x]\n",
            "key_with.dots-and/slashes: 1\n123: x\n_u: y\n",
            "q: a ' b \" c\nr: 50%\ns: x [y] {z}, w\n",
            "flow: [é, 'ü', x, {k: 日本, l: m}]\nnums: [0o17, .5, 1_000, +1, -.inf, .NaN, 0x1F, 1e-3]\n",
            "a:\n# between\n  - x\n- y\n".replacingOccurrences(of: "- y\n", with: ""),
            "- name:\n    x: 1\n  other: 2\n- last\n",
            "a:\n- |\n  x\n- >-\n  y\n  z\nb: 1\n",
            "keys: {on: yes, no: off, null: ~, true: 1}\n",
        ]
        for document in documents {
            XCTAssertTrue(assertAgrees(document), "not read by the block reader:\n\(document)")
        }
    }

    /// The character screen reads eight printable bytes at a time. Every byte value, at every
    /// offset in and across a word, must be judged as a byte-at-a-time screen judges it.
    func testTheCharacterScreenJudgesEveryByteAtEveryOffset() {
        func simple(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { YAMLBlockReader.charactersAreSimple($0) } }
        // One byte outside printable ASCII in a run of printable ones, at each position.
        for length in [1, 7, 8, 9, 16, 17, 25] {
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max where !((0x20..<0x7F).contains(byte) || byte == 0x0A || byte == 0x09) {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = byte
                    // The screen rejects control bytes, bytes from 0xF0 up (outside the BMP),
                    // and 0xC2 before a byte below 0xA0 (a C1 control); other bytes from 0x80
                    // pass, as only the sequences it names are refused.
                    let expected = byte >= 0x80 && byte < 0xF0 && !(byte == 0xC2)
                    XCTAssertEqual(simple(bytes), expected, "byte \(byte) at \(position) of \(length)")
                }
                for edge: UInt8 in [0x1F, 0x20, 0x7E, 0x7F, 0x09, 0x0A, 0x0D, 0x00, 0xFF] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "~"), count: length)
                    bytes[position] = edge
                    XCTAssertEqual(simple(bytes), (0x20...0x7E).contains(edge) || edge == 0x09 || edge == 0x0A, "byte \(edge) at \(position) of \(length)")
                }
            }
        }
        // Multi-byte sequences straddling a word boundary.
        let text = Array("abcdef\u{2028}gh".utf8)
        XCTAssertFalse(simple(text))
        XCTAssertTrue(simple(Array("abcdefé\u{2027}ghijklmnop".utf8)))
        XCTAssertFalse(simple(Array("abcdefg\u{85}hijklmnop".utf8)))
        XCTAssertFalse(simple(Array("abcdefg\u{FEFF}hijklmnop".utf8)))
        XCTAssertFalse(simple(Array("abcdefg😀hijklmnop".utf8)))
    }

    func testOutsideTheSubsetGoesToLibyaml() {
        let documents = [
            "", "# only\n", "---\na: 1\n", "a: 1\n...\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: {b: 1\n", "a: {b: [1}\n", "a: [x, {b: 1]\n", "a: {b: 1, b: 2}\n", "a: {b:1}\n", "a: {'b': 1}\n",
"a: multi\n  line\n", "a: 'multi\n  line'\n", "a: \"esc\\n\"\n", "a:\n", "a:\nb: 1\n",
            "a:\t1\n", "a: 1\r\nb: 2\r\n", "a: 1\n\tb: 2\n", "a: \u{85}\n", "a: x\u{2028}y\n", "a: \u{FEFF}v\n", "a: 😀\n",
            "a: 1\na: 2\n", "? a\n: 1\n", "a: |2\n  x\n", "a: | # c\n  x\n", "a: |\n\n  x\n", "a: |\n      \n  x\n",
            "a: |\n  x\n     \n", "  a: 1\n", "a: b: c\n", "a: x:\n", "a: - x\n", "a: [x,]\n", "a: [x\n", "a: 'x'y\n",
            "- - a\n", "-\n  a: 1\n", "a: 1\n  b: 2\n", "a:\n    b: 1\n  c: 2\n", "a:\n  - x\n  y: 1\n", "'a': 1\n", "a : 1\n", "a: @x\n",
            "a: `x`\n", "a: %x\n", "hello\n", "a: x\nhello\n",
        ]
        for document in documents {
            XCTAssertNil(block(document), "read by the block reader:\n\(document.debugDescription)")
        }
    }

    /// Mutations of every corpus file and edge case: lines dropped, duplicated, indented or
    /// dedented, characters with a meaning in YAML inserted. Whatever the block reader still
    /// reads must read the same with libyaml.
    func testMutationsReadTheSameOrGoToLibyaml() {
        var random = SplitMix(seed: 0x5EED_B10C)
        let inserts = [":", ": ", "#", " #", "-", "- ", "'", "\"", "[", "]", ",", "|", "|-", ">", " ", "  ", "\t", "&a ", "*a", "{", "?", "\n", "é", "~", "0"]
        // Mutations of the files in the subset: the edges of the subset are where readers differ.
        let seeds = Self.corpus.map(\.text).filter { $0.utf8.count < 20_000 && block($0) != nil }
        XCTAssertGreaterThan(seeds.count, 100)
        var read = 0
        var tried = 0
        for (index, seed) in seeds.enumerated() {
            for round in 0..<12 {
                var lines = seed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                guard !lines.isEmpty else { continue }
                for _ in 0..<(1 + round % 3) {
                    let at = Int(random.next() % UInt64(lines.count))
                    switch random.next() % 6 {
                    case 0: lines.remove(at: at)
                    case 1: lines.insert(lines[at], at: at)
                    case 2: lines[at] = " " + lines[at]
                    case 3: if lines[at].hasPrefix(" ") { lines[at].removeFirst() }
                    default:
                        let text = lines[at]
                        let offset = text.isEmpty ? 0 : Int(random.next() % UInt64(text.count + 1))
                        let insert = inserts[Int(random.next() % UInt64(inserts.count))]
                        let position = text.index(text.startIndex, offsetBy: offset)
                        lines[at] = String(text[..<position]) + insert + String(text[position...])
                    }
                    if lines.isEmpty { break }
                }
                tried += 1
                if assertAgrees(lines.joined(separator: "\n"), "mutation \(round) of corpus file \(index)") { read += 1 }
            }
        }
        // The mutations exercise both readers: many stay in the subset, many leave it.
        XCTAssertGreaterThan(read, tried / 10)
        XCTAssertLessThan(read, tried * 9 / 10)
    }
}

/// A small deterministic generator (SplitMix64), so every run tries the same mutations.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
