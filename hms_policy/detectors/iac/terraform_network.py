"""Firewall rules that open sensitive ports to the whole internet: AWS security groups, Azure
network security groups and GCP firewalls (Terraform), and the port logic CloudFormation's
security groups share.

A rule is flagged when its source is everyone (`0.0.0.0/0`, `::/0`, `*`, `Internet`, `Any`)
and its port range covers one of `ports` (SSH, RDP, database and admin ports by default), or
all ports. A source or port that could not be resolved makes the rule unresolved, never open
and never closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hms_policy.engine.matchers import origin, resolved_nodes
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node

# Port -> what usually listens there (for the message).
SENSITIVE_PORTS: dict[int, str] = {
    22: "SSH",
    23: "Telnet",
    3389: "RDP",
    5985: "WinRM",
    5986: "WinRM",
    1433: "SQL Server",
    1521: "Oracle",
    3306: "MySQL",
    5432: "PostgreSQL",
    5984: "CouchDB",
    6379: "Redis",
    7000: "Cassandra",
    9042: "Cassandra",
    9200: "Elasticsearch",
    9300: "Elasticsearch",
    5601: "Kibana",
    11211: "Memcached",
    27017: "MongoDB",
    27018: "MongoDB",
    2375: "Docker API",
    2376: "Docker API",
    2379: "etcd",
    10250: "kubelet",
}
WORLD = frozenset({"0.0.0.0/0", "::/0", "0.0.0.0", "*", "internet", "any", "0::0/0"})
Tri = bool | None


@dataclass(frozen=True, slots=True)
class Exposure:
    open: Tri  # True: open to the world on a sensitive port; None: cannot tell
    detail: str = ""


def is_unresolved(value: Any) -> bool:
    return isinstance(value, str) and "${" in value or (isinstance(value, dict) and len(value) == 1 and any(str(k).startswith(("Ref", "Fn::")) for k in value))


def world_source(values: Iterable[Any]) -> Tri:
    """True if any source is everyone; None if none is but some could not be resolved."""
    unknown = False
    for value in values:
        if is_unresolved(value):
            unknown = True
        elif isinstance(value, str) and value.strip().lower() in WORLD:
            return True
    return None if unknown else False


def port_range(low: Any, high: Any) -> tuple[int, int] | None:
    try:
        a, b = int(float(str(low))), int(float(str(high)))
    except (TypeError, ValueError):
        return None
    if a < 0 or b < 0:  # -1 means every port for ICMP-less "all" rules
        return (0, 65535)
    return (min(a, b), max(a, b))


def parse_port_spec(spec: Any) -> tuple[int, int] | None:
    """"22", "1000-2000", "*" -> a range; None if it cannot be read."""
    if isinstance(spec, int) and not isinstance(spec, bool):
        return (spec, spec)
    if not isinstance(spec, str):
        return None
    text = spec.strip()
    if text in ("*", "any", "Any"):
        return (0, 65535)
    if "-" in text:
        low, _, high = text.partition("-")
        return port_range(low, high)
    return port_range(text, text)


def exposure_of(ranges: Iterable[tuple[int, int]], ports: Mapping[int, str]) -> str | None:
    """The first sensitive port a set of ranges covers, as a message detail."""
    for low, high in ranges:
        if low <= 0 and high >= 65535:
            return "all ports"
        for port, service in sorted(ports.items()):
            if low <= port <= high:
                return f"port {port} ({service})" if service else f"port {port}"
    return None


def sensitive_ports(params: Mapping[str, Any]) -> dict[int, str]:
    extra = params.get("ports")
    if not extra:
        return dict(SENSITIVE_PORTS)
    return {int(p): SENSITIVE_PORTS.get(int(p), "") for p in extra}


_ALL_PROTOCOLS = ("-1", "all", "*")


# ---------------------------------------------------------------------------------------------
# AWS


def _aws_rule(rule: Mapping[str, Any], ports: Mapping[int, str], v2: bool = False) -> Exposure:
    sources = [rule.get("cidr_ipv4"), rule.get("cidr_ipv6")] if v2 else [*(_as_list(rule.get("cidr_blocks"))), *(_as_list(rule.get("ipv6_cidr_blocks")))]
    world = world_source(s for s in sources if s is not None)
    if world is False:
        return Exposure(False)
    protocol = rule.get("ip_protocol" if v2 else "protocol")
    if is_unresolved(protocol):
        return Exposure(None)
    if str(protocol).lower() in _ALL_PROTOCOLS:
        ranges = [(0, 65535)]
    elif str(protocol).lower() in ("icmp", "1", "icmpv6", "58"):
        return Exposure(False)
    else:
        low, high = rule.get("from_port"), rule.get("to_port", rule.get("from_port"))
        if is_unresolved(low) or is_unresolved(high):
            return Exposure(None)
        found = port_range(low, high)
        if found is None:
            return Exposure(None)
        ranges = [found]
    detail = exposure_of(ranges, ports)
    if detail is None:
        return Exposure(False)
    return Exposure(world, detail) if world is True else Exposure(None)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ---------------------------------------------------------------------------------------------
# Azure


def _azure_rule(rule: Mapping[str, Any], ports: Mapping[int, str]) -> Exposure:
    direction, access = rule.get("direction"), rule.get("access")
    if is_unresolved(direction) or is_unresolved(access):
        return Exposure(None)
    if str(direction).lower() != "inbound" or str(access).lower() != "allow":
        return Exposure(False)
    sources = [*_as_list(rule.get("source_address_prefix")), *_as_list(rule.get("source_address_prefixes"))]
    world = world_source(sources)
    if world is False:
        return Exposure(False)
    specs = [*_as_list(rule.get("destination_port_range")), *_as_list(rule.get("destination_port_ranges"))]
    if any(is_unresolved(s) for s in specs):
        return Exposure(None)
    ranges = [r for r in (parse_port_spec(s) for s in specs) if r is not None]
    detail = exposure_of(ranges, ports)
    if detail is None:
        return Exposure(False)
    return Exposure(world, detail) if world is True else Exposure(None)


# ---------------------------------------------------------------------------------------------
# GCP


def _gcp_firewall(value: Mapping[str, Any], ports: Mapping[int, str]) -> Exposure:
    direction = value.get("direction", "INGRESS")
    disabled = value.get("disabled")
    if is_unresolved(direction) or is_unresolved(disabled):
        return Exposure(None)
    if str(direction).upper() != "INGRESS" or disabled is True or str(disabled).lower() == "true":
        return Exposure(False)
    world = world_source(_as_list(value.get("source_ranges")))
    if world is False:
        return Exposure(False)
    ranges: list[tuple[int, int]] = []
    for allow in _as_list(value.get("allow")):
        if not isinstance(allow, dict):
            continue
        protocol = allow.get("protocol")
        if is_unresolved(protocol):
            return Exposure(None)
        if str(protocol).lower() in ("icmp", "esp", "ah", "sctp", "ipip"):
            continue
        port_list = allow.get("ports")
        if not port_list:
            ranges.append((0, 65535))
            continue
        for spec in _as_list(port_list):
            if is_unresolved(spec):
                return Exposure(None)
            found = parse_port_spec(spec)
            if found is not None:
                ranges.append(found)
    detail = exposure_of(ranges, ports)
    if detail is None:
        return Exposure(False)
    return Exposure(world, detail) if world is True else Exposure(None)


# ---------------------------------------------------------------------------------------------


def open_to_internet(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    """Terraform security group / NSG / firewall rules open to everyone on sensitive ports."""
    ports = sensitive_ports(params)
    types = set(params.get("types") or ())
    matches: list[Match] = []
    judged = unresolved = 0
    for node in resolved_nodes(doc):
        if node.kind not in types or not isinstance(node.value, dict):
            continue
        for exposure, path in _rules_of(node, ports):
            if exposure.open is None:
                unresolved += 1
                continue
            judged += 1
            if exposure.open:
                line = node.line_of(path) if path else node.span.start
                matches.append(Match(LineSpan.at(line), entity=node.ref, extra=origin(node), context={"kind": node.kind, "detail": exposure.detail}))
    return Verdicts(tuple(matches), judged, unresolved)


def _rules_of(node: Node, ports: Mapping[int, str]) -> list[tuple[Exposure, tuple[Any, ...]]]:
    value = node.value
    kind = node.kind
    if kind in ("aws_security_group", "aws_default_security_group"):
        return [(_aws_rule(rule, ports), ("ingress", i)) for i, rule in enumerate(_as_list(value.get("ingress"))) if isinstance(rule, dict)]
    if kind == "aws_security_group_rule":
        rule_type = value.get("type")
        if is_unresolved(rule_type):
            return [(Exposure(None), ())]
        return [(_aws_rule(value, ports), ())] if str(rule_type) == "ingress" else []
    if kind == "aws_vpc_security_group_ingress_rule":
        return [(_aws_rule(value, ports, v2=True), ())]
    if kind == "azurerm_network_security_group":
        return [(_azure_rule(rule, ports), ("security_rule", i)) for i, rule in enumerate(_as_list(value.get("security_rule"))) if isinstance(rule, dict)]
    if kind == "azurerm_network_security_rule":
        return [(_azure_rule(value, ports), ())]
    if kind == "google_compute_firewall":
        return [(_gcp_firewall(value, ports), ())]
    return []
