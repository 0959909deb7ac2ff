"""Read a JSON report (schema v1) back into a `Report`: the inverse of `Report.to_dict()`.

Used by `merge` and by `verify` when it renders a verified report. The input is
validated against report.v1.json first, so the constructors below see only
well-formed values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from hms_policy.errors import UsageError
from hms_policy.model import (
    Category,
    ControlResult,
    FileRole,
    Finding,
    PolicyRef,
    Report,
    RuleInfo,
    ScanError,
    Severity,
    Summary,
    Suppression,
    TargetInfo,
    Component,
)


def load_report_file(path: str | Path) -> Report:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read report {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{path} is not a JSON report: {exc}") from None
    return report_from_dict(data, source=str(path))


def report_from_dict(data: Any, *, source: str = "report") -> Report:
    from hms_policy.catalog.rules import schema_errors

    if not isinstance(data, dict):
        raise UsageError(f"{source} is not a JSON report object")
    if "payloadType" in data and "signatures" in data:
        raise UsageError(f"{source} is a signed DSSE envelope, not a plain report")
    if data.get("schema_version") != "1":
        raise UsageError(f"{source} has another report schema version than '1', the one this tool reads")
    problems = schema_errors(data, "report.v1")
    if problems:
        raise UsageError(f"{source} does not match the report schema v1: {problems[0]}")
    return report_from_valid_dict(data)


def report_from_valid_dict(data: Mapping[str, Any]) -> Report:
    """The same, for a dict already checked against report.v1.json."""
    return Report(
        schema_version=data["schema_version"],
        tool=dict(data["tool"]),
        target=_target(data["target"]),
        policies=tuple(PolicyRef(p["id"], p["version"], p["digest"], p.get("title", "")) for p in data["policies"]),
        findings=tuple(_finding(f) for f in data["findings"]),
        controls=tuple(
            ControlResult(
                c["policy"],
                c["id"],
                c["title"],
                c["status"],
                c["findings"],
                c.get("citation", ""),
                tuple(c.get("rules", ())),
                c.get("suppressed", 0),
                c.get("reason", ""),
                c.get("rule_results"),
            )
            for c in data["controls"]
        ),
        errors=tuple(ScanError(e["path"], e["message"], e.get("reason", "error")) for e in data["errors"]),
        summary=_summary(data["summary"]),
        generated_at=data.get("generated_at", ""),
        targets=tuple(_target(t) for t in data.get("targets", ())),
        rules=tuple(
            RuleInfo(
                r["id"], r["name"], r["title"], Category(r["category"]), Severity.parse(r["severity"]),
                r.get("description", ""), r.get("remediation", ""), tuple(r.get("references", ())),
            )
            for r in data.get("rules", ())
        ),
        components=tuple(
            Component(c["ecosystem"], c["name"], c.get("version"), c["path"], c["line"]) for c in data.get("components", ())
        ),
    )


def _target(t: Mapping[str, Any]) -> TargetInfo:
    selection = t.get("selection")
    return TargetInfo(
        root=t["root"],
        git_commit=t.get("git_commit"),
        files_scanned=t["files_scanned"],
        bytes_scanned=t["bytes_scanned"],
        digest=t["digest"],
        name=t.get("name", ""),
        selection=dict(selection) if isinstance(selection, Mapping) else None,
        roles=dict(t["roles"]) if isinstance(t.get("roles"), Mapping) else None,
        git_root=t.get("git_root"),
    )


def _finding(f: Mapping[str, Any]) -> Finding:
    sup = f.get("suppression")
    return Finding(
        fingerprint=f["fingerprint"],
        rule_id=f["rule_id"],
        rule_name=f["rule_name"],
        category=Category(f["category"]),
        severity=Severity.parse(f["severity"]),
        path=f["path"],
        line=f["line"],
        end_line=f["end_line"],
        message=f["message"],
        snippet=f["snippet"],
        controls=tuple(f["controls"]),
        entity=f.get("entity"),
        confidence=f.get("confidence"),
        unresolved=bool(f.get("unresolved", False)),
        suppressed=f["suppressed"],
        suppression=Suppression(sup["kind"], sup["reason"], sup.get("expires")) if sup else None,
        extra=dict(f.get("extra", {})),
        role=FileRole(f["role"]) if f.get("role") else None,
    )


def _summary(s: Mapping[str, Any]) -> Summary:
    return Summary(
        findings=s["findings"],
        suppressed=s["suppressed"],
        by_severity=dict(s["by_severity"]),
        by_category=dict(s["by_category"]),
        result=s["result"],
        fail_on=s["fail_on"],
    )
