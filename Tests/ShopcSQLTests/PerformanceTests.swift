import Foundation
import ShopcSQL
import XCTest

final class PerformanceTests: XCTestCase {
    /// A typical ~50-line analytics model.
    static let model = """
        with orders as (
            select
                o.id,
                o.customer_id,
                o.v:shipping.country::string as country,
                cast(o.amount as number(38, 2)) as amount,
                o.created_at
            from raw.shop.orders o
            where o.status in ('done', 'shipped')
              and o.created_at >= dateadd(day, -30, current_date)
        ),
        customers as (
            select id, name, segment
            from raw.shop.customers
            where not is_test
        ),
        ranked as (
            select
                c.name,
                c.segment,
                o.country,
                sum(o.amount) as total,
                count(distinct o.id) as order_count,
                row_number() over (partition by c.segment order by sum(o.amount) desc) as rnk
            from orders o
            inner join customers c on c.id = o.customer_id
            left join raw.shop.regions r on r.country = o.country
            group by c.name, c.segment, o.country
        )
        select
            name,
            segment,
            country,
            total,
            order_count,
            case
                when total > 10000 then 'gold'
                when total > 1000 then 'silver'
                else 'bronze'
            end as tier,
            iff(order_count > 1, 'repeat', 'single') as kind
        from ranked
        where rnk <= 10
        order by segment, total desc
        """

    func testManyModelsParseQuickly() {
        #if DEBUG
            var count = 300
            let budget = 10.0
        #else
            // Typically about 0.5 s on a shared 2-core VM; the budget leaves room for load.
            var count = 10_000
            let budget = 2.0
        #endif
        if let override = ProcessInfo.processInfo.environment["SHOPC_SQL_PERF_COUNT"].flatMap(Int.init) {
            count = override
        }
        let start = Date()
        var items = 0
        for index in 0..<count {
            // Vary the text so nothing can be cached.
            let sql = PerformanceTests.model + " limit \(index + 1)"
            guard case .success(let query) = SQLParser.parseQuery(sql) else { return XCTFail("parse failed") }
            if case .select(let select) = query.body { items += select.items.count }
        }
        let elapsed = Date().timeIntervalSince(start)
        print("parsed \(count) models in \(elapsed)s")
        XCTAssertEqual(items, count * 7)
        XCTAssertLessThan(elapsed, budget)
    }
}
