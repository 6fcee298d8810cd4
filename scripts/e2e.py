#!/usr/bin/env python3
"""Runs the compiled ShopVerse pipeline end to end on fakesnow (Snowflake emulated on DuckDB).

For each sample data set (data/sample/, written by scripts/gen_sample_data.py) it

  1. compiles specs/ for target `ci` into a temporary folder (never generated/) with
     `--var shopverse_stage_url=file://<tmp stage>/`, the documented way to point the stage at
     local files (a file:// stage also makes the loads fill load-metadata columns from defaults);
  2. runs, in the order of deploy.sql, setup.sql, each ingest/<table>.sql (and pipe), each
     models/<model>.sql, then masking.sql. deploy.sql itself wraps loads and models in audited
     EXECUTE IMMEDIATE blocks, which fakesnow cannot run, so the plain per-file scripts it names
     are run instead;
  3. good data: loads good_batch2/ and runs every load and model again, and checks that the MERGE
     of each incremental model updated and inserted exactly the expected keys; compares the gold
     tables with numbers computed here in plain Python from the CSV files; runs run_tests.sql and
     expects every test to pass;
  4. bad data: runs run_tests.sql and expects exactly the planted defects to fail (or warn), and
     the runner to raise an error naming exactly the failed error-severity tests.

Statements of the kinds in SKIPPED_KINDS (which fakesnow cannot execute) are skipped and counted;
every other statement must execute. The report lists statements executed and skipped per kind and
ends with `e2e: N passed, M failed`; the exit status is 1 when a check failed.

Run: scripts/e2e.py [--keep]   (creates .venv-fakesnow from scripts/requirements-fakesnow.txt)
"""
import os
import pathlib
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
VENV = pathlib.Path(os.environ.get("FAKESNOW_VENV", REPO / ".venv-fakesnow"))
STARTED = float(os.environ.get("SHOPC_E2E_STARTED", time.time()))


def ensure_venv():
    """Re-executes this script inside the pinned fakesnow virtualenv when fakesnow is missing."""
    try:
        import fakesnow  # noqa: F401
        import snowflake.connector  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("SHOPC_FAKESNOW_REEXEC"):
        sys.exit("e2e: fakesnow is still missing inside " + str(VENV))
    env = dict(os.environ, VENV_DIR=str(VENV), SHOPC_E2E_STARTED=str(STARTED))
    subprocess.run([str(REPO / "scripts/venv.sh"), str(REPO / "scripts/requirements-fakesnow.txt")], check=True, env=env)
    env["SHOPC_FAKESNOW_REEXEC"] = "1"
    os.execve(str(VENV / "bin/python"), [str(VENV / "bin/python"), __file__, *sys.argv[1:]], env)


ensure_venv()
sys.path.insert(0, str(REPO / "scripts"))

import e2e_expected  # noqa: E402
import e2e_runner  # noqa: E402

if __name__ == "__main__":
    sys.exit(e2e_runner.main(REPO, STARTED, e2e_expected))
