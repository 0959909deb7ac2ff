"""YAML and JSON manifests -> nodes: Kubernetes objects, compose services, CloudFormation
resources, Helm values and generic configuration documents."""

from __future__ import annotations

from typing import Any

from hms_policy.model import LineSpan
from hms_policy.targets.document import Document, Node, PathKey
from hms_policy.targets.parsers.yamlish import YamlDocument, load_documents


def _sub_positions(positions: dict[PathKey, int], prefix: PathKey) -> dict[PathKey, int]:
    n = len(prefix)
    return {k[n:]: v for k, v in positions.items() if k[:n] == prefix}


def _span(positions: dict[PathKey, int], fallback: LineSpan) -> LineSpan:
    if not positions:
        return fallback
    return LineSpan(min(positions.values()), max(positions.values()))


def kubernetes_nodes(doc: Document) -> list[Node]:
    nodes: list[Node] = []
    for index, ydoc in enumerate(load_documents(doc.text)):
        value = ydoc.value
        if not isinstance(value, dict):
            continue
        if isinstance(value.get("items"), list) and str(value.get("kind", "")).endswith("List"):
            for i, item in enumerate(value["items"]):
                if isinstance(item, dict):
                    sub = _sub_positions(ydoc.positions, ("items", i))
                    nodes.append(_k8s_node(item, sub, _span(sub, LineSpan.at(ydoc.start_line)), index))
            continue
        if "kind" in value:
            nodes.append(_k8s_node(value, ydoc.positions, LineSpan(ydoc.start_line, ydoc.end_line), index))
    return nodes


def _k8s_node(obj: dict[str, Any], positions: dict[PathKey, int], span: LineSpan, index: int) -> Node:
    kind = str(obj.get("kind", ""))
    metadata = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    name = str(metadata.get("name", "?"))
    namespace = metadata.get("namespace")
    ref = f"{kind}/{namespace}/{name}" if namespace else f"{kind}/{name}"
    return Node(ref, kind, obj, span, positions, {"document": index, "namespace": namespace})


def compose_nodes(doc: Document) -> list[Node]:
    nodes: list[Node] = []
    for ydoc in load_documents(doc.text):
        services = ydoc.value.get("services") if isinstance(ydoc.value, dict) else None
        if not isinstance(services, dict):
            continue
        for name, service in services.items():
            if not isinstance(service, dict):
                continue
            sub = _sub_positions(ydoc.positions, ("services", name))
            span = _span(sub, LineSpan.at(ydoc.start_line))
            nodes.append(Node(f"service:{name}", "service", service, span, sub, {"name": name}))
        for section in ("volumes", "networks", "secrets", "configs"):
            block = ydoc.value.get(section)
            if isinstance(block, dict):
                for name, item in block.items():
                    sub = _sub_positions(ydoc.positions, (section, name))
                    span = _span(sub, LineSpan.at(ydoc.start_line))
                    nodes.append(Node(f"{section[:-1]}:{name}", section[:-1], item or {}, span, sub, {"name": name}))
    return nodes


def cloudformation_nodes(doc: Document) -> list[Node]:
    nodes: list[Node] = []
    for ydoc in load_documents(doc.text):
        template = ydoc.value
        if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
            continue
        meta = {"parameters": template.get("Parameters") or {}, "conditions": template.get("Conditions") or {}}
        for logical_id, resource in template["Resources"].items():
            if not isinstance(resource, dict):
                continue
            sub = _sub_positions(ydoc.positions, ("Resources", logical_id))
            span = _span(sub, LineSpan.at(ydoc.start_line))
            nodes.append(Node(str(logical_id), str(resource.get("Type", "")), resource, span, sub, meta))
    return nodes


def document_nodes(doc: Document) -> list[Node]:
    """One node per YAML/JSON document: Helm values and generic configuration."""
    kind = "values" if doc.kind.value == "helm-values" else "document"
    return [_whole(ydoc, kind, f"{doc.file.name}#{i}") for i, ydoc in enumerate(load_documents(doc.text))]


def _whole(ydoc: YamlDocument, kind: str, ref: str) -> Node:
    return Node(ref, kind, ydoc.value, LineSpan(ydoc.start_line, ydoc.end_line), ydoc.positions)
