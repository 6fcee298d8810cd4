import ShopcTemplate
import XCTest

/// String literals in templates: the plain ones are taken as their bytes, the ones with escapes
/// are decoded; both must give the same values.
final class StringLiteralTests: XCTestCase {
    func testPlainLiteralsAreTheirText() {
        XCTAssertEqual(render("{{ 'm_02824' }}|{{ \"double\" }}|{{ '' }}|{{ 'naïve ✓' }}"), "m_02824|double||naïve ✓")
        XCTAssertEqual(render("{{ 'a' ~ \"b\" }}"), "ab")
    }

    func testEscapesAnywhereInTheLiteral() {
        XCTAssertEqual(render("{{ '\\tx' }}|{{ 'x\\t' }}|{{ 'a\\'b' }}|{{ \"q\\\"q\" }}|{{ '\\\\' }}"), "\tx|x\t|a'b|q\"q|\\")
        XCTAssertEqual(render("{{ '\\x41\\u00e9\\U0001F600' }}|{{ 'a\\nb' }}"), "Aé😀|a\nb")
    }
}
