{{ header }}
-- Runs the data tests of project '{{ project }}' on target '{{ target.name }}' and records every result
-- in {{ results }}. Run it after deploy.sql: snow sql -f run_tests.sql
-- Each test adds one row: run id, test, model, column, severity, failing-row count and status
-- (pass, warn or fail). Warnings are only reported; the last statement raises an error when an
-- error-severity test failed, so the run exits non-zero.
USE ROLE {{ target.role }};
USE WAREHOUSE {{ target.warehouse }};
USE DATABASE {{ target.database }};
USE SCHEMA {{ target.database }}.{{ target.schema }};

CREATE TABLE IF NOT EXISTS {{ results }} (
    run_id VARCHAR(36) NOT NULL,
    test_name VARCHAR(255) NOT NULL,
    test_kind VARCHAR(255) NOT NULL,
    model_name VARCHAR(255),
    column_name VARCHAR(255),
    severity VARCHAR(5) NOT NULL,
    warn_if VARCHAR(32),
    error_if VARCHAR(32),
    failures NUMBER(38,0) NOT NULL,
    status VARCHAR(4) NOT NULL,
    run_started_at TIMESTAMP_LTZ NOT NULL,
    executed_at TIMESTAMP_LTZ NOT NULL
);

-- One id for this run; the temporary table lives as long as the session.
CREATE OR REPLACE TEMPORARY TABLE {{ run }} AS
SELECT
    UUID_STRING() AS run_id,
    CURRENT_TIMESTAMP() AS started_at;
{% for test in tests %}
-- {{ test.name }} ({{ test.path }}): {{ test.rule }}
INSERT INTO {{ results }} (
    run_id, test_name, test_kind, model_name, column_name, severity, warn_if, error_if, failures, status,
    run_started_at, executed_at
)
SELECT
    run.run_id,
    {{ test.name_literal }},
    {{ test.kind_literal }},
    {{ test.model_literal }},
    {{ test.column_literal }},
    {{ test.severity_literal }},
    {{ test.warn_if_literal }},
    {{ test.error_if_literal }},
    result.failures,
    {{ test.status }},
    run.started_at,
    CURRENT_TIMESTAMP()
FROM {{ run }} AS run
CROSS JOIN (
    SELECT
        COUNT(*) AS failures{% if test.freshness %},
        COUNT_IF(failing_rows.severity = 'error') AS errors{% endif %}
    FROM (
{{ test.sql_indented }}
    ) AS failing_rows
) AS result;
{% endfor %}
-- The results of this run, failures first.
SELECT
    results.test_name,
    results.status,
    results.failures,
    results.severity,
    results.model_name,
    results.column_name
FROM {{ results }} AS results
INNER JOIN {{ run }} AS run ON results.run_id = run.run_id
ORDER BY CASE results.status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, results.test_name;

-- Fail the run when an error-severity test failed: the cast raises an error that names them.
SELECT IFF(
    failed.n > 0,
    TO_NUMBER('shopc: ' || failed.n || ' error-severity test(s) failed: ' || failed.names),
    0
) AS failed_error_tests
FROM (
    SELECT
        COUNT(*) AS n,
        LISTAGG(results.test_name, ', ') WITHIN GROUP (ORDER BY results.test_name) AS names
    FROM {{ results }} AS results
    INNER JOIN {{ run }} AS run ON results.run_id = run.run_id
    WHERE results.status = 'fail'
) AS failed;
