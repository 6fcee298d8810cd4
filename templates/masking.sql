{{ header }}
-- Attaches the masking policies to the columns that name them (FORCE replaces an attached policy,
-- so re-running is safe). Views and tables replaced by a deploy lose their policies: the deploy
-- script runs these statements after the models.
{%- for group in groups %}

USE ROLE {{ group.role }};
{%- for statement in group.statements %}
{{ statement }};
{%- endfor %}
{%- endfor %}
