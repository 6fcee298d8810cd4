import Foundation
import ShopcBase
import ShopcTemplate
import XCTest

/// Differential corpus: every `Fixtures/jinja/NAME.j2` must render exactly like Python Jinja2
/// did when `scripts/record-jinja-fixtures.py` recorded `NAME.expected`.
final class FixtureTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/jinja")

    func testCorpusMatchesJinja() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".j2") }.map { String($0.dropLast(3)) }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 60)
        var passed = 0
        for name in names {
            let base = Self.directory.appendingPathComponent(name)
            let source = try String(contentsOf: base.appendingPathExtension("j2"), encoding: .utf8)
            let expected = try String(contentsOf: base.appendingPathExtension("expected"), encoding: .utf8)
            var globals: [String: TemplateValue] = [:]
            let jsonURL = base.appendingPathExtension("json")
            if FileManager.default.fileExists(atPath: jsonURL.path) {
                guard case .dict(let d) = try JSONFixture.parse(try String(contentsOf: jsonURL, encoding: .utf8)) else {
                    XCTFail("\(name).json is not an object")
                    continue
                }
                for (k, v) in d { globals[k] = v }
            }
            switch Self.render(source, name: name, globals: globals) {
            case .success(let text):
                if Array(text.utf8) == Array(expected.utf8) {
                    passed += 1
                } else {
                    XCTFail("\(name): got\n\(text.debugDescription)\nexpected\n\(expected.debugDescription)")
                }
            case .failure(let error):
                XCTFail("\(name): \(error.diagnostic.location.map { "\($0)" } ?? "") \(error.diagnostic.message)")
            }
        }
        XCTAssertEqual(passed, names.count)
    }

    static func render(_ source: String, name: String, globals: [String: TemplateValue]) -> Result<String, TemplateError> {
        do throws(TemplateError) {
            let template = try Template.parse(source, origin: TextOrigin(file: "\(name).j2", layout: .wholeFile))
            var host = EmptyTemplateHost()
            return .success(try TemplateRenderer().render(template, globals: globals, host: &host).text)
        } catch {
            return .failure(error)
        }
    }
}
