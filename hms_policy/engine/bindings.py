"""One finding per place for a rule that runs once per pack binding.

A rule that reads pack parameters runs once per distinct binding (api._parameterised): GDPR
and NDHM bind TF701 with different `allowed_regions`. Where several bindings flag the same
place, the reader gets one finding carrying the controls of every pack it breaks (as packs
that bind a rule alike already share one); `extra.packs` and the message name those packs.
The merged finding keeps the smallest of its members' fingerprints, so it is one of the
fingerprints each pack's finding had on its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from hms_policy.engine.active import ActiveRule
from hms_policy.model import Finding

_Place = tuple[str, str, int, int, str | None, str]


def merge_bindings(findings: list[Finding], active: Sequence[ActiveRule]) -> list[Finding]:
    counts = Counter(a.rule.id for a in active)
    multi = {rule_id for rule_id, n in counts.items() if n > 1}
    if not multi or not any(f.rule_id in multi for f in findings):
        return findings
    order = {rule_id: _control_order(rule_id, active) for rule_id in multi}
    places: dict[_Place, list[Finding]] = defaultdict(list)
    out: list[Finding] = []
    for finding in findings:
        if finding.rule_id in multi:
            places[(finding.rule_id, finding.path, finding.line, finding.end_line, finding.entity, finding.snippet)].append(finding)
        else:
            out.append(finding)
    for (rule_id, *_), members in places.items():
        by_binding: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
        for member in members:
            by_binding[member.controls].append(member)
        groups = list(by_binding.values())
        for i in range(max(len(g) for g in groups)):
            out.append(_merged([g[i] for g in groups if i < len(g)], order[rule_id]))
    return out


def _control_order(rule_id: str, active: Sequence[ActiveRule]) -> dict[str, int]:
    refs = [c for a in active if a.rule.id == rule_id for c in a.controls]
    return {ref: i for i, ref in enumerate(dict.fromkeys(refs))}


def _merged(members: list[Finding], order: dict[str, int]) -> Finding:
    members = sorted(members, key=lambda f: f.fingerprint)
    controls = tuple(sorted({c for f in members for c in f.controls}, key=lambda c: order.get(c, len(order))))
    packs = list(dict.fromkeys(c.split(":", 1)[0] for c in controls))
    first = members[0]
    open_members = [f for f in members if not f.suppressed]
    shown = open_members[0] if open_members else first
    confidences = [f.confidence for f in members if f.confidence is not None]
    return replace(
        shown,
        fingerprint=first.fingerprint,
        severity=max(f.severity for f in members),
        controls=controls,
        confidence=max(confidences) if confidences else None,
        unresolved=all(f.unresolved for f in members),
        message=f"{shown.message} (packs: {', '.join(packs)})",
        extra={**shown.extra, "packs": packs},
    )
