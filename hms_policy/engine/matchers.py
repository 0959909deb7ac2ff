"""The three ways a rule matches: a declarative condition over nodes, a line regex, or a
named detector. Each returns the matches and whether the rule was actually evaluated on
the document (which decides `pass` versus `not-evaluated` for the controls)."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping

from hms_policy.engine.conditions import Outcome, evaluate
from hms_policy.engine.registry import DetectorRegistry, DetectorUnavailable, Verdicts
from hms_policy.model import LineSpan, Match, Redaction, Rule, TargetKind
from hms_policy.targets.document import Document, Node

# Kind-specific resolution of node values (Terraform variables, CloudFormation parameters),
# applied once per document before conditions see the nodes.
RESOLVERS: dict[TargetKind, str] = {
    TargetKind.TERRAFORM: "hms_policy.targets.terraform.resolve:resolve_terraform",
    TargetKind.CLOUDFORMATION: "hms_policy.targets.cloudformation:resolve_cloudformation",
}


@dataclass(slots=True)
class RuleOutcome:
    matches: list[Match] = field(default_factory=list)
    evaluated: bool = False  # the rule judged at least one thing definitely
    unresolved: int = 0  # judgements that rested on values the scanner could not resolve
    unavailable: str | None = None  # why a detector could not run


def resolved_nodes(doc: Document) -> list[Node]:
    spec = RESOLVERS.get(doc.kind)
    if spec is None:
        return doc.nodes

    def compute() -> list[Node]:
        module, _, name = spec.partition(":")
        resolver: Callable[[Document], list[Node]] = getattr(importlib.import_module(module), name)
        return resolver(doc)

    nodes: list[Node] = doc.memo("nodes:resolved", compute)
    return nodes


def run_rule(rule: Rule, match: Mapping[str, Any], doc: Document, detectors: DetectorRegistry) -> RuleOutcome:
    kind = match["kind"]
    if kind == "condition":
        return _condition(rule, match, doc)
    if kind == "regex":
        return _regex(match, doc)
    return _detector(match, doc, detectors)


def _condition(rule: Rule, match: Mapping[str, Any], doc: Document) -> RuleOutcome:
    outcome = RuleOutcome()
    report_unresolved = match.get("when_unresolved") == "report"
    for node in resolved_nodes(doc):
        if rule.types and node.kind not in rule.types:
            continue
        if "when" in match:
            gate = evaluate(match["when"], node.value)
            if gate.result is False:
                continue
            if gate.result is None:
                outcome.unresolved += 1
                if report_unresolved:
                    outcome.matches.append(_node_match(node, gate, match, unresolved=True))
                continue
        if "require" in match:
            decided = evaluate(match["require"], node.value)
            violated = None if decided.result is None else not decided.result
        else:
            decided = evaluate(match["forbid"], node.value)
            violated = decided.result
        if violated is None:
            outcome.unresolved += 1
            if report_unresolved:
                outcome.matches.append(_node_match(node, decided, match, unresolved=True))
            continue
        outcome.evaluated = True
        if violated:
            outcome.matches.append(_node_match(node, decided, match, unresolved=False))
    return outcome


def _node_match(node: Node, decided: Outcome, match: Mapping[str, Any], *, unresolved: bool) -> Match:
    from hms_policy.targets.document import split_path

    at = match.get("at")
    path = tuple(split_path(at)) if at else decided.path
    line = node.line_of(path) if path else node.span.start
    attribute = ".".join(str(p) for p in decided.path) if decided.path else ""
    context = {"attribute": attribute, "kind": node.kind}
    value = _value_at(node.value, decided.path) if decided.path else None
    if isinstance(value, (bool, int, float)) or (isinstance(value, str) and len(value) <= 80):
        context["value"] = str(value).lower() if isinstance(value, bool) else str(value)
    return Match(LineSpan.at(line), entity=node.ref, context=context, unresolved=unresolved, extra=origin(node))


def origin(node: Node) -> dict[str, Any]:
    """Where a node resolved from a followed module is defined (its finding sits at the call)."""
    module_file = node.meta.get("module_file") if node.meta else None
    if not module_file:
        return {}
    return {"module_file": str(module_file), "module_line": int(node.meta.get("module_line") or 0)}


def _value_at(value: Any, path: tuple[Any, ...]) -> Any:
    """The value at a decided path (its list indexes are ints, which a dotted string loses)."""
    for part in path:
        found = (isinstance(value, Mapping) and part in value) or (
            isinstance(value, list) and isinstance(part, int) and -len(value) <= part < len(value)
        )
        if not found:
            return None
        value = value[part]
    return value


@lru_cache(maxsize=512)
def _compiled(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


def _regex(match: Mapping[str, Any], doc: Document) -> RuleOutcome:
    ignore_case = bool(match.get("ignore_case", False))
    pattern = _compiled(match["pattern"], ignore_case)
    unless = _compiled(match["unless"], ignore_case) if match.get("unless") else None
    group = match.get("redact_group")
    outcome = RuleOutcome(evaluated=True)
    for number, text in doc.iter_lines():
        for found in pattern.finditer(text):
            if unless is not None and unless.search(text):
                break
            redactions: tuple[Redaction, ...] = ()
            if group is not None and found.group(group) is not None:
                start, end = found.span(group)
                redactions = (Redaction(number, start, end),)
            outcome.matches.append(Match(LineSpan.at(number), redactions=redactions, key=None))
            break  # one finding per line and rule
    return outcome


def _detector(match: Mapping[str, Any], doc: Document, detectors: DetectorRegistry) -> RuleOutcome:
    detector = detectors.get(match["detector"])
    try:
        produced = detector(doc, match.get("params") or {})
        if isinstance(produced, Verdicts):
            matches = list(produced.matches)
            definite = produced.judged > 0 or any(not m.unresolved for m in matches)
            unresolved = produced.unresolved + sum(1 for m in matches if m.unresolved)
            return RuleOutcome(matches=matches, evaluated=definite, unresolved=unresolved)
        matches = list(produced)
    except DetectorUnavailable as exc:
        return RuleOutcome(unavailable=str(exc))
    return RuleOutcome(matches=matches, evaluated=True, unresolved=sum(1 for m in matches if m.unresolved))
