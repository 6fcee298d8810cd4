{%- if column_list %}
-- Local stage: the file columns by position; the load metadata columns take their defaults.
{% endif -%}
COPY INTO {{ relation }}{% if positional %} ({{ columns | join(', ') }}){% elif column_list %} ({{ column_list | join(', ') }}){% endif %}
{%- if positional %}
FROM (
    SELECT {{ selects | join(', ') }}
    FROM {{ location }}
)
{%- else %}
FROM {{ location }}
{%- endif %}
FILE_FORMAT = (FORMAT_NAME = {{ format }})
{%- for option in options %}
{{ option }}
{%- endfor %}
{%- if include_metadata %}
INCLUDE_METADATA = ({{ include_metadata | join(', ') }})
{%- endif %}
