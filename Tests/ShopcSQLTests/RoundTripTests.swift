import ShopcSQL
import XCTest

final class RoundTripTests: XCTestCase {
    private func parse(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> Query? {
        switch SQLParser.parseQuery(sql) {
        case .success(let query): return query
        case .failure(let error):
            XCTFail("parse failed for \(sql): \(error)", file: file, line: line)
            return nil
        }
    }

    func testCorpusSize() {
        XCTAssertGreaterThanOrEqual(QueryCorpus.all.count, 80)
    }

    func testCorpusRoundTrips() {
        for sql in QueryCorpus.all {
            guard let first = parse(sql) else { continue }
            let printed = SQLPrinter.print(first)
            guard let second = parse(printed) else {
                XCTFail("reparse failed for printed:\n\(printed)")
                continue
            }
            XCTAssertEqual(first, second, "AST changed through printing:\n\(sql)\n---\n\(printed)")
            XCTAssertEqual(SQLPrinter.print(second), printed, "printing is not idempotent for:\n\(sql)")
        }
    }
}
