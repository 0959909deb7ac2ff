"""Figures for the managed OSV database: import time, lookup time for a 5,000-package set,
peak memory; against the previous way (`--vuln-db PyPI.zip`, every record loaded in memory).

    python benchmarks/osv_db.py [--archive /work/shared/osv/PyPI.zip] [--packages 5000] [--copies K]

`--copies K` benchmarks a database K times larger: the archive's records again K-1 times
under other package names and ids (the looked-up set stays the same), to show that lookup
time and memory do not grow with the database while the in-memory loader's do.

Each phase runs in its own process, so its peak RSS is its own:
  import   `hms-policy db import ARCHIVE` into an empty database directory (in-process call)
  lookup   open the index and look up the package set (names from the archive, one affected
           version each, padded with names it does not hold), twice: cold (fresh process, index
           just opened) and warm (the same process again)
  inmemory the same set through `--vuln-db ARCHIVE`'s loader (load_database + LocalSource)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

DEFAULT_ARCHIVE = Path("/work/shared/osv/PyPI.zip")


def _package_set(archive: Path, size: int) -> list[tuple[str, str]]:
    """(name, version): each package the archive names once, at a version an advisory lists
    or introduces (so matching does real work), then unknown names up to `size`."""
    chosen: dict[str, str] = {}
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            record = json.loads(zf.read(info))
            for affected in record.get("affected") or ():
                name = (affected.get("package") or {}).get("name")
                if not name or name in chosen:
                    continue
                versions = affected.get("versions") or []
                if versions:
                    chosen[name] = versions[len(versions) // 2]
                    continue
                for rng in affected.get("ranges") or ():
                    for event in rng.get("events") or ():
                        if event.get("introduced") not in (None, "0"):
                            chosen[name] = event["introduced"]
                            break
                if name not in chosen:
                    chosen[name] = "0.0.1"
    pairs = sorted(chosen.items())[:size]
    pairs += [(f"not-in-osv-{i}", "1.0.0") for i in range(size - len(pairs))]
    return pairs


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def phase_import(archive: Path, db_dir: Path) -> dict[str, Any]:
    from hms_policy.deps.osv_fetch import import_path
    from hms_policy.deps.vulndb import index_path

    start, cpu = time.perf_counter(), time.process_time()
    [stored] = import_path(db_dir, index_path(db_dir), archive)
    return {
        "advisories": stored.advisories,
        "wall_s": round(time.perf_counter() - start, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "index_mb": round(index_path(db_dir).stat().st_size / 1e6, 1),
        "archive_mb": round(archive.stat().st_size / 1e6, 1),
        "peak_rss_mb": _rss_mb(),
    }


def _deps(pairs: list[tuple[str, str]]) -> list[Any]:
    from hms_policy.deps.manifests import Dependency

    return [Dependency("PyPI", name, version, i + 1) for i, (name, version) in enumerate(pairs)]


def _counts(deps: list[Any], found: dict[Any, list[Any]]) -> dict[str, int]:
    return {
        "packages": len(deps),
        "vulnerable": sum(1 for advisories in found.values() if advisories),
        "advisories": sum(len(a) for a in found.values()),
    }


def phase_lookup(names_from: Path, db_dir: Path, size: int) -> dict[str, Any]:
    from hms_policy.deps.sources import open_source
    from hms_policy.deps.vulndb import index_path

    deps = _deps(_package_set(names_from, size))
    before = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    source = open_source(str(index_path(db_dir)))
    found = source.lookup(deps)
    cold, cold_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    source.lookup(deps)
    warm, warm_cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        **_counts(deps, found),
        "cold_s": round(cold, 3),
        "cold_cpu_s": round(cold_cpu, 3),
        "warm_s": round(warm, 3),
        "warm_cpu_s": round(warm_cpu, 3),
        "rss_before_mb": before,
        "peak_rss_mb": _rss_mb(),
    }


def phase_inmemory(archive: Path, names_from: Path, size: int) -> dict[str, Any]:
    from hms_policy.deps.osv import load_database
    from hms_policy.deps.sources import LocalSource

    deps = _deps(_package_set(names_from, size))
    before = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    source = LocalSource(load_database(archive))
    loaded = time.perf_counter() - start
    found = source.lookup(deps)
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        **_counts(deps, found),
        "load_s": round(loaded, 3),
        "load_and_lookup_s": round(total, 3),
        "load_and_lookup_cpu_s": round(total_cpu, 3),
        "rss_before_mb": before,
        "peak_rss_mb": _rss_mb(),
    }


def _scaled(archive: Path, copies: int, directory: Path) -> Path:
    """The archive plus copies-1 renamed copies of every record (ids and names suffixed)."""
    if copies <= 1:
        return archive
    out = directory / "PyPI.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        members = [(info.filename, source.read(info)) for info in source.infolist() if info.filename.endswith(".json")]
        for copy in range(copies):
            for filename, data in members:
                if copy == 0:
                    target.writestr(filename, data)
                    continue
                record = json.loads(data)
                record["id"] = f"{record['id']}-c{copy}"
                for affected in record.get("affected") or ():
                    package = affected.get("package") or {}
                    if "name" in package:
                        package["name"] = f"{package['name']}-c{copy}"
                target.writestr(f"{copy}-{filename}", json.dumps(record))
    return out


def _run(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--packages", type=int, default=5000)
    parser.add_argument("--copies", type=int, default=1, help="make the database this many times larger (synthetic copies)")
    parser.add_argument("--phase", choices=("import", "lookup", "inmemory"), help=argparse.SUPPRESS)
    parser.add_argument("--db-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--names-from", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    archive = args.archive.resolve()
    names_from = (args.names_from or archive).resolve()
    if args.phase == "import":
        print(json.dumps(phase_import(archive, args.db_dir)))
        return 0
    if args.phase == "lookup":
        print(json.dumps(phase_lookup(names_from, args.db_dir, args.packages)))
        return 0
    if args.phase == "inmemory":
        print(json.dumps(phase_inmemory(archive, names_from, args.packages)))
        return 0
    with tempfile.TemporaryDirectory(prefix="hms-osv-bench-") as tmp:
        looked_up = archive
        archive = _scaled(archive, args.copies, Path(tmp))
        common = ["--archive", str(archive), "--packages", str(args.packages), "--db-dir", str(Path(tmp) / "db"), "--names-from", str(looked_up)]
        results = {
            "import": _run("--phase", "import", *common),
            "lookup": _run("--phase", "lookup", *common),
            "inmemory": _run("--phase", "inmemory", *common),
        }
    print(json.dumps(results, indent=2))
    imp, look, mem = results["import"], results["lookup"], results["inmemory"]
    print(f"\narchive {archive} ({imp['archive_mb']} MB, {imp['advisories']} advisories)")
    print(f"db import:            {imp['wall_s']} s wall, {imp['cpu_s']} s CPU, index {imp['index_mb']} MB, peak RSS {imp['peak_rss_mb']} MB")
    print(
        f"lookup {look['packages']} packages: {look['cold_s']} s cold ({look['cold_cpu_s']} s CPU), {look['warm_s']} s warm ({look['warm_cpu_s']} s CPU); "
        f"{look['vulnerable']} vulnerable; RSS {look['rss_before_mb']} -> {look['peak_rss_mb']} MB"
    )
    print(
        f"--vuln-db ZIP (before): load {mem['load_s']} s, load+lookup {mem['load_and_lookup_s']} s ({mem['load_and_lookup_cpu_s']} s CPU); "
        f"{mem['vulnerable']} vulnerable; RSS {mem['rss_before_mb']} -> {mem['peak_rss_mb']} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
