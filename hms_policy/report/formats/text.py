"""`--format text`: the terminal view. Findings grouped by file, controls that failed or were
not evaluated, errors, and a one-line summary at the end. Colour only when asked for (the
CLI asks on a TTY without NO_COLOR)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hms_policy.report.vulndb_summary import describe as describe_vulnerability_database
from hms_policy.model import Finding, Report

_COLOURS = {"critical": "1;31", "high": "31", "medium": "33", "low": "36", "info": "2", "pass": "32", "fail": "1;31", "not-evaluated": "2", "dim": "2", "bold": "1"}
MAX_CONTROL_LINES = 60


def render(report: Report, *, color: bool = False, show_suppressed: bool = False, signature: str | None = None, **_: Any) -> str:
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
                out.append("         " + paint("controls: " + ", ".join(f.controls), "dim"))
        out.append("")

    interesting = [c for c in report.controls if c.status != "pass"]
    if report.controls:
        counts = {s: sum(1 for c in report.controls if c.status == s) for s in ("pass", "fail", "not-evaluated")}
        out.append(paint("Controls", "bold") + f": {counts['pass']} pass, {counts['fail']} fail, {counts['not-evaluated']} not evaluated")
        for c in interesting[:MAX_CONTROL_LINES]:
            status = paint(f"{c.status.upper():<13}", c.status)
            count = f" ({c.findings} finding{'s' if c.findings != 1 else ''})" if c.findings else ""
            out.append(f"  {status} {c.policy}:{c.id} {c.title}{count}")
        if len(interesting) > MAX_CONTROL_LINES:
            out.append(f"  ... and {len(interesting) - MAX_CONTROL_LINES} more (see --format json)")
        out.append("")

    if report.errors:
        out.append(paint(f"Files with problems ({len(report.errors)})", "bold"))
        for e in report.errors[:50]:
            out.append(f"  {e.path}: {e.message}")
        if len(report.errors) > 50:
            out.append(f"  ... and {len(report.errors) - 50} more (see --format json)")
        out.append("")

    vulnerability_data = describe_vulnerability_database(report.target.vulnerability_database)
    if vulnerability_data and report.target.vulnerability_database.get("kind") != "none":  # "none" is in the errors
        out.append(paint(f"Vulnerability data: {vulnerability_data}", "dim"))
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
        + f" in {report.target.files_scanned} files; gate fails on {s.fail_on} and above"
    )
    return "\n".join(out) + "\n"
