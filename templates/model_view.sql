{{ header }}
CREATE OR REPLACE VIEW {{ relation }}
{%- if columns %} (
{%- for column in columns %}
    {{ column.name }}{% if column.comment %} COMMENT {{ column.comment }}{% endif %}{% if not loop.last %},{% endif %}
{%- endfor %}
)
{%- endif %}
{%- if comment %}
    COMMENT = {{ comment }}
{%- endif %}
AS
{{ sql }};
