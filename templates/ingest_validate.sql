{{ header }}
-- Validates the staged files of {{ name }} without loading them: returns one row per error
-- (VALIDATION_MODE = RETURN_ERRORS) against the declared shape, in an empty temporary table.
CREATE TEMPORARY TABLE IF NOT EXISTS {{ temp_relation }}
{%- if infer %}
USING TEMPLATE (
    SELECT ARRAY_AGG(OBJECT_CONSTRUCT(*))
    FROM TABLE(
        INFER_SCHEMA(
            LOCATION => {{ infer.location }},
            FILE_FORMAT => {{ infer.format }},
            IGNORE_CASE => TRUE
        )
    )
);
{%- else %} (
{%- for column in columns %}
    {{ column.name }} {{ column.type }}{% if not loop.last %},{% endif %}
{%- endfor %}
);
{%- endif %}

COPY INTO {{ temp_relation }}
FROM {{ location }}
FILE_FORMAT = (FORMAT_NAME = {{ format }})
{%- for option in options %}
{{ option }}
{%- endfor %}
VALIDATION_MODE = RETURN_ERRORS;
