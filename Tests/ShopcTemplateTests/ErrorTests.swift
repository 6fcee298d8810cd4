import ShopcBase
import ShopcTemplate
import XCTest

/// Every error kind: exact code, message and position mapped through a block origin
/// (text line n is file line 9 + n, column c is file column 4 + c).
final class ErrorTests: XCTestCase {
    func testUnterminatedTags() {
        assertError("ab {{ x", .templateSyntax, "unterminated '{{' tag", line: 10, column: 8)
        assertError("a\n{% if x", .templateSyntax, "unterminated '{%' tag", line: 11, column: 5)
        assertError("{# never closed", .templateSyntax, "unterminated comment", line: 10, column: 5)
        assertError("{{ 'abc }}", .templateSyntax, "unterminated string literal", line: 10, column: 8)
        assertError("{% raw %}abc", .templateSyntax, "unterminated 'raw' block: missing '{% endraw %}'", line: 10, column: 5)
    }

    func testUnknownAndMisplacedTags() {
        assertError("x\n   {% iff y %}", .templateSyntax, "unknown tag 'iff'", line: 11, column: 11, notes: ["did you mean 'if'?"])
        assertError("{% endfor %}", .templateSyntax, "unexpected 'endfor' outside of any block", line: 10, column: 8)
        assertError(
            "{% if x %}\nabc\n{% endfor %}", .templateSyntax, "unexpected 'endfor', expected 'elif' or 'else' or 'endif'",
            line: 12, column: 8, notes: ["10:5 'if' block opened here"])
        assertError(
            "{% for x in y %}{% if x %}abc{% endif %}", .templateSyntax,
            "unexpected end of template: 'for' block is not closed, expected 'endfor'", line: 10, column: 45,
            notes: ["10:5 'for' block opened here"])
        assertError("{% set x %}abc", .templateSyntax, "unexpected end of template: 'set' block is not closed, expected 'endset'",
            line: 10, column: 19)
    }

    func testBadExpressions() {
        assertError("{{ 1 + }}", .templateSyntax, "expected an expression, found '}}'", line: 10, column: 12)
        assertError("{{ }}", .templateSyntax, "expected an expression, found '}}'", line: 10, column: 8)
        assertError("{{ (1 }}", .templateSyntax, "unexpected '}', expected ')'", line: 10, column: 11, notes: ["10:8 '(' opened here"])
        assertError("{{ 1 ) }}", .templateSyntax, "unexpected ')'", line: 10, column: 10)
        assertError("{{ a b }}", .templateSyntax, "expected '}}', found 'b'", line: 10, column: 10)
        assertError("{% if %}{% endif %}", .templateSyntax, "expected an expression, found '%}'", line: 10, column: 11)
        assertError("{{ x is tru }}", .templateSyntax, "unknown test 'tru'", line: 10, column: 13, notes: ["did you mean 'true'?"])
        assertError("{{ f(a=1, 2) }}", .templateSyntax, "positional argument follows keyword argument", line: 10, column: 15)
        assertError("{{ 1 $ 2 }}", .templateSyntax, "unexpected character '$'", line: 10, column: 10)
    }

    func testUndefinedNames() {
        assertError("{{ usr.name }}", .undefinedName, "undefined name 'usr'", line: 10, column: 8,
            globals: ["user": .string("u")], notes: ["did you mean 'user'?"])
        assertError("{% set total = 1 %}\n{{ totl }}", .undefinedName, "undefined name 'totl'", line: 11, column: 8,
            notes: ["did you mean 'total'?"])
        assertError("{{ reff('orders') }}", .undefinedName, "unknown function 'reff'", line: 10, column: 8,
            notes: ["did you mean 'ref'?"])
        assertError("{{ nothing_close() }}", .undefinedName, "unknown function 'nothing_close'", line: 10, column: 8, notes: [])
    }

    func testUnknownFilter() {
        assertError("{{ x | uper }}", .unknownFilter, "unknown filter 'uper'", line: 10, column: 12, notes: ["did you mean 'upper'?"])
    }

    func testTypeErrors() {
        assertError("{{ 'a' + 1 }}", .templateTypeError, "unsupported operand types for +: 'str' and 'int'", line: 10, column: 8)
        assertError("{% for x in 5 %}{% endfor %}", .templateTypeError, "'int' value is not iterable", line: 10, column: 17)
        assertError("{{ n.x }}", .templateTypeError, "cannot read attribute 'x' of None", line: 10, column: 8, globals: ["n": .none])
        let target = TemplateValue.object(TemplateObject(display: "dev", fields: ["name": .string("dev")]))
        assertError("{{ target.nme }}", .templateTypeError, "unknown attribute 'nme' of 'dev'", line: 10, column: 8,
            globals: ["target": target], notes: ["did you mean 'name'?"])
        assertError("{{ 1 / 0 }}", .templateTypeError, "division by zero", line: 10, column: 8)
        assertError("{{ [1][3] }}", .templateTypeError, "list index 3 out of range", line: 10, column: 8)
        assertError("{{ 1 < 'a' }}", .templateTypeError, "'<' not supported between 'int' and 'str'", line: 10, column: 12)
        assertError("{% set a, b = [1] %}", .templateTypeError, "cannot unpack 1 values into 2 names", line: 10, column: 19)
        assertError("{{ x() }}", .templateTypeError, "'x' is a int value, not a function", line: 10, column: 8, globals: ["x": .int(1)])
        assertError("{{ 'abc'.nope() }}", .templateTypeError, "'str' value has no method 'nope'", line: 10, column: 8)
        assertError("{{ 9223372036854775807 + 1 }}", .templateTypeError, "integer overflow", line: 10, column: 8)
    }

    func testBuiltinMisuse() {
        assertError("{{ ref }}", .builtinMisuse, "function 'ref' must be called, as in 'ref(...)'", line: 10, column: 8)
        assertError("{{ range('a') }}", .builtinMisuse, "range arguments must be integers, not 'str'", line: 10, column: 8)
    }

    func testStrictUndefinedButDefinedTestNeverErrors() {
        XCTAssertEqual(render("{{ a is defined }} {{ a.b.c is defined }} {{ ref is defined }} {{ a | default('x') }}"),
            "False False True x")
    }

    func testWholeFileAndInlineOrigins() throws {
        var host = RecordingHost()
        let inline = TextOrigin(file: "p.yml", layout: .inline(line: 3, column: 12))
        guard case .failure(let e) = runWithHost("a {{ b }}", origin: inline, host: &host) else { return XCTFail("expected failure") }
        XCTAssertEqual(e.diagnostic.location, SourceLocation(file: "p.yml", line: 3, column: 17))
        let whole = TextOrigin(file: "m.sql", layout: .wholeFile)
        guard case .failure(let e2) = runWithHost("é\n  ü {{ b }}", origin: whole, host: &host) else { return XCTFail("expected failure") }
        XCTAssertEqual(e2.diagnostic.location, SourceLocation(file: "m.sql", line: 2, column: 8))
    }
}
