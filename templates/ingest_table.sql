{{ header }}
-- Creates landing table {{ name }} (if missing) and loads new files from {{ location }}.
-- COPY skips files it already loaded (load metadata), so re-running loads only new files.
{{ ddl }}

-- Load
{{ copy }};
