"""CloudFormation checks that need more than a condition: security group exposure, policy
documents and replica regions. They read the resolved template (parameter defaults
substituted, see targets/cloudformation.py) and share their logic with the Terraform
detectors (ports, statements, region names)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hms_policy.detectors.iac.iam_statements import CHECKS, document_statements, judge
from hms_policy.detectors.iac.terraform_network import (
    exposure_of,
    is_unresolved,
    port_range,
    sensitive_ports,
    world_source,
)
from hms_policy.detectors.iac.terraform_residency import normalize_region
from hms_policy.engine.matchers import resolved_nodes
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node

PathKey = tuple[Any, ...]


def _properties(node: Node) -> Mapping[str, Any]:
    value = node.value if isinstance(node.value, dict) else {}
    props = value.get("Properties")
    return props if isinstance(props, dict) else {}


def _line(node: Node, path: PathKey) -> int:
    return node.line_of(path) if node.positions else node.span.start


# ---------------------------------------------------------------------------------------------


def _ingress_exposure(rule: Mapping[str, Any], ports: Mapping[int, str]) -> tuple[bool | None, str]:
    world = world_source(v for v in (rule.get("CidrIp"), rule.get("CidrIpv6")) if v is not None)
    if world is False:
        return False, ""
    protocol = rule.get("IpProtocol")
    if is_unresolved(protocol):
        return None, ""
    if str(protocol).lower() in ("-1", "all"):
        ranges = [(0, 65535)]
    elif str(protocol).lower() in ("icmp", "1", "icmpv6", "58"):
        return False, ""
    else:
        low, high = rule.get("FromPort"), rule.get("ToPort", rule.get("FromPort"))
        if is_unresolved(low) or is_unresolved(high):
            return None, ""
        found = port_range(low, high)
        if found is None:
            return None, ""
        ranges = [found]
    detail = exposure_of(ranges, ports)
    if detail is None:
        return False, ""
    return (True, detail) if world is True else (None, "")


def open_to_internet(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    ports = sensitive_ports(params)
    matches: list[Match] = []
    judged = unresolved = 0
    for node in resolved_nodes(doc):
        props = _properties(node)
        rules: list[tuple[Mapping[str, Any], PathKey]]
        if node.kind == "AWS::EC2::SecurityGroup":
            rules = [(r, ("Properties", "SecurityGroupIngress", i)) for i, r in enumerate(props.get("SecurityGroupIngress") or []) if isinstance(r, dict)]
        elif node.kind == "AWS::EC2::SecurityGroupIngress":
            rules = [(props, ())]
        else:
            continue
        for rule, path in rules:
            verdict, detail = _ingress_exposure(rule, ports)
            if verdict is None:
                unresolved += 1
                continue
            judged += 1
            if verdict:
                line = _line(node, path) if path else node.span.start
                matches.append(Match(LineSpan.at(line), entity=node.ref, context={"kind": node.kind, "detail": detail}))
    return Verdicts(tuple(matches), judged, unresolved)


# ---------------------------------------------------------------------------------------------


def _documents(node: Node, check: str) -> Iterable[tuple[Any, PathKey]]:
    """(policy document, its path) pairs of a resource, for the given check."""
    props = _properties(node)
    kind = node.kind
    if kind == "AWS::KMS::Key" or kind == "AWS::KMS::ReplicaKey":
        yield props.get("KeyPolicy"), ("Properties", "KeyPolicy")
        return
    if kind == "AWS::SecretsManager::ResourcePolicy":
        yield props.get("ResourcePolicy"), ("Properties", "ResourcePolicy")
        return
    if kind in ("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"):
        if check == "wildcard_principal" and kind == "AWS::IAM::Role":
            yield props.get("AssumeRolePolicyDocument"), ("Properties", "AssumeRolePolicyDocument")
        if check != "wildcard_principal":
            for i, policy in enumerate(props.get("Policies") or []):
                if isinstance(policy, dict):
                    yield policy.get("PolicyDocument"), ("Properties", "Policies", i, "PolicyDocument")
        return
    yield props.get("PolicyDocument"), ("Properties", "PolicyDocument")


def policy_document(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    check_name = params["check"]
    check = CHECKS[check_name]
    types = set(params["types"])
    matches: list[Match] = []
    judged = unresolved = 0
    for node in resolved_nodes(doc):
        if node.kind not in types:
            continue
        if node.kind == "AWS::Lambda::Permission":
            if check_name != "wildcard_principal":
                continue
            props = _properties(node)
            principal = props.get("Principal")
            if is_unresolved(principal):
                unresolved += 1
                continue
            judged += 1
            narrowed = any(props.get(k) for k in ("SourceArn", "SourceAccount", "PrincipalOrgID"))
            if principal == "*" and not narrowed:
                matches.append(Match(LineSpan.at(_line(node, ("Properties", "Principal"))), entity=node.ref, context={"kind": node.kind}))
            continue
        for document, path in _documents(node, check_name):
            if document is None:
                continue
            verdict, index = judge(document_statements(document), check)
            if verdict is None:
                unresolved += 1
                continue
            judged += 1
            if verdict:
                where = (*path, "Statement", index) if index is not None else path
                matches.append(Match(LineSpan.at(_line(node, where)), entity=node.ref, context={"kind": node.kind}))
                break
    return Verdicts(tuple(matches), judged, unresolved)


# ---------------------------------------------------------------------------------------------


def replica_region_outside_allowed(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    allowed = {normalize_region(str(r)) for r in params.get("allowed_regions") or () if str(r).strip()}
    if not allowed:
        return Verdicts()
    matches: list[Match] = []
    judged = unresolved = 0
    for node in resolved_nodes(doc):
        props = _properties(node)
        places: list[tuple[Any, PathKey]] = []
        if node.kind == "AWS::DynamoDB::GlobalTable":
            places = [(r.get("Region"), ("Properties", "Replicas", i)) for i, r in enumerate(props.get("Replicas") or []) if isinstance(r, dict)]
        elif node.kind == "AWS::RDS::DBInstance" and "SourceRegion" in props:
            places = [(props.get("SourceRegion"), ("Properties", "SourceRegion"))]
        for region, path in places:
            if not isinstance(region, str) or is_unresolved(region):
                unresolved += 1
                continue
            judged += 1
            if normalize_region(region) not in allowed:
                matches.append(Match(LineSpan.at(_line(node, path)), entity=node.ref, context={"kind": node.kind, "value": region[:60]}))
    return Verdicts(tuple(matches), judged, unresolved)
