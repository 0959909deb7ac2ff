"""Dockerfile detectors, multi-stage aware: a `FROM` that names an earlier stage is not an
image, and a stage built on another inherits its `USER`. Build arguments declared before the
first `FROM` resolve `${VAR}` in image references."""

from __future__ import annotations

import re
import shlex
from typing import Any, Iterator, Mapping, Sequence

from hms_policy.detectors.iac.infra_values import image_problem, is_placeholder, literal_credential, secret_like_name
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document, Node

_ROOT_USERS = {"root", "0", "containeradministrator"}
_NONROOT_DEFAULT = r"(?i)[:/-]nonroot(?:$|[-.@_])"
# Docker Official Images whose own entrypoint starts the server as an unprivileged user
# (docker-entrypoint.sh steps down with gosu / su-exec), as long as ENTRYPOINT is kept.
_STEPDOWN_DEFAULT = r"(?i)^(?:docker\.io/)?(?:library/)?(?:postgres|mysql|mariadb|mongo|redis|couchdb|rabbitmq|cassandra)(?:[:@]|$)"
# Images whose own configuration already sets an unprivileged USER, which a Dockerfile built
# on them inherits unless it sets another (their published Dockerfiles end with `USER`).
# AWS Lambda's base images: the Lambda service runs a function's container as its own
# unprivileged user, whatever USER the image declares.
_LAMBDA_IMAGE = re.compile(r"(?i)^(?:public\.ecr\.aws/lambda/|(?:docker\.io/)?amazon/aws-lambda-)")
# Chainguard's images run as `nonroot` (65532), except their `-dev` variants and the bare bases
# (wolfi-base, chainguard-base, busybox); Microsoft's chiseled .NET images run as `app`.
_NONROOT_BY_DEFAULT = re.compile(
    r"(?i)^cgr\.dev/chainguard/(?!(?:wolfi-base|chainguard-base|busybox)(?:[:@]|$))[a-z0-9._-]+"
    r"(?::(?![\w.-]*-dev(?:[@]|$))[\w.-]+)?(?:@sha256:[0-9a-f]+)?$"
    r"|^mcr\.microsoft\.com/dotnet/[\w/.-]+:[\w.-]*-chiseled[\w.-]*(?:@sha256:[0-9a-f]+)?$"
)
_USER_SET_DEFAULT = (
    r"(?i)^(?:docker\.io/)?(?:"
    r"opensearchproject/opensearch(?:-dashboards)?|(?:docker\.elastic\.co/(?:elasticsearch|kibana|logstash)/)?(?:elasticsearch|kibana|logstash)"
    r"|grafana/grafana(?:-oss|-enterprise)?|jenkins/jenkins|(?:library/)?sonarqube|nginxinc/nginx-unprivileged"
    r"|quay\.io/keycloak/keycloak|hapiproject/hapi"
    # monitoring and tracing images whose own Dockerfiles end with a non-root USER
    r"|(?:quay\.io/)?prom(?:etheus)?/(?:prometheus|alertmanager|node-exporter|pushgateway|blackbox-exporter)"
    r"|grafana/(?:loki|tempo)|otel/opentelemetry-collector(?:-contrib)?|jaegertracing/all-in-one|collabora/code"
    r"|bitnami/(?!minideb(?:[:@]|$))[a-z0-9][a-z0-9._-]*"
    r"|registry\.access\.redhat\.com/ubi\d+/(?:nodejs|python|php|ruby|perl|openjdk)-[a-z0-9._-]+"
    r")(?:[:@]|$)"
)
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))")
_DEFAULT = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}")


def _global_args(nodes: Sequence[Node]) -> dict[str, str]:
    """ARG defaults declared before the first FROM (the only ones FROM can use)."""
    out: dict[str, str] = {}
    for node in nodes:
        if node.kind == "FROM":
            break
        if node.kind == "ARG":
            name, _, default = node.value["args"].partition("=")
            if default:
                out[name.strip()] = default.strip().strip("'\"")
    return out


def _expand(text: str, variables: Mapping[str, str]) -> str | None:
    """`text` with variables substituted, or None when one has no known value."""
    text = _DEFAULT.sub(lambda m: variables.get(m.group(1), m.group(2)), text)
    missing = False

    def sub(found: re.Match[str]) -> str:
        nonlocal missing
        name = found.group(1) or found.group(2)
        if name not in variables:
            missing = True
            return ""
        return variables[name]

    expanded = _VAR.sub(sub, text)
    return None if missing else expanded


class _Stages:
    """Stage names and FROM nodes of one Dockerfile."""

    def __init__(self, nodes: Sequence[Node]) -> None:
        self.froms = [n for n in nodes if n.kind == "FROM"]
        self.names = {str(n.value.get("stage_name") or "").lower(): n.value["stage"] for n in self.froms if n.value.get("stage_name")}

    def earlier_stage(self, ref: str, before: int) -> int | None:
        """The stage index `ref` names, if it names a stage defined before stage `before`."""
        ref = ref.strip().lower()
        if ref in self.names and self.names[ref] < before:
            return self.names[ref]
        if ref.isdigit() and int(ref) < before:
            return int(ref)
        return None


def runs_as_root(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """The final stage runs as root: its last USER (or the one it inherits from the stage it
    is built on) is root, or no USER is set and the base image is not a known non-root one."""
    if _container_action(doc.path):
        return  # GitHub runs a Docker container action as root, and its docs say not to set USER
    nodes = doc.nodes
    stages = _Stages(nodes)
    if not stages.froms:
        return
    nonroot = re.compile(str(params.get("nonroot_images", _NONROOT_DEFAULT)))
    stepdown = re.compile(str(params.get("stepdown_images", _STEPDOWN_DEFAULT)))
    user_set = re.compile(str(params.get("user_set_images", _USER_SET_DEFAULT)))
    global_args = _global_args(nodes)
    stage = stages.froms[-1].value["stage"]
    if _build_only(nodes, stages.froms[-1]):
        return
    seen: set[int] = set()
    while stage not in seen:
        seen.add(stage)
        users = [n for n in nodes if n.kind == "USER" and n.value["stage"] == stage and n.value["args"].split()]
        start = next(n for n in stages.froms if n.value["stage"] == stage)
        if users:
            last = users[-1]
            variables = {**global_args, **_stage_variables(nodes, stage)}
            user = _expand(last.value["args"].split()[0], variables)
            if user is None:
                return  # set from a build argument without a default: not judged
            name = user.split(":", 1)[0].strip().lower()
            if name in _ROOT_USERS:
                yield Match(last.span, entity=f"stage[{last.value['stage']}]", key="user-root", context={"reason": "the final USER is root"})
            return
        base = start.value["base_image"]
        expanded = _expand(base, global_args)
        parent = stages.earlier_stage(base, stage)
        if parent is None and expanded:
            parent = stages.earlier_stage(expanded, stage)  # `platform-init-${VISIBILITY}`: a stage chosen by a build argument
        if parent is None:
            image = expanded or base
            if nonroot.search(image) or user_set.search(image) or _NONROOT_BY_DEFAULT.match(image) or _LAMBDA_IMAGE.match(image) or image.lower().startswith("mcr.microsoft.com/windows"):
                return
            if stepdown.search(image) and not any(n.kind == "ENTRYPOINT" and n.value["stage"] in seen for n in nodes):
                return  # the official image's entrypoint drops root before the server starts
            yield Match(LineSpan.at(stages.froms[-1].span.start), entity=f"stage[{stages.froms[-1].value['stage']}]", key="no-user", context={"reason": "no USER instruction in the final stage"})
            return
        stage = parent


def _container_action(path: str) -> bool:
    """A repository's own Docker container action (`.github/actions/<name>/Dockerfile`)."""
    parts = path.split("/")
    return any(a == ".github" and b == "actions" for a, b in zip(parts, parts[1:]))


_BUILD_STAGE = re.compile(r"^(?:build|builder|building|compile|compiler|deps|dependencies)(?:[-_]\w+)?$", re.I)


def _build_only(nodes: Sequence[Node], final: Node) -> bool:
    """The last stage is named for building (`AS builder`) and declares nothing to run or
    serve (no CMD, ENTRYPOINT or EXPOSE): the file builds artifacts that another image or a
    pipeline copies out; no container runs from it. So is a last stage built `FROM scratch`
    that declares nothing to run: scratch has no command of its own to inherit (an artifact
    image for `COPY --from` or `docker build --output`)."""
    scratch = str(final.value.get("base_image") or "").strip().lower() == "scratch"
    if not scratch and not _BUILD_STAGE.match(str(final.value.get("stage_name") or "")):
        return False
    stage = final.value["stage"]
    return not any(n.kind in ("CMD", "ENTRYPOINT", "EXPOSE") and n.value["stage"] == stage for n in nodes)


def _stage_variables(nodes: Sequence[Node], stage: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in nodes:
        if node.value["stage"] != stage or node.kind not in ("ARG", "ENV"):
            continue
        for name, value in _assignments(node):
            if value:
                out[name] = value
    return out


def mutable_base_image(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`FROM` and `COPY --from` images referenced by `:latest` or with no tag or digest.
    Earlier stages, `scratch` and unresolvable `${VAR}` references are not images to judge."""
    nodes = doc.nodes
    stages = _Stages(nodes)
    global_args = _global_args(nodes)
    for node in nodes:
        if node.kind == "FROM":
            ref = node.value["base_image"]
        elif node.kind == "COPY" and node.value["flags"].get("from"):
            ref = node.value["flags"]["from"]
        else:
            continue
        stage = node.value["stage"] + (0 if node.kind == "FROM" else 1)
        if stages.earlier_stage(ref, stage) is not None:
            continue
        image = _expand(ref, global_args)
        if image and stages.earlier_stage(image, stage) is not None:
            continue  # `platform-init-${VISIBILITY}`: a stage chosen by a build argument
        problem = image_problem(image) if image else None
        if problem is None:
            continue
        reason = "uses the :latest tag" if problem == "latest" else "has no tag or digest (means :latest)"
        yield Match(LineSpan.at(node.span.start), entity=f"stage[{node.value['stage']}]:{node.kind}", key=image, context={"image": image[:120], "reason": reason})


def _assignments(node: Node) -> list[tuple[str, str]]:
    """(name, value) pairs of an ENV or ARG instruction; value "" when absent."""
    args = node.value["args"].split("\n", 1)[0]
    if node.kind == "ENV" and "=" not in args.split(None, 1)[0]:
        name, _, value = args.partition(" ")  # legacy `ENV NAME value with spaces`
        return [(name.strip(), value.strip())]
    try:
        words = shlex.split(args, posix=True)
    except ValueError:
        words = args.split()
    out = []
    for word in words:
        name, _, value = word.partition("=")
        if name:
            out.append((name, value))
    return out


# An error tracker's DSN is a client key meant to ship inside apps (Sentry documents it as
# safe to make public), not a credential.
_PUBLIC_CLIENT_KEY = re.compile(r"(?i)sentry[-_]?(?:\w*[-_])?dsn$")


def secret_in_env_or_arg(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Credentials baked into the image: `ENV` with a literal or build-argument value for a
    secret-looking name, and secret-looking `ARG`s (their values stay in the image history).
    Values are masked; `*_FILE`-style names that only point at a secret are not reported. An
    ARG declared only before the first FROM is in scope for FROM lines alone: it reaches no
    stage (nor the image history), and an ENV copying it in a stage that does not declare it
    again copies an empty value."""
    out_of_scope = _global_only_args(doc.nodes)
    first_from = _first_from(doc.nodes)
    for node in doc.nodes:
        if node.kind not in ("ENV", "ARG"):
            continue
        for name, value in _assignments(node):
            if not secret_like_name(name) or _PUBLIC_CLIENT_KEY.search(name):
                continue
            if node.kind == "ARG" and node.span.start < first_from and name in out_of_scope.get(-1, ()):
                continue  # used by FROM lines only
            refs = _references(value) if node.kind == "ENV" else []
            if refs and all(ref in out_of_scope.get(node.value["stage"], ()) for ref in refs):
                continue  # `ENV TOKEN=$TOKEN` of a global ARG the stage never declares: empty
            if node.kind == "ENV":
                if is_placeholder(value) and "$" not in value:
                    continue
                if not value:
                    continue
                reason = "copies a build argument into the image environment" if "$" in value else "sets a literal value in the image environment"
            else:
                if value and is_placeholder(value) and "$" not in value:
                    reason = "is a build argument (values passed with --build-arg stay in the image history)"
                else:
                    reason = "is a build argument" + (" with a default value" if value else "") + " (build-arg values stay in the image history)"
            redactions = _mask(doc, node, value) if value and "$" not in value else ()
            # A literal value is also a committed secret (DKR007): the engine merges the two.
            extra = {"credential": name} if "$" not in value and literal_credential(name, value) else {}
            yield Match(LineSpan.at(node.span.start), entity=f"stage[{node.value['stage']}]:{node.kind}[{name}]", key=name, redactions=redactions, context={"name": name, "instruction": node.kind, "reason": reason}, extra=extra)


def _first_from(nodes: Sequence[Node]) -> int:
    return next((n.span.start for n in nodes if n.kind == "FROM"), 1 << 30)


def _references(value: str) -> list[str]:
    """The variables a value expands; [] for a literal."""
    return [m.group(1) or m.group(2) for m in _VAR.finditer(value)]


def _global_only_args(nodes: Sequence[Node]) -> dict[int, set[str]]:
    """By stage, the global ARG names (declared before the first FROM) that stage never declares
    again, so none of its instructions can read them; under -1, those no stage declares again."""
    first = _first_from(nodes)
    global_names = {name for n in nodes if n.kind == "ARG" and n.span.start < first for name, _ in _assignments(n)}
    stages = {n.value["stage"] for n in nodes if n.kind == "FROM"}
    declared: dict[int, set[str]] = {stage: set() for stage in stages}
    for n in nodes:
        if n.kind == "ARG" and n.span.start > first:
            declared.setdefault(n.value["stage"], set()).update(name for name, _ in _assignments(n))
    out = {stage: global_names - names for stage, names in declared.items()}
    out[-1] = global_names - set().union(*declared.values()) if declared else set(global_names)
    return out


def credential_value_in_image(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """The committed credential itself (category secret): an `ENV` or `ARG` default that gives a
    secret-looking name a literal, non-placeholder value. DKR005 (container-hardening) judges
    the practice of passing secrets through ENV/ARG; this rule judges the value in the file,
    which must be rotated, and joins any other secret rule's finding on its line (engine/merge)."""
    for node in doc.nodes:
        if node.kind not in ("ENV", "ARG"):
            continue
        for name, value in _assignments(node):
            if _PUBLIC_CLIENT_KEY.search(name) or "$" in value or not literal_credential(name, value):
                continue
            kind = "ARG default" if node.kind == "ARG" else "ENV value"
            yield Match(
                LineSpan.at(node.span.start),
                entity=f"stage[{node.value['stage']}]:{node.kind}[{name}]",
                key=name,
                redactions=_mask(doc, node, value),
                context={"name": name, "where": kind},
                extra={"credential": name},
            )


def _mask(doc: Document, node: Node, value: str) -> tuple[Redaction, ...]:
    out: list[Redaction] = []
    for number in range(node.span.start, node.span.end + 1):
        text = doc.line(number)
        at = text.find(value)
        while at >= 0:
            out.append(Redaction(number, at, at + len(value)))
            at = text.find(value, at + len(value))
    if out:
        return tuple(out)
    # Quoted or escaped differently than it parsed: hide every line after the keyword.
    return tuple(Redaction(n, len(node.kind) + 1 if n == node.span.start else 0, max(1, len(doc.line(n)))) for n in range(node.span.start, node.span.end + 1))
