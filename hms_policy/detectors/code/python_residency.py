"""Data residency in Python code: boto3 / botocore pinned to a region outside the pack's
`allowed_regions` (the parameter TF701 reads; several packs flagging one call become one
finding, engine/bindings.py).

Judged: `region_name=` of `boto3.client`/`resource`, `boto3.Session`/`boto3.session.Session`,
a session's `.client`/`.resource`, and botocore's `Config`, plus the second positional argument
of `client`/`resource`. Only a literal region (or a module-level constant holding one) counts:
a value read from the environment or configuration is the deployment's choice, not the code's.
Clients of global or control-plane services (IAM, STS, Route 53, Cost Explorer, Pricing, AWS
Health, ...) hold no health data and are not judged. Calls aimed at a local endpoint (`endpoint_url` on localhost, LocalStack, MinIO) and files
that use moto's AWS mocks never reach AWS and are skipped. An empty `allowed_regions` judges
nothing.
"""

from __future__ import annotations

import ast
import re
from typing import Any, Iterable, Mapping

from hms_policy.detectors.code.pysource import parse_python
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_AWS_REGION = re.compile(r"^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$")
_CALLEES = {"client": "boto3 client", "resource": "boto3 resource", "Session": "boto3 Session", "Config": "botocore Config"}
# Global or control-plane services that hold no health data and live in one fixed region
# (Cost Explorer, Pricing, AWS Health and Route 53 answer only in us-east-1).
_GLOBAL_SERVICES = frozenset({
    "iam", "sts", "organizations", "account", "route53", "route53domains", "cloudfront", "pricing", "ce",
    "cur", "budgets", "support", "health", "shield", "waf", "globalaccelerator",
})
_LOCAL_ENDPOINT = re.compile(r"localhost|127\.0\.0\.1|0\.0\.0\.0|localstack|minio|host\.docker\.internal", re.I)
_MOTO = re.compile(r"^\s*(?:from\s+moto\b|import\s+moto\b)", re.M)


def _allowed(params: Mapping[str, Any]) -> set[str]:
    return {str(r).strip().lower() for r in params.get("allowed_regions") or () if str(r).strip()}


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level `NAME = "literal"` assigned exactly once."""
    seen: dict[str, list[ast.expr]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    seen.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            seen.setdefault(node.target.id, []).append(node.value)
    return {
        name: values[0].value
        for name, values in seen.items()
        if len(values) == 1 and isinstance(values[0], ast.Constant) and isinstance(values[0].value, str)
    }


def _literal(node: ast.expr | None, constants: Mapping[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _region_argument(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "region_name":
            return keyword.value
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else ""
    if name in ("client", "resource") and len(call.args) >= 2:
        return call.args[1]
    return None


def _global_service(call: ast.Call) -> bool:
    service = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "service_name"), None)
    return isinstance(service, ast.Constant) and isinstance(service.value, str) and service.value.strip().lower() in _GLOBAL_SERVICES


def _local_endpoint(call: ast.Call) -> bool:
    for keyword in call.keywords:
        if keyword.arg == "endpoint_url":
            return isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str) and bool(_LOCAL_ENDPOINT.search(keyword.value.value))
    return False


def boto3_region_outside_allowed(doc: Document, params: Mapping[str, Any]) -> Iterable[Match] | Verdicts:
    text = doc.text
    if "region_name" not in text or ("boto3" not in text and "botocore" not in text) or _MOTO.search(text):
        return ()
    allowed = _allowed(params)
    if not allowed:
        return ()
    tree = parse_python(doc)
    if tree is None:
        return ()
    constants = _module_constants(tree)
    outside: list[Match] = []
    inside = False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        callee = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if callee not in _CALLEES:
            continue
        region = _literal(_region_argument(node), constants)
        if region is None or _local_endpoint(node) or callee in ("client", "resource") and _global_service(node):
            continue
        region = region.strip().lower()
        if not _AWS_REGION.match(region):
            continue
        if region in allowed:
            inside = True
        else:
            outside.append(Match(LineSpan.at(node.lineno), key=f"region:{callee}:{region}", context={"kind": _CALLEES[callee], "value": region}))
    if params.get("scope") == "present" and not inside:
        # As TF701: with several residency packs selected, a module that keeps nothing in this
        # pack's regions belongs to a system this pack's residency does not cover (not evaluated).
        return Verdicts()
    return tuple(outside)


__all__ = ["boto3_region_outside_allowed"]
