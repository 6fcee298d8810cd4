{{ header }}
-- Snowpipe for {{ name }}: loads each new file as soon as S3 reports it.
{%- if dropped %}
-- Not used by the pipe (Snowpipe does not support them): {{ dropped | join(', ') }}.
{%- endif %}
{%- if sns_variable %}
-- The SNS topic ARN comes from the deploy-time variable {{ sns_variable }}.
{%- endif %}
CREATE OR REPLACE PIPE {{ pipe_relation }}
    AUTO_INGEST = TRUE
{%- if sns_variable %}
    AWS_SNS_TOPIC = '<% {{ sns_variable }} %>'
{%- endif %}
    COMMENT = {{ comment }}
AS
{{ copy }};
