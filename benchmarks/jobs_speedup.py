"""`--jobs 1` against `--jobs N` on one tree: wall, CPU and peak RSS, alternating runs.

    python benchmarks/jobs_speedup.py TREE [--jobs 2] [--runs 2] [--source DIR]

Each round runs `hms-policy scan TREE --no-cache -f json` with --jobs 1 and then with --jobs N
(full default packs), and checks the two reports are byte-identical (but for `generated_at`).
`--source DIR` runs the hms_policy package found in DIR instead (an export of another commit,
e.g. `git archive BASE hms_policy | tar -x -C DIR`), for before/after figures in one session.

Wall speed-up needs idle cores: on a machine other jobs share, CPU time inflates and wall
times vary. Next to the measured wall speed-up the script prints the parent's share of the
CPU (what stays serial: start-up, catalogue, discovery, merging, the report) from an
in-process run, and the speed-up that serial share allows on N idle cores (Amdahl).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_STAMP = re.compile(rb'"generated_at": "[^"]*"')


def run(tree: Path, jobs: int, source: Path | None, out: Path) -> tuple[float, float, float]:
    """(wall s, CPU s of the process tree, peak RSS MB of the largest process)."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    command = [sys.executable, "-m", "hms_policy", "scan", ".", "--no-cache", "--jobs", str(jobs), "-f", "json", "-o", str(out), "--fail-on", "none"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"scan failed: {process.stderr.read().decode()[-500:] if process.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def serial_share(tree: Path, jobs: int, source: Path | None) -> tuple[float, float]:
    """(the parent's CPU s, the workers' CPU s) of one `api.scan` with `jobs`, after imports."""
    code = (
        "import resource, time\n"
        "import hms_policy.api as api\n"
        "c = time.process_time()\n"
        f"api.scan('.', jobs={jobs}, cache=False)\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.process_time() - c, r.ru_utime + r.ru_stime)\n"
    )
    parent, workers = map(float, _python(code, tree, source).split())
    return parent, workers


def startup(tree: Path, source: Path | None) -> float:
    """CPU s of starting Python and importing the CLI (paid once, before any work)."""
    code = "import resource, time, hms_policy.api, hms_policy.cli\nprint(time.process_time())\n"
    return float(_python(code, tree, source))


def _python(code: str, cwd: Path, source: Path | None) -> str:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--source", type=Path, default=None, help="directory holding the hms_policy package to run")
    args = parser.parse_args()
    tree = args.tree.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        rows: dict[int, list[tuple[float, float, float]]] = {1: [], args.jobs: []}
        reports: dict[int, bytes] = {}
        for _ in range(args.runs):
            for jobs in (1, args.jobs):
                out = Path(tmp) / f"jobs{jobs}.json"
                rows[jobs].append(run(tree, jobs, args.source, out))
                reports[jobs] = _STAMP.sub(b"", out.read_bytes())
                w, c, m = rows[jobs][-1]
                print(f"--jobs {jobs}: wall {w:6.2f} s  cpu {c:6.2f} s  peak {m:6.1f} MB", flush=True)
        identical = reports[1] == reports[args.jobs]
        parent, workers = serial_share(tree, args.jobs, args.source)
    start = startup(tree, args.source)
    best = {j: min(r[0] for r in rows[j]) for j in rows}
    cpu1 = min(r[1] for r in rows[1])
    print(f"\n{tree.name}: wall speed-up {best[1] / best[args.jobs]:.2f}x (best of {args.runs}); reports identical: {identical}")
    # Amdahl on idle cores: what the parent does (start-up, catalogue, discovery, merging, the
    # report) stays serial; the rest of the jobs-1 CPU is the units' work, split N ways.
    serial = start + parent
    work = max(cpu1 - serial, 0.0)
    print(f"serial: start-up {start:.2f} s + parent {parent:.2f} s CPU; workers {workers:.2f} s; jobs-1 CPU {cpu1:.2f} s")
    print(f"bound on {args.jobs} idle cores: {cpu1 / (serial + work / args.jobs):.2f}x; on 16: {cpu1 / (serial + work / 16):.2f}x")

if __name__ == "__main__":
    main()
