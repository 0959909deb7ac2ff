"""RDS / Aurora parameter groups that explicitly switch database audit logging off
(`log_connections = 0`, `log_statement = none`, `pgaudit.log = none`, MySQL
`server_audit_logging = 0`, `general_log = 0` with no audit plugin).

TF407 reports a database whose exports and parameter group turn nothing on; this one points
at the parameter that says "off", so a group that logs statements but drops connections is
reported too. `log_statement = none` is not reported when the same group sets `pgaudit.log`
to something, since pgaudit then records the statements.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.engine.matchers import origin, resolved_nodes
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node

_TYPES = frozenset({"aws_db_parameter_group", "aws_rds_cluster_parameter_group"})
_OFF = frozenset({"0", "off", "false"})
_NONE = frozenset({"none", ""})


def _parameters(value: Any) -> list[tuple[int, str, str]]:
    blocks = value.get("parameter") if isinstance(value, Mapping) else None
    out = []
    for i, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, Mapping) and isinstance(block.get("name"), str) and isinstance(block.get("value"), (str, int, bool)):
            raw = block["value"]
            text = str(raw).lower() if isinstance(raw, bool) else str(raw).strip().strip("'\"").lower()
            if "${" not in text:
                out.append((i, block["name"].strip().lower(), text))
    return out


def _switched_off(name: str, value: str, settings: Mapping[str, str]) -> bool:
    if name in ("log_connections", "log_disconnections", "server_audit_logging"):
        return value in _OFF
    if name == "pgaudit.log":
        return value in _NONE
    if name == "log_statement":
        return value == "none" and settings.get("pgaudit.log", "none") in _NONE
    return False


def logging_switched_off(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    groups = [n for n in resolved_nodes(doc) if n.kind in _TYPES and n.meta.get("block", "resource") == "resource"]
    return Verdicts(tuple(_switched(groups)), judged=len(groups))


def _switched(groups: list[Node]) -> Iterator[Match]:
    for node in groups:
        found = _parameters(node.value)
        settings = {name: value for _, name, value in found}
        for i, name, value in found:
            if _switched_off(name, value, settings):
                line = node.span.start if node.meta.get("module_file") else node.line_of(("parameter", i))
                yield Match(LineSpan.at(line), entity=node.ref, key=name, context={"parameter": name}, extra=origin(node))
