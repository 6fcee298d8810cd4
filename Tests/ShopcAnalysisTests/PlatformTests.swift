import ShopcBase
import ShopcSpec
import XCTest

@testable import ShopcAnalysis

/// Unit tests of the platform checks' building blocks: ON_ERROR values and type families.
final class PlatformTests: XCTestCase {
    let here = SourceLocation(file: "specs/s.yml", line: 1, column: 1)

    func onError(_ text: String) -> OptionValue? {
        var d = Diagnostics()
        return OptionChecker.onError("on_error", .string(text), at: here, &d)
    }

    func testOnErrorAcceptsDocumentedForms() {
        XCTAssertEqual(onError("continue"), .keyword("CONTINUE"))
        XCTAssertEqual(onError("SKIP_FILE"), .keyword("SKIP_FILE"))
        XCTAssertEqual(onError("skip_file_7"), .keyword("SKIP_FILE_7"))
        XCTAssertEqual(onError("SKIP_FILE_10%"), .string("SKIP_FILE_10%"))
        XCTAssertEqual(onError("ABORT_STATEMENT"), .keyword("ABORT_STATEMENT"))
    }

    func testOnErrorRejectsEverythingElse() {
        for bad in ["SKIP_FILE_0", "SKIP_FILE_101%", "SKIP_FILE_x", "SKIP_FILE_", "ABORT", "CONTINUE; DROP TABLE x"] {
            XCTAssertNil(onError(bad), bad)
        }
    }

    func testTypeFamiliesAndDriftSignatures() {
        XCTAssertEqual(SQLTypeFamily.family("VARCHAR(320)"), SQLTypeFamily.family("STRING"))
        XCTAssertNotEqual(SQLTypeFamily.family("DATE"), SQLTypeFamily.family("VARCHAR"))
        XCTAssertEqual(SQLTypeFamily.informationSchemaSignature("INT"), "NUMBER(38,0)")
        XCTAssertEqual(SQLTypeFamily.informationSchemaSignature("NUMBER(12,2)"), "NUMBER(12,2)")
        XCTAssertEqual(SQLTypeFamily.informationSchemaSignature("VARCHAR"), "TEXT(16777216)")
        XCTAssertEqual(SQLTypeFamily.informationSchemaSignature("TIMESTAMP"), "TIMESTAMP_NTZ")
    }

    func testSafeStagePaths() {
        XCTAssertTrue(IngestionChecks.isSafePath("orders/2025=06/"))
        XCTAssertFalse(IngestionChecks.isSafePath("../orders"))
        XCTAssertFalse(IngestionChecks.isSafePath("orders; DROP TABLE x"))
        XCTAssertFalse(IngestionChecks.isSafePath("/abs"))
    }
}
