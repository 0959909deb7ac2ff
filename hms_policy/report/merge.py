"""Merge reports of shards (one monorepo scanned by parallel CI jobs) or of several
repositories into one report that keeps every target.

Rules:
  * every input must have the same schema version and exactly the same policy packs
    (id, version and digest): a control's status means nothing across pack versions;
  * control status: fail if it failed anywhere; pass if it passed somewhere and failed
    nowhere; not-applicable if it was not applicable anywhere; otherwise not-evaluated;
  * findings are the union (identical findings from overlapping shards count once),
    sorted as a scan sorts them; the summary is recomputed from them;
  * the merged `target.digest` combines the shard digests (attest.tree.combined_digest),
    and `targets[]` lists every shard, so `verify --root` can recompute each.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any, Sequence

from hms_policy import __version__
from hms_policy.errors import UsageError
from hms_policy.report.controls import control_sort_key, judge
from hms_policy.model import ControlResult, ControlStatus, Finding, Report, RuleInfo, Severity, TargetInfo, gate_threshold
from hms_policy.report.build import control_counts, sort_findings, summarize, timestamp


def merge_reports(reports: Sequence[Report], *, fail_on: Severity | str | None = "strictest", names: Sequence[str] = ()) -> Report:
    """`fail_on` is a Severity, its name, "none" or None (no gate), or "strictest" (the
    strictest gate of the inputs). `names` label the inputs in error messages (file
    names, by default their positions)."""
    if not reports:
        raise UsageError("nothing to merge: give at least one report")
    labels = list(names) or [f"report {n + 1}" for n in range(len(reports))]
    _check_compatible(reports, labels)

    shards: list[TargetInfo] = []
    for report in reports:
        for target in report.targets or (report.target,):
            if target not in shards:
                shards.append(target)
    shards.sort(key=lambda t: (t.root, t.name, t.digest))  # the order of the inputs does not matter
    several_roots = len({t.root for t in shards}) > 1

    findings: list[Finding] = []
    seen: set[str] = set()
    for report in reports:
        label = report.target.name or report.target.root
        for finding in report.findings:
            if several_roots and not report.targets and "target" not in finding.extra:
                # paths are relative to each repository's root: say which one
                finding = replace(finding, extra={**finding.extra, "target": label})
            identity = json.dumps(finding.to_dict(), sort_keys=True)  # Finding.extra is a dict: not hashable
            if identity not in seen:
                seen.add(identity)
                findings.append(finding)
    ordered = sort_findings(findings)

    threshold = _strictest(reports) if fail_on == "strictest" else _threshold(fail_on)
    return Report(
        schema_version=reports[0].schema_version,
        tool={"name": "hms-policy", "version": __version__},
        target=_combined_target(shards),
        policies=reports[0].policies,
        findings=ordered,
        controls=_merge_controls(reports, ordered),
        errors=tuple(sorted({e for r in reports for e in r.errors}, key=lambda e: (e.path, e.reason, e.message))),
        summary=summarize(ordered, threshold),
        generated_at=timestamp(),
        targets=tuple(shards),
        rules=_merge_rules(reports),
        components=tuple(dict.fromkeys(c for r in reports for c in r.components)),
    )


def _check_compatible(reports: Sequence[Report], labels: Sequence[str]) -> None:
    first = reports[0]
    for report, label in zip(reports[1:], labels[1:], strict=True):
        if report.schema_version != first.schema_version:
            raise UsageError(
                f"cannot merge: {labels[0]} has report schema {first.schema_version!r}, {label} has {report.schema_version!r}"
            )
        mine = {p.id: p for p in first.policies}
        theirs = {p.id: p for p in report.policies}
        if set(mine) != set(theirs):
            raise UsageError(
                f"cannot merge: {labels[0]} checked packs {', '.join(sorted(mine)) or 'none'}, "
                f"{label} checked {', '.join(sorted(theirs)) or 'none'}; scan every shard with the same --policy"
            )
        for pack_id, pack in mine.items():
            other = theirs[pack_id]
            if (pack.version, pack.digest) != (other.version, other.digest):
                raise UsageError(
                    f"cannot merge: pack {pack_id} is version {pack.version} ({pack.digest[:19]}...) in {labels[0]} "
                    f"but version {other.version} ({other.digest[:19]}...) in {label}; scan every shard with the same packs"
                )


def _combined_target(shards: Sequence[TargetInfo]) -> TargetInfo:
    from hms_policy.attest.tree import combined_digest

    roots = {t.root for t in shards}
    names = {t.name for t in shards}
    commits = {t.git_commit for t in shards}
    git_roots = {t.git_root for t in shards}
    return TargetInfo(
        root=roots.pop() if len(roots) == 1 else "",
        name=names.pop() if len(names) == 1 else "merged",
        git_commit=commits.pop() if len(commits) == 1 else None,
        git_root=git_roots.pop() if len(git_roots) == 1 and None not in git_roots else None,
        files_scanned=sum(t.files_scanned for t in shards),
        bytes_scanned=sum(t.bytes_scanned for t in shards),
        digest=combined_digest(t.digest for t in shards),
        selection={"mode": "merged"},
        roles=_combined_roles(shards),
    )


def _combined_roles(shards: Sequence[TargetInfo]) -> dict[str, Any] | None:
    known = [t.roles for t in shards if t.roles is not None]
    if not known:
        return None
    files: Counter[str] = Counter()
    not_judged: dict[str, set[str]] = {}
    for roles in known:
        files.update(roles.get("files", {}))
        for role, names in roles.get("not_judged", {}).items():
            not_judged.setdefault(role, set()).update(names)
    return {"files": dict(sorted(files.items())), "not_judged": {k: sorted(v) for k, v in sorted(not_judged.items())}}


def _merge_controls(reports: Sequence[Report], findings: Sequence[Finding]) -> tuple[ControlResult, ...]:
    failing, suppressed = control_counts(findings)
    merged: dict[tuple[str, str], ControlResult] = {}
    shards: dict[tuple[str, str], list[ControlResult]] = {}
    for report in reports:
        for control in report.controls:
            key = (control.policy, control.id)
            merged.setdefault(key, control)
            shards.setdefault(key, []).append(control)
    out = []
    for key, control in merged.items():
        seen = {c.status for c in shards[key]}
        ref = f"{control.policy}:{control.id}"
        status: ControlStatus
        if "fail" in seen or failing[ref]:
            status = "fail"
        elif "pass" in seen:  # as the whole scan judges: a rule that ran anywhere ran
            status = "pass"
        elif seen == {"not-applicable"}:
            status = "not-applicable"
        else:
            status = "not-evaluated"
        rules = tuple(dict.fromkeys(r for c in shards[key] for r in c.rules))
        results = _merge_rule_results(shards[key])
        reason = next((c.reason for c in shards[key] if c.status == status and c.reason), "")
        if results is not None:  # judged again from what every rule did in any shard
            status, reason = judge(failing[ref], results["ran"], results["not_run"], results["no_files"])
            if status == "not-applicable":
                reason = next((c.reason for c in shards[key] if c.status == status), reason)
        out.append(replace(control, status=status, findings=failing[ref], suppressed=suppressed[ref], rules=rules, reason=reason, rule_results=results))
    return tuple(sorted(out, key=control_sort_key))


def _merge_rule_results(shards: Sequence[ControlResult]) -> dict[str, Any] | None:
    """A rule ran if it ran in any shard; it could not run if it ran in none and failed in one."""
    results = [c.rule_results for c in shards if c.rule_results is not None]
    if not results or len(results) < len(shards):
        return None
    ran = sorted({r for res in results for r in res.get("ran", ())})
    fired: dict[str, int] = {}
    for res in results:
        for rule_id, count in res.get("fired", {}).items():
            fired[rule_id] = fired.get(rule_id, 0) + count
    not_run = {r: why for res in results for r, why in res.get("not_run", {}).items() if r not in ran}
    no_files = sorted({r for res in results for r in res.get("no_files", ())} - set(ran) - set(not_run))
    return {"ran": ran, "fired": dict(sorted(fired.items())), "not_run": dict(sorted(not_run.items())), "no_files": no_files}


def _merge_rules(reports: Sequence[Report]) -> tuple[RuleInfo, ...]:
    rules: dict[str, RuleInfo] = {}
    for report in reports:
        for rule in report.rules:
            rules.setdefault(rule.id, rule)
    return tuple(rules[k] for k in sorted(rules))


def _threshold(fail_on: Severity | str | None) -> Severity | None:
    """A severity, its name, "none" or None (no gate)."""
    try:
        return None if fail_on is None else gate_threshold(fail_on)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _strictest(reports: Sequence[Report]) -> Severity | None:
    levels = [level for r in reports if (level := gate_threshold(r.summary.fail_on)) is not None]
    return min(levels) if levels else None

