"""Data residency: where Terraform puts data, against the pack's `allowed_regions`.

`region_outside_allowed` judges every place a region or location is chosen: AWS and Google
provider blocks (`region`, `zone`), and resources that set their own (`location` of Azure and
Google resources, `region` of Google resources, the per-resource `region` of newer AWS
providers, the region a plan records). A location copied from another resource
(`location = azurerm_resource_group.rg.location`) is judged once, at the resource it comes
from. `cross_border_replication` judges copies: S3 replication destinations, DynamoDB
replicas, RDS cross-region backup replication, Cosmos DB geo-locations.

Regions compare case- and space-insensitively ("West Europe" is `westeurope`), and zones count
as their region (`asia-south1-a` is `asia-south1`). An empty `allowed_regions` (a pack with no
residency policy) judges nothing; an unresolved region is not evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from hms_policy.detectors.iac.terraform_graph import graph_of, links
from hms_policy.engine.matchers import origin, resolved_nodes
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node
from hms_policy.targets.terraform.hclast import Name, Traverse

_AWS_AZ = re.compile(r"^([a-z]{2}(?:-gov)?-[a-z]+-\d)[a-z]$")
_GCP_ZONE = re.compile(r"^([a-z]+-[a-z]+\d+)-[a-z]$")
_REGION_PROVIDERS = ("aws", "google", "google-beta")


def normalize_region(value: str) -> str:
    text = re.sub(r"\s+", "", value.strip().lower())
    for pattern in (_AWS_AZ, _GCP_ZONE):
        found = pattern.match(text)
        if found:
            return found.group(1)
    return text


def _allowed(params: Mapping[str, Any]) -> set[str]:
    return {normalize_region(str(r)) for r in params.get("allowed_regions") or () if str(r).strip()}


def _judge(value: Any, allowed: set[str]) -> bool | None:
    """True: outside the allowed set; None: unresolved or not a region (`global` services)."""
    if not isinstance(value, str) or not value.strip() or "${" in value:
        return None
    region = normalize_region(value)
    if region == "global":
        return None
    return region not in allowed


def _copied_from_resource(node: Node, attribute: str) -> bool:
    """`location = azurerm_resource_group.rg.location`: judged where it comes from."""
    block = node.meta.get("hcl")
    found = block.body.attribute(attribute) if block is not None else None
    if found is None or not isinstance(found.expr, Traverse) or not isinstance(found.expr.base, Name):
        return False
    return found.expr.base.name not in ("var", "local", "each", "count", "module") and "_" in found.expr.base.name


def _places(node: Node) -> Iterable[tuple[str, Any]]:
    """(attribute, value) pairs that choose where `node` lives."""
    value = node.value if isinstance(node.value, dict) else {}
    kind = node.kind
    if kind == "provider":
        if node.meta.get("name") in _REGION_PROVIDERS and not node.meta.get("module_call"):
            for attribute in ("region", "zone"):
                if attribute in value:
                    yield attribute, value[attribute]
                    return
        return
    if node.meta.get("block") not in (None, "resource"):
        return
    provider = kind.split("_", 1)[0]
    if provider == "azurerm":
        attributes: tuple[str, ...] = ("location",)
    elif provider == "google":
        attributes = ("location", "region", "zone")
    elif provider == "aws":
        attributes = ("region",)
    else:
        return
    for attribute in attributes:
        if attribute in value and not _copied_from_resource(node, attribute):
            yield attribute, value[attribute]
            break
    if kind == "google_storage_bucket":
        for config in value.get("custom_placement_config") or []:
            if isinstance(config, dict):
                for location in config.get("data_locations") or []:
                    yield "custom_placement_config", location
    if node.meta.get("plan") and provider == "aws" and "region" not in value and node.meta.get("region") is not None:
        yield "region", node.meta["region"]


def region_outside_allowed(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    allowed = _allowed(params)
    if not allowed:
        return Verdicts()
    matches: list[Match] = []
    judged = unresolved = inside = 0
    for node in resolved_nodes(doc):
        for attribute, value in _places(node):
            verdict = _judge(value, allowed)
            if verdict is None:
                unresolved += 1
                continue
            judged += 1
            inside += not verdict
            if verdict:
                line = node.line_of((attribute,)) if node.positions else node.span.start
                matches.append(Match(LineSpan.at(line), entity=node.ref, extra=origin(node), context={"kind": node.kind, "value": str(value)[:60]}))
                break
    if params.get("scope") == "present" and not inside:
        # Nothing is kept in the pack's regions: the system is not one this pack's residency
        # covers (packs.py: several residency packs selected), so it is not evaluated here.
        return Verdicts((), 0, unresolved)
    return Verdicts(tuple(matches), judged, unresolved)


# ---------------------------------------------------------------------------------------------


def _region_of(node: Node) -> Any:
    value = node.value if isinstance(node.value, dict) else {}
    if isinstance(value.get("region"), str):
        return value["region"]
    return node.meta.get("region")


def cross_border_replication(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    allowed = _allowed(params)
    if not allowed:
        return Verdicts()
    graph = graph_of(doc)
    matches: list[Match] = []
    judged = unresolved = 0

    def verdict(node: Node, path: tuple[Any, ...], region: Any) -> None:
        nonlocal judged, unresolved
        outcome = _judge(region, allowed)
        if outcome is None:
            unresolved += 1
            return
        judged += 1
        if outcome:
            matches.append(Match(LineSpan.at(node.line_of(path) if node.positions else node.span.start), entity=node.ref, extra=origin(node), context={"kind": node.kind, "value": str(region)[:60]}))

    for node in resolved_nodes(doc):
        value = node.value if isinstance(node.value, dict) else None
        if value is None or node.meta.get("block") not in (None, "resource"):
            continue
        kind = node.kind
        if kind in ("aws_dynamodb_table", "aws_dynamodb_global_table"):
            for i, replica in enumerate(value.get("replica") or []):
                if isinstance(replica, dict):
                    verdict(node, ("replica", i), replica.get("region_name"))
        elif kind == "azurerm_cosmosdb_account":
            for i, location in enumerate(value.get("geo_location") or []):
                if isinstance(location, dict):
                    verdict(node, ("geo_location", i), location.get("location"))
        elif kind == "aws_db_instance_automated_backups_replication":
            verdict(node, (), _region_of(node))
        elif kind in ("aws_s3_bucket_replication_configuration", "aws_s3_bucket"):
            path = "rule.destination.bucket" if kind != "aws_s3_bucket" else "replication_configuration.rules.destination.bucket"
            if kind == "aws_s3_bucket" and not value.get("replication_configuration"):
                continue
            found = links(graph, node, path, ("aws_s3_bucket",), {"aws_s3_bucket": "bucket"})
            if not found.targets:
                unresolved += 1
                continue
            for target in found.targets:
                verdict(node, tuple(path.split(".")[:1]), _region_of(target))
    return Verdicts(tuple(matches), judged, unresolved)
