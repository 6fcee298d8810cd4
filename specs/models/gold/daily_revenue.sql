WITH daily AS (
    SELECT
        order_date,
        COUNT(*) AS total_orders,
        SUM(CASE WHEN is_revenue_order THEN 1 ELSE 0 END) AS revenue_orders,
        COUNT(DISTINCT customer_id) AS unique_customers,
        SUM(CASE WHEN is_revenue_order THEN revenue_usd ELSE 0 END) AS revenue_usd,
        SUM(CASE WHEN is_revenue_order THEN profit_usd ELSE 0 END) AS profit_usd
    FROM {{ ref('int_orders_enriched') }}
    GROUP BY order_date
)

SELECT
    order_date,
    total_orders,
    CAST(revenue_orders AS NUMBER(18,0)) AS revenue_orders,
    unique_customers,
    revenue_usd,
    profit_usd,
    SUM(revenue_usd) OVER (
        ORDER BY order_date
        ROWS BETWEEN 6 PRECEDING AND CURRENT ROW
    ) AS revenue_usd_7d,
    revenue_usd - LAG(revenue_usd) OVER (ORDER BY order_date) AS revenue_change_usd
FROM daily
