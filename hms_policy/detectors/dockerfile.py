"""Dockerfile detectors."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_ROOT_USERS = {"root", "0", "0:0", "root:root", "root:0", "0:root"}


def runs_as_root(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """The final stage runs as root: no USER after its FROM, or USER root."""
    nodes = doc.nodes
    final = [n for n in nodes if n.value.get("final_stage")]
    if not final:
        return
    users = [n for n in final if n.kind == "USER"]
    if not users:
        base = final[0]
        yield Match(LineSpan.at(base.span.start), entity=f"stage[{base.value['stage']}]", key="no-user", context={"reason": "no USER instruction in the final stage"})
        return
    last = users[-1]
    if last.value["args"].split()[0].strip().lower() in _ROOT_USERS if last.value["args"].split() else False:
        yield Match(last.span, entity=f"stage[{last.value['stage']}]", key="user-root", context={"reason": "the final USER is root"})
