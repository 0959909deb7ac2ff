"""The Terraform built-in functions static evaluation can run: pure ones over known values.

Functions that read files, the clock, randomness or the network (`file`, `templatefile`,
`timestamp`, `uuid`, ...) are absent on purpose: a call to them evaluates to unknown.
A function that fails on its arguments (a type error, a missing key) also gives unknown,
never an exception.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from hms_policy.targets.terraform.evaluate import (
    MAX_ITEMS,
    Evaluator,
    Unknown,
    contains_unknown,
    is_known,
    to_bool,
    to_number,
    to_plain,
    to_string,
)
from hms_policy.targets.terraform.hclast import Call


def _flatten(value: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in value:
        if isinstance(item, list):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _distinct(value: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in value:
        if item not in out:
            out.append(item)
    return out


def _toset(value: list[Any]) -> list[Any]:
    items = _distinct(list(value))
    if all(isinstance(i, str) for i in items):
        return sorted(items)
    return items


def _lookup(mapping: Any, key: Any, *default: Any) -> Any:
    if not isinstance(mapping, dict):
        raise TypeError("lookup needs a map")
    key = to_string(key)
    if key in mapping:
        return mapping[key]
    if default:
        return default[0]
    raise KeyError(key)


def _merge(*maps: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in maps:
        if item is None:
            continue
        if not isinstance(item, dict):
            raise TypeError("merge needs maps")
        out.update(item)
    return out


def _element(items: list[Any], index: Any) -> Any:
    if not items:
        raise IndexError("element of an empty list")
    return items[int(to_number(index)) % len(items)]


def _length(value: Any) -> int:
    if isinstance(value, (list, dict, str)):
        return len(value)
    raise TypeError("length of a scalar")


def _range(*args: Any) -> list[Any]:
    numbers = [to_number(a) for a in args]
    start, stop, step = (0, numbers[0], 1) if len(numbers) == 1 else (numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else 1)
    if step == 0 or abs((stop - start) / step) > MAX_ITEMS:
        raise ValueError("range too large")
    out = []
    value = start
    while (step > 0 and value < stop) or (step < 0 and value > stop):
        out.append(value)
        value += step
    return out


def _format(spec: Any, *args: Any) -> str:
    """%s %d %v %q and %% only; widths and precisions are not evaluated."""
    spec = to_string(spec)
    values = iter(args)
    out: list[str] = []
    i = 0
    while i < len(spec):
        ch = spec[i]
        if ch != "%":
            out.append(ch)
            i += 1
            continue
        verb = spec[i + 1 : i + 2]
        if verb == "%":
            out.append("%")
        elif verb in ("s", "v", "d"):
            value = next(values)
            out.append(to_string(int(to_number(value))) if verb == "d" else to_string(value))
        elif verb == "q":
            out.append(json.dumps(to_string(next(values))))
        else:
            raise ValueError("unsupported format verb")
        i += 2
    return "".join(out)


def _replace(text: Any, search: Any, replacement: Any) -> str:
    text, search, replacement = to_string(text), to_string(search), to_string(replacement)
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        pattern = re.compile(search[1:-1])
        replaced: str = pattern.sub(re.sub(r"\$\{?(\d+)\}?", r"\\\1", replacement), text)
        return replaced
    plain: str = text.replace(search, replacement)
    return plain


def _jsonencode(value: Any) -> str:
    return json.dumps(to_plain(value), separators=(",", ":"), ensure_ascii=False)


def _jsondecode(text: Any) -> Any:
    return json.loads(to_string(text))


def _coalesce(*values: Any) -> Any:
    for value in values:
        if value is not None and value != "":
            return value
    raise ValueError("no non-null argument")


def _coalescelist(*values: Any) -> Any:
    for value in values:
        if isinstance(value, list) and value:
            return value
    return []


def _zipmap(keys: list[Any], values: list[Any]) -> dict[str, Any]:
    return {to_string(k): v for k, v in zip(keys, values)}


def _slice(items: list[Any], start: Any, end: Any) -> list[Any]:
    return items[int(to_number(start)) : int(to_number(end))]


def _one(items: list[Any]) -> Any:
    if len(items) > 1:
        raise ValueError("one() of more than one element")
    return items[0] if items else None


def _substr(text: Any, offset: Any, length: Any) -> str:
    text = to_string(text)
    start = int(to_number(offset))
    count = int(to_number(length))
    part: str = text[start:] if count < 0 else text[start : start + count]
    return part


def _tobool(value: Any) -> Any:
    return None if value is None else to_bool(value)


def _tonumber(value: Any) -> Any:
    return None if value is None else to_number(value)


def _tostring(value: Any) -> Any:
    return None if value is None else to_string(value)


def _keys(mapping: Any) -> list[str]:
    if not isinstance(mapping, dict):
        raise TypeError("keys needs a map")
    return sorted(mapping)


def _values(mapping: Any) -> list[Any]:
    if not isinstance(mapping, dict):
        raise TypeError("values needs a map")
    return [mapping[k] for k in sorted(mapping)]


def _split(separator: Any, text: Any) -> list[str]:
    return to_string(text).split(to_string(separator))


def _join(separator: Any, *lists: Any) -> str:
    items = [to_string(x) for item in lists for x in item]
    return to_string(separator).join(items)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": lambda x: abs(to_number(x)),
    "alltrue": lambda items: all(to_bool(i) for i in items),
    "anytrue": lambda items: any(to_bool(i) for i in items),
    "ceil": lambda x: -int(-to_number(x) // 1),
    "chomp": lambda s: to_string(s).rstrip("\r\n"),
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "compact": lambda items: [i for i in items if i not in (None, "")],
    "concat": lambda *lists: [x for item in lists for x in item],
    "contains": lambda items, value: value in items,
    "distinct": _distinct,
    "element": _element,
    "endswith": lambda s, suffix: to_string(s).endswith(to_string(suffix)),
    "flatten": _flatten,
    "floor": lambda x: int(to_number(x) // 1),
    "format": _format,
    "join": _join,
    "jsondecode": _jsondecode,
    "jsonencode": _jsonencode,
    "keys": _keys,
    "length": _length,
    "lookup": _lookup,
    "lower": lambda s: to_string(s).lower(),
    "max": lambda *xs: max(to_number(x) for x in xs),
    "merge": _merge,
    "min": lambda *xs: min(to_number(x) for x in xs),
    "one": _one,
    "range": _range,
    "replace": _replace,
    "reverse": lambda items: list(reversed(items)),
    "slice": _slice,
    "sort": lambda items: sorted(to_string(i) for i in items),
    "split": _split,
    "startswith": lambda s, prefix: to_string(s).startswith(to_string(prefix)),
    "strrev": lambda s: to_string(s)[::-1],
    "substr": _substr,
    "sum": lambda items: sum(to_number(i) for i in items),
    "title": lambda s: to_string(s).title(),
    "tobool": _tobool,
    "tolist": lambda items: list(items),
    "tomap": lambda m: dict(m),
    "tonumber": _tonumber,
    "toset": _toset,
    "tostring": _tostring,
    "trim": lambda s, chars: to_string(s).strip(to_string(chars)),
    "trimprefix": lambda s, p: to_string(s).removeprefix(to_string(p)),
    "trimspace": lambda s: to_string(s).strip(),
    "trimsuffix": lambda s, p: to_string(s).removesuffix(to_string(p)),
    "upper": lambda s: to_string(s).upper(),
    "values": _values,
    "zipmap": _zipmap,
}


def _try(evaluator: Evaluator, call: Call) -> Any:
    """try(a, b, ...): the first argument that evaluates; unknown if an earlier one is unknown
    (it might have succeeded)."""
    for arg in call.args:
        value = evaluator(arg)
        if not is_known(value):
            return evaluator.unknown(call)
        if not _failed(value):
            return value
    return evaluator.unknown(call)


def _failed(value: Any) -> bool:
    return isinstance(value, Unknown)


def _can(evaluator: Evaluator, call: Call) -> Any:
    if len(call.args) != 1:
        return evaluator.unknown(call)
    value = evaluator(call.args[0])
    return True if is_known(value) and not contains_unknown(value) else evaluator.unknown(call)


# Functions that decide themselves which arguments to evaluate.
LAZY_FUNCTIONS: dict[str, Callable[[Evaluator, Call], Any]] = {"try": _try, "can": _can}
