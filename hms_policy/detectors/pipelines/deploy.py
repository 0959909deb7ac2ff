"""Deployment control: deploy jobs without an environment or approval (CI014), deploys that do
not wait for a compliance scan (CI015), production deploys that keep no signed compliance
report (CI016)."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.pipelines.common import deploy_evidence, jobs, line_of, match, production
from hms_policy.model import Match
from hms_policy.targets.document import Document, Node

# Commands and actions that scan code or infrastructure for policy, secrets or vulnerabilities.
_SCANNERS = (
    r"hms-policy|hms_policy|checkov|trivy|semgrep|zizmor|tfsec|terrascan|kics|snyk|grype|gitleaks|trufflehog|detect-secrets|bandit"
    r"|dependency-check|osv-scanner|pip-audit|npm\s+audit|tfsec|conftest|codeql-action/analyze|anchore/scan-action|aquasecurity/trivy-action"
    r"|bridgecrewio/checkov-action|returntocorp/semgrep-action|semgrep/semgrep|snyk/actions|gitleaks/gitleaks-action|zizmorcore/zizmor-action|sonar-scanner|SonarQubeScan"
)
# `--soft-fail`, `|| true`, `--exit-code 0`: the scan runs but cannot stop anything.
_SOFT = re.compile(r"--soft-fail\b|\|\|\s*(?:true|:|exit\s+0)\b|--exit-code[= ]0\b|--no-fail\b|-o\s+soft_fail")


def _scanner_pattern(params: Mapping[str, Any]) -> re.Pattern[str]:
    extra = [re.escape(s) for s in ((params.get("settings") or {}).get("scanners") or ())]
    return re.compile(rf"(?i)(?:{_SCANNERS}{''.join('|' + e for e in extra)})")


def deploy_without_protection(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    for node in jobs(doc):
        evidence = deploy_evidence(node)
        if evidence is None or node.value["environment"] is not None or node.value["manual"]:
            continue
        line, what = evidence
        yield match(node, _evidence_line(doc, node, line, what), "deploy", what=what, platform=node.value["platform"])


def deploy_not_gated(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    pattern = _scanner_pattern(params)
    everything = jobs(doc)
    by_name = {n.value["name"]: n for n in everything}
    for node in everything:
        evidence = deploy_evidence(node)
        if evidence is None:
            continue
        if _gates(node, pattern, evidence[0]):
            continue
        if any(_gates(by_name[name], pattern, None) for name in _predecessors(node, by_name)):
            continue
        line, what = evidence
        yield match(node, _evidence_line(doc, node, line, what), "deploy-gate", what=what)


def _predecessors(node: Node, by_name: dict[str, Node]) -> set[str]:
    """Every job that must finish before `node` starts (needs, transitively, and implicit order)."""
    out: set[str] = set()
    todo = [*node.value["needs"], *node.value["after"]]
    while todo:
        name = todo.pop()
        if name in out or name not in by_name:
            continue
        out.add(name)
        todo.extend(by_name[name].value["needs"])
        todo.extend(by_name[name].value["after"])
    return out


def _gates(node: Node, pattern: re.Pattern[str], before_line: int | None) -> bool:
    """True when the job runs a scanner whose failure stops it (before `before_line` when
    the scan and the deploy are in the same job)."""
    if node.value["allow_failure"]:
        return False
    for step in node.value["steps"]:
        if before_line is not None and step["line"] >= before_line:
            break
        text = step["run"] or step["uses"] or ""
        if not pattern.search(text):
            continue
        if step["run"] and _SOFT.search(step["run"]):
            continue
        if any(w["name"] in ("soft_fail", "soft-fail", "continue-on-error") and w["value"].lower() == "true" for w in step["with"]):
            continue
        return True
    return False


_REPORT = re.compile(r"(?i)hms-policy|compliance|\.sarif\b|\.intoto|attestation|dsse|report\.json")


def no_compliance_report(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """A production deploy in a file where no job keeps the compliance report (an artifact or
    an upload whose path names it, or a SARIF upload)."""
    everything = jobs(doc)
    if any(_keeps_report(n) for n in everything):
        return
    for node in everything:
        if production(node) and deploy_evidence(node) is not None:
            env = node.value["environment"]
            yield match(node, env["line"], "compliance-report", environment=env["name"])


def _keeps_report(node: Node) -> bool:
    if any(_REPORT.search(a["value"]) for a in node.value["artifacts"]):
        return True
    for step in node.value["steps"]:
        uses = (step["uses"] or "").lower()
        if "upload-sarif" in uses or ("upload" in uses or "artifact" in uses or "publish" in uses) and any(_REPORT.search(w["value"]) for w in step["with"]):
            return True
        if step["run"] and re.search(r"(?i)hms-policy\s+(?:scan|attest)\b[^\n]*--(?:output|sign)", step["run"]) and re.search(r"(?i)\b(?:aws\s+s3\s+cp|gsutil\s+cp|az\s+storage|oras\s+push|cosign\s+attest|gh\s+release\s+upload)\b", step["run"]):
            return True
    return False


def _evidence_line(doc: Document, node: Node, line: int, what: str) -> int:
    return line_of(doc, node, line, what) if not what.startswith("environment ") else line
