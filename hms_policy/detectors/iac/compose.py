"""docker-compose detectors."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.iac.docker_hub import pullable_from_docker_hub
from hms_policy.detectors.iac.compose_local import local_stack_evidence
from hms_policy.detectors.iac.infra_values import DATABASE_NAMES, DATABASE_PORTS
from hms_policy.model import LineSpan, Match, Severity
from hms_policy.targets.document import Document, Node

_LOOPBACK = re.compile(r"^(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$", re.I)
_VAR_DEFAULT = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$")


def _ports_of(spec: str) -> list[int]:
    """Container ports of a `5432` or `5432-5434` spec (variables: none known)."""
    spec = spec.strip()
    if "-" in spec:
        low, _, high = spec.partition("-")
        if low.isdigit() and high.isdigit() and 0 <= int(high) - int(low) <= 1000:
            return list(range(int(low), int(high) + 1))
        return []
    return [int(spec)] if spec.isdigit() else []


def _host_ip(raw: str | None) -> str | None:
    """The bound address: "" for all interfaces, None when it cannot be known."""
    if raw is None or raw == "":
        return ""
    default = _VAR_DEFAULT.match(raw)
    if default:
        return default.group(1)
    if "$" in raw:
        return None
    return raw.strip("[]")


def _database_image(service: Mapping[str, Any]) -> bool:
    image = service.get("image")
    return isinstance(image, str) and bool(DATABASE_NAMES.search(image.rsplit("/", 1)[-1].split(":", 1)[0]))


def database_port_published(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Database ports a compose service publishes on every host interface (no 127.0.0.1
    binding), and database services on the host network."""
    extra = frozenset(int(p) for p in params.get("extra_ports", ()))
    wanted = DATABASE_PORTS | extra
    # On a developer's machine the exposure is real but not gate-failing: cap it at medium.
    local = local_stack_evidence(doc)
    cap = Severity.MEDIUM if local else None
    facts = {"local_stack": local} if local else {}
    for node in doc.nodes:
        if node.kind != "service" or not isinstance(node.value, Mapping):
            continue
        service = node.value
        if str(service.get("network_mode", "")).strip() == "host" and _database_image(service):
            line = node.line_of(("network_mode",))
            yield Match(LineSpan.at(line), entity=node.ref, key="network_mode", context={"port": "all", "how": "network_mode: host"}, max_severity=cap, extra=facts)
        for i, container_ports in public_ports(node):
            hits = [p for p in container_ports if p in wanted]
            if hits:
                yield _port_match(node, i, str(hits[0]), cap, facts)


def public_ports(node: Node) -> Iterator[tuple[int, list[int]]]:
    """(index in `ports:`, container ports) of each entry a service publishes on every host
    interface; entries bound to loopback or one named interface, or unknowable, are left out."""
    ports = node.value.get("ports") if isinstance(node.value, Mapping) else None
    if not isinstance(ports, list):
        return
    for i, entry in enumerate(ports):
        found = _published(entry)
        if found is None:
            continue
        container_ports, host_ip = found
        if host_ip is None or (host_ip and (_LOOPBACK.match(host_ip) or host_ip not in ("0.0.0.0", "::", "*"))):
            continue
        yield i, container_ports


def _published(entry: Any) -> tuple[list[int], str | None] | None:
    if isinstance(entry, bool):
        return None
    if isinstance(entry, int):
        return [entry], ""  # a container port published on a random host port, all interfaces
    if isinstance(entry, Mapping):
        # Long syntax; without `published` a random host port is bound, still on all interfaces.
        target = entry.get("target")
        return ([int(target)] if str(target).isdigit() else []), _host_ip(str(entry.get("host_ip") or ""))
    if not isinstance(entry, str):
        return None
    text = entry.strip()
    parts = _split_port(text)
    if parts is None:
        return None
    ip, container = parts
    return _ports_of(container.split("/", 1)[0]), _host_ip(ip)


def _split_port(text: str) -> tuple[str | None, str] | None:
    """(host ip or None, container part) of a short-syntax port string."""
    ip: str | None = None
    rest = text
    if rest.startswith("["):  # [::1]:5432:5432
        close = rest.find("]")
        if close < 0:
            return None
        ip, rest = rest[: close + 1], rest[close + 2 :]
    elif rest.startswith("${"):
        close = rest.find("}")
        if close < 0:
            return None
        head, tail = rest[: close + 1], rest[close + 1 :]
        if tail.startswith(":") and tail.count(":") >= 2:
            ip, rest = head, tail[1:]
    pieces = rest.split(":")
    if ip is None and len(pieces) == 3:
        ip = pieces[0]
    if len(pieces) > 3:
        return None
    return ip, pieces[-1]


def _port_match(node: Node, index: int, port: str, cap: Severity | None, facts: Mapping[str, str]) -> Match:
    line = node.line_of(("ports", index))
    return Match(LineSpan.at(line), entity=node.ref, key=f"ports[{index}]", context={"port": port, "how": "ports"}, max_severity=cap, extra=facts)


# `name`, `repo/name` or `name:latest`, with no digest and no variable.
_MUTABLE_IMAGE = re.compile(r"^(?!.*@)(?!.*\$)(?:[^/\s]+/)*[^/:\s]+(?::latest)?$")


def mutable_image_tag(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Services that pull an untagged or `:latest` image. An image some service of the same
    file builds (`build:` with `image:` names the local build's tag) is not pulled, so
    neither that service nor another one running the same image is reported; nor is a service
    that never pulls (`pull_policy: never` or `build`: the image is built on the host), nor a
    one-word name that no registry serves (`bb-api:latest`: a tag `docker build` gave)."""
    services = [n for n in doc.nodes if n.kind == "service" and isinstance(n.value, Mapping)]
    built = {_image_name(n.value.get("image")) for n in services if n.value.get("build") is not None}
    for node in services:
        image = node.value.get("image")
        if not isinstance(image, str) or node.value.get("build") is not None:
            continue
        if str(node.value.get("pull_policy", "")).lower() in ("never", "build"):
            continue
        if _MUTABLE_IMAGE.match(image) and _image_name(image) not in built and pullable_from_docker_hub(image):
            yield Match(LineSpan.at(node.line_of(("image",))), entity=node.ref, context={"attribute": "image", "kind": node.kind, "value": image})


def _image_name(image: Any) -> str:
    """`repo/app:latest` and `repo/app` are the same image."""
    text = str(image or "")
    return text[: -len(":latest")] if text.endswith(":latest") else text
