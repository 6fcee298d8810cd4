#!/usr/bin/env python3
"""shopc benchmark: synthetic projects of N models, release build, wall time per stage and peak memory.

    scripts/bench                 # N = 1000 and 10000
    scripts/bench 1000 5000       # chosen sizes
    scripts/bench --dbt 1000      # also time `dbt parse` and `dbt compile` on the same project

Reports, per N: `shopc check` (best of 5, with per-stage times, CPU time and peak memory), `shopc compile`
into an empty folder, `shopc compile` when everything is up to date (each best of 3, with their
emit and write stages and the parts of emit), and `cp -r` of the same output tree (the
file-system floor, best of 3), then the growth exponent between the smallest and largest N.

The CPU time (user + system) of the best check run is printed next to its wall time: on a shared
machine, a wall time that grew while the CPU time stayed put was the machine, not shopc.
"""
import argparse
import math
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
WORK = REPO / ".bench"
BIN = REPO / ".build" / "release" / "shopc"
TRASH = WORK / "trash"
# When the trash was last emptied; a run starting within 30 s of it waits out the rest.
EMPTIED = WORK / "trash-emptied"


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd, **kw):
    """Runs `cmd`; returns its wall time, its stderr and its CPU time (user + system)."""
    cpu = children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    elapsed = time.perf_counter() - start
    used = children_cpu() - cpu
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"bench: command failed: {' '.join(map(str, cmd))}")
    return elapsed, proc.stderr, used


def run(cmd, **kw):
    """Runs `cmd`; returns its wall time and its stderr."""
    elapsed, stderr, _ = run_measured(cmd, **kw)
    return elapsed, stderr


def timings(stderr):
    out = {}
    for line in stderr.splitlines():
        if line.startswith("timing: "):
            parts = line.split()
            if parts[1] == "peak-memory":
                out["peak_mib"] = int(parts[2])
            else:
                out[parts[1]] = float(parts[2])
    return out


def set_aside(tree):
    """Moves `tree` (if any) into the trash folder, emptied only after all timings.

    Deleting a tree of tens of thousands of files just before a timed run slows every file that
    run creates: ext4 skips over the inodes freed in the last 30 seconds when it allocates new
    ones, so `cp -r` right after `rm -rf` of its previous copy measured 6-10 s here against
    0.8-3 s into a fresh folder. Both compile and `cp -r` paid it, which hid most of compile's
    own cost. A rename frees nothing.
    """
    if tree.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        tree.rename(TRASH / f"{tree.name}-{time.monotonic_ns()}")


def empty_trash():
    shutil.rmtree(TRASH, ignore_errors=True)
    EMPTIED.touch()


def wait_for_freed_inodes():
    """Waits until 30 s have passed since the trash was last emptied (see `set_aside`)."""
    if EMPTIED.exists():
        time.sleep(max(0.0, 30.5 - (time.time() - EMPTIED.stat().st_mtime)))


def bench_shopc(n):
    project = WORK / f"shopc-{n}"
    set_aside(project)  # the generator would delete it, output tree included
    subprocess.run([sys.executable, str(REPO / "bench" / "gen_synthetic.py"), str(n), str(project)], check=True)
    checks = [run_measured([BIN, "check", "--project-dir", project, "--timings"]) for _ in range(5)]
    best = min(checks, key=lambda c: c[0])
    out = project / "generated"
    colds = []
    for _ in range(3):
        set_aside(out)
        os.sync()  # so that writing back an earlier run's pages does not slow this one
        colds.append(run_measured([BIN, "compile", "--project-dir", project, "--timings", "--no-cache"]))
    cold, cold_err, cold_cpu = min(colds, key=lambda c: c[0])
    # Up to date, the full path: load, analyse, emit, compare; nothing written.
    warms = [run([BIN, "compile", "--project-dir", project, "--timings", "--no-cache"]) for _ in range(3)]
    warm, warm_err = min(warms, key=lambda c: c[0])
    # Up to date, as a pre-commit hook runs it: the compile cache sees unchanged inputs and output.
    run([BIN, "compile", "--project-dir", project])
    cached = min(run([BIN, "compile", "--project-dir", project])[0] for _ in range(3))
    copy_target = WORK / f"copy-{n}"
    cps = []
    for _ in range(3):
        set_aside(copy_target)
        os.sync()
        cps.append(run_measured(["cp", "-r", out, copy_target]))
    set_aside(copy_target)
    files = sum(len(f) for _, _, f in os.walk(out))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    return {"n": n, "check": best[0], "check_cpu": best[2], "stages": timings(best[1]), "cold": cold, "cold_stages": timings(cold_err),
            "warm": warm, "warm_stages": timings(warm_err), "cached": cached, "cold_cpu": cold_cpu, "cp": min(cps)[0], "cp_cpu": min(cps)[2], "files": files, "mib": size / 2**20}


def bench_dbt(n):
    venv = REPO / ".venv-dbt"
    if not (venv / "bin" / "dbt").exists():
        subprocess.run([str(REPO / "scripts" / "venv.sh"), str(REPO / "bench" / "requirements-dbt.txt")],
                       check=True, env={**os.environ, "VENV_DIR": str(venv)})
    project = WORK / f"dbt-{n}"
    set_aside(project)
    set_aside(WORK / f"shopc-{n}")
    subprocess.run([sys.executable, str(REPO / "bench" / "gen_synthetic.py"), str(n), str(WORK / f"shopc-{n}"), "--dbt", str(project)], check=True)
    env = {**os.environ, "DBT_PROFILES_DIR": str(project), "DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    parse, _ = run([venv / "bin" / "dbt", "parse", "--no-partial-parse"], cwd=project, env=env)
    compile_, _ = run([venv / "bin" / "dbt", "compile", "--no-partial-parse"], cwd=project, env=env)
    return {"parse": parse, "compile": compile_}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--dbt", action="store_true", help="also time dbt parse / compile (installs dbt-core and dbt-duckdb)")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "shopc"], cwd=REPO, check=True)
    if TRASH.exists():  # left by an interrupted run
        empty_trash()
    wait_for_freed_inodes()
    rows = [bench_shopc(n) for n in args.sizes]
    print(f"machine: {os.cpu_count()} cores")
    print("| models | check (s) | check CPU (s) | load | analyse | peak MiB | compile, empty out (s) | up to date, cached (s) | up to date, --no-cache (s) | cp -r (s) | files |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        s = r["stages"]
        analyse = sum(s.get(k, 0) for k in ("resolve", "render", "typecheck", "checks"))
        print(f"| {r['n']} | {r['check']:.3f} | {r['check_cpu']:.2f} | {s.get('load', 0):.3f} | {analyse:.3f} | {s.get('peak_mib', 0)} "
              f"| {r['cold']:.3f} | {r['cached']:.3f} | {r['warm']:.3f} | {r['cp']:.3f} | {r['files']} |")
    print()
    print("check, stages of the best run (`--timings`)")
    print("| models | read | load | resolve | render | typecheck | checks |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        s = r["stages"]
        print(f"| {r['n']} | " + " | ".join(f"{s.get(k, 0):.3f}" for k in ("read", "load", "resolve", "render", "typecheck", "checks")) + " |")
    print()
    print("compile, best of 3: emit and write stages (`--timings`); into an empty folder against `cp -r` of the same tree, with the CPU")
    print("time (user + system) of each (the budget is total / cp -r); the up-to-date write only reads and compares")
    print("| models | files | MiB | empty out: emit | write | total (CPU) | cp -r (CPU) | total / cp -r | write / cp -r | up to date: emit | write | total |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        c, w = r["cold_stages"], r["warm_stages"]
        print(f"| {r['n']} | {r['files']} | {r['mib']:.0f} | {c.get('emit', 0):.3f} | {c.get('write', 0):.3f} | {r['cold']:.3f} ({r['cold_cpu']:.2f}) "
              f"| {r['cp']:.3f} ({r['cp_cpu']:.2f}) | {r['cold'] / r['cp']:.1f} | {c.get('write', 0) / r['cp']:.1f} | {w.get('emit', 0):.3f} | {w.get('write', 0):.3f} | {r['warm']:.3f} |")
    print()
    print("floor of compile into an empty folder: it does at least what check does and writes the tree, so on these cores it")
    print("takes at least (check CPU + cp -r CPU) / cores, however cheap emit becomes (cp -r's CPU stands for the writing)")
    print("| models | budget: 1.5 x cp -r (s) | floor (s) | floor / cp -r | compile, empty out (s) |")
    print("|---:|---:|---:|---:|---:|")
    cores = os.cpu_count() or 1
    for r in rows:
        floor = max(r["check"], (r["check_cpu"] + r["cp_cpu"]) / cores)
        print(f"| {r['n']} | {1.5 * r['cp']:.3f} | {floor:.3f} | {floor / r['cp']:.2f} | {r['cold']:.3f} |")
    parts = sorted({k for r in rows for k in r["warm_stages"] if k.startswith("emit.")})
    if parts:
        print()
        print("| models | " + " | ".join(parts) + " |")
        print("|---:|" + "---:|" * len(parts))
        for r in rows:
            print(f"| {r['n']} | " + " | ".join(f"{r['warm_stages'].get(p, 0):.3f}" for p in parts) + " |")
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        exponent = math.log(b["check"] / a["check"]) / math.log(b["n"] / a["n"])
        print(f"growth exponent of check between N={a['n']} and N={b['n']}: {exponent:.2f}")
    if args.dbt:
        print("| models | dbt parse (s) | dbt compile (s) | shopc check (s) | shopc compile (s) | parse / check | compile / compile |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            d = bench_dbt(r["n"])
            print(f"| {r['n']} | {d['parse']:.1f} | {d['compile']:.1f} | {r['check']:.3f} | {r['cold']:.3f} "
                  f"| {d['parse'] / r['check']:.0f}x | {d['compile'] / r['cold']:.0f}x |")
    empty_trash()


if __name__ == "__main__":
    main()
