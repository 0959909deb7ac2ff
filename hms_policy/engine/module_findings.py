"""One finding per Terraform resource defined in a local module.

A local module's resources are resolved twice when the scan holds both the module's own
directory and a root that calls it: once as written (`modules/store/main.tf`,
`aws_s3_bucket.this`) and once per call, with the call's inputs, reported at the `module`
block (`main.tf`, `module.records.aws_s3_bucket.this`, `extra.module_file`). The reader gets
one finding at the resource, and `extra.module_calls` lists the calls through which it was
also found (path, line, module address). When the module's own scan does not flag it (an
input only a call supplies decides it), the calls' findings for that resource merge into
the first call's finding, which keeps its place and fingerprint.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from hms_policy.model import Finding

_MODULE_PREFIX = re.compile(r"^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)+")


def merge_module_findings(findings: list[Finding]) -> list[Finding]:
    # Keyed by (rule, file, resource): the call's finding sits at the resource block's first
    # line, the module's own at the attribute that decides.
    through: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    rest: list[Finding] = []
    for finding in findings:
        module_file = finding.extra.get("module_file") if finding.extra else None
        if isinstance(module_file, str) and finding.entity and _MODULE_PREFIX.match(finding.entity):
            key = (finding.rule_id, module_file, _MODULE_PREFIX.sub("", finding.entity))
            through[key].append(finding)
        else:
            rest.append(finding)
    if not through:
        return findings
    own: dict[tuple[str, str, str], int] = {}
    for i, finding in enumerate(rest):
        if finding.entity:
            own.setdefault((finding.rule_id, finding.path, finding.entity), i)
    for key, calls in through.items():
        calls = sorted(calls, key=lambda f: (f.path, f.line, f.fingerprint))
        chain = [_call(f) for f in calls]
        at = own.get(key)
        if at is not None:
            target = rest[at]
            known = list(target.extra.get("module_calls") or [])
            rest[at] = replace(target, extra={**target.extra, "module_calls": known + chain}, severity=max([target.severity, *(f.severity for f in calls)]))
        else:
            first = calls[0]
            rest.append(replace(first, extra={**first.extra, "module_calls": chain}, severity=max(f.severity for f in calls)))
    return rest


def _call(finding: Finding) -> dict[str, Any]:
    found = _MODULE_PREFIX.match(finding.entity or "")
    return {"path": finding.path, "line": finding.line, "module": found.group(0).rstrip(".") if found else ""}
