{{ header }}
-- Deploys project '{{ project }}' to target '{{ target.name }}': setup, landing tables, loads and
-- pipes, models in dependency order, then masking. Every load and model run writes a row to
-- {{ audit_table }} (SUCCESS, or ERROR with the message, after which the script stops).
-- Run with: snow sql -f deploy.sql{% for v in variables %} -D {{ v }}=...{% endfor %}

-- 1. Setup
{{ setup }}

-- 2. Landing tables
USE ROLE {{ roles.loader }};
USE WAREHOUSE {{ target.warehouse }};
USE DATABASE {{ target.database }};
{% for table in tables %}
{{ table }}
{% endfor %}
-- 3. Loads and pipes
{%- for load in loads %}

-- load {{ load.name }} (ingest/{{ load.name }}.sql)
{{ load.audited }}
{%- endfor %}
{%- for pipe in pipes %}

{{ pipe }}
{%- endfor %}

-- 4. Models
USE ROLE {{ target.role }};
{% for step in steps %}
-- {{ step.title }} ({{ step.path }})
{{ step.body }}
{% endfor %}
-- 5. Masking
{{ masking }}
-- Data tests are not part of the deploy: run them next with snow sql -f run_tests.sql
