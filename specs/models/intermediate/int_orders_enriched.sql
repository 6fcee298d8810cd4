WITH orders AS (
    SELECT
        order_id,
        customer_id,
        product_id,
        quantity,
        selling_price,
        cost_price,
        profit,
        order_date,
        currency,
        status
    FROM {{ ref('stg_orders') }}
),

orders_with_rate AS (
    SELECT
        o.order_id,
        o.customer_id,
        o.product_id,
        o.quantity,
        o.selling_price,
        o.cost_price,
        o.profit,
        o.order_date,
        o.currency,
        o.status,
        fx.rate_to_usd
    FROM orders AS o
    LEFT JOIN {{ ref('stg_fx_rates') }} AS fx
        ON fx.currency = o.currency
       AND fx.rate_date <= o.order_date
    -- As-of join: the newest rate dated on or before the order date.
    QUALIFY ROW_NUMBER() OVER (PARTITION BY o.order_id ORDER BY fx.rate_date DESC NULLS LAST) = 1
)

SELECT
    o.order_id,
    o.customer_id,
    c.region,
    c.segment,
    o.product_id,
    p.product_name,
    p.category,
    o.order_date,
    o.status,
    o.status NOT IN ('cancelled', 'returned') AS is_revenue_order,
    o.quantity,
    o.currency,
    o.rate_to_usd,
    '{{ var('reporting_currency') }}' AS reporting_currency,
    o.profit,
    {{ convert_currency('o.selling_price * o.quantity', 'o.currency', 'o.rate_to_usd') }} AS revenue_usd,
    {{ convert_currency('o.cost_price * o.quantity', 'o.currency', 'o.rate_to_usd') }} AS cost_usd,
    {{ convert_currency('o.profit', 'o.currency', 'o.rate_to_usd') }} AS profit_usd
FROM orders_with_rate AS o
LEFT JOIN {{ ref('stg_customers') }} AS c
    ON c.customer_id = o.customer_id
LEFT JOIN {{ ref('stg_products') }} AS p
    ON p.product_id = o.product_id
