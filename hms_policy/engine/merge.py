"""One finding per exposed secret: several secret rules reporting one secret become one finding.

A keyword guess (SEC011), bandit's password check (PY010) and an entropy guess (SEC012) can all
fire on `password = "..."`; a reviewer sees one problem. The secret engine marks a find that a
more specific type also made (`extra.overlapped_by`); a rule outside it (bandit) joins the one
secret the engine found on its line. The finding kept is the most confident (a detector's
confidence says how specific its evidence is), then the most severe, then the first by rule id;
the others' rule ids and fingerprints ride along in `extra.also_rules` and
`extra.also_fingerprints`, so a baseline entry or an inline suppression written for any of
them still applies to the merged finding.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from hms_policy.model import Category, Finding

# Secret-category finds that are not a credential: an address beside a password is two problems.
_NOT_CREDENTIALS = frozenset(("Public IP (ipv4)",))


def merge_secret_findings(found: Sequence[Finding]) -> list[Finding]:
    """`found`, with the findings of one secret (several rules, one line) merged into one."""
    return _absorb_credential_twins(_merge_secrets(found))


def _absorb_credential_twins(found: list[Finding]) -> list[Finding]:
    """A finding of another category about the same committed credential value (DKR005's
    `ENV DB_PASSWORD=...`, marked `extra.credential`) joins the secret finding on its line:
    one problem, one finding. It stays on its own when no secret rule reported the line (the
    secret rule is off), or when the line holds several secrets and none names it."""
    secrets: dict[tuple[str, int], list[Finding]] = {}
    for f in found:
        if f.category is Category.SECRET:
            secrets.setdefault((f.path, f.line), []).append(f)
    joined: dict[int, list[Finding]] = {}
    for f in found:
        name = (f.extra or {}).get("credential")
        if f.category is Category.SECRET or not name:
            continue
        candidates = secrets.get((f.path, f.line), [])
        named = [s for s in candidates if (s.extra or {}).get("credential") == name]
        target = named[0] if named else candidates[0] if len(candidates) == 1 else None
        if target is not None:
            joined.setdefault(id(target), []).append(f)
    if not joined:
        return found
    absorbed = {id(f) for twins in joined.values() for f in twins}
    return [_absorb(f, joined[id(f)]) if id(f) in joined else f for f in found if id(f) not in absorbed]


def _merge_secrets(found: Sequence[Finding]) -> list[Finding]:
    lines: dict[tuple[str, int], list[Finding]] = {}
    for f in found:
        if f.category is Category.SECRET and (f.extra or {}).get("secret_type") not in _NOT_CREDENTIALS:
            lines.setdefault((f.path, f.line), []).append(f)
    replaced: dict[int, Finding | None] = {}
    for members in lines.values():
        for cluster in _clusters(members):
            keep = max(cluster, key=_strength)
            others = [f for f in cluster if f is not keep]
            replaced[id(keep)] = _absorb(keep, others) if others else _clean(keep)
            replaced.update((id(o), None) for o in others)
    out: list[Finding] = []
    for f in found:
        new = replaced.get(id(f), f)
        if new is not None:
            out.append(new)
    return out


def _clusters(members: list[Finding]) -> list[list[Finding]]:
    """The findings of one line grouped by the secret they are about."""
    typed = [f for f in members if (f.extra or {}).get("secret_type")]
    groups: list[list[Finding]] = []
    by_type: dict[str, list[Finding]] = {}
    for f in typed:
        if not f.extra.get("overlapped_by"):
            groups.append([f])
            by_type.setdefault(f.extra["secret_type"], groups[-1])
    for f in typed:
        target = f.extra.get("overlapped_by")
        if not target:
            continue
        if target not in by_type:  # the better type's rule is off: the next best stands alone
            groups.append([])
            by_type[target] = groups[-1]
        by_type[target].append(f)
    others = [f for f in members if not (f.extra or {}).get("secret_type")]
    if others and len(groups) == 1:
        groups[0].extend(others)  # another engine's find on the line of the one secret found there
    else:
        groups.extend([f] for f in others)
    return groups


def _strength(f: Finding) -> tuple[float, int, str]:
    # Reversed rule id so the lowest id wins a tie under max().
    return (f.confidence or 0.0, int(f.severity), "".join(chr(0x10FFFF - ord(c)) for c in f.rule_id))


def _clean(f: Finding) -> Finding:
    if "overlapped_by" not in (f.extra or {}):
        return f
    return replace(f, extra={k: v for k, v in f.extra.items() if k != "overlapped_by"})


def _absorb(keep: Finding, others: list[Finding]) -> Finding:
    extra: dict[str, Any] = {k: v for k, v in keep.extra.items() if k != "overlapped_by"}
    rules = list(extra.get("also_rules") or [])
    fingerprints = dict(extra.get("also_fingerprints") or {})
    for other in sorted(others, key=lambda f: f.rule_id):
        if other.rule_id == keep.rule_id:
            continue  # one rule's several types on one secret: already this finding
        if other.rule_id not in rules:
            rules.append(other.rule_id)
        fingerprints.setdefault(other.rule_id, other.fingerprint)
    if rules:
        extra["also_rules"] = rules
        extra["also_fingerprints"] = fingerprints
    # Suppressing any of the merged rules here suppresses the one finding that stands for them.
    suppression = keep.suppression or next((o.suppression for o in others if o.suppressed), None)
    return replace(keep, extra=extra, suppressed=suppression is not None, suppression=suppression)
