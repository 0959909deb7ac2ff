"""A local OSV database and the OSV rules for "is this version affected".

Accepted layouts (`vuln_db` PATH):
  * a zip of OSV JSON records, as OSV publishes per ecosystem
    (https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip);
  * a directory of OSV `*.json` records, searched recursively, which may also hold
    per-ecosystem zips (`PyPI.zip`, `npm/`, `Maven/all.zip` ...).
A record found twice (the same id in a zip and a directory) is kept once.

Matching follows the OSV schema (https://ossf.github.io/osv-schema/#evaluation): a
version is affected when it is listed in `affected[].versions`, or when it falls in an
ECOSYSTEM or SEMVER range: the events are walked in version order, `introduced` opens
the range, `fixed` closes it at that version and `last_affected` closes it after that
version. GIT ranges name commits and are skipped. Versions are ordered with the
ecosystem's own rules (`versions.sort_key`). Withdrawn records are ignored.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from hms_policy.deps.versions import InvalidVersion, advisory_key, sort_key

# Records larger than this are not OSV advisories; skip rather than load them.
MAX_RECORD_BYTES = 8 * 1024 * 1024


class OsvDatabaseError(Exception):
    """The database cannot be read at all (missing path, unreadable zip)."""


@dataclass(frozen=True, slots=True)
class Advisory:
    """One advisory that affects one package version: ids and fixes, no prose."""

    id: str
    aliases: tuple[str, ...]
    fixed: tuple[str, ...]  # versions that fix it, in the ecosystem's order
    summary: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "aliases": list(self.aliases), "fixed": list(self.fixed)}


def normalize_name(ecosystem: str, name: str) -> str:
    """Package identity within an ecosystem: PEP 503 for PyPI, case-insensitive for NuGet
    and Packagist (both registries fold case), exact otherwise (npm names are lower-case by
    rule; Maven coordinates, Go module paths, gems and crates are compared as published)."""
    if ecosystem == "PyPI":
        from packaging.utils import canonicalize_name

        return str(canonicalize_name(name))
    if ecosystem in ("NuGet", "Packagist"):
        return name.strip().lower()
    return name.strip()


def _base_ecosystem(ecosystem: str) -> str:
    # "Debian:11", "Maven:https://repo..." -> the ecosystem family
    return ecosystem.split(":", 1)[0]


@dataclass(slots=True)
class OsvDatabase:
    """Records indexed by (ecosystem, normalized package name)."""

    source: str
    _index: dict[tuple[str, str], list[Mapping[str, Any]]] = field(default_factory=dict)
    ecosystems: dict[str, int] = field(default_factory=dict)  # ecosystem -> record count
    skipped: int = 0  # files that were not valid OSV JSON
    _seen: set[str] = field(default_factory=set)
    # Parsed forms of listed versions and range events, built on first use per entry.
    _listed: dict[int, frozenset[Any]] = field(default_factory=dict)
    _events: dict[int, list[tuple[Any, str, str]] | None] = field(default_factory=dict)

    def add(self, record: Any) -> None:
        if not isinstance(record, Mapping) or not isinstance(record.get("id"), str):
            self.skipped += 1
            return
        if record["id"] in self._seen:
            return
        self._seen.add(record["id"])
        if record.get("withdrawn"):
            return
        counted: set[str] = set()
        for affected in record.get("affected") or ():
            package = affected.get("package") if isinstance(affected, Mapping) else None
            if not isinstance(package, Mapping):
                continue
            ecosystem = _base_ecosystem(str(package.get("ecosystem", "")))
            name = package.get("name")
            if not ecosystem or not isinstance(name, str):
                continue
            key = (ecosystem, normalize_name(ecosystem, name))
            bucket = self._index.setdefault(key, [])
            if not bucket or bucket[-1] is not record:
                bucket.append(record)
            if ecosystem not in counted:
                counted.add(ecosystem)
                self.ecosystems[ecosystem] = self.ecosystems.get(ecosystem, 0) + 1

    def covers(self, ecosystem: str) -> bool:
        return self.ecosystems.get(_base_ecosystem(ecosystem), 0) > 0

    def advisories(self, ecosystem: str, name: str, version: str) -> list[Advisory]:
        """Advisories affecting `name` at `version`; raises InvalidVersion when the
        version cannot be ordered under the ecosystem's rules."""
        # An OS release ("Debian:12", "Alpine:v3.19") matches only that release's entries.
        release, ecosystem = ecosystem, _base_ecosystem(ecosystem)
        current = sort_key(ecosystem, version)
        wanted = normalize_name(ecosystem, name)
        out: list[Advisory] = []
        for record in self._index.get((ecosystem, wanted), ()):
            fixed: list[tuple[Any, str]] = []
            hit = False
            for affected in record.get("affected") or ():
                package = affected.get("package") or {}
                named = str(package.get("ecosystem", ""))
                if _base_ecosystem(named) != ecosystem or (release != ecosystem and named != release):
                    continue
                if normalize_name(ecosystem, str(package.get("name", ""))) != wanted:
                    continue
                if self._affected(ecosystem, current, affected, fixed):
                    hit = True
            if hit:
                fixed.sort(key=lambda pair: pair[0])
                versions = tuple(dict.fromkeys(text for _, text in fixed))
                aliases = tuple(sorted(a for a in record.get("aliases") or () if isinstance(a, str)))
                out.append(Advisory(record["id"], aliases, versions, str(record.get("summary") or "")[:200]))
        return sorted(out, key=lambda a: a.id)


    def _listed_keys(self, ecosystem: str, affected: Mapping[str, Any]) -> frozenset[Any]:
        key = id(affected)
        if key not in self._listed:
            keys = set()
            for text in affected.get("versions") or ():
                try:
                    keys.add(advisory_key(ecosystem, str(text)))
                except InvalidVersion:
                    continue
            self._listed[key] = frozenset(keys)
        return self._listed[key]

    def _range_events(self, ecosystem: str, rng: Mapping[str, Any]) -> list[tuple[Any, str, str]] | None:
        key = id(rng)
        if key not in self._events:
            self._events[key] = _ordered_events(ecosystem, rng.get("events") or ())
        return self._events[key]

    def _affected(self, ecosystem: str, current: Any, affected: Mapping[str, Any], fixed: list[tuple[Any, str]]) -> bool:
        hit = current in self._listed_keys(ecosystem, affected)
        later_fixes: list[tuple[Any, str]] = []
        range_hit = False
        for rng in affected.get("ranges") or ():
            if not isinstance(rng, Mapping) or rng.get("type") not in ("ECOSYSTEM", "SEMVER"):
                continue
            events = self._range_events(ecosystem, rng)
            if events is None:
                continue
            fixes = [(key, text) for key, kind, text in events if kind == "fixed" and key is not None and key > current]
            later_fixes.extend(fixes)
            if _in_range(current, events):
                range_hit = True
                fixed.extend(fixes[:1])  # the fix of the range the version is in
        if hit and not range_hit:
            fixed.extend(later_fixes)  # listed explicitly: every later fix is a way out
        return hit or range_hit


_EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")


def _ordered_events(ecosystem: str, raw: Iterable[Any]) -> list[tuple[Any, str, str]] | None:
    """(key, kind, version text) sorted by version; "0" sorts first (key None)."""
    events: list[tuple[Any, str, str]] = []
    for event in raw:
        if not isinstance(event, Mapping):
            continue
        for kind in _EVENT_KINDS:
            if kind in event:
                text = str(event[kind])
                if kind == "introduced" and text == "0":
                    events.append((None, kind, text))
                else:
                    try:
                        events.append((advisory_key(ecosystem, text), kind, text))
                    except InvalidVersion:
                        return None  # a range we cannot order is not guessed at
    zero = [e for e in events if e[0] is None]
    rest = sorted((e for e in events if e[0] is not None), key=lambda e: e[0])
    return zero + rest


def _in_range(current: Any, events: list[tuple[Any, str, str]]) -> bool:
    affected = False
    for key, kind, _ in events:
        if kind == "introduced" and (key is None or current >= key):
            affected = True
        elif kind == "fixed" and key is not None and current >= key:
            affected = False
        elif kind == "last_affected" and key is not None and current > key:
            affected = False
    return affected


# --- loading -----------------------------------------------------------------------------


def _iter_zip(path: Path) -> Iterator[bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.endswith(".json") or info.file_size > MAX_RECORD_BYTES:
                    continue
                yield archive.read(info)
    except (zipfile.BadZipFile, OSError) as exc:
        raise OsvDatabaseError(f"cannot read OSV zip {path.name}: {exc}") from None


def _iter_dir(path: Path) -> Iterator[bytes]:
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(dirpath) / name
            if name.endswith(".zip"):
                yield from _iter_zip(full)
            elif name.endswith(".json"):
                try:
                    if full.stat().st_size <= MAX_RECORD_BYTES:
                        yield full.read_bytes()
                except OSError:
                    continue


def load_database(path: Path) -> OsvDatabase:
    """Read every OSV record under `path` (a directory or a zip)."""
    if not path.exists():
        raise OsvDatabaseError(f"vulnerability database not found: {path}")
    db = OsvDatabase(source=str(path))
    chunks = _iter_zip(path) if path.is_file() else _iter_dir(path)
    for data in chunks:
        try:
            db.add(json.loads(data))
        except (ValueError, UnicodeDecodeError, RecursionError):
            db.skipped += 1
    return db


def _signature(path: Path) -> tuple[str, float, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime, stat.st_size)


@lru_cache(maxsize=4)
def _cached(signature: tuple[str, float, int]) -> OsvDatabase:
    return load_database(Path(signature[0]))


def open_database(path: Path) -> OsvDatabase:
    """`load_database`, read once per process for an unchanged path (a scan asks for it
    once per manifest; the cache is keyed by the path's resolved name, mtime and size)."""
    if not path.exists():
        raise OsvDatabaseError(f"vulnerability database not found: {path}")
    return _cached(_signature(path))


# --- the way out -------------------------------------------------------------------------


def _fix_events(db: OsvDatabase, ecosystem: str, name: str) -> set[str]:
    """Every version any advisory of the package names as `fixed`."""
    wanted = normalize_name(ecosystem, name)
    found: set[str] = set()
    for record in db._index.get((ecosystem, wanted), ()):
        for affected in record.get("affected") or ():
            if not isinstance(affected, Mapping):
                continue
            package = affected.get("package") or {}
            if _base_ecosystem(str(package.get("ecosystem", ""))) != ecosystem:
                continue
            if normalize_name(ecosystem, str(package.get("name", ""))) != wanted:
                continue
            for rng in affected.get("ranges") or ():
                if isinstance(rng, Mapping) and rng.get("type") in ("ECOSYSTEM", "SEMVER"):
                    found.update(str(e["fixed"]) for e in rng.get("events") or () if isinstance(e, Mapping) and "fixed" in e)
    return found


def smallest_upgrade(db: OsvDatabase, ecosystem: str, name: str, version: str, reported: Iterable[str]) -> tuple[str | None, bool]:
    """The smallest published fix above `version` that no advisory affects, and True; else the
    smallest that clears the `reported` advisory ids (a later one may affect it), and False;
    (None, False) when no fix clears them."""
    current = sort_key(ecosystem, version)
    candidates: list[tuple[Any, str]] = []
    for text in _fix_events(db, ecosystem, name):
        try:
            key = advisory_key(ecosystem, text)
        except InvalidVersion:
            continue
        if key > current:
            candidates.append((key, text))
    candidates.sort(key=lambda pair: pair[0])
    wanted = set(reported)
    first_clearing: str | None = None
    for _, text in candidates:
        remaining = {a.id for a in db.advisories(ecosystem, name, text)}
        if not remaining:
            return text, True
        if first_clearing is None and not remaining & wanted:
            first_clearing = text
    return first_clearing, False
