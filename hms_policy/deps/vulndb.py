"""The managed vulnerability database as a scan sees it: where it lives, the lookup source over
its index, and the summary a report records (age and coverage per ecosystem).

Where:   --db-dir DIR  >  HMS_POLICY_DB_DIR  >  platformdirs' user cache dir / "osv"
         (~/.cache/hms-policy/osv on Linux), holding `osv.sqlite3` and `archives/`.
A scan with no `vuln_db` setting uses the index there when it exists; `--vuln-db` overrides.
A scan never downloads: `hms-policy db update` does, on request.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    from hms_policy.deps.osv import Advisory, OsvDatabase
    from hms_policy.deps.osv_index import ArchiveInfo

# The index and its readers are imported when a database is used: a scan (a pre-commit hook)
# that finds none pays only for a path check.
INDEX_FILE = "osv.sqlite3"

DB_DIR_ENV = "HMS_POLICY_DB_DIR"
URL_ENV = "HMS_POLICY_OSV_URL"
DEFAULT_MAX_AGE_DAYS = 7
UPDATE_HINT = "run `hms-policy db update` (or `hms-policy db import FILE` without network)"
# A scan with dependency rules and no database says so once (api.vulnerability_database_errors).
NO_SOURCE = f"no vulnerability database: {UPDATE_HINT}, or give --vuln-db PATH|online"
STALE_REASON = "stale-database"


def db_dir(explicit: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The managed database's directory (it may not exist yet)."""
    environ = os.environ if environ is None else environ
    if explicit:
        return Path(explicit).expanduser().resolve()
    if environ.get(DB_DIR_ENV):
        return Path(environ[DB_DIR_ENV]).expanduser().resolve()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hms-policy", appauthor=False)) / "osv"


def index_path(directory: Path) -> Path:
    return directory / INDEX_FILE


def managed_index(environ: Mapping[str, str] | None = None) -> Path | None:
    """The managed index file when one has been built, else None."""
    path = index_path(db_dir(None, environ))
    return path if path.is_file() else None


def as_index(path: Path) -> Path | None:
    """`path` as an index file: the file itself, or a database directory holding one."""
    if path.is_file() and path.name.endswith(".sqlite3"):
        return path
    if path.is_dir() and (path / INDEX_FILE).is_file():
        return path / INDEX_FILE
    return None


# --- the lookup database ---------------------------------------------------------------------------


def open_indexed_database(path: Path) -> OsvDatabase:
    """The database over index file `path`, opened once per process while the file is unchanged
    (records fetched for one manifest stay for the next)."""
    stat = path.stat()
    return _open(str(path.resolve()), stat.st_mtime_ns, stat.st_size, os.getpid())


@lru_cache(maxsize=2)
def _open(path: str, _mtime: int, _size: int, _pid: int) -> OsvDatabase:
    # keyed by pid too: a SQLite connection must not be shared with a forked worker
    from hms_policy.deps.osv import OsvDatabase
    from hms_policy.deps.osv_index import OsvIndex

    class IndexedDatabase(OsvDatabase):
        """An `osv.OsvDatabase` that fetches a package's records from the index the first time a
        lookup names it; matching (and everything else) is OsvDatabase's. Memory grows with the
        packages a scan names, never with the size of the database."""

        def __init__(self, index: OsvIndex) -> None:
            super().__init__(source=str(index.path))
            self.index = index
            self.fetched: set[tuple[str, str]] = set()

        def covers(self, ecosystem: str) -> bool:
            return self.index.covers(ecosystem)

        def advisories(self, ecosystem: str, name: str, version: str) -> list[Advisory]:
            if (ecosystem, name) not in self.fetched:
                self.fetched.add((ecosystem, name))
                for record in self.index.records(ecosystem, name):
                    self.add(record)
            return super().advisories(ecosystem, name, version)

    return IndexedDatabase(OsvIndex(Path(path)))


# --- what a report records ------------------------------------------------------------------------


def read_archives(path: Path) -> list[ArchiveInfo]:
    from hms_policy.deps.osv_index import OsvIndex

    index = OsvIndex(path)
    try:
        return index.archives()
    finally:
        index.close()


def coverage(archives: Iterable[ArchiveInfo], max_age_days: float, now: datetime | None = None) -> dict[str, dict[str, Any]]:
    """Per ecosystem family: advisories, sources, the newest update and its age."""
    now = now or datetime.now(timezone.utc)
    out: dict[str, dict[str, Any]] = {}
    for archive in archives:
        for family, count in archive.coverage.items():
            entry = out.setdefault(family, {"advisories": 0, "sources": [], "updated_at": archive.updated_at})
            entry["advisories"] += count
            entry["sources"].append(archive.origin)
            entry["updated_at"] = max(entry["updated_at"], archive.updated_at)
    from hms_policy.deps.osv_index import age_days

    for entry in out.values():
        age = age_days(entry["updated_at"], now)
        entry["age_days"] = round(age, 1)
        entry["stale"] = age > max_age_days
    return dict(sorted(out.items()))


@dataclass(frozen=True, slots=True)
class ScanDatabase:
    """The vulnerability data one scan uses: the `vuln_db` value to bind, and its summary."""

    vuln_db: str | None
    summary: dict[str, Any]
    warning: str | None = None


def for_scan(settings: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> ScanDatabase:
    """Choose the scan's vulnerability data: --vuln-db / the setting, else the managed index."""
    from hms_policy.errors import UsageError

    explicit = settings.get("vuln_db")
    offline = bool(settings.get("offline"))
    max_age = float(settings.get("vuln_db_max_age_days", DEFAULT_MAX_AGE_DAYS))
    if isinstance(explicit, str) and explicit.strip().lower() == "online":
        if offline:
            raise UsageError("--offline cannot be combined with --vuln-db online (OSV's service is on the network)")
        return ScanDatabase(explicit, {"kind": "online", "location": "https://api.osv.dev"})
    if explicit:
        path = Path(str(explicit)).expanduser()
        index = as_index(path)
        if index is None:
            return ScanDatabase(str(explicit), {"kind": "path", "location": str(path)})
        return _indexed("index", index, max_age)
    index = managed_index(environ)
    if index is None:
        return ScanDatabase(None, {"kind": "none", "hint": UPDATE_HINT})
    return _indexed("managed", index, max_age)


def _indexed(kind: str, index: Path, max_age: float) -> ScanDatabase:
    from hms_policy.deps.osv_index import OsvIndexError

    try:
        archives = read_archives(index)
    except OsvIndexError as exc:
        # A damaged index: DEP002 says so (not evaluated) rather than silently passing.
        return ScanDatabase(str(index), {"kind": kind, "location": str(index), "error": str(exc)})
    ecosystems = coverage(archives, max_age)
    summary = {"kind": kind, "location": str(index), "max_age_days": max_age, "ecosystems": ecosystems}
    stale = [f"{name} ({entry['age_days']:g} days)" for name, entry in ecosystems.items() if entry["stale"]]
    warning = None
    if stale:
        warning = f"the vulnerability database is older than {max_age:g} days for {', '.join(stale)}: run `hms-policy db update`"
    return ScanDatabase(str(index), summary, warning)


def once_per_scan(errors: list[Any], no_source_message: str) -> list[Any]:
    """One "no vulnerability database" entry per rule and scan, not one per manifest."""
    from dataclasses import replace

    repeated: dict[str, list[Any]] = {}
    for error in errors:
        if error.reason == "unavailable" and error.message.endswith(no_source_message):
            repeated.setdefault(error.message, []).append(error)
    # The entry kept is the first path, not the first to arrive: with --jobs N the order
    # units finish in varies, and the report must not.
    kept = {message: min(same, key=lambda e: e.path) for message, same in repeated.items()}
    out: list[Any] = []
    for error in errors:
        same = repeated.get(error.message) if error.reason == "unavailable" else None
        if not same:
            out.append(error)
        elif error is kept[error.message]:
            out.append(replace(error, message=f"{error.message} ({len(same)} dependency files)") if len(same) > 1 else error)
    return out
