import Foundation
import ShopcBase
import ShopcSpec
import XCTest

/// The key table (`SpecSchema`) is the single source of truth of the loader and the JSON Schema.
final class SpecSchemaTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testCommittedSchemaEqualsGenerated() throws {
        let url = Self.repo.appendingPathComponent("schema/shopc-spec.schema.json")
        let committed = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(committed, SpecJSONSchema.document(), "schema/shopc-spec.schema.json is stale: run `swift run shopc schema --output schema/shopc-spec.schema.json`")
    }

    func testSchemaIsValidJSONAndListsEverySection() throws {
        let data = Data(SpecJSONSchema.document().utf8)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let definitions = try XCTUnwrap(root["definitions"] as? [String: Any])
        for section in SpecSchema.sections where section.id != "file" {
            let def = try XCTUnwrap(definitions[section.id] as? [String: Any], section.id)
            let properties = try XCTUnwrap(def["properties"] as? [String: Any])
            XCTAssertEqual(Set(properties.keys), Set(section.keys), section.id)
            XCTAssertEqual(def["additionalProperties"] as? Bool, section.openEnded, section.id)
        }
        let top = try XCTUnwrap(root["properties"] as? [String: Any])
        XCTAssertEqual(Set(top.keys), Set(SpecLoader.topLevelKeys))
    }

    func testSectionReferencesResolve() {
        func referenced(_ type: SpecSchema.ValueType) -> String? {
            switch type {
            case .section(let id), .list(let id), .namedSections(let id): id
            default: nil
            }
        }
        for section in SpecSchema.sections {
            for field in section.fields {
                if let id = referenced(field.type) { XCTAssertNotNil(SpecSchema.section(id), "\(section.id).\(field.name) → \(id)") }
            }
        }
    }

    func testLoaderRejectsKeysTheTableDoesNotDeclare() {
        // Every section's keys come from the table: a key missing there is an unknown key.
        var d = Diagnostics()
        let loader = SpecLoader(readReferenced: { _ in .missing })
        let yaml = "models:\n  - name: m\n    materialised: table\n    sql: SELECT 1 AS a\n"
        _ = loader.load(files: [("specs/m.yml", Array(yaml.utf8))], diagnostics: &d)
        let messages = d.sorted.map(\.message)
        XCTAssertEqual(messages, ["unknown key 'materialised' in model"])
        XCTAssertEqual(d.sorted.first?.notes.first?.message, "did you mean 'materialized'?")
        XCTAssertTrue(SpecSchema.section("model")?.keys.contains("materialized") ?? false)
    }

    func testRequiredFlagsComeFromTheTable() {
        var d = Diagnostics()
        let loader = SpecLoader(readReferenced: { _ in .missing })
        let yaml = "sources:\n  - name: s\n    tables:\n      - name: t\n        freshness:\n          warn_after: {count: 1}\n"
        _ = loader.load(files: [("specs/s.yml", Array(yaml.utf8))], diagnostics: &d)
        XCTAssertEqual(d.sorted.map(\.message), ["'warn_after' is missing required key 'period'"])
    }
}

final class ReservedWordsTests: XCTestCase {
    func testCaseInsensitiveWholeWords() {
        for word in ["select", "SELECT", "Current_Timestamp", "try_cast", "to", "In"] {
            XCTAssertTrue(ReservedWords.contains(word), word)
        }
        for name in ["selects", "selec", "id", "amount", "t0", "current_timestampx", "", "_", "sel$ct"] {
            XCTAssertFalse(ReservedWords.contains(name), name)
        }
        // Upper-casing maps some non-ASCII letters to ASCII ones ("ſ" is a long s).
        XCTAssertTrue(ReservedWords.contains("ſelect"))
    }
}
