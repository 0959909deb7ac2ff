"""`hms-policy db update | status | import`: the managed OSV vulnerability database."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

HELP = "manage the local OSV vulnerability database the dependency rules read (update, status, import)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from hms_policy.deps.osv_feeds import DEFAULT_ECOSYSTEMS, OS_ECOSYSTEMS

    actions = parser.add_subparsers(dest="db_action", metavar="ACTION")
    actions.required = True
    location = argparse.ArgumentParser(add_help=False)
    location.add_argument("--db-dir", metavar="DIR", help="where the database lives (default: $HMS_POLICY_DB_DIR, else the user cache directory)")

    update = actions.add_parser("update", parents=[location], help="download OSV's archives and rebuild the index", description="download OSV's per-ecosystem archives and rebuild the local index")
    update.add_argument(
        "--ecosystem",
        "-e",
        action="append",
        metavar="E",
        help=f"ecosystem to fetch (repeatable; default: {', '.join(DEFAULT_ECOSYSTEMS)}; also {', '.join(OS_ECOSYSTEMS)})",
    )
    update.add_argument("--url", metavar="BASE", help="where OSV's archives are served (default: $HMS_POLICY_OSV_URL, else OSV's public bucket)")
    update.set_defaults(_db_run=_update)

    status = actions.add_parser("status", parents=[location], help="advisories, source and age per ecosystem", description="show the database's advisories, source and age per ecosystem")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.add_argument("--max-age-days", type=float, metavar="N", help="mark ecosystems older than N days as stale (default: 7, as scans do)")
    status.set_defaults(_db_run=_status)

    imported = actions.add_parser("import", parents=[location], help="load archives copied in by hand (air-gapped networks)", description="import an OSV zip, a directory of <Ecosystem>.zip or <Ecosystem>/all.zip, or a directory of OSV JSON records")
    imported.add_argument("source", metavar="FILE.zip|DIR")
    imported.set_defaults(_db_run=_import)


def run(args: argparse.Namespace) -> int:
    return int(args._db_run(args))


def _ecosystems(values: list[str] | None) -> list[str]:
    from hms_policy.deps.osv_feeds import DEFAULT_ECOSYSTEMS, KNOWN_ECOSYSTEMS, canonical_ecosystem
    from hms_policy.errors import UsageError

    if not values:
        return list(DEFAULT_ECOSYSTEMS)
    chosen: list[str] = []
    for text in (item for value in values for item in value.split(",") if item.strip()):
        name = canonical_ecosystem(text)
        if name is None:
            raise UsageError(f"unknown ecosystem {text.strip()!r} (expected one of: {', '.join(KNOWN_ECOSYSTEMS)})")
        if name not in chosen:
            chosen.append(name)
    return chosen


def _update(args: argparse.Namespace) -> int:
    from hms_policy.deps.osv_feeds import DEFAULT_BASE_URL
    from hms_policy.deps.osv_fetch import FetchError, update
    from hms_policy.deps.vulndb import URL_ENV, db_dir, index_path

    ecosystems = _ecosystems(args.ecosystem)
    directory = db_dir(args.db_dir)
    base = args.url or os.environ.get(URL_ENV) or DEFAULT_BASE_URL
    progress = _Progress() if _tty() else None
    failed = 0
    for ecosystem in ecosystems:
        try:
            stored = update(directory, index_path(directory), ecosystem, base, progress)
        except FetchError as exc:
            failed += 1
            _clear(progress)
            print(f"hms-policy: error: {exc}", file=sys.stderr)
            continue
        _clear(progress)
        if stored.unchanged:
            print(f"{ecosystem}: up to date, {stored.advisories} advisories (not modified since the last download)")
        else:
            print(f"{ecosystem}: {stored.advisories} advisories ({_megabytes(stored.bytes)}){_skipped(stored.skipped)}")
    print(f"database: {directory}")
    return 2 if failed else 0


def _import(args: argparse.Namespace) -> int:
    from hms_policy.deps.osv_fetch import FetchError, import_path
    from hms_policy.deps.vulndb import db_dir, index_path
    from hms_policy.errors import UsageError

    source = Path(args.source).expanduser()
    if not source.exists():
        raise UsageError(f"no such file or directory: {args.source}")
    directory = db_dir(args.db_dir)
    try:
        stored = import_path(directory, index_path(directory), source.resolve())
    except FetchError as exc:
        raise UsageError(str(exc)) from None
    for item in stored:
        print(f"{item.name}: {item.advisories} advisories{_skipped(item.skipped)}")
    print(f"database: {directory}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from hms_policy.deps.osv_index import OsvIndexError
    from hms_policy.deps.vulndb import DEFAULT_MAX_AGE_DAYS, coverage, db_dir, index_path, read_archives

    directory = db_dir(args.db_dir)
    index = index_path(directory)
    if not index.is_file():
        payload: dict[str, Any] = {"database": str(directory), "ecosystems": {}}
        if args.json:
            print(json.dumps(payload, indent=2))
        else:
            print(f"no vulnerability database in {directory}: run `hms-policy db update` (or `hms-policy db import FILE`)")
        return 0
    try:
        ecosystems = coverage(read_archives(index), DEFAULT_MAX_AGE_DAYS if args.max_age_days is None else args.max_age_days)
    except OsvIndexError as exc:
        from hms_policy.errors import ConfigError

        raise ConfigError(str(exc)) from None
    if args.json:
        print(json.dumps({"database": str(directory), "ecosystems": ecosystems}, indent=2))
        return 0
    print(f"database: {directory}")
    rows = [("ecosystem", "advisories", "updated", "age", "source")]
    for name, entry in ecosystems.items():
        age = f"{entry['age_days']:g} days" + (" (stale)" if entry["stale"] else "")
        rows.append((name, str(entry["advisories"]), entry["updated_at"], age, ", ".join(entry["sources"])))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return 0


def _skipped(count: int) -> str:
    return f", {count} entries that are not OSV records skipped" if count else ""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _tty() -> bool:
    from hms_policy.cli.progress import wanted

    return wanted(sys.stderr)


class _Progress:
    """"downloading PyPI: 12.3 of 45.6 MB" redrawn in place on stderr (a terminal only)."""

    def __init__(self) -> None:
        self.drawn = False

    def __call__(self, ecosystem: str, received: int, total: int | None) -> None:
        of = f" of {_megabytes(total)}" if total else ""
        sys.stderr.write(f"\r\x1b[Kdownloading {ecosystem}: {_megabytes(received)}{of}")
        sys.stderr.flush()
        self.drawn = True


def _clear(progress: _Progress | None) -> None:
    if progress is not None and progress.drawn:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
        progress.drawn = False
