#!/usr/bin/env python3
"""Records the expected outputs of the ShopcTemplate differential corpus with real Jinja2.

For every Tests/ShopcTemplateTests/Fixtures/jinja/NAME.j2 this renders the template with the
globals in NAME.json (an empty object when absent) and writes NAME.expected, byte for byte.
The environment is Jinja's default one except for StrictUndefined (undefined names are errors,
as in shopc) and the `do` extension (shopc supports `{% do %}`).

Usage: python3 scripts/record-jinja-fixtures.py
"""
import json
import pathlib
import sys

import jinja2

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "ShopcTemplateTests" / "Fixtures" / "jinja"


def main() -> int:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"])
    count = 0
    for template_path in sorted(FIXTURES.glob("*.j2")):
        source = template_path.read_bytes().decode("utf-8")
        globals_path = template_path.with_suffix(".json")
        context = json.loads(globals_path.read_text("utf-8")) if globals_path.exists() else {}
        try:
            output = env.from_string(source).render(**context)
        except jinja2.TemplateError as error:
            raise SystemExit(f"{template_path.name}: {type(error).__name__}: {error}")
        template_path.with_suffix(".expected").write_bytes(output.encode("utf-8"))
        count += 1
    print(f"recorded {count} fixtures with Jinja2 {jinja2.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
