{{ header }}
-- Schema drift of {{ name }}: compares the live table with its declared columns. Returns one row
-- per difference: MISSING (declared, not in the table), EXTRA (in the table, not declared) or
-- RETYPED (type differs). No rows means no drift.
WITH declared AS (
    SELECT column1 AS column_name, column2 AS data_type
    FROM (VALUES
{%- for column in columns %}
        ({{ column.name }}, {{ column.type }}){% if not loop.last %},{% endif %}
{%- endfor %}
    )
),

actual AS (
    SELECT
        column_name,
        CASE
            WHEN data_type = 'NUMBER' THEN 'NUMBER(' || numeric_precision || ',' || numeric_scale || ')'
            WHEN data_type IN ('TEXT', 'BINARY') THEN data_type || '(' || character_maximum_length || ')'
            ELSE data_type
        END AS data_type
    FROM {{ database }}.INFORMATION_SCHEMA.COLUMNS
    WHERE table_schema = {{ schema }} AND table_name = {{ table }}
)

SELECT
    COALESCE(d.column_name, a.column_name) AS column_name,
    CASE
        WHEN a.column_name IS NULL THEN 'MISSING'
        WHEN d.column_name IS NULL THEN 'EXTRA'
        ELSE 'RETYPED'
    END AS drift,
    d.data_type AS declared_type,
    a.data_type AS actual_type
FROM declared AS d
FULL OUTER JOIN actual AS a ON d.column_name = a.column_name
WHERE a.column_name IS NULL OR d.column_name IS NULL OR d.data_type <> a.data_type
ORDER BY column_name;
