"""docker-compose services that put an administration console or an unauthenticated
operations endpoint on every host interface, and search engines run with their security
switched off.

* `admin_console_published` (DC011): database and broker admin UIs (Adminer, pgAdmin,
  phpMyAdmin, mongo-express, Redis Commander, RedisInsight), identity and container consoles
  (Keycloak, Portainer), dashboards (Kibana, OpenSearch Dashboards, Grafana), Prometheus,
  Alertmanager and cAdvisor (no authentication at all by default), the Traefik dashboard
  (8080), and the management ports of RabbitMQ
  (15672), WildFly / JBoss based servers such as dcm4chee (9990, 9993) and MinIO's console
  (9001), published without a loopback binding. Such a console reaches the patient data behind
  it with one password, often a default one.
* `clinical_port_published` (DC013): DICOM (104, 11112; Orthanc's 4242) and HL7 v2 MLLP (2575;
  Mirth Connect's 6661) listeners published without a loopback binding. These protocols carry
  images and messages full of PHI, usually without TLS, and a DICOM archive answers queries
  from any calling AE title it is configured to trust.
* `search_security_disabled` (DC012): Elasticsearch or OpenSearch with its security plugin
  switched off (`xpack.security.enabled=false`, `plugins.security.disabled=true`,
  `DISABLE_SECURITY_PLUGIN=true`): every index is readable and writable by whoever reaches the
  port.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.iac.compose import public_ports
from hms_policy.detectors.iac.compose_local import local_stack_evidence
from hms_policy.model import LineSpan, Match, Severity
from hms_policy.targets.document import Document, Node

# Images whose every published port is the console (matched on the image's last path parts).
_CONSOLE_IMAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), name)
    for pattern, name in (
        (r"(?:^|/)adminer(?::|$)", "Adminer (database admin UI)"),
        (r"(?:^|/)pgadmin4?(?::|$)", "pgAdmin (PostgreSQL admin UI)"),
        (r"(?:^|/)phpmyadmin(?::|$)", "phpMyAdmin (MySQL admin UI)"),
        (r"(?:^|/)mongo-express(?::|$)", "mongo-express (MongoDB admin UI)"),
        (r"(?:^|/)redis-commander(?::|$)", "Redis Commander (no authentication by default)"),
        (r"(?:^|/)redisinsight(?::|$)", "RedisInsight (Redis admin UI)"),
        (r"(?:^|/)keycloak(?:-x)?(?::|$)", "Keycloak (identity admin console)"),
        (r"(?:^|/)portainer(?:-ce|-ee)?(?::|$)", "Portainer (container admin console)"),
        (r"(?:^|/)kibana(?::|$)", "Kibana"),
        (r"(?:^|/)opensearch-dashboards(?::|$)", "OpenSearch Dashboards"),
        (r"(?:^|/)grafana(?:-oss|-enterprise)?(?::|$)", "Grafana"),
        (r"(?:^|/)prometheus(?::|$)", "Prometheus (no authentication by default)"),
        (r"(?:^|/)alertmanager(?::|$)", "Alertmanager (no authentication by default)"),
        (r"(?:^|/)cadvisor(?::|$)", "cAdvisor (no authentication; every container's details)"),
    )
)
# Images whose management interface is one port among others.
_MANAGEMENT_PORTS: tuple[tuple[re.Pattern[str], frozenset[int], str], ...] = (
    (re.compile(r"(?:^|/)rabbitmq(?::|$)", re.I), frozenset({15672, 15671}), "RabbitMQ management UI"),
    (re.compile(r"(?:^|/)minio(?::|$)", re.I), frozenset({9001}), "MinIO console"),
    (re.compile(r"wildfly|jboss|keycloak|dcm4chee", re.I), frozenset({9990, 9993}), "WildFly management console"),
    # the `traefik` entry point: the dashboard and API, served there only with api.insecure
    (re.compile(r"(?:^|/)traefik(?::|$)", re.I), frozenset({8080}), "Traefik dashboard and API"),
)


def _image(service: Mapping[str, Any]) -> str:
    image = service.get("image")
    if not isinstance(image, str):
        return ""
    return image.split("@", 1)[0]


def _image_path(image: str) -> str:
    """`quay.io/keycloak/keycloak:24.0` -> `keycloak/keycloak:24.0` (the registry dropped)."""
    parts = image.split("/")
    return "/".join(parts[1:]) if len(parts) > 1 and ("." in parts[0] or ":" in parts[0]) else image


def _console(image: str, ports: list[int]) -> str | None:
    path = _image_path(image)
    for pattern, name in _CONSOLE_IMAGES:
        if pattern.search(path):
            return name
    for pattern, wanted, name in _MANAGEMENT_PORTS:
        if pattern.search(path) and wanted.intersection(ports):
            return name
    return None


def admin_console_published(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    local = local_stack_evidence(doc)
    cap = Severity.LOW if local else None  # a developer's own machine: worth knowing, not blocking
    facts = {"local_stack": local} if local else {}
    for node in _services(doc):
        image = _image(node.value)
        if not image:
            continue
        for index, ports in public_ports(node):
            console = _console(image, ports)
            if console is None:
                continue
            line = node.line_of(("ports", index))
            yield Match(
                LineSpan.at(line), entity=node.ref, key=f"ports[{index}]", context={"console": console, "port": str(ports[0]) if ports else "?"},
                max_severity=cap, extra=facts,
            )
            break  # one finding per service


# IANA-registered clinical protocol ports, judged on any image; the others only on their product.
_CLINICAL_PORTS = {104: "DICOM", 11112: "DICOM", 2575: "HL7 v2 MLLP"}
_PRODUCT_PORTS: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (re.compile(r"(?:^|/)orthanc", re.I), 4242, "DICOM"),
    (re.compile(r"mirth|nextgen-?connect|nextgenhealthcare/connect", re.I), 6661, "HL7 v2 MLLP"),
)


def clinical_port_published(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    local = local_stack_evidence(doc)
    cap = Severity.LOW if local else None
    facts = {"local_stack": local} if local else {}
    for node in _services(doc):
        path = _image_path(_image(node.value))
        for index, ports in public_ports(node):
            protocol = next((_CLINICAL_PORTS[p] for p in ports if p in _CLINICAL_PORTS), None)
            port = next((p for p in ports if p in _CLINICAL_PORTS), None)
            if protocol is None:
                for pattern, number, name in _PRODUCT_PORTS:
                    if number in ports and pattern.search(path):
                        protocol, port = name, number
            if protocol is None:
                continue
            yield Match(
                LineSpan.at(node.line_of(("ports", index))), entity=node.ref, key=f"ports[{index}]",
                context={"protocol": protocol, "port": str(port)}, max_severity=cap, extra=facts,
            )


_SEARCH_IMAGES = re.compile(r"(?:^|/)(?:elasticsearch|opensearch)(?::|$)", re.I)
_SECURITY_OFF = (
    (re.compile(r"^xpack\.security\.enabled$", re.I), frozenset({"false", "no", "off", "0"})),
    (re.compile(r"^plugins\.security\.disabled$", re.I), frozenset({"true", "yes", "on", "1"})),
    (re.compile(r"^(?:opendistro_security\.disabled|DISABLE_SECURITY_PLUGIN)$", re.I), frozenset({"true", "yes", "on", "1"})),
)


def search_security_disabled(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    local = local_stack_evidence(doc)
    cap = Severity.LOW if local else None
    facts = {"local_stack": local} if local else {}
    for node in _services(doc):
        if not _SEARCH_IMAGES.search(_image_path(_image(node.value))):
            continue
        for key, value, path in _environment(node.value):
            for name, off in _SECURITY_OFF:
                if name.match(key) and value.strip().strip("'\"").lower() in off:
                    yield Match(
                        LineSpan.at(node.line_of(path)), entity=node.ref, key=key, context={"setting": f"{key}={value.strip()}"},
                        max_severity=cap, extra=facts,
                    )


def _services(doc: Document) -> Iterator[Node]:
    for node in doc.nodes:
        if node.kind == "service" and isinstance(node.value, Mapping):
            yield node


def _environment(service: Mapping[str, Any]) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    """(name, value, path) of each environment entry, list or mapping syntax."""
    env = service.get("environment")
    if isinstance(env, Mapping):
        for key, value in env.items():
            if value is not None and not isinstance(value, (Mapping, list)):
                yield str(key), str(value).lower() if isinstance(value, bool) else str(value), ("environment", key)
    elif isinstance(env, list):
        for i, entry in enumerate(env):
            if isinstance(entry, str) and "=" in entry:
                key, _, value = entry.partition("=")
                yield key.strip(), value, ("environment", i)
