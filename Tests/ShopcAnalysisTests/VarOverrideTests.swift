import ShopcBase
import XCTest

@testable import ShopcAnalysis

/// `--var NAME=VALUE` parsing and value typing, and what counts as a local stage.
final class VarOverrideTests: XCTestCase {
    func testParseSplitsOnTheFirstEquals() {
        XCTAssertEqual(VarOverride.parse("url=file:///a=b/"), VarOverride(name: "url", value: "file:///a=b/"))
        XCTAssertEqual(VarOverride.parse("empty="), VarOverride(name: "empty", value: ""))
        XCTAssertNil(VarOverride.parse("no_equals"))
        XCTAssertNil(VarOverride.parse("=value"))
        XCTAssertNil(VarOverride.parse("bad name=1"))
    }

    func testValuesAreTyped() {
        XCTAssertEqual(VarOverride(name: "a", value: "null").templateValue, .none)
        XCTAssertEqual(VarOverride(name: "a", value: "7").templateValue, .int(7))
        XCTAssertEqual(VarOverride(name: "a", value: "2025-06-30").templateValue, .string("2025-06-30"))
    }

    func testStageURLPerTarget() {
        let stage = StageInfo(name: "s", url: "s3://b/raw/", storageIntegration: nil, fileFormat: nil, targetURLs: ["ci": "file:///tmp/x/"])
        XCTAssertEqual(stage.url(for: "dev"), "s3://b/raw/")
        XCTAssertTrue(stage.isLocal(for: "ci"))
        XCTAssertFalse(stage.isLocal(for: "dev"))
        XCTAssertTrue(StageURLResolver.isLocal("FILE:///tmp/"))
    }
}
