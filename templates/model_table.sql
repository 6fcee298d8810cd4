{{ header }}
CREATE OR REPLACE TABLE {{ relation }}
{%- if columns %} (
{%- for column in columns %}
    {{ column.name }} {{ column.type }}{% if column.masking %} WITH MASKING POLICY {{ column.masking }}{% endif %}{% if not loop.last %},{% endif %}
{%- endfor %}
)
{%- endif %}
{%- if cluster_by %}
    CLUSTER BY ({{ cluster_by | join(', ') }})
{%- endif %}
{%- if comment %}
    COMMENT = {{ comment }}
{%- endif %}
AS
{{ sql }};
{%- for column in column_comments %}
COMMENT ON COLUMN {{ relation }}.{{ column.name }} IS {{ column.comment }};
{%- endfor %}
