"""What a finding says about a vulnerable pin: advisories that describe the same flaw under
several ids (a GHSA, a PYSEC and their CVE) merged into one vulnerability, and the way out.

Two advisories are one vulnerability when their ids and aliases overlap, directly or through
a third (OSV's own rule for aliases). Each vulnerability is named by its CVE when it has one,
else by its smallest id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from hms_policy.deps.osv import Advisory
from hms_policy.deps.versions import InvalidVersion, sort_key


@dataclass(frozen=True, slots=True)
class Vulnerability:
    id: str  # the name shown: a CVE when there is one
    advisories: tuple[str, ...]  # the OSV records merged here
    aliases: tuple[str, ...]  # every other id it is known by
    fixed: tuple[str, ...]  # versions that fix it, in the ecosystem's order

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "advisories": list(self.advisories), "aliases": list(self.aliases), "fixed": list(self.fixed)}


def merge_aliases(advisories: Sequence[Advisory], ecosystem: str) -> list[Vulnerability]:
    groups: list[tuple[set[str], list[Advisory]]] = []
    for advisory in advisories:
        names = {advisory.id, *advisory.aliases}
        joined = [g for g in groups if g[0] & names]
        merged_names, merged = set(names), [advisory]
        for group in joined:
            merged_names |= group[0]
            merged.extend(group[1])
            groups.remove(group)
        groups.append((merged_names, merged))
    out = []
    for names, members in groups:
        cves = sorted(n for n in names if n.startswith("CVE-"))
        shown = cves[0] if cves else min(names)
        fixed = _ordered(ecosystem, {v for a in members for v in a.fixed})
        out.append(Vulnerability(shown, tuple(sorted(a.id for a in members)), tuple(sorted(names - {shown})), fixed))
    return sorted(out, key=lambda v: v.id)


def _key(ecosystem: str, version: str) -> object:
    return sort_key(ecosystem.split(":", 1)[0], version)  # "Debian:12" orders as Debian


def _ordered(ecosystem: str, versions: Iterable[str]) -> tuple[str, ...]:
    items = list(versions)
    try:
        return tuple(sorted(items, key=lambda v: _key(ecosystem, v)))
    except InvalidVersion:
        return tuple(sorted(items))


def upgrade_from_fixes(vulnerabilities: Sequence[Vulnerability], ecosystem: str) -> str | None:
    """Without the records to re-check candidates: the highest of the first fixes of the
    vulnerabilities that have one (a version past every reported range that has a fix,
    though another range may start later)."""
    firsts = [v.fixed[0] for v in vulnerabilities if v.fixed]
    if not firsts:
        return None
    try:
        return max(firsts, key=lambda v: _key(ecosystem, v))  # type: ignore[arg-type, return-value]
    except InvalidVersion:
        return None


def fix_text(vulnerabilities: Sequence[Vulnerability], upgrade: str | None, clears_all: bool, ecosystem: str) -> str:
    """The remedy, in words. Without an upgrade that clears them all, the one that clears
    those with a fix is named, and the ones without a fix are listed."""
    unfixed = [v.id for v in vulnerabilities if not v.fixed]
    if upgrade is None:
        upgrade, clears_all = upgrade_from_fixes(vulnerabilities, ecosystem), False
    if upgrade is None:
        return "no fixed version is published"
    if unfixed:
        return f"upgrade to {upgrade} or later ({', '.join(unfixed[:2])} {'has' if len(unfixed) == 1 else 'have'} no fix yet)"
    return f"upgrade to {upgrade} or later, the smallest release that fixes {'every known advisory' if clears_all else 'all of them'}"


def shown_ids(vulnerabilities: Sequence[Vulnerability], limit: int) -> str:
    """"CVE-2018-18074 (also GHSA-x84v-xcm2-53pg, PYSEC-2018-28), ..." for the first `limit`."""
    parts = [f"{v.id} (also {', '.join(v.aliases[:3])})" if v.aliases else v.id for v in vulnerabilities[:limit]]
    more = len(vulnerabilities) - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")
