-- orders from the raw source
SELECT order_id, amount
FROM {{ source('raw', 'orders') }}
