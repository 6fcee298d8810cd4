import ShopcBase
import ShopcTemplate
import XCTest

/// Hostile inputs end in SHP2008 (or another diagnostic), never a crash or a hang.
final class LimitTests: XCTestCase {
    func code(_ source: String, globals: [String: TemplateValue] = [:], limits: TemplateLimits = .init()) -> DiagnosticCode? {
        switch runTemplate(source, globals: globals, limits: limits) {
        case .success: return nil
        case .failure(let error): return error.diagnostic.code
        }
    }

    func testRangeAndLoopLimits() {
        XCTAssertEqual(render("{% for i in range(3) %}{{ i }}{% endfor %}{{ range(2, 4) | list }}"), "012[2, 3]")
        XCTAssertEqual(code("{% for i in range(1000000) %}{% endfor %}"), .expansionLimit)
        XCTAssertEqual(code("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"), .expansionLimit)
        XCTAssertEqual(code("{% for i in range(20) %}{% endfor %}", limits: TemplateLimits(maxLoopIterations: 10)), .expansionLimit)
        // The second outer iteration is the 100,001st, so the error points at the outer loop.
        assertError("\n{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", .expansionLimit,
            "template loops exceed the limit of 100000 iterations", line: 11, column: 17)
    }

    func testDeepNestingIsRejectedWithoutCrashing() {
        let n = 10_000
        for (open, close) in [("(", ")"), ("[", "]"), ("{'a': ", "}"), ("not ", ""), ("-", ""), ("f(", ")")] {
            let source = "{{ " + String(repeating: open, count: n) + "1" + String(repeating: close, count: n) + " }}"
            XCTAssertEqual(code(source), .expansionLimit, open)
        }
        XCTAssertEqual(code("{{ " + Array(repeating: "1", count: n).joined(separator: " + ") + " }}"), .expansionLimit)
        XCTAssertEqual(code("{{ x" + String(repeating: ".a", count: n) + " }}"), .expansionLimit)
        XCTAssertEqual(code("{{ x" + String(repeating: " | upper", count: n) + " }}"), .expansionLimit)
        XCTAssertEqual(code("{{ 1" + String(repeating: " if 1 else 1", count: n) + " }}"), .expansionLimit)
        XCTAssertEqual(code(String(repeating: "{% if 1 %}", count: n) + String(repeating: "{% endif %}", count: n)), .expansionLimit)
        XCTAssertEqual(code(String(repeating: "{% for x in [1] %}", count: n)), .expansionLimit)
        // Moderate nesting stays fine.
        XCTAssertEqual(render("{{ " + String(repeating: "(", count: 50) + "7" + String(repeating: ")", count: 50) + " }}"), "7")
        XCTAssertEqual(code("{{ ((1)) }}", limits: TemplateLimits(maxNestingDepth: 2)), .expansionLimit)
    }

    func testHugeOutputIsRejected() {
        XCTAssertEqual(code("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}"), .expansionLimit)
        XCTAssertEqual(code("{{ 'x' * 100000000 }}"), .expansionLimit)
        XCTAssertEqual(code("{{ 'x' * 9223372036854775807 }}"), .expansionLimit)
        XCTAssertEqual(code("{{ [1] * 100000000 }}"), .expansionLimit)
        XCTAssertEqual(code("{{ 'ab' * 10 }}", limits: TemplateLimits(maxOutputBytes: 5)), .expansionLimit)
        XCTAssertEqual(code("{% set s %}{% for i in range(10) %}abc{% endfor %}{% endset %}", limits: TemplateLimits(maxOutputBytes: 20)), .expansionLimit)
        assertError("{{ 'abc' }}{{ 'abc' }}", .expansionLimit, "template output exceeds the limit of 5 bytes", line: 10, column: 19,
            limits: TemplateLimits(maxOutputBytes: 5))
    }

    /// Artifact templates get limits raised by their input: copying the input scales, multiplying
    /// it does not.
    func testLimitsScaledByInput() {
        let base = TemplateLimits(maxLoopIterations: 10, maxOutputBytes: 100)
        let steps: TemplateValue = .list((0..<20).map { _ in .dict(["body": .string(String(repeating: "x", count: 50))]) })
        let scaled = base.scaled(toInput: ["steps": steps, "header": .string("abcd")])
        XCTAssertEqual(scaled.maxOutputBytes, 100 + 2 * (20 * 50 + 4))
        XCTAssertEqual(scaled.maxLoopIterations, 10 + 2 * (20 + 20))
        let copy = "{{ header }}{% for s in steps %}{{ s.body }}{% endfor %}"
        XCTAssertEqual(code(copy, globals: ["steps": steps, "header": .string("abcd")], limits: base), .expansionLimit)
        XCTAssertNil(code(copy, globals: ["steps": steps, "header": .string("abcd")], limits: scaled))
        let bomb = "{% for s in steps %}{{ s.body * 3 }}{% endfor %}"
        XCTAssertEqual(code(bomb, globals: ["steps": steps, "header": .string("abcd")], limits: scaled), .expansionLimit)
        let quadratic = "{% for a in steps %}{% for b in steps %}{% endfor %}{% endfor %}"
        XCTAssertEqual(code(quadratic, globals: ["steps": steps], limits: base.scaled(toInput: ["steps": steps])), .expansionLimit)
    }

    func testGarbageInputNeverCrashes() {
        let pieces = ["{{", "}}", "{%", "%}", "{#", "#}", "-", "'", "\"", "(", ")", "[", "]", "{", "}", "if", "for", "x", "in",
            "endif", "endfor", " ", "\n", "|", "is", "not", "1", ".", ",", "=", "set", "raw", "endraw", "é", "\\", "**", "~"]
        var generator = SeededGenerator(state: 0x5EED)
        for _ in 0..<3000 {
            var source = ""
            for _ in 0..<Int.random(in: 1...25, using: &generator) { source += pieces.randomElement(using: &generator) ?? "" }
            _ = runTemplate(source, globals: ["x": .list([.int(1)])])
        }
    }
}

/// A deterministic generator, so that a failing garbage input can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11 | state << 53
    }
}
