"""Resolve a CloudFormation template's intrinsic functions as far as the template alone allows.

Resolved: `Ref` to a parameter with a `Default` (the value a stack gets unless overridden),
`Fn::Sub` over such parameters, `Fn::Join` / `Fn::Select` of resolved values, `Fn::If` and
resource `Condition`s whose conditions (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`,
`Condition`) resolve; `AWS::NoValue` removes its property. A resource whose `Condition`
resolves to false is not created, so it is not evaluated.

Left unresolved (rules on them are not evaluated): pseudo parameters (`AWS::Region`),
parameters without a default, `Fn::GetAtt`, `Fn::ImportValue`, `Fn::FindInMap`, references
to other resources. They keep their intrinsic form, which the condition engine reads as
unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from hms_policy.targets.document import Document, Node

_NO_VALUE = object()
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9_:.]+)\}")
MAX_DEPTH = 60


def resolve_cloudformation(doc: Document) -> list[Node]:
    """The RESOLVERS entry for TargetKind.CLOUDFORMATION."""
    out: list[Node] = []
    contexts: dict[int, _Context] = {}
    for node in doc.nodes:
        parameters = node.meta.get("parameters")
        key = id(parameters)
        if key not in contexts:
            contexts[key] = _Context(parameters if isinstance(parameters, Mapping) else {}, node.meta.get("conditions") or {})
        context = contexts[key]
        if not isinstance(node.value, dict):
            out.append(node)
            continue
        condition = node.value.get("Condition")
        if isinstance(condition, str) and context.condition(condition) is False:
            continue  # the resource is not created with the template's defaults
        value = context.resolve(node.value, 0)
        out.append(Node(node.ref, node.kind, value if isinstance(value, dict) else node.value, node.span, node.positions, node.meta))
    return out


class _Context:
    def __init__(self, parameters: Mapping[str, Any], conditions: Mapping[str, Any]) -> None:
        self.parameters = parameters
        self.conditions = conditions if isinstance(conditions, Mapping) else {}
        self._condition_values: dict[str, bool | None] = {}
        self._in_progress: set[str] = set()

    def parameter(self, name: str) -> Any:
        spec = self.parameters.get(name)
        if isinstance(spec, Mapping) and "Default" in spec:
            default = spec["Default"]
            if isinstance(default, (str, int, float, bool)):
                return default
        return None

    def resolve(self, value: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            return value
        if isinstance(value, list):
            items = [self.resolve(v, depth + 1) for v in value]
            return [v for v in items if v is not _NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref" or (isinstance(key, str) and key.startswith("Fn::")):
                return self._intrinsic(key, arg, value, depth)
        out: dict[Any, Any] = {}
        for k, v in value.items():
            resolved = self.resolve(v, depth + 1)
            if resolved is not _NO_VALUE:
                out[k] = resolved
        return out

    def _intrinsic(self, key: str, arg: Any, original: dict[Any, Any], depth: int) -> Any:
        if key == "Ref":
            if arg == "AWS::NoValue":
                return _NO_VALUE
            found = self.parameter(arg) if isinstance(arg, str) else None
            return found if found is not None else original
        if key == "Fn::Sub":
            return self._sub(arg, original, depth)
        if key == "Fn::If" and isinstance(arg, list) and len(arg) == 3:
            decided = self.condition(arg[0]) if isinstance(arg[0], str) else None
            if decided is not None:
                return self.resolve(arg[1] if decided else arg[2], depth + 1)
            left, right = self.resolve(arg[1], depth + 1), self.resolve(arg[2], depth + 1)
            return left if left == right and left is not _NO_VALUE else original
        if key == "Fn::Join" and isinstance(arg, list) and len(arg) == 2:
            items = self.resolve(arg[1], depth + 1)
            if isinstance(arg[0], str) and isinstance(items, list) and all(isinstance(i, (str, int, float)) and not isinstance(i, bool) for i in items):
                return arg[0].join(str(i) for i in items)
            return original
        if key == "Fn::Select" and isinstance(arg, list) and len(arg) == 2:
            index, items = self.resolve(arg[0], depth + 1), self.resolve(arg[1], depth + 1)
            try:
                position = int(index)
            except (TypeError, ValueError):
                return original
            if isinstance(items, list) and 0 <= position < len(items) and not _intrinsic(items[position]):
                return items[position]
            return original
        # GetAtt, ImportValue, FindInMap, GetAZs, Base64, ...: known only at deploy time.
        return {key: self.resolve(arg, depth + 1)} if isinstance(arg, (list, dict)) else original

    def _sub(self, arg: Any, original: dict[Any, Any], depth: int) -> Any:
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and isinstance(arg[1], Mapping):
            template, variables = arg[0], {k: self.resolve(v, depth + 1) for k, v in arg[1].items()}
        elif isinstance(arg, str):
            template, variables = arg, {}
        else:
            return original

        def substitute(found: re.Match[str]) -> str:
            name = found.group(1)
            if name in variables and isinstance(variables[name], (str, int, float)) and not isinstance(variables[name], bool):
                return str(variables[name])
            value = self.parameter(name)
            if value is not None and not isinstance(value, bool):
                return str(value)
            return found.group(0)

        text = _SUB_NAME.sub(substitute, template.replace("${!", "\0"))
        return text.replace("\0", "${!") if "${" in text else text.replace("\0", "${")

    def condition(self, name: str) -> bool | None:
        if name in self._condition_values:
            return self._condition_values[name]
        if name in self._in_progress or name not in self.conditions:
            return None
        self._in_progress.add(name)
        try:
            value = self._truth(self.conditions[name], 0)
        finally:
            self._in_progress.discard(name)
        self._condition_values[name] = value
        return value

    def _truth(self, expr: Any, depth: int) -> bool | None:
        if depth > MAX_DEPTH or not isinstance(expr, dict) or len(expr) != 1:
            return None
        (key, arg), = expr.items()
        if key == "Condition" and isinstance(arg, str):
            return self.condition(arg)
        if key == "Fn::Equals" and isinstance(arg, list) and len(arg) == 2:
            left, right = (self.resolve(a, depth + 1) for a in arg)
            if _intrinsic(left) or _intrinsic(right) or isinstance(left, (dict, list)) or isinstance(right, (dict, list)):
                return None
            return _scalar(left) == _scalar(right)
        if key == "Fn::Not" and isinstance(arg, list) and len(arg) == 1:
            inner = self._truth(arg[0], depth + 1)
            return None if inner is None else not inner
        if key in ("Fn::And", "Fn::Or") and isinstance(arg, list):
            values = [self._truth(a, depth + 1) for a in arg]
            if key == "Fn::And":
                return False if False in values else (None if None in values else True)
            return True if True in values else (None if None in values else False)
        return None


def _intrinsic(value: Any) -> bool:
    if isinstance(value, str):
        return "${" in value
    return isinstance(value, dict) and len(value) == 1 and any(k == "Ref" or str(k).startswith("Fn::") for k in value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
