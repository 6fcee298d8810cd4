{{ header }}
-- house style: secure views
CREATE OR REPLACE SECURE VIEW {{ relation }} AS
{{ sql }};
