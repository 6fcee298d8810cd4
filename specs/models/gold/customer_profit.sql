WITH customer_orders AS (
    SELECT
        customer_id,
        total_orders,
        total_profit,
        last_order_date
    FROM {{ ref('int_customer_orders') }}
    {% if is_incremental() %}
    -- Late updates land within the silver window, so recomputing the customers active
    -- since (newest loaded order - window) picks up every changed total.
    WHERE last_order_date >= (
        SELECT DATEADD('day', -{{ var('incremental_window_days') }}, MAX(last_order_date))
        FROM {{ this }}
    )
    {% endif %}
)

SELECT
    co.customer_id,
    c.name AS customer_name,
    c.region,
    c.segment,
    co.total_orders,
    co.total_profit,
    co.last_order_date
FROM customer_orders AS co
INNER JOIN {{ ref('stg_customers') }} AS c
    ON c.customer_id = co.customer_id
