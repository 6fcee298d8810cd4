{{ header }}
-- Analysis '{{ name }}'{% if description %}: {{ description }}{% endif %}
{{ sql }};
