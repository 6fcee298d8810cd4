import Foundation
import ShopcSQL
import XCTest

/// The same query in different layouts, keyword case and comments prints identically.
final class ReformattingTests: XCTestCase {
    private func printed(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        switch SQLParser.parseQuery(sql) {
        case .success(let query): return SQLPrinter.print(query)
        case .failure(let error):
            XCTFail("parse failed: \(error)", file: file, line: line)
            return nil
        }
    }

    private func assertSamePrint(_ variants: [String], file: StaticString = #filePath, line: UInt = #line) {
        let outputs = variants.compactMap { printed($0, file: file, line: line) }
        guard let first = outputs.first else { return }
        for (index, output) in outputs.enumerated() {
            XCTAssertEqual(output, first, "variant \(index) differs", file: file, line: line)
        }
    }

    func testWhitespaceCaseAndComments() {
        assertSamePrint([
            "select a, sum(b) as total from t where c = 1 group by a order by total desc",
            "SELECT A, SUM(B) AS TOTAL FROM T WHERE C = 1 GROUP BY A ORDER BY TOTAL DESC",
            """
            -- header comment
            Select
                a,            // inline comment
                Sum(b) Total  /* implicit alias */
            From t
            Where c=1
            Group   By a
            Order By total Desc;
            """,
            "select\ta,sum(b)as total\nfrom t where c=1 group by a order by total desc ;",
        ])
    }

    func testJoinSpellings() {
        assertSamePrint([
            "select * from a join b on a.id = b.id left join c on c.id = a.id",
            "select * from a inner join b on a.id = b.id left outer join c on c.id = a.id",
            "SELECT * FROM a AS a INNER JOIN b AS b ON a.id = b.id LEFT OUTER JOIN c AS c ON c.id = a.id"
                .replacingOccurrences(of: " AS a", with: "")
                .replacingOccurrences(of: " AS b", with: "")
                .replacingOccurrences(of: " AS c", with: ""),
        ])
    }

    func testEquivalentSpellings() {
        assertSamePrint(["select a from t where a != 1", "select a from t where a <> 1"])
        assertSamePrint(["select * exclude a from t", "select * EXCLUDE (a) from t"])
        assertSamePrint(["select * rename a as b from t", "select * rename (a as b) from t"])
        assertSamePrint(["select 'x' from t", "select $$x$$ from t"])
        assertSamePrint(["select 1E3 from t", "select 1e3 from t"])
        assertSamePrint(["select a from t union distinct select a from u", "select a from t union select a from u"])
    }

    func testLayoutOfCTEQuery() {
        assertSamePrint([
            "with x as (select id from t) select * from x",
            """
            WITH
              x AS (
                SELECT id
                FROM t  -- source
              )
            SELECT *
            FROM x
            """,
            "with X as(select ID from T)select*from X",
        ])
    }

    func testCanonicalOutputIsAFixedPoint() {
        for sql in QueryCorpus.all {
            guard let once = printed(sql), let twice = printed(once) else { continue }
            XCTAssertEqual(once, twice)
        }
    }
}
