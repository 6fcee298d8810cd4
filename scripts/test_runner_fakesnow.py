#!/usr/bin/env python3
"""Proves the data-test runner's semantics by executing it on fakesnow (Snowflake emulated on DuckDB).

Uses the golden output of Tests/GoldenTests/Fixtures/datatests/runner_semantics (so no Swift build is
needed): creates the fixture's tables with planted defects, runs every generated test query and the
runner `dev/run_tests.sql`, and checks

  * each test query returns the expected failing rows (and `limit` caps them);
  * the runner records one row per test in SHOPC_TEST_RESULTS with the expected status
    (pass / warn / fail), failure count, severity and one run id;
  * a run with only warn-level failures succeeds, and a run with error-severity failures raises an
    error naming exactly the failed tests.

Run: scripts/test_runner_fakesnow.py   (creates .venv-fakesnow from scripts/requirements-fakesnow.txt)
Exit status 0 when every check passes, 1 otherwise.
"""
import datetime
import os
import pathlib
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
CASE = REPO / "Tests/GoldenTests/Fixtures/datatests/runner_semantics/expected/dev"
VENV = pathlib.Path(os.environ.get("FAKESNOW_VENV", REPO / ".venv-fakesnow"))


def ensure_venv():
    """Re-executes this script inside the pinned fakesnow virtualenv when fakesnow is missing."""
    try:
        import fakesnow  # noqa: F401
        import snowflake.connector  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("SHOPC_FAKESNOW_REEXEC"):
        sys.exit("test_runner_fakesnow: fakesnow is still missing inside " + str(VENV))
    env = dict(os.environ, VENV_DIR=str(VENV))
    subprocess.run([str(REPO / "scripts/venv.sh"), str(REPO / "scripts/requirements-fakesnow.txt")], check=True, env=env)
    env["SHOPC_FAKESNOW_REEXEC"] = "1"
    os.execve(str(VENV / "bin/python"), [str(VENV / "bin/python"), __file__, *sys.argv[1:]], env)


ensure_venv()

import fakesnow  # noqa: E402
import snowflake.connector  # noqa: E402

os.environ["TZ"] = "UTC"
time.tzset()

FAILURES = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        FAILURES.append(message)


def ts(minutes_ago):
    moment = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=minutes_ago)
    return moment.strftime("'%Y-%m-%d %H:%M:%S'")


def statements(text):
    """Splits a generated script into statements (each ends with ';' at the end of a line)."""
    out, current = [], []
    for line in text.splitlines():
        current.append(line)
        if line.rstrip().endswith(";") and not line.lstrip().startswith("--"):
            body = "\n".join(current).strip().rstrip(";")
            if any(l.strip() and not l.strip().startswith("--") for l in body.splitlines()):
                out.append(body)
            current = []
    return out


def run_script(cur, path):
    """Runs every statement of a script; returns the rows of the last one."""
    rows = None
    for statement in statements(path.read_text()):
        cur.execute(statement)
        rows = cur.fetchall()
    return rows


# Scenario 1: only warn-level defects.
SETUP = [
    "CREATE DATABASE IF NOT EXISTS ANALYTICS",
    "CREATE SCHEMA IF NOT EXISTS ANALYTICS.DEV_ANALYTICS",
    "CREATE TABLE ANALYTICS.DEV_ANALYTICS.customers_raw (customer_id NUMBER(38,0), loaded_at TIMESTAMP_NTZ)",
    f"INSERT INTO ANALYTICS.DEV_ANALYTICS.customers_raw VALUES (1, {ts(180)}), (2, {ts(180)}), (3, {ts(200)})",
    "CREATE TABLE ANALYTICS.DEV_ANALYTICS.payments_raw (order_id NUMBER(38,0), loaded_at TIMESTAMP_NTZ)",
    f"INSERT INTO ANALYTICS.DEV_ANALYTICS.payments_raw VALUES (1, {ts(90)}), (2, {ts(90)}), (3, {ts(90)}), (4, {ts(90)}), (5, {ts(90)})",
    "CREATE TABLE ANALYTICS.DEV_ANALYTICS.customers (customer_id NUMBER(38,0))",
    "INSERT INTO ANALYTICS.DEV_ANALYTICS.customers VALUES (1), (2), (3)",
    "CREATE TABLE ANALYTICS.DEV_ANALYTICS.orders (order_id NUMBER(38,0), customer_id NUMBER(38,0), amount NUMBER(12,2), status VARCHAR(10))",
    "INSERT INTO ANALYTICS.DEV_ANALYTICS.orders VALUES"
    " (1, 1, 10, 'placed'), (2, 2, 20, 'shipped'), (3, 9, 30, 'placed'), (4, 1, 1500, 'placed'),"
    " (5, 2, 0, 'refunded'), (6, 3, 40, NULL)",
]

EXPECTED_1 = {  # test → (status, failures)
    "freshness_raw_customers_raw": ("warn", 1),
    "not_null_raw_customers_raw_customer_id": ("pass", 0),
    "unique_raw_customers_raw_customer_id": ("pass", 0),
    "freshness_raw_payments_raw": ("pass", 0),
    "row_count_orders": ("pass", 0),
    "not_empty_orders": ("pass", 0),
    "unique_combination_of_columns_orders": ("pass", 0),
    "expression_is_true_orders": ("pass", 0),
    "not_null_orders_status": ("warn", 1),
    "not_null_orders_order_id": ("pass", 0),
    "unique_orders_order_id": ("pass", 0),
    "relationships_orders_order_id": ("pass", 1),  # warn_if '>= 2': one orphan passes
    "relationships_orders_customer_id": ("warn", 1),  # warn_if '> 0', error_if '> 2'
    "accepted_range_orders_amount": ("warn", 1),  # severity warn
    "accepted_range_orders_amount_2": ("pass", 0),  # where excludes the refunded 0
    "at_most_orders_amount": ("pass", 0),  # var max_amount: 2000 (overridden below)
    "accepted_values_orders_status": ("pass", 0),
    "no_orders_of_unknown_customers": ("warn", 1),
}

# Scenario 2: error-level defects added on top.
DEFECTS = [
    "INSERT INTO ANALYTICS.DEV_ANALYTICS.orders VALUES"
    " (7, 8, 5000, 'lost'), (8, 7, 20, 'placed'), (NULL, 1, 10, 'placed'), (2, 2, 20, 'shipped')",
    f"UPDATE ANALYTICS.DEV_ANALYTICS.payments_raw SET loaded_at = {ts(180)}",
]

EXPECTED_2 = dict(EXPECTED_1)
EXPECTED_2.update({
    "freshness_raw_payments_raw": ("fail", 1),
    "unique_combination_of_columns_orders": ("fail", 1),
    "not_null_orders_order_id": ("fail", 1),
    "unique_orders_order_id": ("fail", 1),
    "relationships_orders_order_id": ("warn", 3),
    "relationships_orders_customer_id": ("fail", 3),
    "accepted_range_orders_amount": ("warn", 2),
    "at_most_orders_amount": ("fail", 1),
    "accepted_values_orders_status": ("fail", 1),
    "no_orders_of_unknown_customers": ("fail", 3),
})

WARN_SEVERITY = {"not_null_orders_status", "expression_is_true_orders", "relationships_orders_order_id", "accepted_range_orders_amount"}

LIMITED = {"accepted_range_orders_amount": 2, "accepted_values_orders_status": 5}


def check_queries(cur, expected, label):
    for name, (_, failures) in sorted(expected.items()):
        path = CASE / "tests" / f"{name}.sql"
        rows = run_script(cur, path)
        want = min(failures, LIMITED.get(name, failures))
        check(len(rows) == want, f"{label}: tests/{name}.sql returns {want} row(s) (got {len(rows)})")


def check_run(cur, expected, label):
    cur.execute("SELECT MAX(run_id) FROM SHOPC_TEST_RUN")
    run_id = cur.fetchone()[0]
    cur.execute(
        "SELECT test_name, status, failures, severity, COUNT(*) OVER () FROM ANALYTICS.DEV_ANALYTICS.SHOPC_TEST_RESULTS"
        f" WHERE run_id = '{run_id}'")
    rows = cur.fetchall()
    got = {r[0]: (r[1], int(r[2])) for r in rows}
    check(len(rows) == len(expected), f"{label}: the runner recorded {len(expected)} results under one run id (got {len(rows)})")
    for name, want in sorted(expected.items()):
        check(got.get(name) == want, f"{label}: {name} recorded as {want} (got {got.get(name)})")
    severities = {r[0]: r[3] for r in rows}
    for name in sorted(severities):
        want = "warn" if name in WARN_SEVERITY else "error"
        check(severities[name] == want, f"{label}: {name} recorded with severity {want} (got {severities[name]})")
    return run_id


def main():
    if not CASE.is_dir():
        sys.exit(f"test_runner_fakesnow: {CASE} is missing; record the golden fixtures first")
    runner = CASE / "run_tests.sql"
    at_most = (CASE / "tests/at_most_orders_amount.sql").read_text()
    check("amount > 2000" in at_most, "at_most renders var('max_amount') (2000) into its SQL")
    with fakesnow.patch():
        conn = snowflake.connector.connect(database="ANALYTICS", schema="DEV_ANALYTICS")
        cur = conn.cursor()
        for statement in SETUP:
            cur.execute(statement)

        check_queries(cur, EXPECTED_1, "warn-only run")
        try:
            last = run_script(cur, runner)
            check(last is not None and len(last) == 1 and int(last[0][0]) == 0, "warn-only run: the runner succeeds (last statement returns 0)")
        except Exception as error:  # noqa: BLE001
            check(False, f"warn-only run: the runner succeeds (raised {error})")
        first_run = check_run(cur, EXPECTED_1, "warn-only run")

        for statement in DEFECTS:
            cur.execute(statement)
        check_queries(cur, EXPECTED_2, "failing run")
        raised = None
        try:
            run_script(cur, runner)
        except Exception as error:  # noqa: BLE001
            raised = str(error)
        failed = sorted(n for n, (s, _) in EXPECTED_2.items() if s == "fail")
        check(raised is not None, "failing run: the runner raises an error")
        if raised:
            check(f"shopc: {len(failed)} error-severity test(s) failed: " + ", ".join(failed) in raised,
                  "failing run: the error names the failed tests: " + ", ".join(failed))
        second_run = check_run(cur, EXPECTED_2, "failing run")
        check(first_run != second_run, "each run has its own run id")
        cur.execute("SELECT COUNT(*) FROM ANALYTICS.DEV_ANALYTICS.SHOPC_TEST_RESULTS")
        check(cur.fetchone()[0] == len(EXPECTED_1) + len(EXPECTED_2), "results accumulate across runs")

    print(f"\n{'PASSED' if not FAILURES else 'FAILED'}: {len(FAILURES)} failed check(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
