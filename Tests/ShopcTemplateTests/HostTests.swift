import OrderedCollections
import ShopcBase
import ShopcTemplate
import XCTest

/// Calls from templates to the host: arguments, keyword order, locations, nesting, recursion.
final class HostTests: XCTestCase {
    func testCallRecordsArgumentsAndLocations() throws {
        var host = RecordingHost()
        let source = "select *\n  from {{ ref('orders', version=2, alias = 'o') }}"
        let result = try runWithHost(source, host: &host).get()
        XCTAssertEqual(result.text, "select *\n  from db.schema.orders")
        XCTAssertEqual(host.calls.count, 1)
        let call = host.calls[0]
        XCTAssertEqual(call.name, "ref")
        XCTAssertEqual(call.positional, [.string("orders")])
        XCTAssertEqual(call.keywords, ["version", "alias"])
        XCTAssertEqual(call.keywordValues, [.int(2), .string("o")])
        // `ref` is at text 2:11, mapped to file line 11, column 15.
        XCTAssertEqual(call.location, SourceLocation(file: "models/m.yml", line: 11, column: 15))
        XCTAssertEqual(call.argumentLocations.map(\.column), [19, 37, 48])
        XCTAssertEqual(call.argumentLocations.map(\.line), [11, 11, 11])
    }

    func testObjectAttributesFromHostValues() throws {
        var host = RecordingHost()
        let result = try runWithHost("{{ ref('a').name }}/{{ ref('b').schema }}/{{ ref('c') }}", host: &host).get()
        XCTAssertEqual(result.text, "a/schema/db.schema.c")
        XCTAssertEqual(host.calls.map { $0.positional }, [[.string("a")], [.string("b")], [.string("c")]])
    }

    func testNestedCallsEvaluateInnerFirst() throws {
        var host = RecordingHost()
        let result = try runWithHost("{{ source(var('src', default='raw'), ref('t').name) }}", host: &host).get()
        XCTAssertEqual(result.text, "raw.t")
        XCTAssertEqual(host.calls.map(\.name), ["var", "ref", "source"])
        XCTAssertEqual(host.calls[2].positional, [.string("raw"), .string("t")])
    }

    func testHostRendersMacrosRecursively() throws {
        var host = RecordingHost()
        host.templates["cents_to_dollars"] = try Template.parse(
            "({{ column }} / 100)::numeric(16, {{ scale | default(2) }})",
            origin: TextOrigin(file: "macros/money.yml", layout: .block(firstLine: 3, indent: 6)))
        host.templates["wrap"] = try Template.parse(
            "wrap[{{ cents_to_dollars(column=arg0) }}]", origin: TextOrigin(file: "macros/wrap.yml", layout: .wholeFile))
        let result = try runWithHost(
            "select {{ cents_to_dollars(column='amount', scale=4) }}, {{ wrap('x') }}", host: &host
        ).get()
        XCTAssertEqual(result.text, "select (amount / 100)::numeric(16, 4), wrap[(x / 100)::numeric(16, 2)]")
        XCTAssertEqual(host.calls.map(\.name), ["cents_to_dollars", "wrap", "cents_to_dollars"])
        XCTAssertEqual(host.calls[2].location, SourceLocation(file: "macros/wrap.yml", line: 1, column: 9))
    }

    func testErrorsInsideMacrosPropagateWithTheirOwnLocation() throws {
        var host = RecordingHost()
        host.templates["bad"] = try Template.parse("x{{ 1 + 'a' }}", origin: TextOrigin(file: "macros/bad.yml", layout: .wholeFile))
        guard case .failure(let error) = runWithHost("{{ bad() }}", host: &host) else { return XCTFail("expected failure") }
        XCTAssertEqual(error.diagnostic.code, .templateTypeError)
        XCTAssertEqual(error.diagnostic.location, SourceLocation(file: "macros/bad.yml", line: 1, column: 5))
    }

    func testHostErrorsPropagate() {
        var host = RecordingHost()
        host.functions.insert("boom")
        guard case .failure(let error) = runWithHost("\n  {{ boom() }}", host: &host) else { return XCTFail("expected failure") }
        XCTAssertEqual(error.diagnostic.code, .unknownMacro)
        XCTAssertEqual(error.diagnostic.location, SourceLocation(file: "models/m.yml", line: 11, column: 10))
    }

    func testCallsInControlFlowAndFilters() throws {
        var host = RecordingHost()
        let source = "{% if is_incremental() %}inc{% else %}{% for t in ['a', 'b'] %}{{ ref(t) | upper }};{% endfor %}{% endif %}"
        XCTAssertEqual(try runWithHost(source, host: &host).get().text, "DB.SCHEMA.A;DB.SCHEMA.B;")
        XCTAssertEqual(host.calls.map(\.name), ["is_incremental", "ref", "ref"])
    }

    func testGlobalsShadowHostFunctionsAndObjectsPrintDisplay() throws {
        let target = TemplateValue.object(TemplateObject(display: "target<dev>", fields: ["name": .string("dev"), "threads": .int(4)]))
        XCTAssertEqual(render("{{ target }} {{ target.name }} {{ target['threads'] + 1 }} {{ target.get('x', 'd') }}", globals: ["target": target]),
            "target<dev> dev 5 d")
        XCTAssertEqual(render("{% if target.name == 'prod' %}p{% else %}np{% endif %}", globals: ["target": target]), "np")
    }

    func testTemplateIsReusableAndSendable() throws {
        let template = try Template.parse("{{ x * 2 }}", origin: blockOrigin)
        let renderer = TemplateRenderer()
        var host = EmptyTemplateHost()
        for i in 0..<5 {
            XCTAssertEqual(try renderer.render(template, globals: ["x": .int(i)], host: &host).text, "\(i * 2)")
        }
        let box: any Sendable = template
        XCTAssertNotNil(box as? Template)
    }
}
