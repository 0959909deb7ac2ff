"""ECS container definitions, wherever they are written: task-definition JSON files
(`containerDefinitions`, or the bare list Terraform's `file()` reads), CloudFormation
`AWS::ECS::TaskDefinition` and Terraform `aws_ecs_task_definition.container_definitions`
(a JSON string, `jsonencode(...)` or a heredoc, as the resolver renders it).

One detector, four checks (`params.check`): `privileged`, `root_user`, `env_credential`
(a literal credential in plain `environment`; `secrets`/`valueFrom` is the fix) and
`env_setting` (environment values that switch a protection off, selected by `params.group`).
`readonlyRootFilesystem` is not judged: ECS defaults it to false and almost no task
definition sets it, so flagging its absence would flag every task definition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

from hms_policy.detectors.iac.values import credential_name, describes_credential
from hms_policy.detectors.iac.infra_values import is_placeholder, is_true, value_redactions
from hms_policy.engine.matchers import origin, resolved_nodes
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document, Node

_ROOT = frozenset({"root", "0"})
# Keys only an ECS container definition has (a bare JSON list must show one to count).
_ECS_KEYS = frozenset({"essential", "portMappings", "logConfiguration", "memoryReservation", "mountPoints", "dependsOn"})
_CONFIG_HINTS = ("containerDefinitions", *sorted(_ECS_KEYS))


@dataclass(frozen=True)
class _Container:
    node: Node
    value: Mapping[str, Any]
    base: tuple[Any, ...] | None  # path of the container in node.positions; None: text search
    entity: str
    pascal: bool  # CloudFormation spells keys in PascalCase

    def get(self, key: str) -> Any:
        return self.value.get(_key(key, self.pascal))

    def line(self, doc: Document, path: Sequence[Any], needle: str) -> int:
        if self.base is not None:
            return self.node.line_of((*self.base, *path))
        name = self.value.get("name")
        return _search(doc, self.node, needle, f'"{name}"' if isinstance(name, str) else None)


def _key(key: str, pascal: bool) -> str:
    return key[:1].upper() + key[1:] if pascal else key


def _search(doc: Document, node: Node, needle: str, anchor: str | None) -> int:
    """The first line of the node's container_definitions that holds `needle`, after the
    line that names the container (`anchor`) when there is one."""
    start = node.line_of(("container_definitions",))
    if node.meta.get("module_file"):
        return node.span.start  # defined in a followed module: reported at the call
    lines = range(start, node.span.end + 1)
    if anchor is not None:
        start = next((n for n in lines if anchor in doc.line(n)), start)
    for number in range(start, node.span.end + 1):
        if needle in doc.line(number):
            return number
    return start


def _containers(doc: Document) -> Iterator[_Container]:
    kind = doc.kind.value
    if kind == "terraform":
        for node in resolved_nodes(doc):
            if node.kind != "aws_ecs_task_definition" or not isinstance(node.value, Mapping):
                continue
            raw = node.value.get("container_definitions")
            if not isinstance(raw, str) or raw.startswith("${"):
                continue
            try:
                parsed = json.loads(raw)
            except ValueError:
                continue
            for i, item in enumerate(parsed if isinstance(parsed, list) else []):
                if isinstance(item, Mapping):
                    yield _Container(node, item, None, f"{node.ref}[{item.get('name', i)}]", False)
    elif kind == "cloudformation":
        for node in doc.nodes:
            if node.kind != "AWS::ECS::TaskDefinition" or not isinstance(node.value, Mapping):
                continue
            props = node.value.get("Properties")
            items = props.get("ContainerDefinitions") if isinstance(props, Mapping) else None
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, Mapping):
                    yield _Container(node, item, ("Properties", "ContainerDefinitions", i), f"{node.ref}[{_name(item.get('Name'), i)}]", True)
    elif kind == "config" and any(word in doc.text for word in _CONFIG_HINTS):
        # Looked at first so other configuration files are not parsed for this rule alone.
        for node in doc.nodes:
            yield from _json_containers(node)


def _name(value: Any, index: int) -> str:
    return value if isinstance(value, str) else str(index)


def _json_containers(node: Node) -> Iterator[_Container]:
    value = node.value
    if isinstance(value, Mapping) and isinstance(value.get("containerDefinitions"), list):
        base: tuple[Any, ...] = ("containerDefinitions",)
        items = value["containerDefinitions"]
    elif isinstance(value, list) and value and all(_bare_container(v) for v in value):
        base, items = (), value
    else:
        return
    for i, item in enumerate(items):
        if isinstance(item, Mapping):
            yield _Container(node, item, (*base, i), f"container[{_name(item.get('name'), i)}]", False)


def _bare_container(item: Any) -> bool:
    return isinstance(item, Mapping) and "image" in item and "name" in item and bool(_ECS_KEYS & item.keys())


def _environment(c: _Container) -> Iterator[tuple[int, str, Any]]:
    env = c.get("environment")
    for i, pair in enumerate(env if isinstance(env, list) else []):
        if isinstance(pair, Mapping):
            name = pair.get(_key("name", c.pascal))
            if isinstance(name, str):
                yield i, name, pair.get(_key("value", c.pascal))


# ---- checks ---------------------------------------------------------------------------------


def ecs_container(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    """Verdicts, so a file without a container definition leaves the rule not evaluated."""
    containers = list(_containers(doc))
    matches = [m for c in containers for m in _check(doc, c, params)]
    return Verdicts(tuple(matches), judged=len(containers))


def _check(doc: Document, c: _Container, params: Mapping[str, Any]) -> Iterator[Match]:
    check = params["check"]
    if check == "privileged" and is_true(c.get("privileged")):
        yield _at(c, doc, ("privileged",), "privileged", "privileged", {})
    elif check == "root_user":
        user = c.get("user")
        if isinstance(user, (str, int)) and str(user).split(":", 1)[0].strip().lower() in _ROOT:
            yield _at(c, doc, ("user",), "user", "user", {})
    elif check == "env_credential":
        yield from _credentials(doc, c)
    elif check == "env_setting":
        yield from _settings(doc, c, str(params["group"]))

def _at(c: _Container, doc: Document, path: tuple[Any, ...], needle: str, key: str, context: Mapping[str, str]) -> Match:
    line = c.line(doc, _pascal_path(path, c.pascal), needle)
    return Match(LineSpan.at(line), entity=c.entity, key=key, context=dict(context), extra=origin(c.node))


def _pascal_path(path: tuple[Any, ...], pascal: bool) -> tuple[Any, ...]:
    return tuple(_key(p, pascal) if isinstance(p, str) else p for p in path)


def _credentials(doc: Document, c: _Container) -> Iterator[Match]:
    for i, name, value in _environment(c):
        if not credential_name(name) or not isinstance(value, str) or is_placeholder(value) or describes_credential(value):
            continue
        if c.base is None and not _written_here(doc, c.node, value):
            continue  # the value came from a variable: that variable's default is the finding
        line = c.line(doc, _pascal_path(("environment", i, "value"), c.pascal), f'"{value}"')
        yield Match(LineSpan.at(line), entity=c.entity, key=f"environment[{name}]", redactions=_mask(doc, line, value), context={"name": name}, extra=origin(c.node))


def _written_here(doc: Document, node: Node, value: str) -> bool:
    if node.meta.get("module_file"):
        return False
    needle = f'"{value}"'
    return any(needle in doc.line(n) for n in range(node.span.start, node.span.end + 1))


def _mask(doc: Document, line: int, value: str) -> tuple[Redaction, ...]:
    return value_redactions(doc, line, [value])


# Settings by group: (name pattern, value test, what it means).
_FALSE = re.compile(r"^(?:false|0|no|off)$", re.I)
_TRUE = re.compile(r"^(?:true|1|yes|on)$", re.I)
_SETTINGS: dict[str, tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...]] = {
    "transport": (
        (re.compile(r"(?:^|_)SSL_REDIRECT$|(?:^|_)(?:FORCE|REQUIRE)_(?:SSL|HTTPS|TLS)$", re.I), _FALSE, "turns the HTTPS redirect off"),
        (re.compile(r"(?:^|_)(?:SESSION|CSRF)_COOKIE_SECURE$", re.I), _FALSE, "sends the session cookie over plain HTTP"),
        (re.compile(r"TRUSTED_ORIGINS$", re.I), re.compile(r"(?:^|[\s,\[\"'])http://(?!localhost\b|127\.0\.0\.1\b)", re.I), "trusts a plain-HTTP origin"),
    ),
    "debug": (
        (re.compile(r"^(?:[A-Z0-9]+_)?DEBUG$", re.I), _TRUE, "turns debug mode on"),
    ),
}


# A background worker's command: the container serves no HTTP, so HTTP settings are inert there.
_WORKER_COMMAND = re.compile(r"(?i)\b(?:celery|rq|sidekiq|dramatiq|huey|resque)\b|[-_/](?:worker|beat|scheduler|cron)\b")


def _serves_http(c: _Container) -> bool:
    """False for a worker container: no port mappings and a worker command (celery, rq, ...)."""
    if c.get("portMappings"):
        return True
    command = [*(c.get("command") or []), *(c.get("entryPoint") or [])]
    return not any(isinstance(part, str) and _WORKER_COMMAND.search(part) for part in command)


def _settings(doc: Document, c: _Container, group: str) -> Iterator[Match]:
    if group == "transport" and not _serves_http(c):
        return
    for i, name, value in _environment(c):
        if not isinstance(value, (str, int, bool)):
            continue
        text = str(value).lower() if isinstance(value, bool) else str(value).strip()
        for pattern, bad, meaning in _SETTINGS[group]:
            if pattern.search(name) and bad.search(text):
                yield _at(c, doc, ("environment", i, "value"), f'"{name}"', f"environment[{name}]", {"name": name, "meaning": meaning})
                break
