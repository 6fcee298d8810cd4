import ShopcBase
import ShopcTemplate
import XCTest

/// Regression tests for values that grew past every limit before they were measured (found while
/// building the robustness corpus): each used to abort on a failed allocation or a stack
/// overflow, and now ends in SHP2008.
final class ValueLimitTests: XCTestCase {
    func code(_ source: String) -> DiagnosticCode? {
        switch runTemplate(source, limits: TemplateLimits()) {
        case .success: return nil
        case .failure(let error): return error.diagnostic.code
        }
    }

    func testJoinIsMeasuredBeforeItIsBuilt() {
        // 100,000 items joined with a 588,889-byte separator: 58 GB.
        XCTAssertEqual(code("{{ range(100000) | join(range(100000) | join(',')) }}"), .expansionLimit)
        XCTAssertEqual(code("{{ ('x' * 1000000).join(range(100000) | map('string') | list) }}"), .expansionLimit)
        XCTAssertEqual(render("{{ [1, 2] | join('--') }}"), "1--2")
    }

    func testReplaceAndIndentAreMeasuredBeforeTheyAreBuilt() {
        XCTAssertEqual(code("{{ ('x' * 1000000) | replace('x', 'y' * 100) }}"), .expansionLimit)
        XCTAssertEqual(code("{{ ('x' * 1000000).replace('x', 'y' * 100) }}"), .expansionLimit)
        XCTAssertEqual(code("{{ 'a' | indent(1000000000, true) }}"), .expansionLimit)
        XCTAssertEqual(code("{{ ('a\\n' * 1000000) | indent(100) }}"), .expansionLimit)
        XCTAssertEqual(render("{{ 'aXbX' | replace('X', '--') }}|{{ 'a\\nb' | indent(2) }}"), "a--b--|a\n  b")
    }

    func testListsAppendedToThemselvesAreCaught() {
        // Each append nests the list one level deeper and doubles what printing it would visit.
        XCTAssertEqual(code("{% set l = [] %}{% for i in range(100000) %}{% do l.append(l) %}{% endfor %}"), .expansionLimit)
        XCTAssertEqual(code("{% set d = {} %}{% for i in range(100000) %}{% do d.update(k=d) %}{% endfor %}"), .expansionLimit)
        XCTAssertEqual(code("{% set l = [1] %}{% for i in range(100) %}{% do l.extend(l) %}{% endfor %}"), .expansionLimit)
        var source = "{% set a = 1 %}"
        for _ in 0..<300 { source += "{% set a = [a] %}" }
        XCTAssertEqual(code(source), .expansionLimit)
        XCTAssertEqual(render("{% set l = [] %}{% for i in range(3) %}{% do l.append([i]) %}{% endfor %}{{ l }}"), "[[0], [1], [2]]")
    }
}
