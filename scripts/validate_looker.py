"""Parses every generated LookML file with lkml and checks it against manifest.json.

Run by scripts/validate-looker. For generated/looker/:
  - every file parses with lkml;
  - there is one view per model of the Looker layers (gold unless the file says otherwise) and
    every declared column is a dimension or a dimension group of its view;
  - each view has a count measure and a primary key when the model has a unique key;
  - the model file has one explore per view, and its joins are exactly the relationships tests
    declared between those models.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import lkml


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "generated")
    layers = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else {"gold"}
    manifest = json.loads((root / "manifest.json").read_text())
    folder = root / "looker"
    problems: list[str] = []
    parsed = {}
    for f in sorted(folder.glob("*.lkml")):
        try:
            parsed[f.name] = lkml.load(f.read_text())
        except Exception as e:  # lkml raises SyntaxError and friends
            problems.append(f"{f}: does not parse: {e}")
    models = {
        n["name"]: n for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n.get("layer") in layers and n.get("materialized") != "ephemeral"
    }
    views = {}
    for name, doc in parsed.items():
        for view in doc.get("views", []):
            views[view["name"]] = view
    if set(views) != set(models):
        problems.append(f"views {sorted(views)} != models of layers {sorted(layers)}: {sorted(models)}")
    columns_checked = 0
    for name, model in models.items():
        view = views.get(name)
        if view is None:
            continue
        fields = {d["name"] for d in view.get("dimensions", [])} | {g["name"] for g in view.get("dimension_groups", [])}
        for column in model["columns"]:
            columns_checked += 1
            if column["name"].lower() not in fields:
                problems.append(f"view {name}: no dimension for column {column['name']}")
        if not any(m["name"] == "count" and m.get("type") == "count" for m in view.get("measures", [])):
            problems.append(f"view {name}: no count measure")
        if model.get("unique_key") and not any(d.get("primary_key") == "yes" for d in view.get("dimensions", [])):
            problems.append(f"view {name}: unique key {model['unique_key']} but no primary_key dimension")
    model_files = [doc for fname, doc in parsed.items() if fname.endswith(".model.lkml")]
    if len(model_files) != 1:
        problems.append(f"expected one .model.lkml file, found {len(model_files)}")
    else:
        explores = {e["name"]: e for e in model_files[0].get("explores", [])}
        if set(explores) != set(models):
            problems.append(f"explores {sorted(explores)} != views {sorted(models)}")
        expected_joins = set()
        for test in manifest.get("tests", {}).values():
            if test["test"] != "relationships" or not test.get("attached_node", "").startswith("model."):
                continue
            source = test["attached_node"][len("model."):]
            for dep in test.get("depends_on", []):
                target = dep[len("model."):] if dep.startswith("model.") else None
                if source in models and target in models and target != source:
                    expected_joins.add((source, target))
        actual_joins = {(e, j["name"]) for e, explore in explores.items() for j in explore.get("joins", [])}
        if actual_joins != expected_joins:
            problems.append(f"joins {sorted(actual_joins)} != relationships {sorted(expected_joins)}")
    for p in problems:
        print("FAIL: " + p)
    print(f"validate-looker: {len(parsed)} files parsed, {len(views)} views, {columns_checked} columns, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
