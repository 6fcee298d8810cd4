EXECUTE IMMEDIATE $$
DECLARE
    started_at TIMESTAMP_TZ DEFAULT CURRENT_TIMESTAMP();
    affected INTEGER DEFAULT 0;
    failure VARCHAR DEFAULT NULL;
BEGIN
{{ body }}
{%- if rows %}
    {{ rows }}
{%- endif %}
    INSERT INTO {{ audit_table }} ({{ columns }})
    SELECT {{ name }}, '{{ kind }}', :started_at, CURRENT_TIMESTAMP(), :affected, {{ constants }}, 'SUCCESS', NULL;
EXCEPTION
    WHEN OTHER THEN
        failure := LEFT(SQLERRM, 2000);
        INSERT INTO {{ audit_table }} ({{ columns }})
        SELECT {{ name }}, '{{ kind }}', :started_at, CURRENT_TIMESTAMP(), 0, {{ constants }}, 'ERROR', :failure;
        RAISE;
END;
$$;
