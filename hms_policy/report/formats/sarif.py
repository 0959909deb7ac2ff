"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

* one `tool.driver.rules[]` entry per rule that produced a finding, with its title, help
  (what, fix, references), tags (category and controls) and `security-severity`;
* `level` from severity: error (critical, high), warning (medium), note (low, info);
* `partialFingerprints["hmsPolicy/v1"]` is the finding's fingerprint, which never
  involves a line number, so code scanning tracks an alert across edits;
* locations are relative to `%SRCROOT%`: the git top-level holding the scanned root when
  there is one (`target.git_root`: code scanning resolves paths from the repository root,
  whichever subdirectory was scanned), else the scanned root;
* suppressed findings stay, with `suppressions` (inSource for inline directives and
  nosec, external for config ignores and the baseline);
* files the scan could not read become tool execution notifications.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from hms_policy.model import Finding, Report, RuleInfo, Severity

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://hms-policy.dev"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "hmsPolicy/v1"

# GitHub reads properties.security-severity as a CVSS-like score (checkov's scale).
SECURITY_SEVERITY = {
    Severity.CRITICAL: "10.0",
    Severity.HIGH: "8.9",
    Severity.MEDIUM: "6.9",
    Severity.LOW: "3.9",
    Severity.INFO: "0.0",
}
LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
SUPPRESSION_KIND = {"inline": "inSource", "nosec": "inSource", "baseline": "external", "config": "external"}


def render(report: Report, **_: Any) -> str:
    return json.dumps(to_sarif(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(report: Report, out: TextIO, **_: Any) -> None:
    """What `render` returns, written result by result (report/jsonstream.py)."""
    from hms_policy.report.jsonstream import dump

    dump(to_sarif(report, lazy=True), out)


def to_sarif(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The SARIF log; `lazy`: `results` is a `jsonstream.Lazy` built while it is written."""
    rules, index = _rules(report)
    base, prefix = source_root(report)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "hms-policy",
                "version": report.tool.get("version", ""),
                "semanticVersion": report.tool.get("version", ""),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": _results(report, index, prefix, lazy),
        "invocations": [_invocation(report, prefix)],
        "properties": {
            "hmsPolicy": {
                "treeDigest": report.target.digest,
                "gitCommit": report.target.git_commit,
                "result": report.summary.result,
                "failOn": report.summary.fail_on,
                "policies": [p.to_dict() for p in report.policies],
            }
        },
    }
    if base.startswith("/"):
        run["originalUriBaseIds"] = {SRCROOT: {"uri": "file://" + quote(base.rstrip("/") + "/")}}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _results(report: Report, index: dict[str, int], prefix: str, lazy: bool) -> Any:
    if lazy:
        from hms_policy.report.jsonstream import Lazy

        return Lazy(_result(f, index, prefix) for f in report.findings)
    return [_result(f, index, prefix) for f in report.findings]


def source_root(report: Report) -> tuple[str, str]:
    """(%SRCROOT%, the scanned root's path inside it + "/" or ""): the git top-level when the
    scanned root lies inside one, else the scanned root itself."""
    root, top = report.target.root.rstrip("/"), (report.target.git_root or "").rstrip("/")
    if top and root != top and root.startswith(top + "/"):
        return top, root[len(top) + 1 :] + "/"
    return (top if top and root == top else report.target.root), ""


def _rules(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    known = {r.id: r for r in report.rules}
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    out: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule_id in sorted(by_rule):
        findings = by_rule[rule_id]
        info = known.get(rule_id)
        severity = max(f.severity for f in findings)
        controls = sorted({c for f in findings for c in f.controls})
        category = findings[0].category.value
        title = info.title if info and info.title else findings[0].message
        entry: dict[str, Any] = {
            "id": rule_id,
            "name": findings[0].rule_name,
            "shortDescription": {"text": title},
            "fullDescription": {"text": (info.description if info and info.description else title)},
            "help": _help(info, title, controls),
            "defaultConfiguration": {"level": LEVEL[info.severity if info else severity]},
            "properties": {
                "tags": [category, *controls],
                "security-severity": SECURITY_SEVERITY[severity],
            },
        }
        links = [r for r in (info.references if info else ()) if r.startswith(("https://", "http://"))]
        if links:
            entry["helpUri"] = links[0]
        index[rule_id] = len(out)
        out.append(entry)
    return out, index


def _help(info: RuleInfo | None, title: str, controls: list[str]) -> dict[str, str]:
    parts_text = [title]
    parts_md = [f"**{title}**"]
    if info and info.description:
        parts_text.append(info.description)
        parts_md.append(info.description)
    if info and info.remediation:
        parts_text.append("Fix: " + info.remediation)
        parts_md.append("**Fix:** " + info.remediation)
    if controls:
        parts_text.append("Controls: " + ", ".join(controls))
        parts_md.append("**Controls:** " + ", ".join(f"`{c}`" for c in controls))
    if info and info.references:
        parts_text.append("References: " + " ".join(info.references))
        parts_md.append("**References:**\n" + "\n".join(f"- <{r}>" for r in info.references))
    return {"text": "\n\n".join(parts_text), "markdown": "\n\n".join(parts_md)}


def _artifact(path: str, prefix: str = "") -> dict[str, Any]:
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(prefix + path), "uriBaseId": SRCROOT}


def _result(finding: Finding, index: dict[str, int], prefix: str = "") -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(finding.line, 1), "endLine": max(finding.end_line, finding.line, 1)}
    if finding.snippet:
        region["snippet"] = {"text": finding.snippet}
    properties: dict[str, Any] = {
        "severity": str(finding.severity),
        "category": finding.category.value,
        "controls": list(finding.controls),
    }
    if finding.entity:
        properties["entity"] = finding.entity
    if finding.confidence is not None:
        properties["confidence"] = round(finding.confidence, 2)
    if "target" in finding.extra:
        properties["target"] = str(finding.extra["target"])
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(finding.path, prefix), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": properties,
    }
    if finding.entity:
        result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": finding.entity}]
    if "image_digest" in finding.extra:
        # Inside a container image, not a repository file: a logical location only, so code
        # scanning never pins it on a file of the checkout.
        location: dict[str, Any] = {"fullyQualifiedName": finding.path, "kind": "module"}
        result["locations"] = [{"logicalLocations": [location], "message": {"text": f"{finding.path}:{max(finding.line, 1)}"}}]
        properties["image"] = str(finding.extra.get("image", ""))
        properties["imageDigest"] = str(finding.extra["image_digest"])
        if "layer" in finding.extra:
            properties["layer"] = finding.extra["layer"]
    if finding.suppressed:
        kind = SUPPRESSION_KIND.get(finding.suppression.kind if finding.suppression else "", "external")
        suppression: dict[str, Any] = {"kind": kind, "status": "accepted"}
        if finding.suppression is not None:
            suppression["justification"] = finding.suppression.reason
            suppression["properties"] = {"hmsPolicyKind": finding.suppression.kind}
        result["suppressions"] = [suppression]
    return result


def _invocation(report: Report, prefix: str = "") -> dict[str, Any]:
    notes = []
    for error in report.errors:
        note: dict[str, Any] = {
            "level": "warning",
            "message": {"text": error.message},
            "descriptor": {"id": error.reason},
        }
        if error.path and error.path != ".":
            note["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(error.path, prefix)}}]
        notes.append(note)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation
