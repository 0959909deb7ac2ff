"""pip-audit as the online vulnerability service for PyPI packages.

pip-audit's Python API lives in private modules (`pip_audit._service`); this module is the
only place that imports them, and `tests/unit/test_osv_sources.py` pins the names it uses
(a contract test), so a pip-audit release that moves them fails one test, not a scan.
pip-audit is imported only when an online lookup is asked for.

Offline scans do not come here: `hms_policy.deps.osv` reads a local OSV database with the
same matching rules OSV's service applies.
"""

from __future__ import annotations

from typing import Any, Iterable

from hms_policy.deps.osv import Advisory


class ServiceUnreachable(Exception):
    """The online service could not be asked (no network, DNS, TLS, HTTP error)."""


def make_service(timeout: int = 15) -> Any:
    """pip-audit's OSV service (https://api.osv.dev), with pip-audit's own HTTP cache."""
    from pip_audit._service.osv import OsvService

    return OsvService(timeout=timeout)


def query_pypi(service: Any, packages: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Advisory]]:
    """(name, version) -> advisories, asked one package at a time through `service`
    (any pip-audit `VulnerabilityService`)."""
    import requests
    from packaging.version import InvalidVersion, Version
    from pip_audit._service.interface import ResolvedDependency, ServiceError

    out: dict[tuple[str, str], list[Advisory]] = {}
    for name, version in packages:
        try:
            current = Version(version)
        except InvalidVersion:
            continue
        try:
            _, results = service.query(ResolvedDependency(name=name, version=current))
        except (ServiceError, requests.RequestException, OSError) as exc:
            raise ServiceUnreachable(f"pip-audit could not query OSV ({type(exc).__name__})") from None
        out[(name, version)] = [
            Advisory(
                id=str(result.id),
                aliases=tuple(sorted(str(a) for a in result.aliases)),
                fixed=tuple(str(v) for v in sorted(result.fix_versions) if v > current),
                summary=str(result.description or "")[:200],
            )
            for result in results
        ]
    return out
