"""Imports every generated Airflow DAG into a DagBag and checks its graph against manifest.json.

Run by scripts/validate-airflow inside .venv-airflow. For each generated/<target>/airflow/*.py:
  - the file byte-compiles and imports into a DagBag with no import errors;
  - there is one task per non-ephemeral model, and the model tasks' upstream sets equal the model
    graph of manifest.json (edges through ephemeral models collapsed);
  - every data-test task runs after the model it tests, every load task before its readers.
"""
from __future__ import annotations

import json
import os
import py_compile
import sys
import tempfile
from pathlib import Path


def expected_model_upstreams(manifest: dict) -> dict[str, set[str]]:
    nodes = manifest["nodes"]
    models = {n["name"]: n for n in nodes.values() if n["resource_type"] == "model"}

    def upstream(name: str) -> set[str]:
        out: set[str] = set()
        for dep in models[name]["depends_on"]:
            if not dep.startswith("model."):
                continue
            parent = dep[len("model."):]
            if models[parent].get("materialized") == "ephemeral":
                out |= upstream(parent)
            else:
                out.add(parent)
        return out

    return {
        name: upstream(name) for name, node in models.items() if node.get("materialized") != "ephemeral"
    }


def check(dag_file: Path, manifest: dict) -> list[str]:
    from airflow.models.dagbag import DagBag

    problems: list[str] = []
    # Byte-compile into a temporary file: generated/ must not gain __pycache__ folders.
    py_compile.compile(str(dag_file), cfile=os.path.join(tempfile.mkdtemp(prefix="shopc-pyc-"), "dag.pyc"), doraise=True)
    try:
        bag = DagBag(dag_folder=str(dag_file), include_examples=False)
    except TypeError:  # Airflow 3.x dropped include_examples (examples follow the config)
        bag = DagBag(dag_folder=str(dag_file))
    if bag.import_errors:
        return [f"{dag_file}: import error: {err}" for err in bag.import_errors.values()]
    if len(bag.dags) != 1:
        return [f"{dag_file}: expected one DAG, found {len(bag.dags)}"]
    dag = next(iter(bag.dags.values()))
    tasks = {t.task_id: t for t in dag.tasks}
    expected = expected_model_upstreams(manifest)
    model_tasks = {tid[len("model_"):]: t for tid, t in tasks.items() if tid.startswith("model_")}
    if set(model_tasks) != set(expected):
        problems.append(f"{dag_file}: model tasks {sorted(model_tasks)} != models {sorted(expected)}")
    for name, task in model_tasks.items():
        ups = {u[len("model_"):] for u in task.upstream_task_ids if u.startswith("model_")}
        if ups != expected.get(name, set()):
            problems.append(f"{dag_file}: {task.task_id} runs after {sorted(ups)}, the graph says {sorted(expected.get(name, set()))}")
    for test_id, test in manifest.get("tests", {}).items():
        task = tasks.get("test_" + test_id[len("test."):])
        node = test.get("attached_node") or ""
        if task is None or not node.startswith("model."):
            continue
        if "model_" + node[len("model."):] in tasks and "model_" + node[len("model."):] not in task.upstream_task_ids:
            problems.append(f"{dag_file}: {task.task_id} does not run after the model it tests")
    for tid, task in tasks.items():
        sql = task.sql if isinstance(task.sql, str) else ""
        if not sql.strip():
            problems.append(f"{dag_file}: {tid} has no SQL")
        # The SQL is shopc's finished text: Jinja must not render it (a '{{ conn... }}' in a
        # description would read a password into Snowflake).
        if "sql" in tuple(getattr(task, "template_fields", ())):
            problems.append(f"{dag_file}: {tid} renders its SQL as a Jinja template")
    masking = tasks.get("masking")
    if masking is not None:
        missing = sorted(t for t in tasks if t.startswith(("model_", "load_")) and t not in masking.upstream_task_ids)
        if missing:
            problems.append(f"{dag_file}: masking does not run after {missing[:5]}")
    # Deploy-time variables are filled from Airflow Variables when a task runs, quoted as SQL text.
    module = next((m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == str(dag_file)), None)
    if module is not None and hasattr(module, "fill_variables"):
        class Stub:
            @staticmethod
            def get(name):
                return {"ROLE_ARN": "arn:aws:iam::1:role/a'b\\c"}[name]
        real, module.Variable = module.Variable, Stub
        try:
            got = module.fill_variables("X = '<% ROLE_ARN %>';")
        finally:
            module.Variable = real
        if got != "X = 'arn:aws:iam::1:role/a''b\\\\c';":
            problems.append(f"{dag_file}: fill_variables gave {got!r}")
    else:
        problems.append(f"{dag_file}: no fill_variables in the DAG module")
    print(f"ok: {dag_file}: {dag.dag_id}: {len(tasks)} tasks, {sum(len(t.upstream_task_ids) for t in tasks.values())} dependencies, schedule {getattr(dag, 'schedule', None) or getattr(dag, 'timetable', None)}")
    return problems


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "generated")
    manifest = json.loads((root / "manifest.json").read_text())
    files = sorted(root.glob("*/airflow/*.py"))
    if not files:
        print(f"validate-airflow: no DAGs under {root}/*/airflow/", file=sys.stderr)
        return 1
    problems: list[str] = []
    for f in files:
        problems += check(f, manifest)
    for p in problems:
        print("FAIL: " + p)
    print(f"validate-airflow: {len(files)} DAGs, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="shopc-airflow-"))
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "True")
    sys.exit(main())
