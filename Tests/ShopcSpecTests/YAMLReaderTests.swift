import ShopcBase
import ShopcSpec
import XCTest

/// The reader composes spec nodes from libyaml's events. These pin what it reports and builds for
/// the YAML features a composer must handle; the expectations are what the Yams-based reader it
/// replaced produced for the same input.
final class YAMLReaderTests: XCTestCase {
    func read(_ text: String) -> (SpecNode?, [Diagnostic]) {
        var d = Diagnostics()
        let node = YAMLReader.read(text, path: "f.yml", diagnostics: &d)
        return (node, d.all)
    }

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "f.yml", line: line, column: column) }

    func messages(_ text: String) -> [String] {
        read(text).1.map { "\($0.code.rawValue) \($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)" }
    }

    func mapping(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> MappingNode {
        let (node, diagnostics) = read(text)
        XCTAssertEqual(diagnostics, [], file: file, line: line)
        guard case .mapping(let mapping)? = node else { throw XCTSkip("not a mapping") }
        return mapping
    }

    func scalar(_ node: SpecNode?) -> ScalarNode? {
        if case .scalar(let s)? = node { return s }
        return nil
    }

    func testEmptyStreamsAndDocuments() {
        XCTAssertNil(read("").0)
        XCTAssertNil(read("# only a comment\n").0)
        XCTAssertEqual(read("").1, [])
        // An explicit empty document is a null scalar, not an error.
        XCTAssertEqual(scalar(read("---\n").0)?.resolved, .null)
        XCTAssertEqual(messages("a: 1\n---\nb: 2\n"), ["SHP1001 2:1 invalid YAML: but found another document"])
        XCTAssertEqual(read("a: 1\n---\nb: 2\n").1.first?.notes, [DiagnosticNote("expected a single document in the stream", at: at(1, 1))])
    }

    func testScalarsResolveByTheCoreSchema() throws {
        let m = try mapping("a: 1\nb: -2.5\nc: true\nd: ~\ne: 'true'\nf: !!str 3\ng: 1e5\nh: -inf\ni: 0x10\nj: yes\nk: \"\"\n")
        let values = m.entries.map { scalar($0.value)?.resolved }
        XCTAssertEqual(values, [.int(1), .double(-2.5), .bool(true), .null, .string("true"), .string("3"), .double(1e5),
                                .string("-inf"), .string("0x10"), .string("yes"), .string("")])
        // Keys are strings whatever they look like.
        XCTAssertEqual(try mapping("1: a\nnull: b\n").entries.map(\.key.resolved), [.string("1"), .string("null")])
    }

    func testPositionsAndOrigins() throws {
        let m = try mapping("é: \"q\"\nb: |\n\n    x\n    y\nc: >\n  f\nd: plain\n")
        XCTAssertEqual(m.entries[0].value.location, at(1, 4))  // columns count characters
        XCTAssertEqual(scalar(m.entries[0].value)?.origin.layout, .inline(line: 1, column: 5))
        XCTAssertEqual(scalar(m.entries[1].value)?.origin.layout, .block(firstLine: 3, indent: 4))
        XCTAssertEqual(scalar(m.entries[2].value)?.origin.layout, .opaque(line: 7, column: 3))
        XCTAssertEqual(scalar(m.entries[3].value)?.origin.layout, .inline(line: 8, column: 4))
        // Block indents are measured on `\n`-separated lines, also in a file with CR line ends.
        let crlf = try mapping("a:\r\n  c: |\r\n    x\r\n")
        guard case .mapping(let inner) = crlf.entries[0].value else { return XCTFail("not a mapping") }
        XCTAssertEqual(scalar(inner.entries[0].value)?.origin.layout, .block(firstLine: 3, indent: 4))
    }

    func testOneLeadingByteOrderMarkIsDroppedFromAScalar() throws {
        XCTAssertEqual(scalar(try mapping("k: \u{FEFF}v\n").entries[0].value)?.text, "v")
    }

    func testAliasesExpandToTheirAnchorsNode() throws {
        let m = try mapping("a: &v [1, 2]\nb: *v\n")
        guard case .sequence(let b) = m.entries[1].value else { return XCTFail("not a list") }
        XCTAssertEqual(b.location, at(1, 4))
        XCTAssertEqual(b.items.count, 2)
        XCTAssertEqual(messages("a: *nope\n"), ["SHP1001 1:4 invalid YAML: found undefined alias"])
        // An anchor is defined once its node is complete.
        XCTAssertEqual(messages("a: &a [*a]\n"), ["SHP1001 1:8 invalid YAML: found undefined alias"])
    }

    func testAnAnchoredScalarUsedAsAKeyIsAStringEverywhere() throws {
        // Comparing keys resolves the tag an anchor shares with its aliases.
        let m = try mapping("a: &v 1\nb: *v\n*v : x\n")
        XCTAssertEqual(m.entries.map { scalar($0.value)?.resolved }, [.string("1"), .string("1"), .string("x")])
        XCTAssertEqual(scalar(try mapping("a: &v 1\nb: *v\n").entries[1].value)?.resolved, .int(1))
        XCTAssertEqual(scalar(try mapping("&k 1: a\nb: *k\n").entries[1].value)?.resolved, .string("1"))
    }

    func testDuplicateKeys() {
        XCTAssertEqual(messages("b: 1\na: 2\nb: 3\na: 4\n"), ["SHP1005 2:1 duplicate key 'a', 'b' in a mapping"])
        XCTAssertEqual(messages("a: 1\n'a': 2\n"), ["SHP1005 1:1 duplicate key 'a' in a mapping"])
        XCTAssertEqual(messages("a: 1\n!!str a: 2\n"), ["SHP1005 1:1 duplicate key 'a' in a mapping"])
        // Another tag makes another key.
        XCTAssertEqual(messages("a: 1\n!x a: 2\n"), [])
        // The inner mapping is reported when it ends, before the syntax error after it.
        XCTAssertEqual(messages("m:\n  k: 1\n  k: 2\nn: [\n"), ["SHP1005 2:3 duplicate key 'k' in a mapping"])
        let many = (0..<40).map { "k\($0): 1\n" }.joined() + "k7: 2\n"
        XCTAssertEqual(messages(many), ["SHP1005 8:1 duplicate key 'k7' in a mapping"])
    }

    func testCollectionKeys() {
        XCTAssertEqual(messages("a: 1\n? [a]\n: 1\n"), ["SHP1003 2:3 mapping keys must be plain strings"])
        XCTAssertEqual(messages("x: &m {a: 1}\n? *m\n: 2\n"), ["SHP1003 1:4 mapping keys must be plain strings"])
        // Equal collection keys are duplicates, also when one is an alias.
        XCTAssertEqual(messages("? [a]\n: 1\n? [a]\n: 2\n"), ["SHP1005 1:3 duplicate key '<uncovertable>' in a mapping"])
        XCTAssertEqual(messages("x: &m {a: 1}\n? {a: 1}\n: 2\n? *m\n: 3\n"), ["SHP1005 2:3 duplicate key '<uncovertable>' in a mapping"])
        XCTAssertEqual(messages("? [a]\n: 1\n? [b]\n: 2\n"), ["SHP1003 1:3 mapping keys must be plain strings"])
    }

    func testSyntaxErrorsWinOverShopcRules() {
        XCTAssertEqual(messages("? [a]\n: 1\nb: 'open\n"), ["SHP1001 4:1 invalid YAML: found unexpected end of stream"])
    }

    func testLimitsCountAliasesAsTheirExpansion() {
        var chain = "a0: &a0 [x]\n"
        for i in 1...210 { chain += "a\(i): &a\(i) [y, *a\(i - 1)]\n" }
        XCTAssertEqual(messages(chain), ["SHP1015 1:10 YAML nesting is deeper than shopc accepts (200 levels)"])
        var nest = ""
        for i in 0..<250 { nest += String(repeating: " ", count: i) + "k\(i):\n" }
        XCTAssertEqual(messages(nest), ["SHP1015 202:202 YAML nesting is deeper than shopc accepts (200 levels)"])
        var bomb = "a: &a {k0: x, k1: [x, y], k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}\n"
        let letters = Array("abcdefghij")
        for i in 1...9 {
            bomb += "\(letters[i]):\n  q: 1\n  r: &\(letters[i]) {" + (0..<10).map { "k\($0): *\(letters[i - 1])" }.joined(separator: ", ") + "}\n"
        }
        XCTAssertEqual(messages(bomb), ["SHP1015 1:12 YAML expands to more than 2000000 nodes (aliases expanding too far?)"])
    }

    func testReaderErrors() {
        XCTAssertEqual(messages("a: \u{1}\n"), ["SHP0005 1:1 cannot read YAML: control characters are not allowed"])
        XCTAssertEqual(messages("a:\n\tb: 1\n"), ["SHP1001 2:1 invalid YAML: found character that cannot start any token"])
    }
}
