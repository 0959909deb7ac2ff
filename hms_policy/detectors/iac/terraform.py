"""Terraform checks that span resources, declared in rule YAML through params.

`companion` is the general one: a subject resource (an S3 bucket, an RDS instance, a VPC) is
compliant when its own arguments say so (`inline`), when a companion resource that refers to
it says so (`aws_s3_bucket_versioning.bucket = aws_s3_bucket.b.id`), when a resource it refers
to says so (its `parameter_group_name`), or when a unit-wide resource covers every subject
(`aws_s3_account_public_access_block`). Conditions are the rule language's own (see
engine/conditions.py); `parameters` checks the `parameter { name value }` blocks of RDS
parameter groups element by element.

Three-valued throughout: when coverage depends on a value that could not be resolved (a
companion whose bucket is `var.bucket_id`), the subject is counted unresolved, not passed
and not failed. Detectors return `Verdicts`, so a unit with no subject leaves the rule not
evaluated. Findings point at the subject's block (a module's resources at the module call).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hms_policy.detectors.iac.terraform_graph import Graph, base_ref, graph_of, links
from hms_policy.engine.conditions import evaluate
from hms_policy.engine.matchers import origin, resolved_nodes
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node, split_path

Tri = bool | None


def _resources(doc: Document, types: Iterable[str]) -> list[Node]:
    wanted = set(types)
    return [n for n in resolved_nodes(doc) if n.kind in wanted and n.meta.get("block", "resource") == "resource"]


def _condition(condition: Mapping[str, Any] | None, node: Node) -> Tri:
    if not condition:
        return True
    return evaluate(condition, node.value).result


_OFF = frozenset({"", "0", "off", "none", "false"})


def _parameters_ok(node: Node, wanted: Sequence[Mapping[str, Any]] | None, block_name: str = "parameter") -> Tri:
    """Any `parameter { name value }` block (RDS parameter groups; `database_flags` of Cloud
    SQL) matching one of `wanted` ({name, values}; without `values`, any value that is not
    off); None when a block that might match is unresolved."""
    if not wanted:
        return True
    blocks = node.value.get(block_name) if isinstance(node.value, dict) else None
    if not isinstance(blocks, list):
        return False
    unknown = False
    for block in blocks:
        if not isinstance(block, dict):
            continue
        name, value = block.get("name"), block.get("value")
        if not isinstance(name, str) or "${" in name:
            unknown = True
            continue
        for spec in wanted:
            if name.lower() != str(spec["name"]).lower():
                continue
            if isinstance(value, str) and "${" in value:
                unknown = True
            elif "values" not in spec and _text(value) not in _OFF or "values" in spec and _text(value) in {_text(v) for v in spec["values"]}:
                return True
    return None if unknown else False


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).strip().lower()


def _judge(node: Node, spec: Mapping[str, Any]) -> Tri:
    first = _condition(spec.get("require"), node)
    if first is False:
        return False
    second = _parameters_ok(node, spec.get("parameters"), spec.get("parameters_block", "parameter"))
    if second is False:
        return False
    return None if first is None or second is None else True


@dataclass(slots=True)
class _Coverage:
    satisfied: set[str]
    maybe: set[str]  # covered by a companion whose own settings are unresolved
    blind: bool  # some companion's target could not be worked out
    # Companions that say "off" at `report_at` (a versioning status "Suspended"), by subject.
    refused: dict[str, Node] = field(default_factory=dict)
    report_at: str = ""


def _companion_coverage(graph: Graph, spec: Mapping[str, Any], subjects: Sequence[str], names: Mapping[str, str]) -> _Coverage:
    coverage = _Coverage(set(), set(), False, report_at=str(spec.get("report_at") or ""))
    for companion in graph.of_type(spec["types"]):
        found = links(graph, companion, spec["link"], subjects, names)
        if found.unknown and not found.targets:
            coverage.blind = True
        verdict = _judge(companion, spec)
        for target in found.targets:
            if verdict is True:
                coverage.satisfied.add(base_ref(target.ref))
            elif verdict is None:
                coverage.maybe.add(base_ref(target.ref))
            elif spec.get("report_at") and _block_path(companion, spec["report_at"]) is not None:
                coverage.refused.setdefault(base_ref(target.ref), companion)
    return coverage


def companion(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    subjects = list(params["subjects"])
    mine = _resources(doc, subjects)
    if not mine:
        return Verdicts()
    graph = graph_of(doc)
    names: Mapping[str, str] = params.get("name_attributes") or {}
    memo_key = "terraform:companion:" + repr(sorted(params.items(), key=lambda kv: kv[0]))
    owner = doc.group[0] if doc.group else doc
    coverages: list[_Coverage] = owner.memo(
        memo_key, lambda: [_companion_coverage(graph, spec, subjects, names) for spec in params.get("companions") or ()]
    )
    exempt: set[str] = owner.memo(memo_key + ":exempt", lambda: _exempt(graph, params.get("exempt_when_target_of") or (), subjects, names))
    unit_wide = _unit_wide(graph, params.get("unit_wide") or ())
    matches: list[Match] = []
    judged = unresolved = 0
    for node in mine:
        ref = base_ref(node.ref)
        gate = _condition(params.get("when"), node)
        if gate is False or ref in exempt:
            continue
        if gate is None:
            unresolved += 1
            continue
        states: list[Tri] = [unit_wide]
        line = node.span.start
        if params.get("at") and node.get(params["at"]) is not None:
            line = node.line_of(tuple(split_path(params["at"])))  # e.g. an explicit `encrypted = false`
        if params.get("inline"):
            states.append(_condition(params["inline"], node))
        for coverage in coverages:
            if ref in coverage.satisfied:
                states.append(True)
            elif ref in coverage.maybe or coverage.blind:
                states.append(None)
        for spec in params.get("references") or ():
            states.append(_reference_state(graph, node, spec, names))
        if True in states:
            judged += 1
        elif None in states:
            unresolved += 1
        else:
            judged += 1
            line = _refusal_line(doc, coverages, ref, line)
            matches.append(Match(LineSpan.at(line), entity=node.ref, extra=origin(node), context={"kind": node.kind}))
    return Verdicts(tuple(matches), judged, unresolved)


def _refusal_line(doc: Document, coverages: Sequence[_Coverage], ref: str, line: int) -> int:
    """The line of a companion in this file that explicitly says "off" for the subject
    (`status = "Suspended"`), where the fix goes; otherwise `line`."""
    for coverage in coverages:
        companion = coverage.refused.get(ref)
        if companion is not None and not companion.meta.get("module_file") and any(n is companion for n in resolved_nodes(doc)):
            return companion.line_of(_block_path(companion, coverage.report_at) or ())
    return line


def _block_path(node: Node, dotted: str) -> tuple[Any, ...] | None:
    """The path of `dotted` in the node, through nested blocks (lists): `a.b` -> (a, 0, b)."""
    current: Any = node.value
    path: list[Any] = []
    for part in split_path(dotted):
        if isinstance(current, list) and current and not isinstance(part, int):
            current, path = current[0], [*path, 0]
        if not isinstance(current, Mapping) or part not in current:
            return None
        current, path = current[part], [*path, part]
    return tuple(path)


def _unit_wide(graph: Graph, specs: Sequence[Mapping[str, Any]]) -> Tri:
    result: Tri = False
    for spec in specs:
        for node in graph.of_type(spec["types"]):
            verdict = _judge(node, spec)
            if verdict is True:
                return True
            if verdict is None:
                result = None
    return result


def _exempt(graph: Graph, specs: Sequence[Mapping[str, Any]], subjects: Sequence[str], names: Mapping[str, str]) -> set[str]:
    """Subjects another resource marks as out of scope (a bucket that receives access logs
    need not log itself); `require` narrows which of those resources count."""
    out: set[str] = set()
    for spec in specs:
        for node in graph.of_type(spec["types"]):
            if spec.get("require") and _condition(spec["require"], node) is not True:
                continue
            for target in links(graph, node, spec["link"], subjects, names).targets:
                out.add(base_ref(target.ref))
    return out


def _reference_state(graph: Graph, node: Node, spec: Mapping[str, Any], names: Mapping[str, str]) -> Tri:
    found = links(graph, node, spec["link"], spec["types"], names)
    if not found.targets:
        value = node.get(spec["link"])
        if found.unknown or (isinstance(value, str) and "${" in value):
            return None
        return False  # absent, or a group defined outside this directory: nothing shows it
    states = [_judge(target, spec) for target in found.targets]
    if True in states:
        return True
    return None if None in states else False


# ---------------------------------------------------------------------------------------------


def parameter_setting(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    """RDS parameter groups (of the engine families in `families`, a regex on `family`) that
    do not set `name` to one of `values`: explicitly off, or (with `missing: fail`) unset."""
    family = re.compile(params.get("families", ".*"))
    wanted = [{"name": params["name"], "values": params["values"]}]
    matches: list[Match] = []
    judged = unresolved = 0
    for node in _resources(doc, params["types"]):
        family_value = node.value.get("family") if isinstance(node.value, dict) else None
        if not isinstance(family_value, str) or "${" in family_value:
            unresolved += 1
            continue
        if not family.search(family_value):
            continue
        state = _parameters_ok(node, wanted)
        explicit = _sets(node, params["name"])
        if state is None:
            unresolved += 1
            continue
        judged += 1
        if state is False and (explicit or params.get("missing", "fail") == "fail"):
            matches.append(Match(LineSpan.at(explicit or node.span.start), entity=node.ref, extra=origin(node), context={"kind": node.kind}))
    return Verdicts(tuple(matches), judged, unresolved)


def _sets(node: Node, name: str) -> int | None:
    """The line of the parameter block that sets `name`, if one does."""
    blocks = node.value.get("parameter") if isinstance(node.value, dict) else None
    for i, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, dict) and str(block.get("name", "")).lower() == name.lower():
            return node.line_of(("parameter", i))
    return None


def retention_at_least(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    """`attribute` (a number of days) at least `minimum`; a missing attribute counts as the
    provider's `default_when_missing` (None: a missing attribute is a finding)."""
    minimum = float(params["minimum"])
    default = params.get("default_when_missing")
    matches: list[Match] = []
    judged = unresolved = 0
    for node in _resources(doc, params["types"]):
        if _condition(params.get("when"), node) is False:
            continue
        value = node.get(params["attribute"])
        if value is None:
            value = default
        if isinstance(value, str) and "${" in value:
            unresolved += 1
            continue
        try:
            days = float(value) if value is not None else None
        except (TypeError, ValueError):
            days = None
        judged += 1
        if days is None or days < minimum:
            line = node.line_of(tuple(params["attribute"].split("."))) if node.get(params["attribute"]) is not None else node.span.start
            matches.append(Match(LineSpan.at(line), entity=node.ref, extra=origin(node), context={"kind": node.kind, "minimum": f"{minimum:g}"}))
    return Verdicts(tuple(matches), judged, unresolved)


def unit_requires(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    """A root module (it configures `provider`) that creates resources of `when_any` but has
    none of `requires` satisfying `require`: one finding at the provider block. Used for
    account- or project-wide audit trails (CloudTrail, GCP audit configs)."""
    provider = params["provider"]
    providers = [n for n in resolved_nodes(doc) if n.kind == "provider" and n.meta.get("name") == provider and not n.meta.get("module_call")]
    if not providers:
        return Verdicts()
    graph = graph_of(doc)
    if not graph.of_type(params["when_any"]):
        return Verdicts()
    # The first provider block of the directory speaks for it (one finding per directory).
    first_doc, first = _first_provider(doc, provider)
    if first_doc is not doc:
        return Verdicts()
    states = [_judge(n, params) for n in graph.of_type(params["requires"])]
    if True in states:
        return Verdicts((), 1, 0)
    if None in states:
        return Verdicts((), 0, 1)
    return Verdicts((Match(LineSpan.at(first.span.start), entity=first.ref, context={"kind": "provider"}),), 1, 0)


def _first_provider(doc: Document, provider: str) -> tuple[Document | None, Node]:
    for member in doc.group or (doc,):
        for node in resolved_nodes(member):
            if node.kind == "provider" and node.meta.get("name") == provider and not node.meta.get("module_call"):
                return member, node
    raise LookupError(provider)  # unreachable: the caller found one in `doc`


# ---------------------------------------------------------------------------------------------


def _volume_state(block: Any) -> Tri:
    if block is None:  # no block declared: the volume comes from the AMI
        return False
    if not isinstance(block, dict):
        return None
    encrypted = block.get("encrypted")
    if isinstance(encrypted, str) and "${" in encrypted:
        return None
    if block.get("snapshot_id"):  # a volume from a snapshot inherits its encryption
        return True
    return encrypted is True or str(encrypted).lower() == "true"


def instance_volumes(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    """EC2 instances, launch configurations and launch templates whose volumes are not all
    declared encrypted. An instance without a `root_block_device` gets its root volume from
    the AMI, so nothing in the configuration shows it encrypted. Account-wide EBS default
    encryption in the directory (`aws_ebs_encryption_by_default`) covers every volume."""
    mine = _resources(doc, ("aws_instance", "aws_launch_configuration", "aws_launch_template"))
    if not mine:
        return Verdicts()
    default = _unit_wide(graph_of(doc), [{"types": ["aws_ebs_encryption_by_default"], "require": {"path": "enabled", "not-equals": False}}])
    matches: list[Match] = []
    judged = unresolved = 0
    for node in mine:
        value = node.value if isinstance(node.value, dict) else {}
        blocks: list[tuple[tuple[Any, ...], Any]]
        if node.kind == "aws_launch_template":
            blocks = [
                (("block_device_mappings", i), ebs)
                for i, m in enumerate(value.get("block_device_mappings") or [])
                if isinstance(m, dict) and not m.get("virtual_name")  # instance store: not EBS
                for ebs in (m.get("ebs") or [None])
            ]
        else:
            roots = value.get("root_block_device") or [None]
            blocks = [(("root_block_device", 0), roots[0])]
            blocks += [(("ebs_block_device", i), b) for i, b in enumerate(value.get("ebs_block_device") or [])]
        states: list[tuple[Tri, tuple[Any, ...]]] = [(_volume_state(block), path) for path, block in blocks] or [(False, ())]
        if default is True:
            judged += 1
            continue
        bad = next((path for state, path in states if state is False), None)
        if bad is not None and default is False:
            judged += 1
            line = node.line_of(bad) if bad in node.positions else node.span.start
            matches.append(Match(LineSpan.at(line), entity=node.ref, extra=origin(node), context={"kind": node.kind}))
        elif bad is not None or any(state is None for state, _ in states):
            unresolved += 1
        else:
            judged += 1
    return Verdicts(tuple(matches), judged, unresolved)
