"""`--format text`: the terminal view. Findings grouped by file (each with all its controls on
one line), controls that failed or were not evaluated (each with its reason), errors, and a
one-line summary at the end. Colour only when asked for (the CLI asks on a TTY without NO_COLOR).

A partial scan (a hook's files, `--staged`, `--diff`) asks for `controls=False, hint=True`:
findings, the summary line and one line saying how to suppress or baseline; `quiet=True`
gives the findings (and files that could not be scanned) only."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hms_policy.model import Finding, Report

_COLOURS = {"critical": "1;31", "high": "31", "medium": "33", "low": "36", "info": "2", "pass": "32", "fail": "1;31", "not-evaluated": "2", "dim": "2", "bold": "1"}
MAX_CONTROL_LINES = 60


HINT = (
    "hint: fix it, or suppress one with a reason on its line "
    '(# hms-policy: ignore[RULE] reason="..."), or accept all current findings: hms-policy baseline create'
)


def render(
    report: Report,
    *,
    color: bool = False,
    show_suppressed: bool = False,
    signature: str | None = None,
    controls: bool = True,
    hint: bool = False,
    quiet: bool = False,
    **_: Any,
) -> str:
    def paint(text: str, style: str) -> str:
        return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if color else text

    out: list[str] = []
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if show_suppressed or not finding.suppressed:
            by_file[finding.path].append(finding)
    for path, findings in by_file.items():
        out.append(paint(path, "bold"))
        for f in findings:
            label = paint(f"{str(f.severity).upper():8}", str(f.severity))
            mark = " (suppressed: " + f.suppression.reason + ")" if f.suppression else ""
            out.append(f"  {f.line:>5}  {label} {f.rule_id} {f.rule_name}: {f.message}{mark}")
            if f.snippet:
                first = f.snippet.splitlines()[0]
                out.append("         " + paint(first, "dim"))
            if f.controls:
                out.append("         " + paint("controls: " + grouped_controls(f.controls), "dim"))
        out.append("")

    if report.controls and controls and not quiet:
        out.extend(_control_lines(report, paint))

    if report.errors:
        out.append(paint(f"Files with problems ({len(report.errors)})", "bold"))
        for e in report.errors[:50]:
            out.append(f"  {e.path}: {e.message}")
        if len(report.errors) > 50:
            out.append(f"  ... and {len(report.errors) - 50} more (see --format json)")
        out.append("")

    if quiet:
        return "\n".join(out).rstrip("\n") + "\n" if out else ""
    if signature:
        out.append(paint(signature, "dim"))
    s = report.summary
    hidden = "" if show_suppressed or not s.suppressed else " (--show-suppressed lists them)"
    severities = ", ".join(f"{n} {k}" for k, n in s.by_severity.items() if n)
    verdict = paint("FAIL", "fail") if s.result == "fail" else paint("PASS", "pass")
    out.append(
        f"{verdict}: {s.findings} finding{'s' if s.findings != 1 else ''}"
        + (f" ({severities})" if severities else "")
        + (f", {s.suppressed} suppressed{hidden}" if s.suppressed else "")
        + f" in {plural(report.target.files_scanned, 'file')}; {gate_words(s.fail_on)}"
    )
    if hint and s.findings:
        out.append(paint(HINT, "dim"))
    return "\n".join(out) + "\n"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def gate_words(fail_on: str) -> str:
    return "no gate (fail_on none): never fails" if fail_on == "none" else f"gate fails on {fail_on} and above"


def grouped_controls(refs: tuple[str, ...]) -> str:
    """"hipaa:164.312(d), 164.308(a)(5); gdpr:art32": one line per finding, whatever the packs."""
    by_pack: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        pack, _, control = ref.partition(":")
        by_pack[pack].append(control)
    return "; ".join(f"{pack}:" + ", ".join(ids) for pack, ids in by_pack.items())


def _control_lines(report: Report, paint: Any) -> list[str]:
    from hms_policy.report.controls import STATUSES, control_sort_key

    interesting = sorted((c for c in report.controls if c.status not in ("pass", "not-applicable")), key=control_sort_key)
    counts = {s: sum(1 for c in report.controls if c.status == s) for s in STATUSES}
    tally = ", ".join(f"{n} {s.replace('-', ' ')}" for s, n in counts.items() if n or s in ("pass", "fail", "not-evaluated"))
    out = [paint("Controls", "bold") + f": {tally}"]
    for c in interesting[:MAX_CONTROL_LINES]:
        status = paint(f"{c.status.upper():<13}", c.status)
        count = f" ({plural(c.findings, 'finding')})" if c.findings else ""
        why = paint(f": {c.reason}", "dim") if c.reason and c.status != "fail" else ""
        out.append(f"  {status} {c.policy}:{c.id} {c.title}{count}{why}")
    if len(interesting) > MAX_CONTROL_LINES:
        out.append(f"  ... and {len(interesting) - MAX_CONTROL_LINES} more (see --format json)")
    out.append("")
    return out
