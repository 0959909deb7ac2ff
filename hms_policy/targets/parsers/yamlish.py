"""A line-aware YAML (and JSON) loader.

PyYAML's composer keeps a start mark on every node; we turn nodes into plain values
ourselves and record the line of every key path. Multi-document streams are supported,
CloudFormation's short intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, ...) load as their long
forms, and the node budget stops alias bombs ("billion laughs") instead of hanging.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from hms_policy.targets.document import ParseError, PathKey

MAX_NODES = 500_000  # values built per file, counting every alias expansion

_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
# CloudFormation short forms whose long form is not "Fn::<Name>".
_LONG_FORM = {"!Ref": "Ref", "!Condition": "Condition"}


@dataclass(frozen=True, slots=True)
class YamlDocument:
    value: Any
    start_line: int
    end_line: int
    positions: dict[PathKey, int]


def load_documents(text: str) -> list[YamlDocument]:
    """Every document of a YAML stream, with key-path line positions."""
    try:
        roots = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.YAMLError as exc:
        if text.lstrip()[:1] in ("{", "["):
            return _load_json(text, exc)
        raise ParseError(_describe(exc)) from None
    budget = _Budget()
    out: list[YamlDocument] = []
    for root in roots:
        if root is None:
            continue
        positions: dict[PathKey, int] = {}
        value = _convert(root, (), positions, budget, 0)
        out.append(YamlDocument(value, root.start_mark.line + 1, max(root.end_mark.line, root.start_mark.line + 1), positions))
    return out


def _load_json(text: str, yaml_error: yaml.YAMLError) -> list[YamlDocument]:
    """JSON that YAML rejects (tabs, some escapes): values without per-key lines."""
    import json

    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"invalid JSON: {exc}") from None
    return [YamlDocument(value, 1, max(1, text.count("\n")), {(): 1})]


def _describe(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is not None:
        return f"invalid YAML at line {mark.line + 1}, column {mark.column + 1}: {problem}"
    return f"invalid YAML: {problem}"


class _Budget:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_NODES

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise ParseError(f"more than {MAX_NODES} values (an alias expansion bomb?): not parsed")


def _convert(node: yaml.Node, path: PathKey, positions: dict[PathKey, int], budget: _Budget, depth: int) -> Any:
    budget.spend()
    if depth > 200:
        raise ParseError("nesting deeper than 200 levels: not parsed")
    positions.setdefault(path, node.start_mark.line + 1)
    tag = node.tag or ""
    if tag.startswith("!"):
        return _intrinsic(node, path, positions, budget, depth)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), positions, budget, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = _convert(value_node, path, positions, budget, depth + 1)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            out.setdefault(k, v)
                continue
            key = _convert(key_node, path, {}, budget, depth + 1) if not isinstance(key_node, yaml.ScalarNode) else _scalar(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            positions[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, (*path, key), positions, budget, depth + 1)
        return out
    return None


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag in _SCALAR_TAGS:
        try:
            return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        except (ValueError, yaml.YAMLError):
            return node.value
    return node.value


def _intrinsic(node: yaml.Node, path: PathKey, positions: dict[PathKey, int], budget: _Budget, depth: int) -> Any:
    name = _LONG_FORM.get(node.tag, "Fn::" + node.tag[1:])
    if isinstance(node, yaml.ScalarNode):
        value: Any = node.value
        if name == "Fn::GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = [_convert(item, (*path, name, i), positions, budget, depth + 1) for i, item in enumerate(node.value)]
    else:
        plain = yaml.MappingNode("tag:yaml.org,2002:map", node.value, node.start_mark, node.end_mark)
        value = _convert(plain, (*path, name), positions, budget, depth + 1)
    return {name: value}
