"""The image config (`docker inspect`'s Config): who the container runs as, what its
environment holds, which ports it exposes, whether it has a health check and provenance.

The document is the config JSON; its one node is the whole object, with line positions.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.iac.values import credential_name, describes_credential
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.secrets.placeholders import is_placeholder
from hms_policy.targets.document import Document, Node

_ROOT_USERS = re.compile(r"^(?:root|0)(?::(?:root|0))?$")


def _config(doc: Document) -> tuple[Node, Mapping[str, Any]] | None:
    for node in doc.nodes:
        value = node.value
        if isinstance(value, Mapping) and isinstance(value.get("config"), Mapping):
            return node, value["config"]
    return None


def _line(node: Node, *path: Any) -> int:
    for depth in range(len(path), 0, -1):
        line = node.positions.get(("config", *path[:depth]))
        if line:
            return line
    return node.positions.get(("config",)) or node.span.start


def runs_as_root(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _config(doc)
    if found is None:
        return
    node, config = found
    user = str(config.get("User") or "").strip()
    if user and not _ROOT_USERS.match(user):
        return
    reason = "no user is set, so it runs as root" if not user else f"its user is {user}"
    yield Match(LineSpan.at(_line(node, "User")), entity="config.User", context={"reason": reason})


def secret_in_env(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _config(doc)
    if found is None:
        return
    node, config = found
    env = config.get("Env")
    if not isinstance(env, list):
        return
    for i, item in enumerate(env):
        if not isinstance(item, str) or "=" not in item:
            continue
        name, _, value = item.partition("=")
        if not value or not credential_name(name) or describes_credential(value) or is_placeholder(value):
            continue
        line = _line(node, "Env", i)
        yield Match(
            LineSpan.at(line),
            entity=f"config.Env[{name}]",
            key=name,
            redactions=_mask(doc, line, value),
            context={"name": name},
        )


def _mask(doc: Document, line: int, value: str) -> tuple[Redaction, ...]:
    text = doc.line(line)
    at = text.find(value)
    if at >= 0:
        return (Redaction(line, at, at + len(value)),)
    return (Redaction(line, 0, max(1, len(text))),)  # escaped differently: hide the whole line


def exposed_admin_port(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _config(doc)
    if found is None:
        return
    node, config = found
    ports = config.get("ExposedPorts")
    if not isinstance(ports, Mapping):
        return
    services = {int(k): str(v) for k, v in (params.get("ports") or {}).items()}
    for spec in ports:
        number = str(spec).split("/", 1)[0]
        if number.isdigit() and int(number) in services:
            yield Match(LineSpan.at(_line(node, "ExposedPorts", spec)), entity=f"config.ExposedPorts[{spec}]", context={"port": spec, "service": services[int(number)]})


def no_healthcheck(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _config(doc)
    if found is None:
        return
    node, config = found
    check = config.get("Healthcheck")
    test = check.get("Test") if isinstance(check, Mapping) else None
    if isinstance(test, list) and test and test[0] != "NONE":
        return
    reason = "HEALTHCHECK NONE switches it off" if isinstance(test, list) and test[:1] == ["NONE"] else "the image defines no HEALTHCHECK"
    yield Match(LineSpan.at(_line(node, "Healthcheck")), entity="config.Healthcheck", context={"reason": reason})


def missing_provenance_labels(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _config(doc)
    if found is None:
        return
    node, config = found
    labels = config.get("Labels") if isinstance(config.get("Labels"), Mapping) else {}
    wanted = [str(x) for x in params.get("labels") or ()]
    missing = [label for label in wanted if not str(labels.get(label) or "").strip()]
    if missing:
        yield Match(LineSpan.at(_line(node, "Labels")), entity="config.Labels", context={"missing": ", ".join(missing)})
