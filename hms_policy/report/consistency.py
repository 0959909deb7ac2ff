"""What a report claims that its own findings disprove.

A signature proves who made a report, not that its parts agree: a summary edited to
`pass` before signing, or a control marked `pass` beside a failing finding, is still
validly signed. `contradictions()` recomputes, from the findings alone, everything
`build_report` derives from them (summary counts by severity and category, the gate
result under `fail_on`, each control's counts and whether it fails) and says where the
report disagrees. Whether a control with no findings is `pass` or `not-evaluated`
depends on what was scanned, so that is not checked.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from hms_policy.model import Finding, Report, Severity, Summary, gate_threshold
from hms_policy.report.build import control_counts, summarize


def contradictions(data: Mapping[str, Any], findings: tuple[Finding, ...] | None = None) -> list[str]:
    """One line per contradiction in a report dict that already matches report.v1.json.
    `findings`, when given, stand for the dict's: a Report being signed passes its own
    rather than a second copy rebuilt from dicts (they read back equal: severity, category,
    suppressed and controls are all these checks use)."""
    from hms_policy.report.load import report_from_valid_dict

    report = report_from_valid_dict(data)
    if findings is not None:
        report = replace(report, findings=findings)
    return [*_summary_problems(report), *_control_problems(report)]


def _summary_problems(report: Report) -> list[str]:
    claimed = report.summary
    threshold = gate_threshold(claimed.fail_on)
    actual = summarize(report.findings, threshold)
    problems = []
    if claimed.result != actual.result:
        problems.append(_gate_problem(claimed, actual, report))
    for field in ("findings", "suppressed"):
        if getattr(claimed, field) != getattr(actual, field):
            problems.append(f"summary.{field} is {getattr(claimed, field)}, but the report lists {getattr(actual, field)}")
    for field in ("by_severity", "by_category"):
        got, want = _nonzero(getattr(claimed, field)), _nonzero(getattr(actual, field))
        if got != want:
            key = min(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
            problems.append(f"summary.{field}[{key!r}] is {got.get(key, 0)}, but the unsuppressed findings give {want.get(key, 0)}")
    return problems


def _gate_problem(claimed: Summary, actual: Summary, report: Report) -> str:
    if actual.result == "fail":
        threshold = Severity.parse(claimed.fail_on)
        over = sum(1 for f in report.findings if not f.suppressed and f.severity >= threshold)
        return f"summary.result is 'pass', but {over} unsuppressed finding(s) are at or above fail_on {claimed.fail_on!r}"
    return f"summary.result is 'fail', but no unsuppressed finding is at or above fail_on {claimed.fail_on!r}"


def _control_problems(report: Report) -> list[str]:
    failing, suppressed = control_counts(report.findings)
    known = {f"{c.policy}:{c.id}" for c in report.controls}
    problems = [f"a finding maps to control {ref!r}, which the report does not list" for ref in sorted((failing | suppressed).keys() - known)]
    for control in report.controls:
        ref = f"{control.policy}:{control.id}"
        if (control.status == "fail") != (failing[ref] > 0):
            problems.append(f"control {ref} is {control.status!r}, but {failing[ref]} unsuppressed finding(s) map to it")
        elif control.findings != failing[ref] or control.suppressed != suppressed[ref]:
            problems.append(
                f"control {ref} counts {control.findings} finding(s) and {control.suppressed} suppressed, "
                f"but the report lists {failing[ref]} and {suppressed[ref]}"
            )
    return problems


def _nonzero(counts: Mapping[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}
