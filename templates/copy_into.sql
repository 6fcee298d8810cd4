{%- if files_relation -%}
-- Local stage: new files land in {{ files_relation }}, then move on with their load metadata.
DELETE FROM {{ files_relation }};
COPY INTO {{ files_relation }}
FROM {{ location }}
FILE_FORMAT = (FORMAT_NAME = {{ format }})
{%- for option in options %}
{{ option }}
{%- endfor %};
INSERT INTO {{ relation }} ({{ columns | join(', ') }})
SELECT {{ file_selects | join(', ') }}
FROM {{ files_relation }}
{%- else -%}
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
{%- endif %}
