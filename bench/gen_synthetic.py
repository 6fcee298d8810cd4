#!/usr/bin/env python3
"""Deterministic synthetic project generator for shopc's benchmark.

Writes a layered project of N models (staging -> intermediate -> marts) over a handful of sources,
with realistic SQL (CTEs, joins, aggregates, CASE, window functions, macro calls), typed columns and
tests on columns. The same project can also be written as a dbt project (--dbt DIR) so the two
tools are timed on identical work.

    python3 bench/gen_synthetic.py 1000 /tmp/bench/1000 [--dbt /tmp/bench/dbt-1000]
"""
import argparse
import os
import random
import shutil

SOURCES = ["orders", "customers", "payments", "events"]
COLUMNS = [
    ("id", "NUMBER(38,0)", "Row identifier."),
    ("customer_id", "NUMBER(38,0)", "Customer the row belongs to."),
    ("amount", "NUMBER(38,2)", "Amount in the reporting currency."),
    ("category", "VARCHAR", "Category label."),
    ("event_date", "DATE", "Business date of the row."),
]


def layer_of(i, n):
    if i < max(4, n // 20):
        return "staging"
    if i < n // 2:
        return "intermediate"
    return "marts"


def model_sql(i, n, rng, dbt):
    layer = layer_of(i, n)
    ref = (lambda m: "{{ ref('%s') }}" % m)
    if layer == "staging":
        src = SOURCES[i % len(SOURCES)]
        upstream = "{{ source('raw', '%s') }}" % src
        return f"""WITH source_rows AS (
    SELECT id, customer_id, amount, category, event_date
    FROM {upstream}
    WHERE event_date >= DATEADD('day', -{{{{ var('lookback_days') }}}}, CURRENT_DATE)
)
SELECT
    id,
    customer_id,
    {{{{ clean_amount('amount') }}}} AS amount,
    UPPER(TRIM(category)) AS category,
    event_date
FROM source_rows
""", []
    low = max(4, n // 20) if layer == "marts" else 0
    high = i
    lo = max(0, low if layer == "marts" else 0)
    a = rng.randrange(lo, high) if high > lo else 0
    b = rng.randrange(0, high) if high > 0 else 0
    deps = [f"m_{a:05d}", f"m_{b:05d}"]
    kind = i % 3
    if kind == 0:
        body = f"""WITH base AS (
    SELECT
        l.id,
        l.customer_id,
        l.amount,
        l.category,
        l.event_date
    FROM {ref(deps[0])} AS l
    LEFT JOIN {ref(deps[1])} AS r
        ON l.id = r.id
    WHERE l.amount > {{{{ var('min_amount') }}}}
),
ranked AS (
    SELECT
        id,
        customer_id,
        amount,
        category,
        event_date,
        ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY event_date DESC) AS rn
    FROM base
)
SELECT
    id,
    customer_id,
    {{{{ clean_amount('amount') }}}} AS amount,
    CASE WHEN amount > 100 THEN 'high' WHEN amount > 10 THEN 'medium' ELSE 'low' END AS category,
    event_date
FROM ranked
WHERE rn <= 10
"""
    elif kind == 1:
        body = f"""WITH combined AS (
    SELECT id, customer_id, amount, category, event_date FROM {ref(deps[0])}
    UNION ALL
    SELECT id, customer_id, amount, category, event_date FROM {ref(deps[1])}
)
SELECT
    MIN(id) AS id,
    customer_id,
    SUM(amount) AS amount,
    MAX(category) AS category,
    MAX(event_date) AS event_date
FROM combined
GROUP BY customer_id
HAVING COUNT(*) > 0
"""
    else:
        body = f"""SELECT
    d.id,
    d.customer_id,
    COALESCE(d.amount, 0) AS amount,
    IFF(d.category IS NULL, 'unknown', d.category) AS category,
    d.event_date
FROM {ref(deps[0])} AS d
WHERE d.event_date IS NOT NULL
QUALIFY ROW_NUMBER() OVER (PARTITION BY d.id ORDER BY d.event_date DESC) = 1
"""
    return body, deps


def columns_yaml(i, indent):
    pad = " " * indent
    lines = []
    for name, typ, desc in COLUMNS:
        lines.append(f"{pad}- name: {name}")
        lines.append(f"{pad}  type: '{typ}'")
        lines.append(f"{pad}  description: {desc}")
        if name == "id" and i % 3 == 0:
            lines.append(f"{pad}  tests: [not_null]")
    return "\n".join(lines)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def shopc_project(n, out, rng_seed):
    rng = random.Random(rng_seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    write(f"{out}/specs/project.yml", """version: 1
project:
  name: synthetic
  default_target: dev
  targets:
    dev: {database: BENCH, schema: DEV, warehouse: WH, role: TRANSFORMER}
  vars:
    lookback_days: 30
    min_amount: 0
  layers:
    - {name: staging, reads: [sources]}
    - {name: intermediate, reads: [staging, intermediate]}
    - {name: marts, reads: [staging, intermediate, marts]}
macros:
  - name: clean_amount
    arguments: [{name: column, type: 'column NUMBER'}]
    returns: 'NUMBER(38,2)'
    body: "ROUND(COALESCE({{ column }}, 0), 2)"
sources:
  - name: raw
    tables:
""" + "".join(f"      - name: {s}\n        columns:\n{columns_yaml(1, 10)}\n" for s in SOURCES))
    per_file = 50
    for start in range(0, n, per_file):
        chunk = []
        for i in range(start, min(n, start + per_file)):
            sql, _ = model_sql(i, n, rng, False)
            layer = layer_of(i, n)
            mat = "view" if layer == "staging" else ("table" if i % 2 else "view")
            chunk.append(f"""  - name: m_{i:05d}
    layer: {layer}
    materialized: {mat}
    description: Synthetic model {i}.
    columns:
{columns_yaml(i, 6)}
    sql: |
""" + "".join("      " + line + "\n" if line else "\n" for line in sql.splitlines()))
        write(f"{out}/specs/models/batch_{start // per_file:04d}.yml", "version: 1\nmodels:\n" + "".join(chunk))


def dbt_project(n, out, rng_seed):
    rng = random.Random(rng_seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    write(f"{out}/dbt_project.yml", """name: synthetic
version: '1.0'
config-version: 2
profile: synthetic
vars:
  lookback_days: 30
  min_amount: 0
""")
    write(f"{out}/profiles.yml", """synthetic:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: ':memory:'
""")
    write(f"{out}/macros/clean_amount.sql", "{% macro clean_amount(column) %}ROUND(COALESCE({{ column }}, 0), 2){% endmacro %}\n")
    src = "version: 2\nsources:\n  - name: raw\n    tables:\n" + "".join(
        f"      - name: {s}\n        columns:\n" + "".join(f"          - name: {c}\n" for c, _, _ in COLUMNS) for s in SOURCES)
    write(f"{out}/models/sources.yml", src)
    schema = ["version: 2", "models:"]
    for i in range(n):
        sql, _ = model_sql(i, n, rng, True)
        layer = layer_of(i, n)
        mat = "view" if layer == "staging" else ("table" if i % 2 else "view")
        write(f"{out}/models/{layer}/m_{i:05d}.sql", "{{ config(materialized='%s') }}\n" % mat + sql)
        schema.append(f"  - name: m_{i:05d}\n    description: Synthetic model {i}.\n    columns:")
        for name, typ, desc in COLUMNS:
            schema.append(f"      - name: {name}\n        data_type: '{typ}'\n        description: {desc}")
            if name == "id" and i % 3 == 0:
                schema.append("        data_tests: [not_null]")
    write(f"{out}/models/schema.yml", "\n".join(schema) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=int)
    parser.add_argument("out")
    parser.add_argument("--dbt", help="also write the same project as a dbt project here")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    shopc_project(args.models, args.out, args.seed)
    if args.dbt:
        dbt_project(args.models, args.dbt, args.seed)


if __name__ == "__main__":
    main()
