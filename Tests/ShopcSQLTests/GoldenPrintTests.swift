import ShopcSQL
import XCTest

/// Exact canonical output, written out by hand.
final class GoldenPrintTests: XCTestCase {
    private func assertPrints(
        _ sql: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        switch SQLParser.parseQuery(sql) {
        case .success(let query):
            XCTAssertEqual(SQLPrinter.print(query), expected, file: file, line: line)
        case .failure(let error):
            XCTFail("parse failed: \(error)", file: file, line: line)
        }
    }

    func testSimpleSelect() {
        assertPrints("select a, B as bee, c cee from My_Table where a = 1", """
            SELECT
                a,
                b AS bee,
                c AS cee
            FROM my_table
            WHERE a = 1
            """)
    }

    func testCTEs() {
        assertPrints(
            "with orders as (select id, amount from raw.orders), big as (select * from orders where amount > 100) select count(*) from big",
            """
            WITH orders AS (
                SELECT
                    id,
                    amount
                FROM raw.orders
            ),
            big AS (
                SELECT
                    *
                FROM orders
                WHERE amount > 100
            )
            SELECT
                COUNT(*)
            FROM big
            """)
    }

    func testJoins() {
        assertPrints(
            "select o.id, c.name from orders o join customers c on c.id = o.customer_id left outer join regions r using (region_id) cross join calendar",
            """
            SELECT
                o.id,
                c.name
            FROM orders AS o
            INNER JOIN customers AS c
                ON c.id = o.customer_id
            LEFT JOIN regions AS r
                USING (region_id)
            CROSS JOIN calendar
            """)
    }

    func testLongJoinConditionBreaks() {
        assertPrints(
            "select * from fact f full join dim d on f.customer_key = d.customer_key and f.valid_from >= d.valid_from and f.valid_to < d.valid_to",
            """
            SELECT
                *
            FROM fact AS f
            FULL OUTER JOIN dim AS d
                ON f.customer_key = d.customer_key
                    AND f.valid_from >= d.valid_from
                    AND f.valid_to < d.valid_to
            """)
    }

    func testLongWhereBreaks() {
        assertPrints(
            "select id from events where event_type = 'purchase' and created_at >= '2024-01-01' and (country = 'DE' or country = 'FR')",
            """
            SELECT
                id
            FROM events
            WHERE event_type = 'purchase'
                AND created_at >= '2024-01-01'
                AND (country = 'DE' OR country = 'FR')
            """)
    }

    func testWindowFunctions() {
        assertPrints(
            "select id, sum(amount) over (partition by customer_id order by created_at rows between unbounded preceding and current row) running, lag(amount) ignore nulls over (order by created_at) prev from orders qualify row_number() over (partition by id order by created_at desc) = 1",
            """
            SELECT
                id,
                SUM(amount) OVER (PARTITION BY customer_id ORDER BY created_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
                LAG(amount) IGNORE NULLS OVER (ORDER BY created_at) AS prev
            FROM orders
            QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY created_at DESC) = 1
            """)
    }

    func testSearchedAndSimpleCase() {
        assertPrints(
            "select case when amount > 100 then 'big' when amount > 10 then 'medium' else 'small' end as size, case status when 'A' then 1 end from orders",
            """
            SELECT
                CASE
                    WHEN amount > 100 THEN 'big'
                    WHEN amount > 10 THEN 'medium'
                    ELSE 'small'
                END AS size,
                CASE status
                    WHEN 'A' THEN 1
                END
            FROM orders
            """)
    }

    func testSetOperations() {
        assertPrints(
            "select id from a union all select id from b except (select id from c intersect select id from d)",
            """
            SELECT
                id
            FROM a
            UNION ALL
            SELECT
                id
            FROM b
            EXCEPT
            (
                SELECT
                    id
                FROM c
                INTERSECT
                SELECT
                    id
                FROM d
            )
            """)
    }

    func testSemiStructuredAccess() {
        assertPrints(
            "select v:Customer.Name::string name, v:items[0]['sku'] as sku, v:\"Odd Key\" from raw f, lateral flatten(input => f.v:items) i",
            """
            SELECT
                v:Customer.Name::STRING AS name,
                v:items[0]['sku'] AS sku,
                v:"Odd Key"
            FROM raw AS f, LATERAL FLATTEN(input => f.v:items) AS i
            """)
    }

    func testCastsKeepSpelling() {
        assertPrints("select cast(a as decimal(10,2)), try_cast(b as date), c::varchar(20) from t", """
            SELECT
                CAST(a AS DECIMAL(10, 2)),
                TRY_CAST(b AS DATE),
                c::VARCHAR(20)
            FROM t
            """)
    }

    func testStarModifiers() {
        assertPrints("select * exclude email rename (name as full_name), o.* from c, o", """
            SELECT
                * EXCLUDE (email) RENAME (name AS full_name),
                o.*
            FROM c, o
            """)
    }

    func testGroupingOrderLimit() {
        assertPrints(
            "select region, product, sum(x) from s group by rollup(region, product) having sum(x) > 0 order by 1 desc nulls last limit 10 offset 5",
            """
            SELECT
                region,
                product,
                SUM(x)
            FROM s
            GROUP BY ROLLUP (region, product)
            HAVING SUM(x) > 0
            ORDER BY 1 DESC NULLS LAST
            LIMIT 10 OFFSET 5
            """)
    }

    func testSubqueries() {
        assertPrints(
            "select * from (select id from t) s where exists (select 1 from u where u.id = s.id) and s.id in (select id from v)",
            """
            SELECT
                *
            FROM (
                SELECT
                    id
                FROM t
            ) AS s
            WHERE EXISTS (
                    SELECT
                        1
                    FROM u
                    WHERE u.id = s.id
                )
                AND s.id IN (
                    SELECT
                        id
                    FROM v
                )
            """)
    }

    func testLiteralsAndQuoting() {
        assertPrints(
            #"select 'it''s', 'a\'b', $$x'y$$, "Col ""Q""", 1.5E3, date '2024-01-01', interval '1 day', null, true from "Raw"."Events""#,
            #"""
            SELECT
                'it''s',
                'a''b',
                'x''y',
                "Col ""Q""",
                1.5e3,
                DATE '2024-01-01',
                INTERVAL '1 day',
                NULL,
                TRUE
            FROM "Raw"."Events"
            """#)
    }

    func testPredicates() {
        assertPrints(
            "select * from t where a not between 1 and 5 and b ilike any ('%x', '%y') and c is not distinct from d and e not in (1, 2) and f is null",
            """
            SELECT
                *
            FROM t
            WHERE a NOT BETWEEN 1 AND 5
                AND b ILIKE ANY ('%x', '%y')
                AND c IS NOT DISTINCT FROM d
                AND e NOT IN (1, 2)
                AND f IS NULL
            """)
    }

    func testFunctionsAndTableFunctions() {
        assertPrints(
            "select count(distinct id), listagg(name, ', ') within group (order by name), current_date, iff(x, 1, 2) from table(generator(rowcount => 5)) g",
            """
            SELECT
                COUNT(DISTINCT id),
                LISTAGG(name, ', ') WITHIN GROUP (ORDER BY name),
                CURRENT_DATE,
                IFF(x, 1, 2)
            FROM TABLE(GENERATOR(rowcount => 5)) AS g
            """)
    }

    func testAsofJoinAndFetch() {
        assertPrints(
            "select * from trades t asof join quotes q match_condition(t.ts >= q.ts) on t.sym = q.sym order by t.ts offset 10 rows fetch first 5 rows only",
            """
            SELECT
                *
            FROM trades AS t
            ASOF JOIN quotes AS q
                MATCH_CONDITION (t.ts >= q.ts)
                ON t.sym = q.sym
            ORDER BY t.ts
            OFFSET 10 ROWS FETCH FIRST 5 ROWS ONLY
            """)
    }

    func testRecursiveCTEWithColumns() {
        assertPrints(
            "with recursive nums (n) as (select 1 union all select n + 1 from nums where n < 3) select n from nums",
            """
            WITH RECURSIVE nums (n) AS (
                SELECT
                    1
                UNION ALL
                SELECT
                    n + 1
                FROM nums
                WHERE n < 3
            )
            SELECT
                n
            FROM nums
            """)
    }

    func testValuesAndPivot() {
        assertPrints(
            "select * from (values (1, 'a'), (2, 'b')) v(id, name) pivot (max(name) for id in (1, 2)) as p",
            """
            SELECT
                *
            FROM (
                VALUES
                    (1, 'a'),
                    (2, 'b')
            ) AS v (id, name) PIVOT (MAX(name) FOR id IN (1, 2)) AS p
            """)
    }

    func testPivotAliases() {
        // Aliases for the aggregate and for values, with and without AS; a reparse prints the same.
        let sql = "select * from sales pivot (sum(amount) as total for month in ('JAN' as jan, 'FEB' feb, 'MAR')) as p"
        let expected = "SELECT\n    *\nFROM sales PIVOT (SUM(amount) AS total FOR month IN ('JAN' AS jan, 'FEB' AS feb, 'MAR')) AS p"
        assertPrints(sql, expected)
        assertPrints(expected, expected)
    }

    func testQuantifiedComparisonAndExtract() {
        assertPrints(
            "select extract(year from d) from t where x > all (select y from u)",
            """
            SELECT
                EXTRACT(year FROM d)
            FROM t
            WHERE x > ALL (
                SELECT
                    y
                FROM u
            )
            """)
    }
}
