{{ header }}
-- Data test '{{ name }}': {{ kind }}{% if subject %} on {{ subject }}{% endif %}, severity {{ severity }}.
{% if description %}-- {{ description }}
{% endif -%}
-- Returns the failing rows{% if limit %} (at most {{ limit }}){% endif %}: {{ rule }}.
{% if limit -%}
SELECT *
FROM (
{{ sql_indented }}
) AS failing_rows
LIMIT {{ limit }};
{%- else -%}
{{ sql_terminated }}
{%- endif %}
