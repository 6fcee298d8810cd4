SELECT 1 AS x FROM nowhere_at_all
