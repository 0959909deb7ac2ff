"""Helm values detectors: the settings common chart conventions expose (`image.tag`,
`*securityContext`, `hostNetwork`, `*service.type`, `ingress.enabled` / `ingress.tls`),
found at any depth so umbrella charts' sub-chart values (`postgresql.primary.service`) count.

Templates are never parsed (they are not YAML); these rules read values files only.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.iac.infra_values import (
    DATABASE_NAMES,
    DATABASE_PORTS,
    INTERNAL_LB_ANNOTATIONS,
    OPEN_RANGES,
    as_int,
    is_false,
    is_true,
    walk,
)
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node

_IMAGE_KEY = re.compile(r"(?:^|[a-z_])image$", re.I)
_SECURITY_CONTEXT_KEY = re.compile(r"securitycontext$", re.I)
_SERVICE_KEY = re.compile(r"(?:^|[a-z_])service$", re.I)
_INGRESS_KEY = re.compile(r"(?:^|[a-z_])ingress$", re.I)
_TLS_ANNOTATIONS = (
    "alb.ingress.kubernetes.io/certificate-arn",
    "networking.gke.io/managed-certificates",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
)


def _keyed(doc: Document) -> Iterator[tuple[Node, tuple[Any, ...], str, Any]]:
    """(node, path, key, value) for every mapping entry of every values document, except
    those inside a block its chart switches off (`volumePermissions: {enabled: false, ...}`)."""
    for node in doc.nodes:
        yield from _keyed_node(node)


def _keyed_node(node: Node) -> Iterator[tuple[Node, tuple[Any, ...], str, Any]]:
    for path, value in walk(node.value):
        if path and isinstance(path[-1], str) and not _switched_off(node.value, path):
            yield node, path, path[-1], value


def _switched_off(values: Any, path: tuple[Any, ...]) -> bool:
    """True when a mapping on the way to `path` (or at it) says `enabled: false`."""
    current = values
    for part in (*path, None):
        if isinstance(current, Mapping) and "enabled" in current and is_false(current.get("enabled")):
            return True
        if isinstance(current, Mapping):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            return False
    return False


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path)


def image_tag_latest(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`image.tag: latest` (or an image string ending in `:latest`). An empty tag is the
    chart's appVersion, which is pinned by the chart release, so it is not reported."""
    for node, path, key, value in _keyed(doc):
        if not _IMAGE_KEY.search(key):
            continue
        if isinstance(value, Mapping):
            if str(value.get("tag", "")).strip() == "latest" and not value.get("digest"):
                yield Match(LineSpan.at(node.line_of((*path, "tag"))), entity=f"{node.ref}:{_dotted(path)}", key=_dotted(path), context={"where": f"{_dotted(path)}.tag"})
        elif isinstance(value, str) and value.strip().endswith(":latest") and "@" not in value:
            yield Match(LineSpan.at(node.line_of(path)), entity=f"{node.ref}:{_dotted(path)}", key=_dotted(path), context={"where": _dotted(path)})


def _security_contexts(doc: Document) -> Iterator[tuple[Node, tuple[Any, ...], Mapping[str, Any]]]:
    for node, path, key, value in _keyed(doc):
        if _SECURITY_CONTEXT_KEY.search(key) and isinstance(value, Mapping):
            yield node, path, value


def privileged_security_context(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`privileged: true` or `allowPrivilegeEscalation: true` in a `*securityContext` value."""
    for node, path, context in _security_contexts(doc):
        for field in ("privileged", "allowPrivilegeEscalation"):
            if is_true(context.get(field)):
                yield Match(LineSpan.at(node.line_of((*path, field))), entity=f"{node.ref}:{_dotted(path)}", key=field, context={"where": f"{_dotted(path)}.{field}"})


def root_security_context(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`runAsUser: 0` or `runAsNonRoot: false` in a `*securityContext` value."""
    for node, path, context in _security_contexts(doc):
        if as_int(context.get("runAsUser")) == 0:
            yield Match(LineSpan.at(node.line_of((*path, "runAsUser"))), entity=f"{node.ref}:{_dotted(path)}", key="runAsUser", context={"where": f"{_dotted(path)}.runAsUser: 0"})
        elif is_false(context.get("runAsNonRoot")) and context.get("runAsUser") is None:
            yield Match(LineSpan.at(node.line_of((*path, "runAsNonRoot"))), entity=f"{node.ref}:{_dotted(path)}", key="runAsNonRoot", context={"where": f"{_dotted(path)}.runAsNonRoot: false"})


def host_namespaces(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`hostNetwork`, `hostPID` or `hostIPC` set to true anywhere in the values."""
    for node, path, key, value in _keyed(doc):
        if key in ("hostNetwork", "hostPID", "hostIPC") and is_true(value):
            yield Match(LineSpan.at(node.line_of(path)), entity=f"{node.ref}:{_dotted(path)}", key=_dotted(path), context={"where": _dotted(path)})


def database_service_exposed(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """A `*service.type` of LoadBalancer or NodePort in a database chart's values: the chart's
    directory, a parent key (`postgresql.primary.service`), the service's ports or the
    values' image repository say it is a database."""
    chart_is_database = any(DATABASE_NAMES.search(part) for part in doc.path.split("/")[:-1])
    for node in doc.nodes:
        image_hint = _image_repositories(node.value)
        for _, path, key, value in _keyed_node(node):
            if not _SERVICE_KEY.search(key) or not isinstance(value, Mapping):
                continue
            kind = str(value.get("type", "")).strip()
            if kind not in ("LoadBalancer", "NodePort"):
                continue
            if kind == "LoadBalancer" and _restricted(value):
                continue
            named = any(isinstance(p, str) and DATABASE_NAMES.search(p) for p in path[:-1])
            ports = any(as_int(v) in DATABASE_PORTS for _, v in walk(value) if not isinstance(v, (Mapping, list)))
            if not (chart_is_database or named or ports or image_hint):
                continue
            yield Match(LineSpan.at(node.line_of((*path, "type"))), entity=f"{node.ref}:{_dotted(path)}", key=_dotted(path), context={"where": f"{_dotted(path)}.type", "how": kind})


def _image_repositories(values: Any) -> bool:
    image = values.get("image") if isinstance(values, Mapping) else None
    repository = image.get("repository") if isinstance(image, Mapping) else image
    return isinstance(repository, str) and bool(DATABASE_NAMES.search(repository.rsplit("/", 1)[-1]))


def _restricted(service: Mapping[str, Any]) -> bool:
    annotations = service.get("annotations")
    if isinstance(annotations, Mapping) and any(str(annotations.get(k, "")).strip().lower() in v for k, v in INTERNAL_LB_ANNOTATIONS.items()):
        return True
    ranges = service.get("loadBalancerSourceRanges")
    return isinstance(ranges, list) and bool(ranges) and not OPEN_RANGES & {str(r).strip() for r in ranges}


def ingress_without_tls(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`ingress.enabled: true` with no TLS: `tls` empty or false, no `extraTls`, no TLS on any
    host entry and no load-balancer certificate annotation."""
    for node, path, key, value in _keyed(doc):
        if not _INGRESS_KEY.search(key) or not isinstance(value, Mapping) or not is_true(value.get("enabled")):
            continue
        if _has_tls(value):
            continue
        yield Match(LineSpan.at(node.line_of((*path, "enabled"))), entity=f"{node.ref}:{_dotted(path)}", key=_dotted(path), context={"where": _dotted(path)})


def _has_tls(ingress: Mapping[str, Any]) -> bool:
    tls = ingress.get("tls")
    if (isinstance(tls, list) and tls) or is_true(tls) or (isinstance(tls, Mapping) and tls):
        return True
    if isinstance(tls, str) and "$" in tls:
        return True  # templated: not judged
    extra = ingress.get("extraTls")
    if isinstance(extra, list) and extra:
        return True
    hosts = ingress.get("hosts")
    if isinstance(hosts, list) and any(isinstance(h, Mapping) and (is_true(h.get("tls")) or h.get("tlsSecret") or h.get("secretName")) for h in hosts):
        return True
    annotations = ingress.get("annotations")
    return isinstance(annotations, Mapping) and any(a in annotations for a in _TLS_ANNOTATIONS)
