"""`--format junit`: compliance as test results for Jenkins, GitLab and Azure DevOps.

One <testsuite> per policy pack, one <testcase> per control:
  fail           -> <failure> listing the control's unsuppressed findings
  not-evaluated, not-applicable -> <skipped>, with the control's reason
  pass           -> an empty, passing test case
Suppressed findings are listed in the test case's <system-out>, so accepted risks stay
visible. Built with ElementTree, which escapes text and attributes; characters XML 1.0
cannot carry are replaced first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from hms_policy.model import ControlResult, Finding, Report

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_FINDINGS_PER_CASE = 200


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(report: Report, **_: Any) -> str:
    by_control: dict[str, list[Finding]] = {}
    for finding in report.findings:
        for ref in finding.controls:
            by_control.setdefault(ref, []).append(finding)

    root = ET.Element("testsuites", name="hms-policy")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for pack in report.policies:
        controls = [c for c in report.controls if c.policy == pack.id]
        suite = ET.SubElement(root, "testsuite", name=clean(f"{pack.id} {pack.version}: {pack.title}" if pack.title else f"{pack.id} {pack.version}"))
        counts = {"tests": len(controls), "failures": sum(c.status == "fail" for c in controls), "skipped": sum(c.status in SKIPPED for c in controls)}
        suite.set("tests", str(counts["tests"]))
        suite.set("failures", str(counts["failures"]))
        suite.set("errors", "0")
        suite.set("skipped", str(counts["skipped"]))
        suite.set("time", "0")
        if report.generated_at:
            suite.set("timestamp", report.generated_at.removesuffix("Z"))
        properties = ET.SubElement(suite, "properties")
        for name, value in (
            ("policy.id", pack.id),
            ("policy.version", pack.version),
            ("policy.digest", pack.digest),
            ("tree.digest", report.target.digest),
            ("git.commit", report.target.git_commit or ""),
            ("tool.version", report.tool.get("version", "")),
            ("scan.errors", str(len(report.errors))),
        ):
            ET.SubElement(properties, "property", name=name, value=clean(value))
        for control in controls:
            _testcase(suite, control, by_control.get(f"{control.policy}:{control.id}", []))
        for key in totals:
            totals[key] += counts[key]
    for key, total in totals.items():
        root.set(key, str(total))
    root.set("errors", "0")
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


SKIPPED = ("not-evaluated", "not-applicable")


def _testcase(suite: ET.Element, control: ControlResult, findings: list[Finding]) -> None:
    name = f"{control.id} {control.title}".strip()
    case = ET.SubElement(suite, "testcase", name=clean(name), classname=clean(f"hms-policy.{control.policy}"), time="0")
    active = [f for f in findings if not f.suppressed]
    suppressed = [f for f in findings if f.suppressed]
    if control.status == "fail":
        count = len(active) or control.findings
        first = f"; first: {active[0].rule_id} at {active[0].path}:{active[0].line}" if active else ""
        failure = ET.SubElement(case, "failure", type="compliance", message=clean(f"{count} finding{'s' if count != 1 else ''}{first}"))
        lines = [_line(f) for f in active[:MAX_FINDINGS_PER_CASE]]
        if len(active) > MAX_FINDINGS_PER_CASE:
            lines.append(f"... and {len(active) - MAX_FINDINGS_PER_CASE} more (see the JSON report)")
        failure.text = clean("\n".join(lines))
    elif control.status in SKIPPED:
        why = control.reason or f"nothing scanned applies to this control's rules ({', '.join(control.rules) or 'no rules selected'})"
        ET.SubElement(case, "skipped", message=clean(f"{control.status.replace('-', ' ')}: {why}"))
    notes = []
    if control.citation:
        notes.append(f"Citation: {control.citation}")
    if control.rules:
        notes.append("Rules: " + ", ".join(control.rules))
    if suppressed:
        notes.append(f"Suppressed findings ({len(suppressed)}):")
        notes.extend(_line(f) + (f" [suppressed, {f.suppression.kind}: {f.suppression.reason}]" if f.suppression else " [suppressed]") for f in suppressed[:MAX_FINDINGS_PER_CASE])
    if notes:
        ET.SubElement(case, "system-out").text = clean("\n".join(notes))


def _line(f: Finding) -> str:
    text = f"{f.path}:{f.line} {str(f.severity).upper()} {f.rule_id} {f.rule_name}: {f.message}"
    if f.snippet:
        text += "\n    " + f.snippet.splitlines()[0]
    return text
