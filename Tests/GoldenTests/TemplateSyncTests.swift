import Foundation
import ShopcEmit
import XCTest

/// The binary embeds the templates of `templates/`; this fails when they drift apart (run
/// `scripts/embed-templates`).
final class TemplateSyncTests: XCTestCase {
    func testEmbeddedTemplatesMatchTemplatesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(names, DefaultTemplates.all.keys.sorted(), "run scripts/embed-templates")
        for name in names {
            var text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            if text.hasSuffix("\n") { text.removeLast() }
            XCTAssertEqual(DefaultTemplates.all[name], text, "templates/\(name) differs from the embedded copy; run scripts/embed-templates")
        }
    }
}
