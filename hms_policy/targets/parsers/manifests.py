"""YAML and JSON manifests -> nodes: Kubernetes objects, compose services, CloudFormation
resources, Helm values and generic configuration documents."""

from __future__ import annotations

import re
from typing import Any

from hms_policy.model import LineSpan
from hms_policy.targets.document import Document, Node, ParseError, PathKey
from hms_policy.targets.parsers.yamlish import YamlDocument, load_documents

_TEMPLATE_ACTION = re.compile(r"\{\{-?\s*[.$\w(\"/]|\{%-?\s*\w")


def load_manifest(doc: Document) -> list[YamlDocument]:
    """The YAML documents of a manifest, refusing Go/Jinja templates with a clear reason.

    A template is not YAML: it either fails to parse or parses into nonsense (`{{ .Values.x }}`
    reads as a nested flow mapping), and judging that nonsense would give wrong answers."""
    text = doc.text
    try:
        docs = load_documents(text)
    except ParseError as exc:
        line = _template_line(text)
        if line:
            raise ParseError(f"template syntax at line {line}, not YAML ({exc}); {_RENDER_HINT}") from None
        raise
    if "{{" in text and any(_templated(d.value) for d in docs):
        raise ParseError(f"template syntax at line {_template_line(text) or 1}, not YAML; {_RENDER_HINT}")
    return docs


_RENDER_HINT = "scanned as text only: render it (helm template / kustomize build) and scan the output"


def _template_line(text: str) -> int:
    found = _TEMPLATE_ACTION.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 0


def _templated(value: Any) -> bool:
    """True when an unquoted `{{ ... }}` was read as a mapping key."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if isinstance(key, str) and key.startswith("{") and key.endswith("}"):
                    return True
                stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _sub_positions(positions: dict[PathKey, int], prefix: PathKey) -> dict[PathKey, int]:
    n = len(prefix)
    return {k[n:]: v for k, v in positions.items() if k[:n] == prefix}


def _span(positions: dict[PathKey, int], fallback: LineSpan) -> LineSpan:
    if not positions:
        return fallback
    return LineSpan(min(positions.values()), max(positions.values()))


def kubernetes_nodes(doc: Document) -> list[Node]:
    nodes: list[Node] = []
    for index, ydoc in enumerate(load_manifest(doc)):
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
    for ydoc in load_manifest(doc):
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
    docs = load_manifest(doc) if kind == "values" else load_documents(doc.text)
    return [_whole(ydoc, kind, f"{doc.file.name}#{i}") for i, ydoc in enumerate(docs)]


def _whole(ydoc: YamlDocument, kind: str, ref: str) -> Node:
    return Node(ref, kind, ydoc.value, LineSpan(ydoc.start_line, ydoc.end_line), ydoc.positions)
