{{ header }}
CREATE OR REPLACE TABLE {{ relation }}
{%- if cluster_by %}
    CLUSTER BY ({{ cluster_by | join(', ') }})
{%- endif %}
{%- if comment %}
    COMMENT = {{ comment }}
{%- endif %}
AS
{{ sql }};
