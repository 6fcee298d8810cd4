COPY INTO {{ relation }}{% if positional %} ({{ columns | join(', ') }}){% endif %}
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
