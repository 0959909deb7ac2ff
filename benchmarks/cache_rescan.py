"""Cost of re-scanning an unchanged tree with the result cache, against a cold scan.

    python benchmarks/cache_rescan.py [--mb 5] [--runs 3] [--jobs N]

Generates the deterministic mixed corpus of benchmarks/corpus.py (Terraform, Kubernetes,
compose, Dockerfiles, Python / JavaScript / Java, requirements, logs), then times fresh
`hms-policy scan` processes on it:

  * cold: an empty cache directory (every unit analysed, every entry written);
  * warm: the same tree again (every unit served from the cache);
  * one file changed: a single Terraform file edited, so its directory unit misses.

Also checks that the warm report equals the cold one (generated_at aside) and that the cache
holds none of the corpus' planted key bodies. The target is warm < 10% of cold. Figures are
wall-clock and CPU (user + system) medians; on a busy machine compare the CPU column.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 0.10


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=False, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])} ... failed: {done.stderr.decode()[-400:]}")
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    return wall, cpu, done.stdout


def report_without_clock(raw: bytes) -> dict[str, object]:
    data: dict[str, object] = json.loads(raw)
    data.pop("generated_at", None)
    return data


def python_env(base: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment of an installed tool: bytecode is cached (here under `base`, so the
    checkout stays clean), even where PYTHONDONTWRITEBYTECODE is set for development."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(base / "pycache"), **extra}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size (default 5 MB)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for the scans (default: hms-policy's)")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="hms-cache-bench-"))
    try:
        corpus = base / "corpus"
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(corpus), "--mb", str(args.mb)], check=True, capture_output=True)
        files = [p for p in corpus.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        hms = [sys.executable, "-m", "hms_policy", "scan", str(corpus), "--format", "json", "--exclude", "manifest.json"]
        if args.jobs:
            hms += ["--jobs", str(args.jobs)]
        env = python_env(base, {"NO_COLOR": "1"})
        one_service = next(p for p in sorted(corpus.iterdir()) if p.is_dir())
        subprocess.run([sys.executable, "-m", "hms_policy", "scan", str(one_service), "--no-cache"], env=env, check=False, capture_output=True)  # compile the modules once
        print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

        cold_wall, cold_cpu, warm_wall, warm_cpu = [], [], [], []
        cold_report = warm_report = None
        for i in range(args.runs):
            cache = base / f"cache-{i}"
            wall, cpu, out = run([*hms, "--cache-dir", str(cache)], env)
            cold_wall.append(wall)
            cold_cpu.append(cpu)
            cold_report = report_without_clock(out)
            wall, cpu, out = run([*hms, "--cache-dir", str(cache)], env)
            warm_wall.append(wall)
            warm_cpu.append(cpu)
            warm_report = report_without_clock(out)
        if warm_report != cold_report:
            assert cold_report is not None and warm_report is not None
            differ = sorted(k for k in cold_report if cold_report[k] != warm_report.get(k))
            raise SystemExit(f"a warm scan must reproduce the cold report; these parts differ: {differ}")

        cache = base / "cache-0"
        blob = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file() and p.name != "key")
        assert b"PRIVATE KEY-----\n" not in blob and b"BEGIN RSA" not in blob, "the cache must not hold raw key text"

        tf = min(corpus.rglob("main.tf"))
        tf.write_text(tf.read_text() + '\nresource "aws_s3_bucket" "added" {\n  bucket = "added"\n}\n')
        one_wall, one_cpu, _ = run([*hms, "--cache-dir", str(cache)], env)

        def row(label: str, walls: list[float], cpus: list[float]) -> str:
            each = ", ".join(f"{c:.0f}" for c in cpus)
            return f"{label:<26} wall {statistics.median(walls):8.0f} ms   cpu {statistics.median(cpus):8.0f} ms   (cpu per run: {each})"

        print(row("cold (empty cache)", cold_wall, cold_cpu))
        print(row("warm (unchanged tree)", warm_wall, warm_cpu))
        print(row("warm, one .tf file edited", [one_wall], [one_cpu]))
        ratio_wall = statistics.median(warm_wall) / statistics.median(cold_wall)
        ratio_cpu = statistics.median(warm_cpu) / statistics.median(cold_cpu)
        verdict = "met" if max(ratio_wall, ratio_cpu) < TARGET else "NOT met"
        print(f"warm / cold: {ratio_wall:.1%} wall, {ratio_cpu:.1%} cpu (target < {TARGET:.0%}: {verdict}); reports identical; no key text in the cache")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
