"""Scan every exported repository with the default packs, as a new user would.

    python benchmarks/realworld/scan.py [--jobs N] [--extra ARG ...] [NAME ...]

Runs `hms-policy scan <tree> --format json --no-cache --fail-on none` (the default packs and
rules; no preview rules) and writes benchmarks/out/realworld/<name>.json, plus timings.json with
each scan's wall and CPU seconds (the scan process and its workers) and peak memory.

The findings must not depend on the machine: every scan sees an empty managed vulnerability
database (HMS_POLICY_DB_DIR points at an empty temporary directory), so a developer's
`hms-policy db update` cannot change them. `--vuln-db-dir DIR` scans with that database instead.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from manifest import CORPUS, OUT, load_manifest


def scan(name: str, jobs: int | None, extra: list[str], db_dir: str) -> dict[str, float]:
    tree = CORPUS / name
    if not tree.exists():
        raise SystemExit(f"{name}: not exported; run checkout.py first")
    out = OUT / f"{name}.json"
    out.unlink(missing_ok=True)  # a scan that dies before writing must not leave the last report behind
    command = [sys.executable, "-m", "hms_policy", "scan", str(tree), "--format", "json", "--output", str(out), "--no-cache", "--fail-on", "none", *extra]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    with open(OUT / f"{name}.stderr", "wb") as stderr:
        env = {**os.environ, "HMS_POLICY_DB_DIR": db_dir}
        env.pop("HMS_POLICY_VULN_DB", None)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        # wait4: this scan's own CPU and peak memory (with its reaped workers), not the session's
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1) or not out.exists():
        raise SystemExit(f"{name}: scan exited {code}: {(OUT / f'{name}.stderr').read_text()[-400:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "max_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--extra", action="append", default=[], help="one more argument for hms-policy scan")
    parser.add_argument("--vuln-db-dir", metavar="DIR", help="scan with this managed vulnerability database (default: an empty one)")
    args = parser.parse_args(argv)
    empty = tempfile.TemporaryDirectory(prefix="hms-realworld-vulndb-")
    db_dir = os.path.abspath(args.vuln_db_dir) if args.vuln_db_dir else empty.name
    OUT.mkdir(parents=True, exist_ok=True)
    timing_file = OUT / "timings.json"
    timings = json.loads(timing_file.read_text()) if timing_file.exists() else {}
    for repo in load_manifest(args.names):
        timings[repo.name] = scan(repo.name, args.jobs, args.extra, db_dir)
        report = json.loads((OUT / f"{repo.name}.json").read_text())
        print(f"{repo.name}: {report['summary']['findings']} findings, {len(report['errors'])} errors, {timings[repo.name]}")
    timing_file.write_text(json.dumps(timings, indent=2) + "\n")
    empty.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
