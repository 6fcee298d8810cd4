{{ header }}
-- First run: create the typed table, then fill it from the full query while it is empty.
CREATE TABLE IF NOT EXISTS {{ relation }} (
{%- for column in columns %}
    {{ column.name }} {{ column.type }}{% if column.masking %} WITH MASKING POLICY {{ column.masking }}{% endif %}{% if not loop.last %},{% endif %}
{%- endfor %}
)
{%- if cluster_by %}
CLUSTER BY ({{ cluster_by | join(', ') }})
{%- endif %}
{%- if comment %}
COMMENT = {{ comment }}
{%- endif %};
{%- for column in column_comments %}
COMMENT ON COLUMN {{ relation }}.{{ column.name }} IS {{ column.comment }};
{%- endfor %}

{% if strategy == 'append' -%}
-- One statement fills the table on the first run (it is empty) and appends the new rows on the
-- others: both conditions see the table as it was before the statement, so exactly one part
-- inserts.
INSERT INTO {{ relation }} ({{ column_names | join(', ') }})
SELECT {{ column_names | join(', ') }}
FROM (
{{ full_sql_indented }}
) AS shopc_full
WHERE NOT EXISTS (SELECT 1 FROM {{ relation }})
UNION ALL
SELECT {{ column_names | join(', ') }}
FROM (
{{ incremental_sql_indented }}
) AS shopc_source
WHERE EXISTS (SELECT 1 FROM {{ relation }});
{%- else -%}
INSERT INTO {{ relation }} ({{ column_names | join(', ') }})
SELECT {{ column_names | join(', ') }}
FROM (
{{ full_sql_indented }}
) AS shopc_full
WHERE NOT EXISTS (SELECT 1 FROM {{ relation }});
{% endif %}
{%- if strategy == 'merge' %}
-- Incremental run: upsert on {{ unique_key | join(', ') }}.
MERGE INTO {{ relation }} AS shopc_target
USING (
{{ incremental_sql_indented }}
) AS shopc_source
    ON {% for key in unique_key %}shopc_target.{{ key }} = shopc_source.{{ key }}{% if not loop.last %}
    AND {% endif %}{% endfor %}
{%- if update_columns %}
WHEN MATCHED THEN UPDATE SET
{%- for column in update_columns %}
    {{ column }} = shopc_source.{{ column }}{% if not loop.last %},{% endif %}
{%- endfor %}
{%- endif %}
WHEN NOT MATCHED THEN INSERT ({{ column_names | join(', ') }})
    VALUES ({% for column in column_names %}shopc_source.{{ column }}{% if not loop.last %}, {% endif %}{% endfor %});
{%- elif strategy == 'delete+insert' %}
-- Incremental run: replace the rows whose {{ unique_key | join(', ') }} appear in the new batch. The
-- batch is built before the transaction: a CREATE would commit it.
CREATE OR REPLACE TEMPORARY TABLE {{ temp_relation }} AS
{{ incremental_sql }};

BEGIN TRANSACTION;

DELETE FROM {{ relation }}
WHERE ({{ unique_key | join(', ') }}) IN (SELECT {{ unique_key | join(', ') }} FROM {{ temp_relation }});

INSERT INTO {{ relation }} ({{ column_names | join(', ') }})
SELECT {{ column_names | join(', ') }}
FROM {{ temp_relation }};

COMMIT;
{%- endif %}
