import OrderedCollections
import ShopcBase
import ShopcTemplate
import XCTest

/// A host that records every call and answers with canned values; `templates` are host macros
/// rendered recursively with their keyword arguments as globals.
struct RecordingHost: TemplateHost {
    struct Recorded: Equatable {
        var name: String
        var positional: [TemplateValue]
        var keywords: [String]
        var keywordValues: [TemplateValue]
        var location: SourceLocation
        var argumentLocations: [SourceLocation]
    }

    var calls: [Recorded] = []
    var templates: [String: Template] = [:]
    var functions: Set<String> = ["ref", "source", "var", "is_incremental"]

    func hasFunction(_ name: String) -> Bool { functions.contains(name) || templates[name] != nil }
    var functionNames: [String] { (functions.union(templates.keys)).sorted() }

    mutating func call(_ call: TemplateCall) throws(TemplateError) -> TemplateValue {
        calls.append(Recorded(
            name: call.name, positional: call.positional, keywords: call.keywords.map(\.name),
            keywordValues: call.keywords.map(\.value), location: call.location, argumentLocations: call.argumentLocations))
        if let template = templates[call.name] {
            var globals: [String: TemplateValue] = [:]
            for (index, value) in call.positional.enumerated() { globals["arg\(index)"] = value }
            for k in call.keywords { globals[k.name] = k.value }
            return .string(try TemplateRenderer().render(template, globals: globals, host: &self).text)
        }
        switch call.name {
        case "ref":
            let name = call.positional.first?.displayString ?? "?"
            return .object(TemplateObject(display: "db.schema.\(name)", fields: ["name": .string(name), "schema": .string("schema")]))
        case "source": return .string(call.positional.map(\.displayString).joined(separator: "."))
        case "is_incremental": return .bool(false)
        case "var": return call.keywords.first?.value ?? call.positional.last ?? .none
        default:
            throw TemplateError(.unknownMacro, "no such macro '\(call.name)'", at: call.location)
        }
    }
}

/// The origin used by tests that check mapping: a YAML block at line 10, indented 4.
let blockOrigin = TextOrigin(file: "models/m.yml", layout: .block(firstLine: 10, indent: 4))

/// Parses and renders, returning the text or the error.
func runWithHost<H: TemplateHost>(
    _ source: String, origin: TextOrigin = blockOrigin, globals: [String: TemplateValue] = [:], host: inout H,
    limits: TemplateLimits = .init()
) -> Result<RenderResult, TemplateError> {
    do throws(TemplateError) {
        let template = try Template.parse(source, origin: origin, limits: limits)
        return .success(try TemplateRenderer(limits: limits).render(template, globals: globals, host: &host))
    } catch {
        return .failure(error)
    }
}

/// Renders with a fresh recording host.
func runTemplate(_ source: String, globals: [String: TemplateValue] = [:], limits: TemplateLimits = .init()) -> Result<RenderResult, TemplateError> {
    var host = RecordingHost()
    return runWithHost(source, globals: globals, host: &host, limits: limits)
}

/// Asserts that rendering fails with exactly this code, message and mapped position.
func assertError(
    _ source: String, _ code: DiagnosticCode, _ message: String, line: Int, column: Int,
    globals: [String: TemplateValue] = [:], limits: TemplateLimits = .init(), notes: [String]? = nil,
    file: StaticString = #filePath, testLine: UInt = #line
) {
    switch runTemplate(source, globals: globals, limits: limits) {
    case .success(let result):
        XCTFail("expected \(code.rawValue), rendered \(result.text.prefix(200).debugDescription)", file: file, line: testLine)
    case .failure(let error):
        let d = error.diagnostic
        XCTAssertEqual(d.code, code, d.message, file: file, line: testLine)
        XCTAssertEqual(d.message, message, file: file, line: testLine)
        XCTAssertEqual(d.location, SourceLocation(file: "models/m.yml", line: line, column: column), d.message, file: file, line: testLine)
        if let notes {
            XCTAssertEqual(d.notes.map { "\($0.location.map { "\($0.line):\($0.column) " } ?? "")\($0.message)" }, notes, file: file, line: testLine)
        }
    }
}

/// Renders successfully or fails the test.
func render(_ source: String, globals: [String: TemplateValue] = [:], file: StaticString = #filePath, line: UInt = #line) -> String {
    switch runTemplate(source, globals: globals) {
    case .success(let result): return result.text
    case .failure(let error):
        XCTFail("\(error.diagnostic.message) at \(error.diagnostic.location.map { "\($0)" } ?? "-")", file: file, line: line)
        return ""
    }
}
