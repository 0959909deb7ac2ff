"""Where vulnerability data comes from, chosen by the `vuln_db` setting.

    vuln_db unset      the managed database (`hms-policy db update`, see `vulndb.py`) when it
                       exists; else no source: the dependency rule is not evaluated (never a
                       silent pass)
    vuln_db = INDEX    a managed database's directory or its `osv.sqlite3` (`vulndb.py`)
    vuln_db = PATH     a local OSV database: a directory of OSV JSON records and/or the
                       per-ecosystem zips OSV publishes (see `osv.py`)
    vuln_db = online   OSV's service: PyPI through pip-audit, npm and Maven through
                       https://api.osv.dev/v1/query; unreachable -> not evaluated

A source answers `lookup(dependencies)` with advisories per (ecosystem, name, version) and
raises `SourceUnavailable` when it cannot answer; the detector turns that into
`DetectorUnavailable`, so the control is `not-evaluated` with the reason in report.errors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Protocol, Sequence

from hms_policy.deps.manifests import Dependency
from hms_policy.deps.osv import Advisory, OsvDatabase, OsvDatabaseError, open_database, smallest_upgrade
from hms_policy.deps.versions import InvalidVersion
from hms_policy.deps.osv_index import OsvIndexError
from hms_policy.deps.vulndb import NO_SOURCE, as_index, open_indexed_database  # noqa: F401 - NO_SOURCE is re-exported

ONLINE = "online"
OSV_QUERY_URL = "https://api.osv.dev/v1/query"

Key = tuple[str, str, str]  # (ecosystem, name, version)
# The ecosystems the online source asks OSV's service about (the manifests and lock files).
LANGUAGE_ECOSYSTEMS = frozenset({"PyPI", "npm", "Maven", "Go", "RubyGems", "Packagist", "crates.io", "NuGet"})


class SourceUnavailable(Exception):
    """No answer can be had from the source; the message says why, in one line."""


class VulnerabilitySource(Protocol):
    description: str

    def covers(self, ecosystem: str) -> bool: ...

    def lookup(self, dependencies: Iterable[Dependency]) -> dict[Key, list[Advisory]]: ...

    def upgrade(self, dep: Dependency, advisories: Sequence[Advisory]) -> tuple[str | None, bool]:
        """The smallest release above the pin that clears the advisories, and whether it
        clears every advisory the source knows for the package."""
        ...


def _upgrade_from_fixes(dep: Dependency, advisories: Sequence[Advisory]) -> tuple[str | None, bool]:
    from hms_policy.deps.advice import merge_aliases, upgrade_from_fixes

    return upgrade_from_fixes(merge_aliases(advisories, dep.ecosystem), dep.ecosystem), False


@dataclass(slots=True)
class LocalSource:
    db: OsvDatabase

    @property
    def description(self) -> str:
        return f"local OSV database {Path(self.db.source).name}"

    def covers(self, ecosystem: str) -> bool:
        return self.db.covers(ecosystem)

    def lookup(self, dependencies: Iterable[Dependency]) -> dict[Key, list[Advisory]]:
        out: dict[Key, list[Advisory]] = {}
        for dep in dependencies:
            if dep.version is None:
                continue
            try:
                out[(dep.ecosystem, dep.name, dep.version)] = self.db.advisories(dep.ecosystem, dep.name, dep.version)
            except InvalidVersion:
                continue
        return out

    def upgrade(self, dep: Dependency, advisories: Sequence[Advisory]) -> tuple[str | None, bool]:
        if dep.version is None or ":" in dep.ecosystem:  # an OS release ("Debian:12"): from the fixes
            return _upgrade_from_fixes(dep, advisories)
        try:  # every fix the database knows is tried against every advisory of the package
            return smallest_upgrade(self.db, dep.ecosystem, dep.name, dep.version, [a.id for a in advisories])
        except InvalidVersion:
            return _upgrade_from_fixes(dep, advisories)


@dataclass(slots=True)
class OnlineSource:
    timeout: int = 15
    description: str = "OSV online service"

    def covers(self, ecosystem: str) -> bool:
        return ecosystem in LANGUAGE_ECOSYSTEMS

    def lookup(self, dependencies: Iterable[Dependency]) -> dict[Key, list[Advisory]]:
        deps = [d for d in dependencies if d.version is not None]
        out: dict[Key, list[Advisory]] = {}
        pypi = [(d.name, d.version) for d in deps if d.ecosystem == "PyPI"]
        if pypi:
            from hms_policy.adapters.pip_audit import ServiceUnreachable, make_service, query_pypi

            try:
                found = query_pypi(make_service(self.timeout), pypi)  # type: ignore[arg-type]
            except ServiceUnreachable as exc:
                raise SourceUnavailable(str(exc)) from None
            for (name, version), advisories in found.items():
                out[("PyPI", name, version)] = advisories
        for dep in deps:
            if dep.ecosystem != "PyPI":
                assert dep.version is not None
                out[(dep.ecosystem, dep.name, dep.version)] = self._query(dep.ecosystem, dep.name, dep.version)
        return out

    def upgrade(self, dep: Dependency, advisories: Sequence[Advisory]) -> tuple[str | None, bool]:
        return _upgrade_from_fixes(dep, advisories)  # the service answers for one version at a time

    def _query(self, ecosystem: str, name: str, version: str) -> list[Advisory]:
        import urllib.error
        import urllib.request

        body = json.dumps({"package": {"name": name, "ecosystem": ecosystem}, "version": version}).encode()
        request = urllib.request.Request(OSV_QUERY_URL, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - fixed https URL
                payload: Any = json.loads(response.read(16 * 1024 * 1024))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise SourceUnavailable(f"OSV service unreachable ({type(exc).__name__})") from None
        # Re-derive fixes with the same rules as the offline database.
        db = OsvDatabase(source=OSV_QUERY_URL)
        for record in payload.get("vulns") or () if isinstance(payload, dict) else ():
            db.add(record)
        try:
            return db.advisories(ecosystem, name, version)
        except InvalidVersion:
            return []


def open_source(setting: Any) -> VulnerabilitySource:
    """The source a `vuln_db` setting names; raises SourceUnavailable when there is none.
    (The scan binds the managed database's index into `vuln_db` when the user gave none.)"""
    if setting is None or (isinstance(setting, str) and not setting.strip()):
        raise SourceUnavailable(NO_SOURCE)
    text = str(setting).strip()
    if text.lower() == ONLINE:
        return OnlineSource()
    path = Path(text).expanduser()
    index = as_index(path)
    if index is not None:  # the managed database (`hms-policy db update`) or a copy of it
        try:
            return LocalSource(open_indexed_database(index))
        except (OsvIndexError, OSError) as exc:
            raise SourceUnavailable(str(exc)) from None
    try:
        return LocalSource(open_database(path))
    except OsvDatabaseError as exc:
        raise SourceUnavailable(str(exc)) from None
