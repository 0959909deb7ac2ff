"""The declarative condition language of rule YAML, evaluated with three-valued logic.

A leaf names a dotted `path` into a node's value and one operator: `exists`, `absent`,
`truthy`, `equals`, `not-equals`, `in`, `not-in`, `contains`, `regex`, `not-regex`, `gt`,
`gte`, `lt`, `lte`. Leaves combine with `all`, `any` and `not`.

Paths fan out: `*` takes every element of a list or value of a mapping, and a name applied
to a list applies to each element (so `ingress.cidr_blocks` reads every ingress block, the
way Terraform nested blocks and Kubernetes container lists are written). A leaf over many
values holds when any of them satisfies it, or all of them with `quantifier: all`.

A value the scanner could not resolve (a Terraform `${var.x}` it could not substitute, a
CloudFormation `{"Ref": ...}`) makes a leaf *unknown* (`None`), never true or false, so an
unresolved value is never reported as compliant. `all`/`any`/`not` follow Kleene's logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Mapping, Sequence

from hms_policy.targets.document import split_path

Tri = bool | None
PathKey = tuple[Any, ...]

_OPERATORS = (
    "exists", "absent", "truthy", "equals", "not-equals", "in", "not-in", "contains",
    "regex", "not-regex", "gt", "gte", "lt", "lte",
)
_INTRINSIC_KEYS = ("Ref", "Condition")


class Unresolved:
    """A value that stands for something the scanner could not work out."""

    __slots__ = ("expression",)

    def __init__(self, expression: str) -> None:
        self.expression = expression

    def __repr__(self) -> str:
        return f"Unresolved({self.expression!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unresolved) and other.expression == self.expression

    def __hash__(self) -> int:
        return hash(self.expression)


def is_unresolved(value: Any) -> bool:
    if isinstance(value, Unresolved):
        return True
    if isinstance(value, str):
        return "${" in value
    if isinstance(value, Mapping) and len(value) == 1:
        (key,) = value
        return isinstance(key, str) and (key in _INTRINSIC_KEYS or key.startswith("Fn::"))
    return False


@dataclass(frozen=True, slots=True)
class Outcome:
    result: Tri
    path: PathKey  # the value that decided it, for pointing at a line


def evaluate(condition: Mapping[str, Any], value: Any) -> Outcome:
    if "all" in condition:
        return _all([evaluate(c, value) for c in condition["all"]])
    if "any" in condition:
        return _any([evaluate(c, value) for c in condition["any"]])
    if "not" in condition:
        inner = evaluate(condition["not"], value)
        return Outcome(None if inner.result is None else not inner.result, inner.path)
    return _leaf(condition, value)


def _all(outcomes: Sequence[Outcome]) -> Outcome:
    for o in outcomes:
        if o.result is False:
            return o
    for o in outcomes:
        if o.result is None:
            return o
    return Outcome(True, outcomes[-1].path if outcomes else ())


def _any(outcomes: Sequence[Outcome]) -> Outcome:
    for o in outcomes:
        if o.result is True:
            return o
    for o in outcomes:
        if o.result is None:
            return o
    return Outcome(False, outcomes[0].path if outcomes else ())


@dataclass(frozen=True, slots=True)
class _Resolved:
    values: list[tuple[PathKey, Any]]
    blocked: PathKey | None  # where the walk hit an unresolved value, if it did


def resolve(value: Any, dotted: str) -> _Resolved:
    """Every (path, value) `dotted` reaches in `value`."""
    current: list[tuple[PathKey, Any]] = [((), value)]
    blocked: PathKey | None = None
    for part in _parts(dotted):
        nxt: list[tuple[PathKey, Any]] = []
        for path, item in current:
            for step in _step(path, item, part):
                if step is _BLOCKED:
                    blocked = blocked or path
                else:
                    nxt.append(step)  # type: ignore[arg-type]
        current = nxt
    return _Resolved(current, blocked)


_BLOCKED = object()


@lru_cache(maxsize=4096)
def _parts(dotted: str) -> tuple[Any, ...]:
    return tuple(split_path(dotted))


def _step(path: PathKey, item: Any, part: Any) -> Iterator[Any]:
    if is_unresolved(item):
        yield _BLOCKED
        return
    if part == "*":
        if isinstance(item, Mapping):
            yield from (((*path, k), v) for k, v in item.items())
        elif isinstance(item, list):
            yield from (((*path, i), v) for i, v in enumerate(item))
        return
    if isinstance(item, Mapping):
        if part in item:
            yield (*path, part), item[part]
        return
    if isinstance(item, list):
        if isinstance(part, int):
            if -len(item) <= part < len(item):
                yield (*path, part), item[part]
            return
        for i, element in enumerate(item):
            yield from _step((*path, i), element, part)


def _leaf(condition: Mapping[str, Any], value: Any) -> Outcome:
    dotted = condition["path"]
    op = next((name for name in _OPERATORS if name in condition), None)
    if op is None:
        raise ValueError(f"condition on {dotted!r} has no operator")
    expected = condition[op]
    found = resolve(value, dotted)
    present = [(p, v) for p, v in found.values if v is not None]
    unknown_at = found.blocked
    first_path = present[0][0] if present else (unknown_at or tuple(_parts(dotted)))

    if op in ("exists", "absent"):
        if present:
            return Outcome(op == "exists", first_path)
        if unknown_at is not None:
            return Outcome(None, unknown_at)
        return Outcome(op == "absent", first_path)

    if not present:
        # A missing value satisfies no comparison; an unreachable one is unknown.
        if unknown_at is not None:
            return Outcome(None, unknown_at)
        negative = op in ("not-equals", "not-in", "not-regex")
        return Outcome(negative, first_path)

    results: list[tuple[Tri, PathKey]] = [(_compare(op, v, expected), p) for p, v in present]
    if unknown_at is not None:
        results.append((None, unknown_at))
    if condition.get("quantifier", "any") == "all":
        for r, p in results:
            if r is False:
                return Outcome(False, p)
        for r, p in results:
            if r is None:
                return Outcome(None, p)
        return Outcome(True, results[0][1])
    for r, p in results:
        if r is True:
            return Outcome(True, p)
    for r, p in results:
        if r is None:
            return Outcome(None, p)
    return Outcome(False, results[0][1])


def _compare(op: str, actual: Any, expected: Any) -> Tri:
    if is_unresolved(actual):
        return None
    if op == "truthy":
        return _truthy(actual) == bool(expected)
    if op == "equals":
        return _equal(actual, expected)
    if op == "not-equals":
        return not _equal(actual, expected)
    if op == "in":
        return any(_equal(actual, e) for e in expected)
    if op == "not-in":
        return not any(_equal(actual, e) for e in expected)
    if op == "contains":
        if isinstance(actual, list):
            if any(is_unresolved(a) for a in actual) and not any(_equal(a, expected) for a in actual):
                return None
            return any(_equal(a, expected) for a in actual)
        if isinstance(actual, Mapping):
            return expected in actual
        return isinstance(actual, str) and str(expected) in actual
    if op in ("regex", "not-regex"):
        if isinstance(actual, (Mapping, list)):
            return op == "not-regex"
        hit = _regex(expected).search(_text(actual)) is not None
        return hit if op == "regex" else not hit
    number = _number(actual)
    if number is None:
        return False
    limit = float(expected)
    return {"gt": number > limit, "gte": number >= limit, "lt": number < limit, "lte": number <= limit}[op]


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "0", "no", "off", "null", "none")
    return bool(value)


def _equal(actual: Any, expected: Any) -> bool:
    """Equality as a reviewer reads IaC: "true" equals true, "443" equals 443."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return _text(actual).strip().lower() == _text(expected).lower()
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        number = _number(actual)
        return number is not None and number == float(expected)
    if isinstance(expected, str) and isinstance(actual, (int, float)):
        return _text(actual) == expected
    return bool(actual == expected)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def bind_parameters(spec: Any, lookup: Any) -> Any:
    """Replace every `{from_pack: name, default: d}` in a match spec by `lookup(name, d)`."""
    if isinstance(spec, Mapping):
        if "from_pack" in spec and set(spec) <= {"from_pack", "default"}:
            return lookup(spec["from_pack"], spec.get("default"))
        return {k: bind_parameters(v, lookup) for k, v in spec.items()}
    if isinstance(spec, list):
        return [bind_parameters(v, lookup) for v in spec]
    return spec


def uses_pack_parameters(spec: Any) -> bool:
    if isinstance(spec, Mapping):
        if "from_pack" in spec and set(spec) <= {"from_pack", "default"}:
            return True
        return any(uses_pack_parameters(v) for v in spec.values())
    if isinstance(spec, list):
        return any(uses_pack_parameters(v) for v in spec)
    return False
