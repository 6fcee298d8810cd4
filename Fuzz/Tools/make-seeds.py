#!/usr/bin/env python3
"""Regenerates the committed seed corpus in Fuzz/Corpus/ from the ShopVerse specs, the golden
fixtures, the template fixtures and the SQL round-trip corpus. Run from the repository root."""
import glob
import hashlib
import os
import re
import yaml

OUT = "Fuzz/Corpus"


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        return
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)


def sql_texts(node):
    """Every `sql:` string in a loaded YAML document (model SQL, macro bodies, tests)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("sql", "body", "where") and isinstance(value, str):
                yield value
            else:
                yield from sql_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from sql_texts(item)


ymls = sorted(glob.glob("specs/**/*.yml", recursive=True))
ymls += sorted(glob.glob("Tests/GoldenTests/Fixtures/**/*.yml", recursive=True))
for path in ymls:
    with open(path, "rb") as f:
        data = f.read()
    if len(data) <= 65536:
        write("spec", data)
    try:
        doc = yaml.safe_load(data)
    except Exception:
        continue
    for text in sql_texts(doc):
        write("template", text)

for path in sorted(glob.glob("specs/**/*.sql", recursive=True)) + sorted(glob.glob("templates/*.sql")):
    with open(path, "rb") as f:
        write("template", f.read())
for path in sorted(glob.glob("Tests/ShopcTemplateTests/Fixtures/jinja/*.j2")):
    with open(path, "rb") as f:
        write("template", f.read())

swift_string = re.compile(r'^\s*"((?:[^"\\]|\\.)*)",?\s*$')
with open("Tests/ShopcSQLTests/QueryCorpus.swift", encoding="utf-8") as f:
    for line in f:
        m = swift_string.match(line)
        if m:
            text = re.sub(r'\\(.)', lambda e: {"n": "\n", "t": "\t"}.get(e.group(1), e.group(1)), m.group(1))
            write("sql", text)
