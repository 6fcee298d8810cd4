-- Landing table {{ name }}{% if infer %}, columns inferred from the staged files{% endif %}.
{%- if infer %}
CREATE TABLE IF NOT EXISTS {{ relation }}
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
{%- for column in metadata %}
ALTER TABLE {{ relation }} ADD COLUMN IF NOT EXISTS {{ column.name }} {{ column.type }} COMMENT {{ column.comment }};
{%- endfor %}
{%- else %}
CREATE TABLE IF NOT EXISTS {{ relation }} (
{%- for column in columns %}
    {{ column.name }} {{ column.type }}{% if column.masking %} WITH MASKING POLICY {{ column.masking }}{% elif column.comment %} COMMENT {{ column.comment }}{% endif %}{% if not loop.last %},{% endif %}
{%- endfor %}
)
{%- endif %}
{%- if comment and not infer %}
COMMENT = {{ comment }}
{%- endif %}
{%- if not infer %};{% endif %}
{%- if not infer %}
{%- for column in columns %}
{%- if column.masking and column.comment %}
COMMENT ON COLUMN {{ relation }}.{{ column.name }} IS {{ column.comment }};
{%- endif %}
{%- endfor %}
{%- endif %}
{%- if comment and infer %}
ALTER TABLE {{ relation }} SET COMMENT = {{ comment }};
{%- endif %}
{%- if evolution %}
ALTER TABLE {{ relation }} SET ENABLE_SCHEMA_EVOLUTION = TRUE;
{%- endif %}
{%- if files_relation %}

-- Rows of the files being loaded from the local stage (emulator runs; see the load below).
CREATE TABLE IF NOT EXISTS {{ files_relation }} (
{%- for column in file_columns %}
    {{ column.name }} {{ column.type }}{% if not loop.last %},{% endif %}
{%- endfor %}
);
{%- endif %}
