import Foundation
import ShopcSQL
import XCTest

/// Writes the canonical form of every corpus query to the file named by `SHOPC_SQL_DUMP`
/// (statements separated by `;` and a blank line), for checking with an external parser such
/// as sqlfluff. Does nothing when the variable is unset.
final class CorpusDumpTests: XCTestCase {
    func testDumpCanonicalCorpus() throws {
        guard let path = ProcessInfo.processInfo.environment["SHOPC_SQL_DUMP"] else { return }
        var out = ""
        for sql in QueryCorpus.all {
            guard case .success(let query) = SQLParser.parseQuery(sql) else { continue }
            out += SQLPrinter.print(query) + ";\n\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Parses every `.sql` file in the directory named by `SHOPC_SQL_CHECK_DIR` and reports errors
/// and round-trip failures. Does nothing when the variable is unset.
final class DirectoryCheckTests: XCTestCase {
    func testParseDirectory() throws {
        guard let directory = ProcessInfo.processInfo.environment["SHOPC_SQL_CHECK_DIR"] else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }.sorted()
        for name in names {
            let sql = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            switch SQLParser.parseQuery(sql) {
            case .success(let query):
                let printed = SQLPrinter.print(query)
                XCTAssertEqual(SQLParser.parseQuery(printed), .success(query), name)
                try (printed + ";\n").write(toFile: directory + "/" + name + ".canonical", atomically: true, encoding: .utf8)
            case .failure(let error):
                XCTFail("\(name): \(error.offset): \(error.message)")
            }
        }
    }
}
