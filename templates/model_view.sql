{{ header }}
CREATE OR REPLACE VIEW {{ relation }}
{%- if comment %}
    COMMENT = {{ comment }}
{%- endif %}
AS
{{ sql }};
