"""Kubernetes detectors: pod specs of every workload kind, Services, Secrets, RBAC, audit
policies and NetworkPolicy coverage.

Each detector reads the document's parsed objects (and, for cross-object questions, the
other manifests scanned with it: `doc.group`), yields positions and safe context, and keeps
Secret and credential values inside its frame (they leave only as redaction spans).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.iac.infra_values import (
    DATABASE_NAMES,
    DATABASE_PORTS,
    INTERNAL_LB_ANNOTATIONS,
    OPEN_RANGES,
    as_int,
    block_redactions,
    image_problem,
    insecure_health_urls,
    is_false,
    is_placeholder,
    is_true,
    literal_credential,
    secret_like_name,
    value_redactions,
    walk,
)
from hms_policy.model import LineSpan, Match, Redaction, TargetKind
from hms_policy.targets.document import Document, Node

# kind -> where its pod spec lives
POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "PodTemplate": ("template", "spec"),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    "Rollout": ("spec", "template", "spec"),  # Argo Rollouts
    "DeploymentConfig": ("spec", "template", "spec"),  # OpenShift
}
WORKLOAD_KINDS = frozenset(POD_SPEC_PATHS) | {"Service"}  # Knative Services carry a pod spec
CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")

Path = tuple[Any, ...]


def pod_spec(node: Node) -> tuple[Path, Mapping[str, Any]] | None:
    path = POD_SPEC_PATHS.get(node.kind)
    if node.kind == "Service":
        api = str(node.get("apiVersion", ""))
        path = ("spec", "template", "spec") if api.startswith("serving.knative.dev/") else None
    if path is None:
        return None
    spec = node.get(".".join(path))
    return (path, spec) if isinstance(spec, Mapping) else None


def containers(node: Node, lists: tuple[str, ...] = CONTAINER_LISTS) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """(path, container) for every container of a workload."""
    found = pod_spec(node)
    if found is None:
        return
    base, spec = found
    for list_name in lists:
        items = spec.get(list_name)
        if isinstance(items, list):
            for i, container in enumerate(items):
                if isinstance(container, Mapping):
                    yield (*base, list_name, i), container


def _name(container: Mapping[str, Any]) -> str:
    return str(container.get("name", "?"))


def _entity(node: Node, container: Mapping[str, Any]) -> str:
    return f"{node.ref}/container[{_name(container)}]"


def _skip_namespace(node: Node, params: Mapping[str, Any]) -> bool:
    return node.meta.get("namespace") in set(params.get("allow_namespaces", ()))


def _workloads(doc: Document, params: Mapping[str, Any]) -> Iterator[Node]:
    for node in doc.nodes:
        if node.kind in WORKLOAD_KINDS and not _skip_namespace(node, params):
            yield node


def _sc(container: Mapping[str, Any]) -> Mapping[str, Any]:
    context = container.get("securityContext")
    return context if isinstance(context, Mapping) else {}


# ---- container hardening ----------------------------------------------------------------


def privileged_container(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Containers that run privileged or explicitly allow privilege escalation."""
    for node in _workloads(doc, params):
        for path, container in containers(node):
            context = _sc(container)
            for field in ("privileged", "allowPrivilegeEscalation"):
                if is_true(context.get(field)):
                    line = node.line_of((*path, "securityContext", field))
                    yield Match(LineSpan.at(line), entity=_entity(node, container), key=field, context={"field": field, "container": _name(container)})


def privilege_escalation_not_disabled(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Containers that do not set `allowPrivilegeEscalation: false` (it defaults to true).

    Explicit `true` and privileged containers are K8S001's findings, not repeated here."""
    for node in _workloads(doc, params):
        for path, container in containers(node, ("initContainers", "containers")):
            context = _sc(container)
            value = context.get("allowPrivilegeEscalation")
            if is_false(value) or is_true(value) or is_true(context.get("privileged")):
                continue
            if isinstance(value, str) and "$" in value:
                continue  # templated
            yield Match(LineSpan.at(node.line_of(path)), entity=_entity(node, container), key="allowPrivilegeEscalation", context={"container": _name(container)})


def _user_setting(pod: Mapping[str, Any], container: Mapping[str, Any], field: str) -> tuple[Any, str]:
    """The effective value of a securityContext field and where it was set."""
    own = _sc(container).get(field)
    if own is not None:
        return own, "container"
    pod_context = pod.get("securityContext")
    if isinstance(pod_context, Mapping) and pod_context.get(field) is not None:
        return pod_context.get(field), "pod"
    return None, ""


def runs_as_root(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Containers that run as UID 0, or do not require a non-root user.

    The container's securityContext overrides the pod's. `runAsUser: 0` (or
    `runAsNonRoot: false`) is reported where it is set; a container with neither
    `runAsNonRoot: true` nor a non-zero `runAsUser` is reported at the container."""
    for node in _workloads(doc, params):
        found = pod_spec(node)
        if found is None:
            continue
        base, pod = found
        pod_sc = pod.get("securityContext") if isinstance(pod.get("securityContext"), Mapping) else {}
        if isinstance(pod_sc, Mapping) and isinstance(pod_sc.get("windowsOptions"), Mapping):
            continue  # Windows pods run as a user name, not a UID
        for path, container in containers(node, ("initContainers", "containers")):
            if isinstance(_sc(container).get("windowsOptions"), Mapping):
                continue
            user, user_at = _user_setting(pod, container, "runAsUser")
            non_root, non_root_at = _user_setting(pod, container, "runAsNonRoot")
            uid = as_int(user)
            if user is not None and uid is None:
                continue  # templated or unresolvable: not judged
            where = (*path, "securityContext") if user_at == "container" else (*base, "securityContext")
            if uid == 0:
                line = node.line_of((*where, "runAsUser"))
                yield Match(LineSpan.at(line), entity=_entity(node, container), key="uid0", context={"container": _name(container), "reason": f"runAsUser: 0 set at {user_at} level"})
                continue
            if uid is not None and uid > 0:
                continue
            if is_true(non_root):
                continue
            if is_false(non_root):
                where = (*path, "securityContext") if non_root_at == "container" else (*base, "securityContext")
                line = node.line_of((*where, "runAsNonRoot"))
                reason = f"runAsNonRoot: false set at {non_root_at} level"
            else:
                line = node.line_of(path)
                reason = "neither runAsNonRoot: true nor a non-zero runAsUser (the image decides, often root)"
            yield Match(LineSpan.at(line), entity=_entity(node, container), key="non-root-not-required", context={"container": _name(container), "reason": reason})


def host_path_volume(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Pod volumes that mount a directory or socket of the node."""
    for node in _workloads(doc, params):
        found = pod_spec(node)
        if found is None:
            continue
        base, pod = found
        volumes = pod.get("volumes")
        if not isinstance(volumes, list):
            continue
        for i, volume in enumerate(volumes):
            if not isinstance(volume, Mapping) or not isinstance(volume.get("hostPath"), Mapping):
                continue
            host_path = str(volume["hostPath"].get("path", "?"))
            line = node.line_of((*base, "volumes", i, "hostPath"))
            yield Match(LineSpan.at(line), entity=f"{node.ref}/volume[{volume.get('name', i)}]", key="hostPath", context={"host_path": host_path[:120]})


def missing_resource_limits(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Containers without the resource limits named in `required` (default: memory).

    A LimitRange with default limits for the same namespace, scanned together with the
    workload, supplies them, so its containers are not reported."""
    required = tuple(params.get("required", ("memory",)))
    defaults = _limit_range_defaults(doc)
    for node in _workloads(doc, params):
        namespace = node.meta.get("namespace")
        # Init containers run to completion before the pod starts (a wait loop, a config
        # copy); what the pod holds while it serves is its containers' limits.
        for path, container in containers(node, ("containers",)):
            resources = container.get("resources")
            limits = resources.get("limits") if isinstance(resources, Mapping) else None
            limits = limits if isinstance(limits, Mapping) else {}
            missing = [r for r in required if limits.get(r) in (None, "") and r not in defaults.get(namespace, set())]
            if missing:
                at = (*path, "resources") if isinstance(resources, Mapping) else path
                yield Match(LineSpan.at(node.line_of(at)), entity=_entity(node, container), key="limits", context={"container": _name(container), "missing": ", ".join(missing)})


def _limit_range_defaults(doc: Document) -> dict[Any, set[str]]:
    out: dict[Any, set[str]] = {}
    for other in _group_nodes(doc):
        if other.kind != "LimitRange":
            continue
        for item in other.get("spec.limits") or []:
            if isinstance(item, Mapping) and item.get("type", "Container") == "Container" and isinstance(item.get("default"), Mapping):
                out.setdefault(other.meta.get("namespace"), set()).update(str(k) for k in item["default"])
    return out


def writable_root_filesystem(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Containers whose root filesystem is writable (`readOnlyRootFilesystem` not true)."""
    for node in _workloads(doc, params):
        for path, container in containers(node, ("initContainers", "containers")):
            value = _sc(container).get("readOnlyRootFilesystem")
            if is_true(value) or (isinstance(value, str) and "$" in value):
                continue
            at = (*path, "securityContext", "readOnlyRootFilesystem") if value is not None else path
            yield Match(LineSpan.at(node.line_of(at)), entity=_entity(node, container), key="readOnlyRootFilesystem", context={"container": _name(container)})


def mutable_image(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Container images referenced by `:latest` or without any tag or digest."""
    for node in _workloads(doc, params):
        for path, container in containers(node):
            problem = image_problem(container.get("image"))
            if problem is None:
                continue
            line = node.line_of((*path, "image"))
            reason = "uses the :latest tag" if problem == "latest" else "has no tag or digest (means :latest)"
            yield Match(LineSpan.at(line), entity=_entity(node, container), key="image", context={"container": _name(container), "reason": reason})


# ---- credentials and Secrets ------------------------------------------------------------


def credential_in_manifest(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Literal credentials in container `env` values and ConfigMap data (not Secrets)."""
    for node in doc.nodes:
        if node.kind == "ConfigMap":
            data = node.get("data")
            if isinstance(data, Mapping):
                for key, value in data.items():
                    if literal_credential(str(key), value):
                        line = node.line_of(("data", key))
                        yield _credential_match(doc, node, line, value, f"{node.ref}/data[{key}]", str(key))
            continue
        for path, container in containers(node):
            env = container.get("env")
            if not isinstance(env, list):
                continue
            for i, item in enumerate(env):
                if not isinstance(item, Mapping) or "valueFrom" in item:
                    continue
                name = str(item.get("name", ""))
                value = item.get("value")
                if literal_credential(name, value):
                    line = node.line_of((*path, "env", i, "value"))
                    yield _credential_match(doc, node, line, value, f"{_entity(node, container)}/env[{name}]", name)


def _credential_match(doc: Document, node: Node, line: int, value: Any, entity: str, name: str) -> Match:
    raw = str(value)
    if "\n" in raw:
        redactions = block_redactions(doc, line, line + raw.count("\n") + 1)
    else:
        redactions = value_redactions(doc, line, [raw])
    return Match(LineSpan.at(line), entity=entity, key=name, redactions=redactions, context={"name": name})


def secret_with_data(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Secrets committed with real values in `data` / `stringData` (base64 is not encryption).

    Empty values, placeholders and `${VAR}` references are not findings, nor are
    SOPS-encrypted files. One finding per Secret; every value line is masked."""
    for node in doc.nodes:
        if node.kind != "Secret" or not str(node.get("apiVersion", "v1")).startswith("v1"):
            continue
        if isinstance(node.get("sops"), Mapping):
            continue  # encrypted with SOPS: values are ciphertext
        keys: list[str] = []
        redactions: list[Redaction] = []
        first_line = 0
        for section in ("data", "stringData"):
            block = node.get(section)
            if not isinstance(block, Mapping):
                continue
            for key, value in block.items():
                plain = _decode(value) if section == "data" else value
                if is_placeholder(plain) or is_placeholder(value) or not _secret_entry(str(key), plain):
                    continue
                keys.append(str(key))
                line = node.line_of((section, key))
                first_line = first_line or node.line_of((section,))
                raw = str(value)
                if "\n" in raw.rstrip("\n"):
                    redactions.extend(block_redactions(doc, line, line + raw.rstrip("\n").count("\n") + 1))
                else:
                    redactions.extend(value_redactions(doc, line, [raw]))
        if keys:
            # The section's own line too: a flow mapping (`data: {k: v}`) keeps values on it.
            section_line = doc.line(first_line)
            if "{" in section_line:
                redactions.extend(block_redactions(doc, first_line, first_line))
            shown = ", ".join(sorted(keys)[:5]) + (", ..." if len(keys) > 5 else "")
            yield Match(LineSpan.at(first_line), entity=node.ref, key="data", redactions=tuple(redactions), context={"count": str(len(keys)), "keys": shown})


# Keys of a Secret that hold a file (`config.json`, `tls.key`, `.dockerconfigjson`) or a
# short credential name (`key`, `pass`, `pin`).
_SECRET_FILE_KEY = re.compile(r"^\.|\.(?:json|ya?ml|key|pem|p12|pfx|jks|keystore|conf|cfg|ini|properties|env|toml|xml|txt)$|^(?:key|pass|pin|auth)$", re.I)


def _secret_entry(key: str, value: Any) -> bool:
    """Only a credential is a committed secret: a password, token or key by its name, a
    file, or a URL with a password in it. A user name or a database name alone is not."""
    if secret_like_name(key) or _SECRET_FILE_KEY.search(key):
        return True
    text = str(value)
    return "\n" in text.strip() or literal_credential(key, value)


def _decode(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return base64.b64decode(value.strip(), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return value  # not base64: judged as written


# ---- transport --------------------------------------------------------------------------


def http_health_endpoint(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`http://` URLs of health-data APIs (FHIR, HL7, DICOM, EHR, patient services) in any
    string value of a manifest, compose service, Helm values file or Dockerfile ENV/ARG."""
    seen: set[tuple[int, str]] = set()
    internal = _compose_hosts(doc) if doc.kind is TargetKind.COMPOSE else frozenset()
    for node in doc.nodes:
        if doc.kind is TargetKind.DOCKERFILE:
            if node.kind not in ("ENV", "ARG", "LABEL"):
                continue
            items: Iterator[tuple[Any, Any]] = iter([((), node.value.get("args", ""))])
        else:
            items = walk(node.value)
        for path, value in items:
            if not isinstance(value, str) or "http://" not in value.lower():
                continue
            for start, _, host in insecure_health_urls(value):
                if host.lower() in internal:
                    continue  # another service of the same compose project: its own network
                line = node.line_of(path) if path else node.span.start
                if "\n" in value and doc.kind is not TargetKind.DOCKERFILE:
                    line = _block_line(doc, line, value, start)
                if (line, host) in seen:
                    continue
                seen.add((line, host))
                where = ".".join(str(p) for p in path) if path else node.kind
                yield Match(LineSpan.at(line), entity=node.ref, key=f"{where}|{host}", context={"host": host, "where": where[:120]})


def _compose_hosts(doc: Document) -> frozenset[str]:
    """Names the services of a compose project answer to on its network: service names,
    `hostname`, `container_name`, network aliases and `links` aliases (this file and the
    files composed with it)."""
    names: set[str] = set()
    for node in (*doc.nodes, *(n for other in doc.group if other.kind is TargetKind.COMPOSE for n in other.nodes)):
        if node.kind != "service" or not isinstance(node.value, Mapping):
            continue
        names.add(str(node.meta.get("name", "")).lower())
        for key in ("hostname", "container_name"):
            if isinstance(node.value.get(key), str):
                names.add(node.value[key].lower())
        networks = node.value.get("networks")
        for network in networks.values() if isinstance(networks, Mapping) else ():
            aliases = network.get("aliases") if isinstance(network, Mapping) else None
            names.update(str(a).lower() for a in aliases or () if isinstance(aliases, list))
        for link in node.value.get("links") or () if isinstance(node.value.get("links"), list) else ():
            names.update(part.strip().lower() for part in str(link).split(":"))
    names.discard("")
    return frozenset(names)


def _block_line(doc: Document, key_line: int, value: str, offset: int) -> int:
    """The line of `offset` inside a block scalar that starts after `key_line`."""
    line = key_line + 1 + value.count("\n", 0, offset)
    wanted = value[offset : offset + 20]
    return line if wanted and wanted in doc.line(line) else key_line


def _group_nodes(doc: Document) -> Iterator[Node]:
    for other in doc.group:
        if other.kind is TargetKind.KUBERNETES:
            yield from other.nodes


# ---- exposure ---------------------------------------------------------------------------



def _database_port(port: Mapping[str, Any], extra: frozenset[int]) -> str | None:
    for field in ("port", "targetPort", "containerPort"):
        number = as_int(port.get(field))
        if number is not None and (number in DATABASE_PORTS or number in extra):
            return str(number)
    for field in ("name", "targetPort"):
        value = port.get(field)
        if isinstance(value, str) and DATABASE_NAMES.search(value):
            return value
    return None


def service_exposes_database(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """LoadBalancer and NodePort Services (and external IPs) that publish a database port."""
    extra = frozenset(int(p) for p in params.get("extra_ports", ()))
    for node in doc.nodes:
        if node.kind != "Service" or str(node.get("apiVersion", "v1")) != "v1":
            continue
        kind = str(node.get("spec.type") or "ClusterIP")
        external_ips = node.get("spec.externalIPs")
        if kind not in ("LoadBalancer", "NodePort") and not (isinstance(external_ips, list) and external_ips):
            continue
        annotations = node.get("metadata.annotations")
        if kind == "LoadBalancer" and isinstance(annotations, Mapping):
            if any(str(annotations.get(k, "")).strip().lower() in v for k, v in INTERNAL_LB_ANNOTATIONS.items()):
                continue
        ranges = node.get("spec.loadBalancerSourceRanges")
        if kind == "LoadBalancer" and isinstance(ranges, list) and ranges and not OPEN_RANGES & {str(r).strip() for r in ranges}:
            continue  # reachable only from the listed networks
        ports = node.get("spec.ports")
        if not isinstance(ports, list):
            continue
        how = kind if kind in ("LoadBalancer", "NodePort") else "externalIPs"
        for i, port in enumerate(ports):
            if isinstance(port, Mapping) and (which := _database_port(port, extra)) is not None:
                line = node.line_of(("spec", "ports", i))
                yield Match(LineSpan.at(line), entity=node.ref, key=f"port[{i}]", context={"port": which, "how": how})


def host_port_database(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Container ports published on the node's own interfaces (`hostPort`) for a database."""
    extra = frozenset(int(p) for p in params.get("extra_ports", ()))
    for node in _workloads(doc, params):
        for path, container in containers(node):
            for i, port in enumerate(container.get("ports") or []):
                if not isinstance(port, Mapping) or as_int(port.get("hostPort")) in (None, 0):
                    continue
                which = _database_port({"containerPort": port.get("containerPort"), "hostPort": port.get("hostPort"), "port": port.get("hostPort"), "name": port.get("name")}, extra)
                if which is None:
                    continue
                host_ip = str(port.get("hostIP") or "")
                if host_ip.startswith("127.") or host_ip == "::1":
                    continue
                line = node.line_of((*path, "ports", i, "hostPort"))
                yield Match(LineSpan.at(line), entity=_entity(node, container), key=f"hostPort[{i}]", context={"port": which, "container": _name(container)})


# ---- access control ---------------------------------------------------------------------


def automount_service_account_token(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Pods that run under the namespace's `default` service account and still mount its API
    token. A pod with its own service account is assumed to need the API (someone bound a
    role to it); a `default` ServiceAccount scanned with it that sets
    `automountServiceAccountToken: false` covers its pods."""
    disabled_defaults = {
        other.meta.get("namespace")
        for other in _group_nodes(doc)
        if other.kind == "ServiceAccount" and other.get("metadata.name") == "default" and is_false(other.get("automountServiceAccountToken"))
    }
    for node in _workloads(doc, params):
        found = pod_spec(node)
        if found is None:
            continue
        base, pod = found
        account = pod.get("serviceAccountName") or pod.get("serviceAccount") or "default"
        mount = pod.get("automountServiceAccountToken")
        if is_false(mount) or account != "default":
            continue
        if mount is None and node.meta.get("namespace") in disabled_defaults:
            continue
        at = (*base, "automountServiceAccountToken") if mount is not None else base
        yield Match(LineSpan.at(node.line_of(at)), entity=node.ref, key="automount", context={"account": str(account)})


# ---- audit logging ----------------------------------------------------------------------

_RULE_FILTERS = ("users", "userGroups", "verbs", "resources", "namespaces", "nonResourceURLs")


def audit_policy_logs_nothing(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Audit policies under which no request is ever logged: no rules, only `level: None`
    rules, or a catch-all `level: None` rule before any rule that logs."""
    for node in doc.nodes:
        if node.kind != "Policy" or not str(node.get("apiVersion", "")).startswith("audit.k8s.io/"):
            continue
        rules = node.get("rules")
        if not isinstance(rules, list) or not rules:
            yield Match(LineSpan.at(node.line_of(("rules",))), entity=node.ref, key="audit", context={"reason": "it has no rules"})
            continue
        for i, rule in enumerate(rules):
            if not isinstance(rule, Mapping):
                continue
            level = str(rule.get("level", ""))
            if level != "None":
                break  # some request is logged before any catch-all silences it
            if not any(rule.get(f) for f in _RULE_FILTERS):
                line = node.line_of(("rules", i))
                yield Match(LineSpan.at(line), entity=node.ref, key="audit", context={"reason": f"rule {i + 1} sets level None for every request"})
                break
        else:
            yield Match(LineSpan.at(node.line_of(("rules",))), entity=node.ref, key="audit", context={"reason": "every rule sets level None"})


# ---- network isolation ------------------------------------------------------------------

_NETWORK_POLICY_KINDS = frozenset({"NetworkPolicy", "CiliumNetworkPolicy", "AdminNetworkPolicy"})
_CLUSTER_WIDE_POLICY_KINDS = frozenset({"CiliumClusterwideNetworkPolicy", "GlobalNetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy"})


def namespace_without_network_policy(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """A Namespace declared in the scanned manifests whose workloads (scanned with it) have no
    NetworkPolicy in that namespace, so every pod accepts traffic from every other pod.

    Judged only where the scanned set owns the namespace (declares it) and has its
    workloads; namespaces declared elsewhere, or workloads without a namespace (set at apply
    time), are never reported. Cluster-wide policies (Cilium, Calico) count as coverage."""
    namespaces = [n for n in doc.nodes if n.kind == "Namespace" and n.get("metadata.name")]
    if not namespaces:
        return
    allowed = set(params.get("allow_namespaces", ()))
    workloads: dict[str, str] = {}
    covered: set[str] = set()
    cluster_wide = False
    for other in _group_nodes(doc):
        namespace = other.meta.get("namespace")
        if other.kind in _CLUSTER_WIDE_POLICY_KINDS:
            cluster_wide = True
        elif other.kind in _NETWORK_POLICY_KINDS and namespace:
            covered.add(str(namespace))
        elif namespace and pod_spec(other) is not None:
            workloads.setdefault(str(namespace), other.ref)
    if cluster_wide:
        return
    for node in namespaces:
        name = str(node.get("metadata.name"))
        if name in allowed or name in covered or name not in workloads:
            continue
        yield Match(LineSpan.at(node.line_of(("metadata", "name"))), entity=node.ref, key="netpol", context={"namespace": name, "workload": workloads[name]})


# ---- ingress TLS ------------------------------------------------------------------------

# Annotations by which a cloud load balancer in front of the Ingress terminates TLS.
_LB_CERT_ANNOTATIONS = (
    "alb.ingress.kubernetes.io/certificate-arn",
    "networking.gke.io/managed-certificates",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
    "kubernetes.digitalocean.com/load-balancer-certificate-id",
)


def ingress_without_tls(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Ingresses and OpenShift Routes that serve plain HTTP: no `spec.tls`, no certificate
    annotation of a cloud load balancer, no HTTPS-only AWS ALB listeners
    (`alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'`), and no IngressClass whose
    IngressClassParams (scanned with it) carry the load balancer's certificates."""
    for node in doc.nodes:
        if node.kind not in ("Ingress", "Route") or not isinstance(node.value, Mapping):
            continue
        spec = node.get("spec")
        spec = spec if isinstance(spec, Mapping) else {}
        tls = spec.get("tls")
        if (isinstance(tls, list) and tls) or (isinstance(tls, Mapping) and "termination" in tls):
            continue
        annotations = node.get("metadata.annotations")
        annotations = annotations if isinstance(annotations, Mapping) else {}
        if any(a in annotations for a in _LB_CERT_ANNOTATIONS) or _https_only_listeners(annotations):
            continue
        if node.kind == "Ingress" and _class_has_certificates(doc, spec.get("ingressClassName")):
            continue
        line = node.line_of(("spec",)) if "spec" in node.value else node.span.start
        yield Match(LineSpan.at(line), entity=node.ref, context={"attribute": "spec", "kind": node.kind})


def _https_only_listeners(annotations: Mapping[str, Any]) -> bool:
    ports = annotations.get("alb.ingress.kubernetes.io/listen-ports")
    if not isinstance(ports, str):
        return False
    protocols = re.findall(r'"(HTTPS?)"\s*:', ports)
    return bool(protocols) and all(p == "HTTPS" for p in protocols)


def _class_has_certificates(doc: Document, class_name: Any) -> bool:
    """The IngressClass `class_name` points at AWS IngressClassParams with certificateARNs."""
    if not isinstance(class_name, str):
        return False
    nodes = list(_group_nodes(doc)) if doc.group else list(doc.nodes)
    params_names = set()
    for node in nodes:
        if node.kind == "IngressClass" and node.get("metadata.name") == class_name:
            parameters = node.get("spec.parameters")
            if isinstance(parameters, Mapping) and parameters.get("kind") == "IngressClassParams":
                params_names.add(parameters.get("name"))
    return any(
        node.kind == "IngressClassParams" and node.get("metadata.name") in params_names and node.get("spec.certificateARNs")
        for node in nodes
    )
