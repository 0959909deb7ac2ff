"""`--format markdown`: a compact summary for pull-request comments and $GITHUB_STEP_SUMMARY.

Verdict line, one row per pack (pass / fail / not evaluated / not applicable), the failed
controls, the not-evaluated ones with their reasons, and
the unsuppressed findings in a collapsible table (capped, so a noisy scan stays far
below GitHub's 1 MiB step-summary limit). Everything taken from the report is escaped:
GitHub renders inline HTML, and a file name or message may contain `|`, `<` or backticks.
"""

from __future__ import annotations

import re
from typing import Any

from hms_policy.model import Report

MAX_FINDINGS = 50
MAX_CONTROLS = 30
_ESCAPES = str.maketrans({
    "\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
    "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " ", "#": "\\#", "~": "\\~",
})


def esc(text: str) -> str:
    return text.translate(_ESCAPES)


def code(text: str) -> str:
    """Inline code that survives backticks and pipes in `text` (GFM tables take `\\|`)."""
    text = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render(report: Report, *, signature: str | None = None, **_: Any) -> str:
    s = report.summary
    verdict = "\u2705 PASS" if s.result == "pass" else "\u274c FAIL"
    severities = ", ".join(f"{n} {k}" for k, n in s.by_severity.items() if n)
    out = [
        f"### hms-policy: {verdict}",
        "",
        f"**{s.findings}** finding{'s' if s.findings != 1 else ''}"
        + (f" ({esc(severities)})" if severities else "")
        + (f", {s.suppressed} suppressed" if s.suppressed else "")
        + f" in {report.target.files_scanned} file{'s' if report.target.files_scanned != 1 else ''}; "
        + ("no gate (fail_on none)." if s.fail_on == "none" else f"the gate fails on **{esc(s.fail_on)}** and above."),
        "",
    ]
    evidence = [f"tree {code(report.target.digest[:23] + '…')}"]
    if report.target.git_commit:
        evidence.append(f"commit {code(report.target.git_commit[:12])}")
    evidence.append(", ".join(f"{esc(p.id)} {esc(p.version)}" for p in report.policies) or "no packs")
    if signature:
        evidence.append(esc(signature))
    if report.targets:
        evidence.append(f"merged from {len(report.targets)} targets")
    out += [" · ".join(evidence), ""]

    if report.policies:
        out += ["| Pack | Version | Pass | Fail | Not evaluated | Not applicable |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        for pack in report.policies:
            controls = [c for c in report.controls if c.policy == pack.id]
            count = {st: sum(c.status == st for c in controls) for st in ("pass", "fail", "not-evaluated", "not-applicable")}
            out.append(
                f"| {esc(pack.id)} | {esc(pack.version)} | {count['pass']} | {count['fail']} | {count['not-evaluated']} | {count['not-applicable']} |"
            )
        out.append("")

    failed = [c for c in report.controls if c.status == "fail"]
    if failed:
        out += [f"<details><summary>Failed controls ({len(failed)})</summary>", "", "| Control | Citation | Findings |", "| --- | --- | ---: |"]
        for c in failed[:MAX_CONTROLS]:
            out.append(f"| {esc(c.policy)}:{esc(c.id)} {esc(c.title)} | {esc(c.citation)} | {c.findings} |")
        if len(failed) > MAX_CONTROLS:
            out.append(f"| … and {len(failed) - MAX_CONTROLS} more | | |")
        out += ["", "</details>", ""]

    unjudged = [c for c in report.controls if c.status == "not-evaluated"]
    if unjudged:
        out += [f"<details><summary>Not evaluated ({len(unjudged)}): why</summary>", "", "| Control | Reason |", "| --- | --- |"]
        for c in unjudged[:MAX_CONTROLS]:
            out.append(f"| {esc(c.policy)}:{esc(c.id)} {esc(c.title)} | {esc(c.reason or 'nothing scanned applies to its rules')} |")
        if len(unjudged) > MAX_CONTROLS:
            out.append(f"| … and {len(unjudged) - MAX_CONTROLS} more | |")
        out += ["", "</details>", ""]

    active = [f for f in report.findings if not f.suppressed]
    if active:
        ranked = sorted(active, key=lambda f: (-int(f.severity), f.path, f.line, f.rule_id))
        out += [f"<details><summary>Findings ({len(active)})</summary>", "", "| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]
        for f in ranked[:MAX_FINDINGS]:
            out.append(f"| {esc(str(f.severity))} | {esc(f.rule_id)} {esc(f.rule_name)} | {code(f'{f.path}:{f.line}')} | {esc(f.message)} |")
        if len(ranked) > MAX_FINDINGS:
            out.append(f"| | | | … and {len(ranked) - MAX_FINDINGS} more: see the full report |")
        out += ["", "</details>", ""]

    if report.errors:
        out.append(f"{len(report.errors)} file{'s' if len(report.errors) != 1 else ''} could not be scanned in full (see the JSON report).")
        out.append("")
    return "\n".join(out)
