"""Judge each pack control: its status, the reason for it, and what each mapped rule did.

  fail            an unsuppressed finding comes from one of the control's rules;
  pass            every active rule of the control that had a relevant file (a file of its
                  kind, a resource of its type) ran on it and found nothing, at least one did,
                  and none of its rules was left out or could not run;
  not-applicable  a full scan in which none of its rules had a relevant file: there is nothing
                  of that kind in the tree, which is not the same as not having looked;
  not-evaluated   anything else, always with the reason: a partial scan (a hook's files,
                  --staged, --diff), rules that could not run (no vulnerability database, a
                  tool missing), values that could not be resolved, rules in preview, disabled
                  or left out by --category.
A control is never `pass` on the strength of nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from hms_policy.model import ControlResult, ControlStatus, Finding, PolicyPack, ScanError

STATUSES: tuple[ControlStatus, ...] = ("pass", "fail", "not-evaluated", "not-applicable")
UNRESOLVED = "the values it needs could not be resolved (e.g. a Terraform variable with no default)"
PREVIEW = "in preview; --preview runs it"
_RULE_ERROR = re.compile(r"^rule (\S+) (?:not evaluated: (.+)|failed on this file)")
_NUMBER = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[Any, ...]:
    """"art5-1-f" before "art44", "164.308(a)" before "164.312": numbers compare as numbers."""
    return tuple(int(part) if i % 2 else part.lower() for i, part in enumerate(_NUMBER.split(text)))


def control_sort_key(control: ControlResult) -> tuple[Any, ...]:
    return (control.policy, natural_key(control.id))


@dataclass(frozen=True, slots=True)
class RuleEvidence:
    """What the scan knows about every rule, gathered once for all controls."""

    evaluated: frozenset[str]
    kinds: Mapping[str, str] = field(default_factory=dict)  # active rule id -> "terraform, kubernetes"
    not_run: Mapping[str, str] = field(default_factory=dict)  # rule id -> why it could not run
    partial: str = ""  # why this scan cannot judge the tree as a whole ("" for a full scan)


def not_run_reasons(errors: Iterable[ScanError], unresolved: Mapping[str, int], inactive: Mapping[str, str], evaluated: set[str]) -> dict[str, str]:
    """Rule id -> why it could not run anywhere: a tool or database missing, a crash, values
    that could not be resolved, or a rule left out of this scan (preview, disabled, category)."""
    out: dict[str, str] = dict(inactive)
    for error in errors:
        match = _RULE_ERROR.match(error.message)
        if match and match.group(1) not in evaluated:
            out.setdefault(match.group(1), match.group(2) or "it failed on a file (see errors)")
    for rule_id, count in unresolved.items():
        if count and rule_id not in evaluated:
            out.setdefault(rule_id, UNRESOLVED)
    return out


def judge_controls(packs: Sequence[PolicyPack], active_rule_ids: set[str], findings: Sequence[Finding], evidence: RuleEvidence) -> tuple[ControlResult, ...]:
    failing: Counter[str] = Counter()
    suppressed: Counter[str] = Counter()
    fired: dict[str, Counter[str]] = {}
    for finding in findings:
        for ref in finding.controls:
            (suppressed if finding.suppressed else failing)[ref] += 1
            if not finding.suppressed:
                fired.setdefault(ref, Counter())[finding.rule_id] += 1
    results = []
    for pack in packs:
        for control in pack.controls:
            ref = f"{pack.id}:{control.id}"
            rules = tuple(r for r in control.rules if r in active_rule_ids)
            counts = fired.get(ref, Counter())
            ran = sorted(r for r in rules if r in evidence.evaluated or counts[r])
            not_run = {r: evidence.not_run[r] for r in control.rules if r in evidence.not_run and r not in ran}
            no_files = sorted(r for r in rules if r not in ran and r not in not_run)
            kinds = sorted({k for r in no_files for k in evidence.kinds.get(r, "").split(", ") if k})
            status, reason = judge(failing[ref], ran, not_run, no_files, kinds, evidence.partial)
            results.append(
                ControlResult(
                    pack.id,
                    control.id,
                    control.title,
                    status,
                    failing[ref],
                    control.citation,
                    rules,
                    suppressed[ref],
                    reason,
                    {"ran": ran, "fired": dict(sorted(counts.items())), "not_run": dict(sorted(not_run.items())), "no_files": no_files},
                )
            )
    return tuple(sorted(results, key=control_sort_key))


def judge(
    failing: int, ran: Sequence[str], not_run: Mapping[str, str], no_files: Sequence[str], kinds: Sequence[str] = (), partial: str = ""
) -> tuple[ControlStatus, str]:
    """A control's status and the reason, from what its rules did (also used by merge)."""
    if failing:
        return "fail", f"{_count(failing, 'unsuppressed finding')} from its rules"
    blocking = {r: why for r, why in not_run.items() if why != PREVIEW}
    if partial:
        return "not-evaluated", f"partial scan ({partial}): a control is judged on the whole tree"
    if blocking:
        return "not-evaluated", "could not run: " + _grouped(blocking)
    if not ran and not no_files:
        if not_run:
            return "not-evaluated", "its rules are " + PREVIEW
        return "not-evaluated", "no automated rule checks it: collect the evidence by hand"
    if not ran:
        return "not-applicable", "no files of the kinds its rules read" + (f" ({', '.join(kinds)})" if kinds else "")
    reason = f"{_count(len(ran), 'rule')} ran on relevant files and found nothing"
    if no_files:
        reason += f"; {_count(len(no_files), 'rule')} had no relevant file"
    return "pass", reason


def _grouped(reasons: Mapping[str, str]) -> str:
    """"DEP001, DEP002 (no vulnerability database: ...); TF9 (...)": one clause per reason."""
    by_reason: dict[str, list[str]] = {}
    for rule_id, why in sorted(reasons.items()):
        by_reason.setdefault(why, []).append(rule_id)
    return "; ".join(f"{', '.join(ids)} ({why})" for why, ids in by_reason.items())


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
