"""Which Terraform resources refer to which: the cross-resource view detectors share.

Built once per scan unit (a directory plus the local modules it follows, or one plan file)
from the resolved nodes. A link from an argument to a resource is found by reference
(`aws_s3_bucket.b.id`, searched in the node's own module scope, then its parents, then any
scope where it is unique), through a module output, by a plan's recorded references, or by a
resolved name equal to the target's name argument (`bucket = "hms-reports"`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from hms_policy.engine.conditions import resolve
from hms_policy.engine.matchers import resolved_nodes
from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, Node
from hms_policy.targets.parsers.hcl import hcl_file
from hms_policy.targets.terraform.resolve import unit_of

GRAPH_MEMO = "terraform:graph"
_INSTANCE = re.compile(r"\[[^\]]*\]")


def base_ref(ref: str) -> str:
    """`module.m["a"].aws_s3_bucket.b[0]` -> `module.m.aws_s3_bucket.b`."""
    return _INSTANCE.sub("", ref)


def scope_of(node: Node) -> str:
    scope = node.meta.get("scope")
    if isinstance(scope, str):
        return base_ref(scope)
    ref = base_ref(node.ref)
    parts = ref.split(".")
    prefix = []
    while len(parts) > 2 and parts[0] == "module":
        prefix.extend(parts[:2])
        parts = parts[2:]
    return ".".join(prefix) + "." if prefix else ""


@dataclass(slots=True)
class Graph:
    entries: list[tuple[Document, Node]] = field(default_factory=list)
    by_ref: dict[str, list[Node]] = field(default_factory=dict)
    by_type: dict[str, list[Node]] = field(default_factory=dict)
    outputs: dict[str, tuple[str, str]] = field(default_factory=dict)
    _names: dict[tuple[str, str], dict[str, list[Node]]] = field(default_factory=dict)

    def of_type(self, types: Iterable[str]) -> list[Node]:
        return [n for t in types for n in self.by_type.get(t, ())]

    def names(self, rtype: str, attribute: str) -> dict[str, list[Node]]:
        key = (rtype, attribute)
        if key not in self._names:
            table: dict[str, list[Node]] = {}
            for node in self.by_type.get(rtype, ()):
                value = node.value.get(attribute) if isinstance(node.value, dict) else None
                if isinstance(value, str) and "${" not in value and value:
                    table.setdefault(value, []).append(node)
            self._names[key] = table
        return self._names[key]

    def find(self, scope: str, ref: str) -> list[Node]:
        """Nodes of `ref` seen from `scope`: the same scope, its parents, else a unique match."""
        candidate_scope = scope
        while True:
            found = self.by_ref.get(candidate_scope + ref)
            if found:
                return found
            if not candidate_scope:
                break
            candidate_scope = _parent_scope(candidate_scope)
        anywhere = [k for k in self.by_ref if k == ref or k.endswith("." + ref)]
        return self.by_ref[anywhere[0]] if len(anywhere) == 1 else []


def _parent_scope(scope: str) -> str:
    parts = scope.rstrip(".").split(".")
    return ".".join(parts[:-2]) + "." if len(parts) > 2 else ""


def graph_of(doc: Document) -> Graph:
    owner = doc.group[0] if doc.group else doc
    graph: Graph = owner.memo(GRAPH_MEMO, lambda: _build(doc.group or (doc,)))
    return graph


def _build(group: Iterable[Document]) -> Graph:
    graph = Graph()
    for doc in group:
        if doc.kind is not TargetKind.TERRAFORM:
            continue
        for node in resolved_nodes(doc):
            if node.meta.get("block") not in ("resource", "data"):
                continue
            graph.entries.append((doc, node))
            graph.by_ref.setdefault(base_ref(node.ref), []).append(node)
            graph.by_type.setdefault(node.kind, []).append(node)
        if hcl_file(doc) is not None:
            graph.outputs.update(unit_of(doc).outputs)
    return graph


@dataclass(frozen=True, slots=True)
class Links:
    """Where an argument points: definite targets, and whether some value could not be followed."""

    targets: tuple[Node, ...]
    unknown: bool


def links(graph: Graph, node: Node, path: str, target_types: Iterable[str], name_attributes: Mapping[str, str] | None = None) -> Links:
    """The resources of `target_types` the argument at `path` of `node` refers to."""
    types = tuple(target_types)
    found: dict[int, Node] = {}
    unknown = False
    scope = scope_of(node)
    values = [v for _, v in resolve(node.value, path).values]
    plan_refs = node.meta.get("references") if isinstance(node.meta.get("references"), Mapping) else None
    if plan_refs is not None and "." not in path and path in plan_refs:
        for ref in plan_refs[path]:
            for target in _by_reference(graph, scope, str(ref), types):
                found[id(target)] = target
    for value in values:
        for text in _strings(value):
            hits = _by_reference(graph, scope, text, types) if "${" in text or plan_refs is not None else []
            hits += _by_name(graph, text, types, name_attributes or {})
            if not hits and "${" in text:
                hits = _through_outputs(graph, scope, text, types)
                if not hits and _may_refer(text, types):
                    unknown = True
            for target in hits:
                found[id(target)] = target
    return Links(tuple(found.values()), unknown)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@lru_cache(maxsize=256)
def _type_pattern(types: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(t) for t in sorted(types, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*)({names})\.([A-Za-z_][\w-]*)")


def _by_reference(graph: Graph, scope: str, text: str, types: tuple[str, ...]) -> list[Node]:
    out: list[Node] = []
    for found in _type_pattern(types).finditer(text):
        module_path = base_ref(found.group(1))
        out.extend(graph.find(scope + module_path, f"{found.group(2)}.{found.group(3)}"))
    return out


def _by_name(graph: Graph, text: str, types: tuple[str, ...], name_attributes: Mapping[str, str]) -> list[Node]:
    if "${" in text or not text:
        return []
    out: list[Node] = []
    for rtype in types:
        attribute = name_attributes.get(rtype)
        if attribute:
            out.extend(graph.names(rtype, attribute).get(text, ()))
    return out


_MODULE_OUTPUT = re.compile(r"module\.([\w-]+)(?:\[[^\]]*\])?\.([\w-]+)")


def _through_outputs(graph: Graph, scope: str, text: str, types: tuple[str, ...]) -> list[Node]:
    """`module.m.out` seen from `scope` or, for a value a module received as input, from one
    of its parents."""
    out: list[Node] = []
    for found in _MODULE_OUTPUT.finditer(text):
        candidate = scope
        while True:
            key = f"{candidate}module.{found.group(1)}.{found.group(2)}"
            if key in graph.outputs:
                expression, child_scope = graph.outputs[key]
                out.extend(_by_reference(graph, child_scope, expression, types))
                break
            if not candidate:
                break
            candidate = _parent_scope(candidate)
    return out


_ANY_REFERENCE = re.compile(r"\$\{")


def _may_refer(text: str, types: tuple[str, ...]) -> bool:
    """An unresolved value that might name a target (a variable, a module output, a data
    source): coverage through it cannot be ruled out. A reference to a resource of another
    type (an `aws_kms_key`) cannot."""
    inner = text.replace("${", " ").replace("}", " ")
    for word in re.findall(r"[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*", inner):
        head = word.split(".", 1)[0]
        if head in ("var", "local", "module", "data", "each", "count"):
            return True
    return bool(_ANY_REFERENCE.search(text)) and not re.search(r"\b[a-z]+_[a-z0-9_]+\.[A-Za-z_][\w-]*\.", inner)
