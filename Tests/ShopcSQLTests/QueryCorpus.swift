/// Queries covering the supported Snowflake syntax, used by the round-trip tests.
enum QueryCorpus {
    static let basics: [String] = [
        "select 1",
        "SELECT a, b FROM t",
        "select distinct a from t;",
        "select all a from t",
        "SELECT TOP 10 a FROM t",
        "select * from db.sch.tbl",
        "select t.* from sch.t as t",
        "select o.* exclude (a, b) from orders o",
        "select * exclude secret from t",
        "select * rename (a as b, c as d) from t",
        "select * rename a as b from t",
        "select * exclude (x) replace (upper(y) as y) rename (z as zz) from t",
        "select a as x, b y, c \"Quoted Alias\" from t",
        "select \"My Col\", \"weird\"\"name\" from \"My Schema\".\"My Table\"",
        "SELECT a FROM t WHERE a > 1 AND b < 2 OR c = 3",
        "select a from t where not a = 1 and not (b or c)",
        "select a, count(*) from t group by a having count(*) > 1",
        "select a, b, sum(c) from t group by 1, 2",
        "select a, sum(b) from t group by all",
        "select a, b, sum(c) from t group by rollup (a, b)",
        "select a, b, sum(c) from t group by cube (a, b)",
        "select a, b, sum(c) from t group by grouping sets ((a, b), a, ())",
        "select a from t order by a desc nulls last, b asc nulls first, c",
        "select a from t limit 10",
        "select a from t order by a limit 10 offset 20",
        "select a from t order by a offset 5 rows fetch first 10 rows only",
        "select a from t fetch next 3 row only",
        "select a, row_number() over (partition by b order by c) as rn from t qualify rn = 1",
        "select * from t qualify row_number() over (partition by id order by updated_at desc) = 1",
    ]

    static let joins: [String] = [
        "select * from a join b on a.id = b.id",
        "select * from a inner join b on a.id = b.id",
        "select * from a left join b on a.id = b.id left outer join c on c.id = b.id",
        "select * from a right outer join b using (id, ts)",
        "select * from a full join b on a.id = b.id and a.x = b.x",
        "select * from a full outer join b on a.id = b.id",
        "select * from a cross join b",
        "select * from a natural join b",
        "select * from a natural left join b",
        "select * from a, b, c where a.id = b.id",
        "select * from trades t asof join quotes q match_condition (t.ts >= q.ts) on t.sym = q.sym",
        "select * from trades asof join quotes match_condition (trades.ts <= quotes.ts)",
        "select * from (a join b on a.id = b.id) join c on c.id = a.id",
        "select * from (select id from x) as s join y on s.id = y.id",
        "select * from (select id from x) s (k)",
        "select f.value from t, lateral flatten(input => t.items) f",
        "select f.value:name::string from t, table(flatten(input => t.v:items, outer => true)) as f",
        "select * from table(generator(rowcount => 10))",
        "select * from t, lateral (select * from u where u.id = t.id) as l",
        "select * from t join lateral flatten(input => t.arr) f on true",
        "select * from a left join b on a.k = b.k and a.really_long_column_name = b.really_long_column_name and a.another_condition_here = 'x'",
    ]

    static let expressions: [String] = [
        "select a + b * c - d / e % f from t",
        "select (a + b) * c, -a, +b, - -c from t",
        "select a || '-' || b from t",
        "select a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b from t",
        "select * from t where a in (1, 2, 3) and b not in ('x', 'y')",
        "select * from t where a in (select id from u) and b not in (select id from v)",
        "select * from t where exists (select 1 from u where u.id = t.id) and not exists (select 1 from v)",
        "select (select max(x) from u) as m from t",
        "select * from t where a between 1 and 10 and b not between 2 and 3",
        "select * from t where a like 'x%' and b not like '%y' escape '\\\\' and c ilike 'z' and d not ilike 'w'",
        "select * from t where a rlike '[0-9]+' and b not rlike 'q'",
        "select * from t where a like any ('a%', 'b%') and b ilike all ('%x%', '%y%')",
        "select * from t where a is null and b is not null",
        "select * from t where a is distinct from b or c is not distinct from d",
        "select case when a = 1 then 'one' when a = 2 then 'two' else 'many' end as label from t",
        "select case a when 1 then 'one' when 2 then 'two' end from t",
        "select case when x then case when y then 1 else 2 end else 3 end from t",
        "select cast(a as number(38, 2)), try_cast(b as varchar), c::timestamp_ntz(9), d::int from t",
        "select a::varchar(100), b::variant, c::array, d::object, e::double precision from t",
        "select iff(a > 0, 'pos', 'neg') from t",
        "select count(distinct a), count(*), sum(b), avg(c) from t",
        "select listagg(a, ',') within group (order by a) from t",
        "select array_agg(distinct a) within group (order by a desc) from t",
        "select first_value(a) ignore nulls over (partition by b order by c) from t",
        "select lag(a, 1) respect nulls over (order by b) from t",
        "select sum(a) over (partition by b order by c rows between unbounded preceding and current row) from t",
        "select sum(a) over (order by c rows between 3 preceding and 1 following) from t",
        "select avg(a) over (order by c range between current row and unbounded following) from t",
        "select count(*) over (), sum(a) over (partition by b) from t",
        "select sum(a) over (order by b rows unbounded preceding) from t",
        "select v:a.b[0]::string, v['key'], v:\"Quoted Key\", v:arr[1].name from t",
        "select t.v:a:b, src:Vehicle[0].Make from t",
        "select parse_json(x):a::int from t",
        "select 'it''s', 'back\\\\slash', 'tab\\t', $$raw 'text'$$ from t",
        "select 42, 3.14, .5, 1e10, 2.5E-3, true, false, null from t",
        "select date '2024-01-01', timestamp '2024-01-01 10:00:00', interval '1 day' from t",
        "select current_date, current_timestamp, current_timestamp(), current_date() from t",
        "select dateadd(day, -1, current_date) as yesterday from t",
        "select date_trunc('month', created_at) as month, date, value from t",
        "select left(a, 2), right(b, 3), replace(c, 'x', 'y') from t",
        "select db.sch.my_udf(a) from t",
        "select [1, 2, 3] as arr, {'a': 1, 'b': 'x'} as obj from t",
        "select filter(arr, x -> x > 1), transform(arr, (x, y) -> x + y) from t",
        "select (a, b) in ((1, 2), (3, 4)) from t",
        "select coalesce(a, b, 0) as c, nullif(a, 0), zeroifnull(b) from t",
        "select a from t where (a = 1 or b = 2) and (c = 3 or d = 4)",
        "select a from t where a = 1 and b = 2 and c = 3 and d = 4 and e = 5 and f = 6 and g = 7 and h = 8",
        "select a from t where x = 'a very long string literal value' or y = 'another long string literal value here'",
        "select -1::int, (-1)::int, not a is null from t",
        "select object_construct('a', 1):a from t",
        "select \"Mixed\".\"Case\" from \"Mixed\"",
        "select regexp_like(a, 'x') from t",
    ]

    static let queries: [String] = [
        "with a as (select 1 as x) select x from a",
        "with a as (select 1 as x), b as (select x from a) select * from b",
        "with a (x, y) as (select 1, 2) select * from a",
        "with recursive r (n) as (select 1 union all select n + 1 from r where n < 10) select n from r",
        "select a from t union select a from u",
        "select a from t union all select a from u union all select a from v",
        "select a from t intersect select a from u",
        "select a from t except select a from u",
        "select a from t minus select a from u",
        "select a from t union select a from u intersect select a from v",
        "(select a from t union select a from u) intersect select a from v",
        "select a from t union all (select a from u order by a limit 1)",
        "(select a from t) order by a",
        "select a from t union all by name select a from u",
        "select a from t union distinct select a from u",
        "with x as (select * from t) select * from x union all select * from x order by 1 limit 5",
        "select * from (select * from (select * from t) as a) as b",
        "select a from t where a in (select b from u where b in (select c from v))",
        """
        -- leading comment
        with orders as (
            select id, customer_id, amount -- trailing comment
            from raw.shop.orders /* block
            comment */ where status = 'done'
        ), customers as (
            select id, name from raw.shop.customers
        )
        select c.name, sum(o.amount) as total
        from orders o
        inner join customers c on c.id = o.customer_id
        group by c.name
        order by total desc
        limit 100
        """,
        """
        select
            e.v:user.id::number as user_id,
            f.value:sku::string as sku,
            row_number() over (partition by e.v:user.id order by e.ts desc) as rn
        from events e, lateral flatten(input => e.v:items) f
        where e.v:type::string = 'purchase'
        qualify rn = 1
        """,
    ]

    static let extras: [String] = [
        "select * from t where a > all (select b from u) and c = any (select d from v) and e <> some (select f from w)",
        "select extract(year from created_at), extract(epoch_second from ts) from t",
        "select * from (values (1, 'a'), (2, 'b')) as v (id, name)",
        "select * from values (1, 'one'), (2, 'two')",
        "values (1, 2), (3, 4)",
        "select * ilike '%_id' from t",
        "select * from monthly_sales pivot (sum(amount) for month in ('JAN', 'FEB', 'MAR')) as p",
        "select * from sales pivot (sum(amount) for quarter in (any order by quarter) default on null (0))",
        "select * from (select * from s) pivot (avg(x) for k in (select k from keys))",
        "select * from monthly unpivot (sales for month in (jan, feb, mar)) as u",
        "select * from monthly unpivot include nulls (sales for month in (jan, feb)) order by month",
        "select * from t sample (10)",
        "select * from t as x tablesample bernoulli (25) repeatable (42) where x.a > 1",
        "select * from t sample system (5) seed (1), u sample (100 rows)",
        "select * from t at (timestamp => '2024-01-01 00:00:00'::timestamp_tz) as old",
        "select * from t before (statement => '8e5d0ca9-005e-44e6-b858-a8f5b37c5726')",
        "select position('a' in name), position('b', name, 2) from t",
    ]

    /// Snowflake constructs added after the first corpus: each entry exercises one of them.
    static let snowflake: [String] = [
        "select x'ab01', X'', to_varchar(X'FF', 'hex') from t where b = x'00'",
        "select $1, $2:name::string, v.$3, $$1$$ from values (1, parse_json('{}'), 2) as v",
        "select t.$1 as a, s.t.$12 from s.t where $2 > 0 order by $1",
        "select transform(arr, x int -> x * 2), filter(arr, (a int, b varchar) -> a > 0) from t",
        "select employee_id, title, level, sys_connect_by_path(title, ' -> ') as path, connect_by_root title as top from employees start with title = 'President' connect by manager_id = prior employee_id order by employee_id",
        "select id, prior name from parts connect by nocycle prior id = parent_id and level <= 5 start with parent_id is null where id > 0",
        "select prior, connect_by_root, prior + 1 from t where prior > 1",
        "select * from orders changes (information => default) at (timestamp => '2024-01-01'::timestamp_ntz) end (timestamp => current_timestamp()) as c",
        "select metadata$action, id from db.s.t changes(information => append_only) before(statement => 'abc') where metadata$isupdate",
        "select * from stock_price_history match_recognize (partition by company order by price_date measures match_number() as match_number, first(price_date) as start_date, last(price_date) end_date, count(*) as rows_in_sequence one row per match after match skip to last row_with_price_increase pattern (row_before_decrease row_with_price_decrease+ row_with_price_increase+) define row_with_price_decrease as price < lag(price), row_with_price_increase as price > lag(price)) order by company, match_number",
        "select * from t match_recognize (order by ts measures classifier() as c all rows per match with unmatched rows after match skip past last row pattern (^ a b*? ({- c -} d)+ | permute(a, b){1,2} $) define a as x > 0, b as x < prev(x), c as true, d as next(x) > x) as m",
        "select * from t match_recognize (all rows per match omit empty matches after match skip to next row pattern (a{2} b{,3} c{1,} d{2,4}? e?? f) define a as true) mr (x, y)",
        "select * from t match_recognize (all rows per match show empty matches after match skip to first b pattern ((a | b) c*) define b as true) join u on true",
        "select reduce(arr, 0, (acc number(38, 2), v double precision) -> acc + v), transform(arr, (x) -> x), filter(arr, \"X\" varchar(10) -> true) from t",
    ]

    /// Every corpus query.
    static var all: [String] { basics + joins + expressions + queries + extras + snowflake }
}
