"""The body of scripts/e2e.py: compiles ShopVerse, runs it on fakesnow, checks and reports."""
import collections
import datetime
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import fakesnow
import snowflake.connector

# Statement kinds fakesnow 0.12.1 cannot execute (see VALIDATORS.md); they are skipped and counted.
# Everything else must execute.
SKIPPED_KINDS = {
    "CREATE WAREHOUSE": "warehouses",
    "ALTER WAREHOUSE": "warehouses",
    "USE WAREHOUSE": "warehouses",
    "CREATE STORAGE INTEGRATION": "storage integrations",
    "ALTER STORAGE INTEGRATION": "storage integrations",
    "CREATE PIPE": "pipes",
    "CREATE MASKING POLICY": "masking policies",
    "ALTER MASKING POLICY": "masking policies",
    "ALTER TABLE SET MASKING POLICY": "masking policies",
    "USE ROLE": "roles and grants",
    "CREATE ROLE": "roles and grants",
    "GRANT": "roles and grants",
    "EXECUTE IMMEDIATE": "scripting blocks",
    # Setup re-applies the settings of existing objects with ALTER ... SET right after
    # CREATE ... IF NOT EXISTS with the same settings; fakesnow parses neither ALTER form.
    "ALTER FILE FORMAT": "settings re-apply (same settings as the CREATE before it)",
    "ALTER STAGE": "settings re-apply (same settings as the CREATE before it)",
}

TWO_WORD_OBJECTS = ("FILE FORMAT", "MASKING POLICY", "STORAGE INTEGRATION")

# A column created with its masking policy (`email VARCHAR(320) WITH MASKING POLICY db.s.p`):
# fakesnow has no masking policies, so the clause is removed before the statement runs, and
# counted.
INLINE_MASKING = re.compile(r"\s+WITH MASKING POLICY\s+[A-Za-z0-9_$.]+", re.IGNORECASE)


def statements(text):
    """Splits a generated script into statements (each ends with ';' at the end of a line)."""
    out, current = [], []
    for line in text.splitlines():
        current.append(line)
        if line.rstrip().endswith(";") and not line.lstrip().startswith("--"):
            body = "\n".join(current).strip().rstrip(";")
            if any(s.strip() and not s.strip().startswith("--") for s in body.splitlines()):
                out.append(body)
            current = []
    return out


def kind(statement):
    """The statement's kind: its verb and object type, e.g. CREATE TABLE, COPY INTO, MERGE."""
    code = " ".join(s for s in statement.splitlines() if not s.strip().startswith("--"))
    words = re.sub(r"\s+", " ", code).strip().upper().split(" ")
    verb = words[0]
    rest = [w for w in words[1:] if w not in ("OR", "REPLACE", "TEMPORARY", "TRANSIENT")]
    if verb in ("CREATE", "ALTER", "USE", "DROP"):
        pair = " ".join(rest[:2])
        obj = pair if pair in TWO_WORD_OBJECTS else rest[0]
        if verb == "ALTER" and obj == "TABLE" and "MASKING POLICY" in " ".join(words):
            return "ALTER TABLE SET MASKING POLICY"
        return f"{verb} {obj}"
    if verb in ("COPY", "INSERT", "EXECUTE"):
        return f"{verb} {rest[0]}"
    return verb


class Report:
    """Counts statements per kind and check results."""

    def __init__(self):
        self.executed = collections.Counter()
        self.skipped = collections.Counter()
        self.passed = 0
        self.failures = []

    def check(self, condition, message):
        print(("ok    " if condition else "FAIL  ") + message)
        if condition:
            self.passed += 1
        else:
            self.failures.append(message)
        return condition


class Session:
    """One fakesnow connection running compiled scripts."""

    def __init__(self, report, out_dir):
        self.report = report
        self.out = out_dir
        self.conn = snowflake.connector.connect()
        self.cur = self.conn.cursor()

    def query(self, sql):
        self.cur.execute(sql)
        return self.cur.fetchall()

    def run_file(self, relative, expect_error_last=False):
        """Runs every statement of a compiled file; returns the error of the last one if expected."""
        path = self.out / relative
        parts = statements(path.read_text())
        ok, raised = True, None
        for i, statement in enumerate(parts):
            k = kind(statement)
            if k in SKIPPED_KINDS:
                self.report.skipped[k] += 1
                continue
            stripped = len(INLINE_MASKING.findall(statement))
            if stripped:
                statement = INLINE_MASKING.sub("", statement)
                self.report.skipped["WITH MASKING POLICY (column clause)"] += stripped
            try:
                self.cur.execute(statement)
                self.cur.fetchall()
                self.report.executed[k] += 1
            except Exception as error:  # noqa: BLE001
                if expect_error_last and i == len(parts) - 1:
                    self.report.executed[k] += 1
                    raised = str(error)
                    continue
                ok = False
                first = statement.strip().splitlines()[-1][:100]
                self.report.check(False, f"{relative}: {k} executes ({type(error).__name__}: {str(error)[:300]}) near: {first}")
        if ok:
            self.report.passed += 1
        return raised


def deploy_order(out):
    """The per-file scripts deploy.sql runs, in its order: loads, pipes, models."""
    text = (out / "deploy.sql").read_text()
    loads = re.findall(r"^-- load \w+ \((ingest/\w+\.sql)\)$", text, re.M)
    pipes = [f"ingest/{t}.pipe.sql" for t in re.findall(r"^-- Snowpipe for (\w+):", text, re.M)]
    models = re.findall(r"^-- model \w+ \(\w+\) \((models/\w+\.sql)\)$", text, re.M)
    return loads, pipes, models


def compile_project(repo, out, stage):
    """Compiles ShopVerse for target ci into `out` with the stage pointed at `stage`."""
    shopc = pathlib.Path(os.environ.get("SHOPC", repo / ".build/debug/shopc"))
    if not shopc.exists():
        subprocess.run(["swift", "build", "--product", "shopc"], cwd=repo, check=True)
    subprocess.run([str(shopc), "compile", "--project-dir", str(repo), "--target", "ci", "--out", str(out),
                    "--var", f"shopverse_stage_url=file://{stage}/"], check=True)
    return out / "ci"


def stage_files(source, stage, replace=False):
    """Copies a data set's table folders into the stage folder (replacing what is there)."""
    if replace:
        for old in stage.glob("*/*.csv"):
            old.unlink()
    for table_dir in sorted(p for p in source.iterdir() if p.is_dir()):
        target = stage / table_dir.name
        target.mkdir(parents=True, exist_ok=True)
        for f in sorted(table_dir.glob("*.csv")):
            shutil.copy(f, target / f.name)


def deploy(session, out):
    """Setup, loads, pipes, models and masking, as deploy.sql orders them."""
    loads, pipes, models = deploy_order(out)
    session.run_file("setup.sql")
    for relative in loads + pipes + models:
        session.run_file(relative)
    session.run_file("masking.sql")
    return loads, pipes, models


def rows_by_key(session, relation, key, columns):
    """A table as key → tuple of normalised values."""
    out = {}
    for row in session.query(f"SELECT {key}, {', '.join(columns)} FROM {relation}"):
        out[int(row[0])] = tuple(normal(v) for v in row[1:])
    return out


def normal(value):
    """Values compared as text: dates ISO, numbers without float noise."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6f}"
    return str(value)


def run_tests(session):
    """Runs run_tests.sql; returns (error raised by the runner or None, test → status, severity)."""
    raised = session.run_file("run_tests.sql", expect_error_last=True)
    rows = session.query(
        "SELECT test_name, status, severity FROM SHOPVERSE_ANALYTICS.CI_ANALYTICS.SHOPC_TEST_RESULTS"
        " WHERE run_id = (SELECT MAX(run_id) FROM SHOPC_TEST_RUN)")
    return raised, {r[0]: (r[1], r[2]) for r in rows}


def main(repo, started, expected_module):
    import e2e_checks

    report = Report()
    install_seconds = time.time() - started
    begin = time.time()
    keep = "--keep" in sys.argv
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="shopc-e2e-"))
    try:
        for name, scenario in (("good", e2e_checks.good), ("bad", e2e_checks.bad)):
            print(f"\n== {name} data (data/sample/{name}/)")
            stage = tmp / name / "stage"
            stage.mkdir(parents=True)
            out = compile_project(repo, tmp / name / "out", stage)
            with fakesnow.patch():
                session = Session(report, out)
                scenario(session, repo, stage, out, expected_module)
    finally:
        if keep:
            print(f"e2e: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    run_seconds = time.time() - begin
    print("\n== statements by kind (executed / skipped)")
    for k in sorted(set(report.executed) | set(report.skipped)):
        reason = f"  [skipped: {SKIPPED_KINDS[k]}]" if k in SKIPPED_KINDS else ""
        if k == "WITH MASKING POLICY (column clause)":
            reason = "  [removed from CREATE TABLE: masking policies]"
        print(f"  {k:<32} {report.executed[k]:>5} / {report.skipped[k]:<5}{reason}")
    print(f"  {'total':<32} {sum(report.executed.values()):>5} / {sum(report.skipped.values()):<5}")
    print(f"\ne2e: venv check/install {install_seconds:.1f} s, compile + run {run_seconds:.1f} s")
    print(f"e2e: {report.passed} passed, {len(report.failures)} failed")
    return 1 if report.failures else 0
