"""Kubernetes detectors over workload pod specs."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node

# kind -> where its pod spec lives
POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")


def pod_spec(node: Node) -> tuple[tuple[str, ...], Mapping[str, Any]] | None:
    path = POD_SPEC_PATHS.get(node.kind)
    if path is None:
        return None
    spec = node.get(".".join(path))
    return (path, spec) if isinstance(spec, Mapping) else None


def containers(node: Node) -> Iterator[tuple[tuple[Any, ...], Mapping[str, Any]]]:
    """(path, container) for every container of a workload."""
    found = pod_spec(node)
    if found is None:
        return
    base, spec = found
    for list_name in CONTAINER_LISTS:
        items = spec.get(list_name)
        if isinstance(items, list):
            for i, container in enumerate(items):
                if isinstance(container, Mapping):
                    yield (*base, list_name, i), container


def privileged_container(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Containers that run privileged or may escalate privileges."""
    allowed = set(params.get("allow_namespaces", ()))
    for node in doc.nodes:
        if node.meta.get("namespace") in allowed:
            continue
        for path, container in containers(node):
            context = container.get("securityContext")
            if not isinstance(context, Mapping):
                continue
            for field in ("privileged", "allowPrivilegeEscalation"):
                if context.get(field) is True or str(context.get(field)).lower() == "true":
                    line = node.line_of((*path, "securityContext", field))
                    name = container.get("name", "?")
                    yield Match(LineSpan.at(line), entity=f"{node.ref}/container[{name}]", key=field, context={"field": field, "container": str(name)})
