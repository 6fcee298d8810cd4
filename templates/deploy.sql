{{ header }}
-- Deploys project '{{ project }}' to target '{{ target.name }}' in dependency order.
-- Run with: snow sql -f deploy.sql (or any client that runs a multi-statement script).
USE ROLE {{ target.role }};
USE WAREHOUSE {{ target.warehouse }};
USE DATABASE {{ target.database }};
{% for step in steps %}
-- {{ step.title }} ({{ step.path }})
{{ step.body }}
{% endfor %}
-- Data tests are not part of the deploy: run them next with snow sql -f run_tests.sql
