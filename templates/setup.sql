{{ header }}
-- Setup of project '{{ project }}' for target '{{ target.name }}': database, warehouse, schemas,
-- file formats, storage integrations, stages, the audit log, masking policies, roles and grants.
-- Idempotent: objects are created IF NOT EXISTS and their settings applied with ALTER, so it is safe
-- to re-run (integrations and stages are never replaced: that would break the IAM trust and pipes).
{%- if variables %}
-- Deploy-time values are never written here; `snow sql` substitutes them:
--   snow sql -f setup.sql{% for v in variables %} -D {{ v }}=...{% endfor %}
{%- endif %}

USE ROLE SYSADMIN;
CREATE DATABASE IF NOT EXISTS {{ target.database }};
CREATE WAREHOUSE IF NOT EXISTS {{ target.warehouse }}
    WITH {% if target.warehouse_size %}WAREHOUSE_SIZE = '{{ target.warehouse_size }}'
    {% endif %}{% if target.auto_suspend is not none %}AUTO_SUSPEND = {{ target.auto_suspend }}
    {% endif %}AUTO_RESUME = TRUE
    INITIALLY_SUSPENDED = TRUE;
{%- if target.warehouse_size or target.auto_suspend is not none %}
ALTER WAREHOUSE {{ target.warehouse }} SET
{%- if target.warehouse_size %}
    WAREHOUSE_SIZE = '{{ target.warehouse_size }}'
{%- endif %}
{%- if target.auto_suspend is not none %}
    AUTO_SUSPEND = {{ target.auto_suspend }}
{%- endif %}
    AUTO_RESUME = TRUE;
{%- endif %}
{% for schema in schemas %}
CREATE SCHEMA IF NOT EXISTS {{ schema }};
{%- endfor %}
{% for format in file_formats %}
-- File format {{ format.name }}
CREATE FILE FORMAT IF NOT EXISTS {{ format.relation }}
    TYPE = {{ format.type }}
{%- for option in format.options %}
    {{ option }}
{%- endfor %};
{%- if format.options %}
ALTER FILE FORMAT {{ format.relation }} SET
{%- for option in format.options %}
    {{ option }}
{%- endfor %};
{%- endif %}
{% endfor %}
{%- if integrations %}
USE ROLE ACCOUNTADMIN;
{%- for integration in integrations %}

-- Storage integration {{ integration.name }}: the role ARN comes from the deploy-time variable {{ integration.variable }}.
CREATE STORAGE INTEGRATION IF NOT EXISTS {{ integration.name }}
    TYPE = EXTERNAL_STAGE
    STORAGE_PROVIDER = '{{ integration.provider }}'
    ENABLED = TRUE
    STORAGE_AWS_ROLE_ARN = '<% {{ integration.variable }} %>'
    STORAGE_ALLOWED_LOCATIONS = ({{ integration.locations }});
ALTER STORAGE INTEGRATION {{ integration.name }} SET
    ENABLED = TRUE
    STORAGE_AWS_ROLE_ARN = '<% {{ integration.variable }} %>'
    STORAGE_ALLOWED_LOCATIONS = ({{ integration.locations }});
GRANT USAGE ON INTEGRATION {{ integration.name }} TO ROLE SYSADMIN;
{%- endfor %}

USE ROLE SYSADMIN;
{%- endif %}
{% for stage in stages %}
-- External stage {{ stage.name }}
CREATE STAGE IF NOT EXISTS {{ stage.relation }}
    URL = {{ stage.url }}
{%- if stage.integration %}
    STORAGE_INTEGRATION = {{ stage.integration }}
{%- endif %}
{%- if stage.format %}
    FILE_FORMAT = (FORMAT_NAME = {{ stage.format }})
{%- endif %};
ALTER STAGE {{ stage.relation }} SET
    URL = {{ stage.url }}
{%- if stage.integration %}
    STORAGE_INTEGRATION = {{ stage.integration }}
{%- endif %}
{%- if stage.format %}
    FILE_FORMAT = (FORMAT_NAME = {{ stage.format }})
{%- endif %};
{% endfor %}
-- Audit log: one row per model run and per load, success or failure.
CREATE TABLE IF NOT EXISTS {{ audit_table }} (
    audit_id NUMBER AUTOINCREMENT,
    model_name VARCHAR(255) NOT NULL,
    run_kind VARCHAR(20) NOT NULL,
    run_started_at TIMESTAMP_TZ NOT NULL,
    run_completed_at TIMESTAMP_TZ NOT NULL,
    rows_affected NUMBER DEFAULT 0,
    dbt_version VARCHAR(50) NOT NULL,
    target_name VARCHAR(50) NOT NULL,
    target_database VARCHAR(255) NOT NULL,
    target_schema VARCHAR(255) NOT NULL,
    target_warehouse VARCHAR(255) NOT NULL,
    execution_seconds NUMBER(10,1) AS (DATEDIFF('second', run_started_at, run_completed_at)),
    status VARCHAR(20) NOT NULL,
    error_message VARCHAR(2000),
    CONSTRAINT pk_audit PRIMARY KEY (audit_id)
)
COMMENT = 'Written by every model run and load of the shopc deploy script (status SUCCESS or ERROR).';
{% for policy in policies %}
-- Masking policy {{ policy.name }}
CREATE MASKING POLICY IF NOT EXISTS {{ policy.relation }} AS (val {{ policy.type }}) RETURNS {{ policy.type }} ->
    {{ policy.body }}
{%- if policy.comment %}
    COMMENT = {{ policy.comment }}
{%- endif %};
ALTER MASKING POLICY {{ policy.relation }} SET BODY ->
    {{ policy.body }};
{% endfor %}
-- Roles: {{ roles.loader }} loads the landing tables, {{ roles.transformer }} builds the models,
-- {{ roles.reporter }} reads the reporting schemas (BI).
USE ROLE SECURITYADMIN;
{%- for role in role_list %}
CREATE ROLE IF NOT EXISTS {{ role }};
GRANT ROLE {{ role }} TO ROLE SYSADMIN;
{%- endfor %}
{% for grant in grants %}
{{ grant }};
{%- endfor %}
