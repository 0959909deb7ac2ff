"""Findings + packs -> one immutable, deterministically ordered `Report`.

Control status and its reason: report/controls.py.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from hms_policy import __version__
from hms_policy.report.controls import RuleEvidence, judge_controls
from hms_policy.model import (
    SCHEMA_VERSION,
    Component,
    ControlResult,
    Finding,
    PolicyPack,
    PolicyRef,
    Report,
    Rule,
    RuleInfo,
    ScanError,
    Severity,
    Summary,
    TargetInfo,
)

SEVERITY_KEYS = ("critical", "high", "medium", "low", "info")


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.path, f.line, f.rule_id, f.fingerprint)))


def control_counts(findings: Iterable[Finding]) -> tuple[Counter[str], Counter[str]]:
    """Per control ref ("hipaa:164.312(b)"): unsuppressed and suppressed finding counts."""
    failing: Counter[str] = Counter()
    suppressed: Counter[str] = Counter()
    for finding in findings:
        for ref in finding.controls:
            (suppressed if finding.suppressed else failing)[ref] += 1
    return failing, suppressed


def control_results(packs: Sequence[PolicyPack], active_rule_ids: set[str], findings: Sequence[Finding], evaluated: set[str]) -> tuple[ControlResult, ...]:
    """Control statuses from the evaluated rule ids alone (see report/controls.py)."""
    return judge_controls(packs, active_rule_ids, findings, RuleEvidence(frozenset(evaluated)))


def summarize(findings: Sequence[Finding], fail_on: Severity | None) -> Summary:
    active = [f for f in findings if not f.suppressed]
    by_severity = {key: 0 for key in SEVERITY_KEYS}
    by_severity.update(Counter(str(f.severity) for f in active))
    by_category = dict(sorted(Counter(f.category.value for f in active).items()))
    failed = fail_on is not None and any(f.severity >= fail_on for f in active)
    return Summary(
        findings=len(active),
        suppressed=len(findings) - len(active),
        by_severity=by_severity,
        by_category=by_category,
        result="fail" if failed else "pass",
        fail_on=str(fail_on) if fail_on is not None else "none",
    )


def build_report(
    *,
    target: TargetInfo,
    packs: Sequence[PolicyPack],
    active_rule_ids: set[str],
    findings: Iterable[Finding],
    evaluated: set[str],
    errors: Iterable[ScanError],
    fail_on: Severity | None,
    rules: Iterable[Rule] = (),
    not_run: Mapping[str, str] | None = None,
    partial: str = "",
    components: Iterable[Component] = (),
) -> Report:
    """`not_run`: rule id -> why it could not run (report/controls.not_run_reasons); `partial`:
    why the scan does not cover the whole tree (a hook's files, --staged, --diff)."""
    ordered = sort_findings(findings)
    rules = tuple(rules)
    evidence = RuleEvidence(frozenset(evaluated), {r.id: ", ".join(sorted(str(k) for k in r.kinds)) for r in rules}, dict(not_run or {}), partial)
    return Report(
        schema_version=SCHEMA_VERSION,
        tool={"name": "hms-policy", "version": __version__},
        target=target,
        policies=tuple(PolicyRef(p.id, p.version, p.digest, p.title) for p in packs),
        findings=ordered,
        controls=judge_controls(packs, active_rule_ids, ordered, evidence),
        errors=tuple(sorted(set(errors), key=lambda e: (e.path, e.reason, e.message))),
        summary=summarize(ordered, fail_on),
        generated_at=timestamp(),
        rules=rule_infos(rules, ordered),
        components=tuple(components),
    )


def rule_infos(rules: Iterable[Rule], findings: Sequence[Finding]) -> tuple[RuleInfo, ...]:
    """The rules that produced a finding (suppressed ones too), sorted by id."""
    fired = {f.rule_id for f in findings}
    chosen = {r.id: r for r in rules if r.id in fired}
    return tuple(
        RuleInfo(r.id, r.name, r.title, r.category, r.severity, r.description, r.remediation, tuple(r.references))
        for _, r in sorted(chosen.items())
    )


def timestamp() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch and epoch.isdigit() else _dt.datetime.now(_dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def git_commit(root: Path) -> str | None:
    """HEAD's commit of the repository holding `root`, read from .git without running git."""
    for directory in (root, *root.parents):
        git = directory / ".git"
        if git.is_file():  # a worktree or submodule: "gitdir: <path>"
            try:
                pointer = git.read_text().strip()
            except OSError:
                return None
            if not pointer.startswith("gitdir:"):
                return None
            git = (directory / pointer.split(":", 1)[1].strip()).resolve()
        if git.is_dir():
            return _read_head(git)
    return None


def git_toplevel(root: Path) -> str | None:
    """The top-level directory of the git checkout holding `root` (POSIX), or None."""
    for directory in (root, *root.parents):
        if (directory / ".git").exists():
            return directory.as_posix()
    return None


def _read_head(git: Path) -> str | None:
    try:
        head = (git / "HEAD").read_text().strip()
    except OSError:
        return None
    if not head.startswith("ref:"):
        return head if len(head) in (40, 64) else None
    ref = head.split(":", 1)[1].strip()
    common = git
    commondir = git / "commondir"
    if commondir.is_file():
        common = (git / commondir.read_text().strip()).resolve()
    for base in (git, common):
        ref_file = base / ref
        if ref_file.is_file():
            return ref_file.read_text().strip() or None
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text().splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1] == ref:
                return parts[0]
    return None  # an unborn branch
