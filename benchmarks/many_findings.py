"""Peak memory and CPU of a scan whose report holds many findings (issue 17, memory).

    python benchmarks/many_findings.py [--findings 60000] [--mb 200] [--jobs 2] [--format json] [--sign]

1. Generates (once, deterministically) a tree of application logs under
   benchmarks/out/many-findings-<findings>-<mb>/: each file has 20 lines with a synthetic US
   SSN (219-09-xxxx, a range never issued) and a made-up medical record number, which the
   default packs report once each (LOG001 and PHI006, each capped at 20 lines per file),
   padded with clean log lines up to `mb`.
2. Runs `python -m hms_policy scan TREE -f FORMAT -o OUT --no-cache` (this interpreter; set
   PYTHONPATH to time another checkout) in its own process and prints the
   findings count, wall and CPU seconds (children included) and peak RSS (the largest
   process of the tree that was waited for, as `wait4` reports it).
   With --sign, the JSON report is signed (`--sign-key`, a throwaway key made once under
   --dir) and the output is the DSSE envelope.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
FINDINGS_PER_FILE = 40  # 20 SSN lines, two rules each
CLEAN = "2024-03-01T12:00:00Z INFO request served path=/api/v1/status status=200 duration_ms=12 worker=7\n"


def generate(root: Path, findings: int, megabytes: float) -> Path:
    files = max(1, findings // FINDINGS_PER_FILE)
    tree = root / f"many-findings-{findings}-{megabytes:g}"
    done = tree / ".complete"
    if done.exists():
        return tree
    per_file = int(megabytes * 1024 * 1024 / files)
    for i in range(files):
        directory = tree / f"svc{i // 100:03d}"
        directory.mkdir(parents=True, exist_ok=True)
        lines = [f"2024-03-01T12:00:{j:02d}Z INFO patient lookup ssn=219-09-{1000 + (i * 20 + j) % 9000:04d} mrn=MRN{100000 + i * 20 + j} ward=7\n" for j in range(20)]
        body = "".join(lines)
        padding = max(0, per_file - len(body)) // len(CLEAN)
        (directory / f"app{i:05d}.log").write_text(body + CLEAN * padding, encoding="utf-8")
    done.write_text("", encoding="utf-8")
    return tree


def signing_key(root: Path) -> Path:
    """A throwaway Ed25519 key for --sign, made once (in another process: see `measure`)."""
    key = root / "many-findings-bench.key"
    if not key.exists():
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "hms_policy", "keygen", "--out", str(root / "many-findings-bench")], check=True, capture_output=True)
    return key


def measure(tree: Path, fmt: str, jobs: int, output: Path, key: Path | None = None) -> dict[str, object]:
    command = [sys.executable, "-m", "hms_policy", "scan", str(tree), "-f", fmt, "-o", str(output), "--no-cache", "--soft-fail", "-j", str(jobs)]
    if key is not None:
        command += ["--sign-key", str(key)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    findings: int | None = None
    if fmt == "json" and output.exists():
        # Counted in another process: Linux passes a parent's peak RSS on to the children it
        # forks later, so loading the report here would inflate the next run's figure.
        count = "import json, sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))['findings']))"
        if key is not None:  # the report is the statement's predicate, base64 inside the envelope
            count = "import base64, json, sys; e = json.load(open(sys.argv[1], encoding='utf-8')); print(len(json.loads(base64.b64decode(e['payload']))['predicate']['findings']))"
        findings = int(subprocess.run([sys.executable, "-c", count, str(output)], capture_output=True, text=True, check=True).stdout)
    return {
        "format": fmt + (" signed" if key is not None else ""),
        "jobs": jobs,
        "exit": os.waitstatus_to_exitcode(status),
        "findings": findings,
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "stderr": stderr.strip()[-300:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", type=int, default=60000)
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="json", help="comma-separated formats to time, e.g. json,sarif,junit")
    parser.add_argument("--dir", type=Path, default=OUT)
    parser.add_argument("--sign", action="store_true", help="sign the report (--format json only): the output is the DSSE envelope")
    args = parser.parse_args()
    if args.sign and args.format != "json":
        parser.error("--sign writes a DSSE envelope around the JSON report: use it with --format json")
    tree = generate(args.dir, args.findings, args.mb)
    key = signing_key(args.dir) if args.sign else None
    for fmt in args.format.split(","):
        result = measure(tree, fmt, args.jobs, args.dir / f"many-findings.{fmt}{'.dsse' if key else ''}", key)
        print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
