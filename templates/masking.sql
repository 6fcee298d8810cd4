{{ header }}
-- Attaches the masking policies to the columns that name them (FORCE replaces an attached policy,
-- so re-running is safe). Model tables are created with their policies; these statements cover
-- landing tables, views (replaced by a deploy, they lose their policies) and tables that existed
-- before a policy was named. The deploy script runs them after the models.
{%- for group in groups %}

USE ROLE {{ group.role }};
{%- for statement in group.statements %}
{{ statement }};
{%- endfor %}
{%- endfor %}
