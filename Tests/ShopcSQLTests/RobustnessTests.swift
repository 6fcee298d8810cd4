import ShopcSQL
import XCTest

/// Damaged input never crashes the parser, and error offsets stay inside the input.
final class RobustnessTests: XCTestCase {
    func testEveryPrefixOfTheCorpus() {
        for sql in QueryCorpus.all {
            let bytes = Array(sql.utf8)
            for length in 0..<bytes.count where bytes[length] & 0xC0 != 0x80 {
                let prefix = String(decoding: bytes[0..<length], as: UTF8.self)
                if case .failure(let error) = SQLParser.parseQuery(prefix) {
                    XCTAssertLessThanOrEqual(error.offset, length)
                    XCTAssertGreaterThanOrEqual(error.offset, 0)
                    XCTAssertFalse(error.message.isEmpty)
                }
            }
        }
    }

    func testDroppingEachWordOfTheCorpus() {
        for sql in QueryCorpus.all.prefix(60) {
            let words = sql.split(separator: " ", omittingEmptySubsequences: false)
            for index in words.indices {
                var damaged = words
                damaged.remove(at: index)
                let text = damaged.joined(separator: " ")
                if case .failure(let error) = SQLParser.parseQuery(text) {
                    XCTAssertLessThanOrEqual(error.offset, text.utf8.count)
                } else if case .success(let query) = SQLParser.parseQuery(text) {
                    XCTAssertEqual(SQLParser.parseQuery(SQLPrinter.print(query)), .success(query), text)
                }
            }
        }
    }
}
