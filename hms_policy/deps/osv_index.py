"""The managed OSV database's index: one SQLite file, advisories looked up by (ecosystem, name).

    archives   one row per imported archive ("PyPI", "Debian", "import:my-osv"): where it came
               from, when, how many advisories, its size and digest
    coverage   advisories per (archive, ecosystem family), for `db status` and the report
    advisories (archive, id) -> the record as zlib-compressed compact JSON, trimmed to the
               fields matching and reporting use (no prose details, references or credits)
    packages   (name, family, ecosystem, archive, id), indexed on (name, family, ecosystem)

Ecosystems are stored as OSV spells them, with one normalisation so that image scanners can
ask by release: Ubuntu's ":LTS" suffix is dropped ("Ubuntu:22.04:LTS" -> "Ubuntu:22.04";
"Ubuntu:Pro:18.04:LTS" -> "Ubuntu:Pro:18.04"). A lookup by "Debian:12" finds that release's
records only; a lookup by the family ("Debian", "PyPI") finds every release's.
Package names are normalised as `osv.normalize_name` does (PEP 503 for PyPI).

Writing one archive replaces that archive's rows in one transaction, so a reader sees the old
data or the new, never half of it. Matching itself is `osv.OsvDatabase`'s, on the few records
a lookup fetches (`vulndb.open_indexed_database`).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from hms_policy.deps.osv import normalize_name, release_name

SCHEMA_VERSION = "1"
# The record fields kept: what matching (affected, withdrawn), alias merging and reports use.
KEPT_FIELDS = ("id", "aliases", "related", "summary", "modified", "published", "withdrawn", "severity", "affected")
KEPT_AFFECTED = ("package", "ranges", "versions")
MAX_SUMMARY = 300

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS archives (
    name TEXT PRIMARY KEY, origin TEXT NOT NULL, updated_at TEXT NOT NULL,
    advisories INTEGER NOT NULL, skipped INTEGER NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS coverage (
    archive TEXT NOT NULL, family TEXT NOT NULL, advisories INTEGER NOT NULL, PRIMARY KEY (archive, family));
CREATE TABLE IF NOT EXISTS advisories (
    archive TEXT NOT NULL, id TEXT NOT NULL, record BLOB NOT NULL, PRIMARY KEY (archive, id));
CREATE TABLE IF NOT EXISTS packages (
    name TEXT NOT NULL, family TEXT NOT NULL, ecosystem TEXT NOT NULL, archive TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS packages_lookup ON packages (name, family, ecosystem);
CREATE INDEX IF NOT EXISTS packages_archive ON packages (archive);
"""


class OsvIndexError(Exception):
    """The index cannot be read or written (corrupt file, wrong schema, disk full)."""


@dataclass(frozen=True, slots=True)
class ArchiveInfo:
    """One imported archive, as `db status` and the report show it."""

    name: str
    origin: str  # the URL it was downloaded from, or "file:" + the imported path
    updated_at: str  # ISO 8601 UTC, when it was downloaded or imported
    advisories: int
    skipped: int  # entries that were not OSV records
    coverage: Mapping[str, int]  # ecosystem family -> advisories

    def age_days(self, now: datetime | None = None) -> float:
        return age_days(self.updated_at, now)


MAX_AGE_DAYS = 36500.0  # what an unreadable timestamp counts as (JSON has no infinity)


def age_days(updated_at: str, now: datetime | None = None) -> float:
    """Days since an ISO 8601 UTC time (0 for one in the future)."""
    moment = now or datetime.now(timezone.utc)
    try:
        then = datetime.fromisoformat(updated_at.replace("Z", "+00:00"))
    except ValueError:
        return MAX_AGE_DAYS
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    return min(MAX_AGE_DAYS, max(0.0, (moment - then).total_seconds() / 86400.0))


def ecosystem_name(raw: str) -> str:
    """OSV's ecosystem string as the index stores and looks it up (see the module doc)."""
    return release_name(raw)


def family_of(ecosystem: str) -> str:
    """"Debian:12" -> "Debian"; "Maven:https://repo..." -> "Maven"."""
    return ecosystem.split(":", 1)[0]


def compact_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without what no lookup reads: prose, references, credits."""
    out = {key: record[key] for key in KEPT_FIELDS if key in record}
    if isinstance(out.get("summary"), str):
        out["summary"] = out["summary"][:MAX_SUMMARY]
    affected = out.get("affected")
    if isinstance(affected, list):
        out["affected"] = [{k: a[k] for k in KEPT_AFFECTED if k in a} if isinstance(a, Mapping) else a for a in affected]
    return out


def _encode(record: Mapping[str, Any]) -> bytes:
    return zlib.compress(json.dumps(record, separators=(",", ":"), sort_keys=True).encode(), 6)


def _decode(blob: bytes) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(zlib.decompress(blob))
    return record


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=30)
        return conn
    except (sqlite3.Error, OSError) as exc:
        raise OsvIndexError(f"cannot open the vulnerability index {path.name}: {exc}") from None


def open_for_writing(path: Path) -> sqlite3.Connection:
    conn = _connect(path, readonly=False)
    try:
        conn.executescript(_SCHEMA)
        found = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None:
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            conn.commit()
        elif found[0] != SCHEMA_VERSION:
            raise OsvIndexError(f"the vulnerability index {path} has schema {found[0]}; delete it and run `hms-policy db update`")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise OsvIndexError(f"the vulnerability index {path.name} is damaged ({exc}); delete it and run `hms-policy db update`") from None
    return conn


@dataclass(frozen=True, slots=True)
class Written:
    advisories: int
    skipped: int


def write_archive(
    conn: sqlite3.Connection,
    name: str,
    records: Iterable[bytes],
    *,
    origin: str,
    size: int,
    sha256: str,
    commit: bool = True,
    validators: Mapping[str, str] | None = None,
) -> Written:
    """Replace archive `name`'s rows with `records` (raw OSV JSON documents) in one transaction.
    With `commit=False` the caller commits (after moving the archive file into place).
    `validators` (ETag, Last-Modified) let the next download ask "changed since?"."""
    advisories = skipped = 0
    families: dict[str, int] = {}
    try:
        conn.execute("BEGIN IMMEDIATE")
        for table in ("packages", "advisories", "coverage"):
            conn.execute(f"DELETE FROM {table} WHERE archive = ?", (name,))  # noqa: S608 - fixed table names
        _save_validators(conn, name, validators or {})
        seen: set[str] = set()
        for data in records:
            record = _parse(data)
            if record is None:
                skipped += 1
                continue
            if record["id"] in seen:
                continue
            seen.add(record["id"])
            rows = list(_package_rows(record, name))
            conn.execute("INSERT INTO advisories VALUES (?, ?, ?)", (name, record["id"], _encode(compact_record(record))))
            conn.executemany("INSERT INTO packages VALUES (?, ?, ?, ?, ?)", rows)
            advisories += 1
            for family in {row[1] for row in rows}:
                families[family] = families.get(family, 0) + 1
        conn.executemany("INSERT INTO coverage VALUES (?, ?, ?)", [(name, f, n) for f, n in sorted(families.items())])
        conn.execute(
            "INSERT OR REPLACE INTO archives VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, origin, _now(), advisories, skipped, size, sha256),
        )
        if commit:
            conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return Written(advisories, skipped)


def _parse(data: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return None
    return record


def _package_rows(record: Mapping[str, Any], archive: str) -> Iterator[tuple[str, str, str, str, str]]:
    seen: set[tuple[str, str]] = set()
    for affected in record.get("affected") or ():
        package = affected.get("package") if isinstance(affected, Mapping) else None
        if not isinstance(package, Mapping) or not isinstance(package.get("name"), str):
            continue
        ecosystem = ecosystem_name(str(package.get("ecosystem", "")))
        if not ecosystem:
            continue
        family = family_of(ecosystem)
        name = normalize_name(family, package["name"])
        if (name, ecosystem) not in seen:
            seen.add((name, ecosystem))
            yield (name, family, ecosystem, archive, record["id"])


_VALIDATORS = ("etag", "last-modified")


def _save_validators(conn: sqlite3.Connection, name: str, validators: Mapping[str, str]) -> None:
    for key in _VALIDATORS:
        conn.execute("DELETE FROM meta WHERE key = ?", (f"{key}:{name}",))
        if validators.get(key):
            conn.execute("INSERT INTO meta VALUES (?, ?)", (f"{key}:{name}", validators[key]))


def read_validators(conn: sqlite3.Connection, name: str) -> dict[str, str]:
    """The ETag and Last-Modified archive `name` was downloaded with (empty when unknown)."""
    out: dict[str, str] = {}
    for key in _VALIDATORS:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"{key}:{name}",)).fetchone()
        if row:
            out[key] = row[0]
    return out


def confirm_archive(conn: sqlite3.Connection, name: str) -> int | None:
    """The source said archive `name` has not changed: it is current as of now. Its advisory
    count, or None when the index does not hold it."""
    with conn:
        row = conn.execute("SELECT advisories FROM archives WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        conn.execute("UPDATE archives SET updated_at = ? WHERE name = ?", (_now(), name))
    return int(row[0])


def remove_archive(conn: sqlite3.Connection, name: str) -> None:
    with conn:
        for table in ("packages", "advisories", "coverage"):
            conn.execute(f"DELETE FROM {table} WHERE archive = ?", (name,))  # noqa: S608 - fixed table names
        conn.execute("DELETE FROM archives WHERE name = ?", (name,))


# --- reading --------------------------------------------------------------------------------


class OsvIndex:
    """A read-only view of the index file: archives, coverage and records by package."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = _connect(path, readonly=True)
        try:
            found = self._conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise OsvIndexError(f"the vulnerability index {path.name} is damaged ({exc}); run `hms-policy db update`") from None
        if found is None or found[0] != SCHEMA_VERSION:
            self._conn.close()
            raise OsvIndexError(f"the vulnerability index {path.name} has another schema; run `hms-policy db update`")

    def close(self) -> None:
        self._conn.close()

    def archives(self) -> list[ArchiveInfo]:
        coverage: dict[str, dict[str, int]] = {}
        for archive, family, count in self._conn.execute("SELECT archive, family, advisories FROM coverage ORDER BY archive, family"):
            coverage.setdefault(archive, {})[family] = count
        rows = self._conn.execute("SELECT name, origin, updated_at, advisories, skipped FROM archives ORDER BY name")
        return [ArchiveInfo(n, o, u, a, s, coverage.get(n, {})) for n, o, u, a, s in rows]

    def families(self) -> dict[str, int]:
        """Ecosystem family -> advisories held for it, over every archive."""
        out: dict[str, int] = {}
        for family, count in self._conn.execute("SELECT family, SUM(advisories) FROM coverage GROUP BY family"):
            out[family] = int(count)
        return out

    def covers(self, ecosystem: str) -> bool:
        family = family_of(ecosystem_name(ecosystem))
        return self._conn.execute("SELECT 1 FROM coverage WHERE family = ? AND advisories > 0 LIMIT 1", (family,)).fetchone() is not None

    def records(self, ecosystem: str, name: str) -> list[dict[str, Any]]:
        """The records naming package `name` in `ecosystem` (a family such as "PyPI", or one
        release such as "Debian:12"), one per advisory id, as stored (`affected` whole: the
        matcher picks the release's entries)."""
        wanted = ecosystem_name(ecosystem)
        family = family_of(wanted)
        sql = "SELECT DISTINCT a.id, a.record FROM packages p JOIN advisories a ON a.archive = p.archive AND a.id = p.id WHERE p.name = ? AND p.family = ?"
        params = [normalize_name(family, name), family]
        if wanted != family:
            sql += " AND p.ecosystem = ?"
            params.append(wanted)
        found: dict[str, dict[str, Any]] = {}
        for advisory_id, blob in self._conn.execute(sql, params):
            if advisory_id not in found:  # the same advisory from two archives: one copy
                found[advisory_id] = _decode(blob)
        return [found[k] for k in sorted(found)]
